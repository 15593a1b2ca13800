"""Read a loaded page's links in the browser (HTML documents only), bounded per page."""

from __future__ import annotations

from playwright.async_api import Page

from scanner.crawl.navigation.links import Discovered, discover_hrefs

MAX_LINKS_PER_PAGE = 5000
READ_LINKS = f"""() => ({{
  base: document.baseURI,
  hrefs: Array.from(document.querySelectorAll("a[href], area[href]"))
    .slice(0, {MAX_LINKS_PER_PAGE}).map((a) => String(a.getAttribute("href")))
}})"""


async def read_links(page: Page) -> Discovered | None:
    """The page's same-document links, normalised and with the malformed ones set aside;
    ``None`` for a document that is not HTML."""
    kind = await page.evaluate("document.contentType")
    if not str(kind).endswith("html"):
        return None
    found = await page.evaluate(READ_LINKS)
    hrefs = [str(h) for h in found.get("hrefs", [])]
    return discover_hrefs(hrefs, str(found.get("base") or page.url), page.url)
