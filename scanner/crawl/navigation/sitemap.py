"""Start points a visitor reaches without links: sitemap.xml and robots.txt's Sitemap: lines."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from playwright.async_api import Error, Page

MAX_SITEMAPS = 10
MAX_URLS = 500
_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.IGNORECASE | re.DOTALL)
_INDEX = re.compile(r"<sitemapindex[\s>]", re.IGNORECASE)
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


def robots_sitemaps(text: str, base: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt (relative ones resolved against ``base``)."""
    return [urljoin(base, match) for match in _ROBOTS_SITEMAP.findall(text)]


def sitemap_locations(text: str) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index (read as text, no DTDs)."""
    locations = [html.unescape(loc) for loc in _LOC.findall(text)]
    locations = [loc for loc in locations if urlsplit(loc).scheme in ("http", "https")]
    return ([], locations) if _INDEX.search(text) else (locations, [])


async def sitemap_urls(page: Page, start: str) -> list[str]:
    """Page URLs from the start URL's /robots.txt sitemaps, or its /sitemap.xml.

    Fetched by ``page`` (showing a page of the same origin) without cookies, so the browser's
    own network settings apply and nothing is stored.
    """
    root = urljoin(start, "/")
    queue = robots_sitemaps(await _fetch(page, urljoin(root, "/robots.txt")), root)
    queue = queue or [urljoin(root, "/sitemap.xml")]
    pages: list[str] = []
    seen: set[str] = set()
    while queue and len(seen) < MAX_SITEMAPS and len(pages) < MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        found, nested = sitemap_locations(await _fetch(page, url))
        pages.extend(found)
        queue.extend(nested)
    return list(dict.fromkeys(pages))[:MAX_URLS]


async def _fetch(page: Page, url: str) -> str:
    """The body of ``url``, or "" when it is missing or fails (a sitemap is optional)."""
    try:
        return str(await page.evaluate(FETCH, url))
    except Error:
        return ""


FETCH = """async (url) => {
  try {
    const response = await fetch(url, {credentials: "omit", redirect: "follow"});
    return response.ok ? await response.text() : "";
  } catch (e) {
    return "";
  }
}"""
