"""How a crawl runs and how its browser is launched: plain records, no Playwright."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from scanner.model import FirstPartyDomain

INTERACTION_LEVELS = ("none", "basic", "full")
DWELL_OTHER = 0.2  # the share of the dwell bound given to pages other than the landing page


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    """Limits and timings of a crawl."""

    max_pages: int = 20
    depth: int = 2
    concurrency: int = 3
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    page_timeout_s: float = 30.0
    settle_s: float = 2.0
    banner_wait_s: float = 5.0
    sitemap: bool = False
    first_party: tuple[FirstPartyDomain, ...] = ()
    interaction: str = "full"  # none | basic | full (collectors.visitor)
    dwell_s: float = 5.0  # landing pages; DWELL_OTHER of it elsewhere


@dataclass(frozen=True, slots=True)
class HttpCredentials:
    """HTTP basic auth for one origin (a staging host); the password never shows in a repr.

    ``source`` names the environment variable it was read from, for reports.
    """

    username: str
    password: str = field(repr=False)
    origin: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class BrowserOptions:
    """How each consent state's browser is launched."""

    executable: str = ""
    headless: bool = True
    block_third_party_cookies: bool = False
    user_agent: str | None = None
    locale: str = "en-US"
    viewport: tuple[int, int] = (1366, 768)
    resolve: tuple[str, ...] = ()
    ignore_https_errors: bool = False
    extra_args: tuple[str, ...] = field(default=())
    http_credentials: HttpCredentials | None = None
    extra_headers: tuple[tuple[str, str], ...] = ()
    trace_dir: str | None = None
    har_dir: str | None = None  # --evidence: each context's sealed HAR goes here
    har_path: str | None = None  # the HAR of the context being opened (set per context)
    storage_state: str | None = None
    endpoint: str = ""
    browser_version: str = ""  # the full version, for the client hints (identity.py)


@dataclass(frozen=True, slots=True)
class LoginPlan:
    """Signing in before the crawl: the declared steps with the values read from the
    environment (never shown in a repr, never written to a report)."""

    url: str
    fields: tuple[tuple[str, str], ...] = field(repr=False)
    submit: str
    success_url: str | None = None
    success_selector: str | None = None
    variables: tuple[str, ...] = ()
    wait_s: float = 5.0


def public_endpoint(url: str) -> str:
    """A browser endpoint fit for a report: no user, password, query (tokens) or fragment."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
