"""Same-site link discovery from rendered HTML, with URL normalisation for deduplication."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from scanner.knowledge.domains import host_of, registrable_domain

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
    """Canonical form for deduplication: no fragment, no tracking parameters, default port."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
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


def extract_links(html: str, base_url: str) -> list[str]:
    """Absolute http(s) link targets of a document, in document order, normalised."""
    soup = BeautifulSoup(html, "html.parser")
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url, str(base_tag["href"])) if base_tag else base_url
    found: list[str] = []
    for tag in soup.find_all(["a", "area"], href=True):
        href = str(tag["href"]).strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        absolute = urljoin(base, href)
        if urlsplit(absolute).scheme in ("http", "https"):
            found.append(normalize_url(absolute))
    return list(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    """Which discovered URLs a crawl follows."""

    site_domains: frozenset[str]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def follows(self, url: str) -> bool:
        """Same site, HTML-looking, matching --include (if any) and no --exclude."""
        if registrable_domain(host_of(url)) not in self.site_domains or not looks_like_html(url):
            return False
        if self.include and not any(fnmatch.fnmatchcase(url, p) for p in self.include):
            return False
        return not any(fnmatch.fnmatchcase(url, p) for p in self.exclude)
