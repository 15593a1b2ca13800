"""Cookies kept through the consent choice: written before it, unchanged and still sent after."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from scanner.model import CookieRecord, KeptCookie, Phase, SetBy

Key = tuple[str, str, str]


@dataclass(slots=True)
class KeptCookies:
    """What one state learns about cookies across its consent choice.

    ``before``: cookies recorded before the choice (digest and page); ``rewritten``: those a
    write after the choice touched; ``sent``: pages whose requests carried each cookie after
    the choice; ``deletions``: scripts or responses that tried to delete a name after it.
    """

    before: dict[Key, tuple[str, str]] = field(default_factory=dict)
    rewritten: set[Key] = field(default_factory=set)
    sent: dict[Key, list[str]] = field(default_factory=dict)
    deletions: dict[str, list[str]] = field(default_factory=dict)

    def recorded(self, record: CookieRecord) -> None:
        """A cookie record was made: remember it if before the choice, else it was rewritten."""
        if record.phase is Phase.BEFORE_CONSENT:
            self.before.setdefault(record.key, (record.value_digest, record.page_url))
        elif record.set_by is not SetBy.UNKNOWN:
            self.rewritten.add(record.key)

    def deletion(self, name: str, setter: str) -> None:
        """A write after the choice that deletes ``name`` (whatever its domain attribute)."""
        setters = self.deletions.setdefault(name, [])
        if setter not in setters:
            setters.append(setter)

    def sent_with(self, cookies: Iterable[dict[str, Any]], page_url: str) -> None:
        """DevTools' associated cookies of a request made after the choice on ``page_url``."""
        for entry in cookies:
            cookie = entry.get("cookie", {})
            if entry.get("blockedReasons"):
                continue
            key = (str(cookie.get("name")), str(cookie.get("domain")), str(cookie.get("path")))
            pages = self.sent.setdefault(key, [])
            if page_url not in pages:
                pages.append(page_url)

    def kept(self, jar: Iterable[Any], digest: Any) -> tuple[KeptCookie, ...]:
        """Cookies of the final jar recorded before the choice, same value, never rewritten."""
        found = []
        for cookie in jar:
            key = (str(cookie["name"]), str(cookie["domain"]), str(cookie["path"]))
            before = self.before.get(key)
            if before is None or key in self.rewritten:
                continue
            if digest(str(cookie.get("value", ""))) != before[0]:
                continue
            sent, deletions = self.sent.get(key, []), self.deletions.get(key[0], [])
            found.append(KeptCookie(*key, *before, tuple(sent), tuple(deletions)))
        return tuple(found)
