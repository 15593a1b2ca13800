"""The marker is typed again only into pages that run a script that has not seen it yet."""

from __future__ import annotations

from scanner.crawl.collectors.keystrokes.scope import TypingScope


def test_the_first_page_with_a_field_is_always_typed_into() -> None:
    assert TypingScope().worth_typing(frozenset())


def test_a_page_with_only_tested_scripts_is_not_typed_into_again() -> None:
    scope = TypingScope()
    scope.typed(frozenset({"https://cdn.test/app.js", "inline:ab12"}))
    assert not scope.worth_typing(frozenset({"https://cdn.test/app.js"}))
    assert not scope.worth_typing(frozenset())


def test_a_new_script_or_new_inline_code_is_typed_into() -> None:
    scope = TypingScope()
    scope.typed(frozenset({"https://cdn.test/app.js"}))
    assert scope.worth_typing(frozenset({"https://cdn.test/app.js", "https://rec.test/r.js"}))
    assert scope.worth_typing(frozenset({"inline:cd34"}))
