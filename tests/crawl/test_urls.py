def test_include_and_exclude_globs_that_look_like_broken_urls_never_raise() -> None:
    policy = LinkPolicy(frozenset({"shop.test"}), ("http://[::1/*", "*:99999/*"), ("[",))
    assert not policy.follows("https://www.shop.test/a")
    assert not policy.follows("http://www.shop.test:99999/a")
    assert LinkPolicy(frozenset({"shop.test"}), (), ("[",)).follows("https://www.shop.test/a")
