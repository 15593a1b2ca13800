"""The validated settings of one scan, as every stage below the CLI receives them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scanner.crawl.options import CrawlSettings, HttpCredentials, LoginPlan, public_endpoint
from scanner.model import DEFAULT_STATES, ConsentState, Declarations, FirstPartyDomain, Severity


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Everything one scan needs, validated."""

    targets: tuple[str, ...]
    declarations: Declarations
    out_dir: Path
    states: tuple[ConsentState, ...] = DEFAULT_STATES
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    browser_path: str | None = None
    browser_endpoint: str | None = None
    block_third_party_cookies: bool = False
    user_agent: str | None = None
    locale: str = "en-US"
    viewport: tuple[int, int] = (1366, 768)
    resolve: tuple[str, ...] = ()
    ignore_https_errors: bool = False
    headless: bool = True
    fail_on: Severity | None = Severity.MEDIUM
    http_credentials: HttpCredentials | None = None
    extra_headers: tuple[tuple[str, str], ...] = ()
    sources: tuple[tuple[str, str], ...] = ()
    login: LoginPlan | None = None
    storage_state: str | None = None
    first_party: tuple[FirstPartyDomain, ...] = ()
    evidence: bool = False  # --evidence: HARs, screenshots and manifest.json in the folder
    har_dir: str | None = None  # where the crawl leaves the sealed HARs (a temporary folder)

    def report_settings(self) -> tuple[tuple[str, str], ...]:
        """The settings a report shows (secrets and header values never included)."""
        crawl = self.crawl
        credentials = self.http_credentials
        return (
            ("states", ",".join(s.value for s in self.states)),
            ("max_pages", str(crawl.max_pages)),
            ("depth", str(crawl.depth)),
            ("concurrency", str(crawl.concurrency)),
            ("third_party_cookies", "block" if self.block_third_party_cookies else "allow"),
            ("include", " ".join(crawl.include)),
            ("exclude", " ".join(crawl.exclude)),
            ("resolve", " ".join(self.resolve)),
            ("extra_headers", ", ".join(name for name, _ in self.extra_headers)),
            ("http_credentials", credentials.source if credentials else ""),
            ("user_agent", self.user_agent or "default Chrome"),
            ("locale", self.locale),
            ("viewport", "x".join(str(n) for n in self.viewport)),
            ("sitemap", "yes" if crawl.sitemap else "no"),
            ("login", _login_text(self.login)),
            ("storage_state", self.storage_state or ""),
            ("browser_endpoint", public_endpoint(self.browser_endpoint or "")),
        )


def _login_text(login: LoginPlan | None) -> str:
    """The login as a report shows it: the URL and the variables' names, never their values."""
    if login is None:
        return ""
    return f"{login.url} (fields from {', '.join(login.variables)})"
