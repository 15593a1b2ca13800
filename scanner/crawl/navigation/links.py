"""Same-site link discovery from rendered HTML, with URL normalisation for deduplication."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from scanner.crawl.navigation.urls import describe, split_url, url_problem
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import SkippedUrl

MAX_SKIPPED_PER_PAGE = 50
MAX_URL_IN_REPORT = 300
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl")
NON_HTML_SUFFIXES = (
    ".pdf",
    ".zip",
    ".gz",
    ".tar",
    ".rar",
    ".7z",
    ".exe",
    ".dmg",
    ".msi",
    ".apk",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".svg",
    ".ico",
    ".bmp",
    ".tif",
    ".tiff",
    ".mp3",
    ".mp4",
    ".webm",
    ".ogg",
    ".wav",
    ".mov",
    ".avi",
    ".css",
    ".js",
    ".json",
    ".xml",
    ".rss",
    ".atom",
    ".txt",
    ".csv",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".odt",
    ".ods",
    ".woff",
    ".woff2",
    ".ttf",
)


def normalize_url(url: str) -> str:
    """Canonical form for deduplication: no fragment, no tracking parameters, default port.

    Raises ``UrlProblem`` (a ``ValueError``) for a URL that cannot be crawled.
    """
    parts = split_url(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else (f"{host}:{port}")
    )
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PARAMS)
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def looks_like_html(url: str) -> bool:
    """False for URLs whose extension names a download or a non-page resource."""
    return not urlsplit(url).path.lower().endswith(NON_HTML_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Discovered:
    """The crawlable links of a page, and the link targets skipped as malformed."""

    links: tuple[str, ...]
    skipped: tuple[SkippedUrl, ...]


def discover_links(html: str, base_url: str) -> Discovered:
    """The links of an HTML document (``<a>`` and ``<area>``), as ``discover_hrefs``."""
    soup = BeautifulSoup(html, "html.parser")
    hrefs = [str(tag["href"]) for tag in soup.find_all(["a", "area"], href=True)]
    return discover_hrefs(hrefs, _base(soup, base_url), base_url)


def discover_hrefs(hrefs: Iterable[str], base: str, page_url: str | None = None) -> Discovered:
    """Absolute http(s) link targets of ``hrefs`` resolved against ``base``, normalised.

    Malformed targets (bad port, broken IPv6 brackets, no host ...) are skipped with the
    reason (at most MAX_SKIPPED_PER_PAGE of them are kept); they never raise.
    """
    found: list[str] = []
    skipped: dict[str, SkippedUrl] = {}
    for raw in hrefs:
        href = raw.strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        try:
            absolute = urljoin(base, href)
            if urlsplit(absolute).scheme in ("http", "https"):
                found.append(normalize_url(absolute))
        except ValueError as e:
            if len(skipped) < MAX_SKIPPED_PER_PAGE:
                short = href[:MAX_URL_IN_REPORT]
                skipped.setdefault(short, SkippedUrl(short, describe(e), page_url or base))
    return Discovered(tuple(dict.fromkeys(found)), tuple(skipped.values()))


def extract_links(html: str, base_url: str) -> list[str]:
    """The crawlable links of ``discover_links`` (malformed ones dropped)."""
    return list(discover_links(html, base_url).links)


def _base(soup: BeautifulSoup, page_url: str) -> str:
    """The document's base URL: its <base href> when that is usable, else the page URL."""
    base_tag = soup.find("base", href=True)
    if base_tag is None:
        return page_url
    try:
        base = urljoin(page_url, str(base_tag["href"]))
        split_url(base)
    except ValueError:
        return page_url
    return base


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    """Which discovered URLs a crawl follows."""

    site_domains: frozenset[str]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def follows(self, url: str) -> bool:
        """Same site, HTML-looking, matching --include (if any) and no --exclude."""
        if url_problem(url) is not None:
            return False
        if registrable_domain(host_of(url)) not in self.site_domains or not looks_like_html(url):
            return False
        if self.include and not any(fnmatch.fnmatchcase(url, p) for p in self.include):
            return False
        return not any(fnmatch.fnmatchcase(url, p) for p in self.exclude)
