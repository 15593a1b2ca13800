"""Read web storage keys (never values) from every frame of a page."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Error, Page

from scanner.model import StorageKind

_READ_STORAGE = """() => {
  const read = (area) => {
    const keys = [];
    try {
      const store = window[area];
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        keys.push([key, (store.getItem(key) || "").length]);
      }
    } catch (e) { /* storage blocked in this frame */ }
    return keys;
  };
  return { origin: location.origin, local: read("localStorage"), session: read("sessionStorage") };
}"""


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
