"""Where typing the key-logging marker can show something new: pages with scripts not yet tested.

Typing and waiting for what it makes scripts send costs a second or more per page. A page whose
scripts (every external script by address, every inline script by content) all ran on a page
where this state's marker was already typed cannot send the marker anywhere new, so it is not
typed into again. A page with any new script is.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable

from playwright.async_api import Error, Page

# Inline scripts of every frame of the page, as text (bounded).
_INLINE = """() => Array.from(document.scripts).filter((s) => !s.src)
  .slice(0, 200).map((s) => (s.text || '').slice(0, 20000))"""


async def page_scripts(page: Page, requested: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The page's scripts: external ones by URL without query (from ``requested``, pairs of
    resource type and URL), inline ones by a digest of their text, in every frame."""
    scripts = {url.partition("?")[0] for kind, url in requested if kind == "script"}
    for frame in page.frames:
        with contextlib.suppress(Error):
            for text in await frame.evaluate(_INLINE):
                digest = hashlib.sha256(str(text).encode()).hexdigest()[:16]
                scripts.add(f"inline:{digest}")
    return frozenset(scripts)


class TypingScope:
    """The scripts of the pages the marker was typed into, in one state."""

    def __init__(self) -> None:
        self._tested: set[str] = set()
        self._typed = False

    def worth_typing(self, scripts: frozenset[str]) -> bool:
        """Whether ``scripts`` include one that has not seen the marker typed yet."""
        return not self._typed or not scripts <= self._tested

    def typed(self, scripts: frozenset[str]) -> None:
        """The marker was typed into a page running ``scripts``."""
        self._typed = True
        self._tested |= scripts
