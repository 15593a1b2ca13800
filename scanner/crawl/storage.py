"""Read web storage keys (never values) from every frame of a page, at most MAX_KEYS per area."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Error, Page

from scanner.model import StorageKind

MAX_KEYS = 1000
MAX_KEY_LENGTH = 300
_READ_STORAGE = f"""() => {{
  const read = (area) => {{
    const keys = [];
    try {{
      const store = window[area];
      for (let i = 0; i < Math.min(store.length, {MAX_KEYS}); i++) {{
        const key = store.key(i);
        keys.push([key.slice(0, {MAX_KEY_LENGTH}), (store.getItem(key) || "").length]);
      }}
    }} catch (e) {{ /* storage blocked in this frame */ }}
    return keys;
  }};
  const origin = location.origin;
  return {{ origin, local: read("localStorage"), session: read("sessionStorage") }};
}}"""


@dataclass(frozen=True, slots=True)
class StorageEntry:
    """One storage key in one frame's origin."""

    origin: str
    kind: StorageKind
    key: str
    value_length: int


async def read_storage(page: Page) -> list[StorageEntry]:
    """Storage keys of every http(s) frame of ``page``, including third-party frames."""
    entries: list[StorageEntry] = []
    for frame in page.frames:
        if not frame.url.startswith(("http://", "https://")):
            continue
        try:
            found = await frame.evaluate(_READ_STORAGE)
        except Error:
            continue
        for kind, field in ((StorageKind.LOCAL, "local"), (StorageKind.SESSION, "session")):
            for key, length in found.get(field, []):
                entries.append(StorageEntry(str(found["origin"]), kind, str(key), int(length)))
    return entries
