"""Link discovery and the crawl policy: normalisation, same-site, include/exclude, downloads."""

from __future__ import annotations

from scanner.crawl.navigation.links import LinkPolicy, extract_links, looks_like_html, normalize_url

HTML = """<html><head><base href="/shop/"></head><body>
<a href="item?id=1&utm_source=mail#top">item</a>
<a href="item?id=1">again</a>
<a href="mailto:x@y.z">mail</a><a href="javascript:void(0)">js</a><a href="#frag">frag</a>
<a href="https://cdn.other.test/x">other</a>
<area href="/map" />
</body></html>"""


def test_extract_resolves_base_and_dedupes() -> None:
    links = extract_links(HTML, "https://www.shop.test/index.html")
    assert links == [
        "https://www.shop.test/shop/item?id=1",
        "https://cdn.other.test/x",
        "https://www.shop.test/map",
    ]


def test_normalize_drops_fragment_tracking_and_default_port() -> None:
    assert normalize_url("HTTPS://WWW.Shop.test:443?gclid=1#x") == "https://www.shop.test/"
    assert normalize_url("https://shop.test:8443/a?b=1") == "https://shop.test:8443/a?b=1"


def test_downloads_are_not_pages() -> None:
    assert not looks_like_html("https://shop.test/catalogue.PDF")
    assert looks_like_html("https://shop.test/products/")


def test_policy_same_site_include_exclude() -> None:
    policy = LinkPolicy(frozenset({"shop.test"}), ("*/products/*",), ("*/products/secret*",))
    assert policy.follows("https://www.shop.test/products/widget")
    assert not policy.follows("https://www.shop.test/about")
    assert not policy.follows("https://www.shop.test/products/secret-sale")
    assert not policy.follows("https://tracker.test/products/x")
