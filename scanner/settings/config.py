"""The validated settings of one scan, as every stage below the CLI receives them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scanner.crawl.options import BrowserOptions, CrawlSettings, LoginPlan, public_endpoint
from scanner.model import DEFAULT_STATES, ConsentState, Declarations, FirstPartyDomain, Severity


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Everything one scan needs, validated.

    ``browser`` is the crawl's own record of how each state's browser is launched;
    ``browser_path`` is only where to look for one (the crawl resolves it into
    ``browser.executable``).
    """

    targets: tuple[str, ...]
    declarations: Declarations
    out_dir: Path
    states: tuple[ConsentState, ...] = DEFAULT_STATES
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    browser_path: str | None = None
    browser: BrowserOptions = field(default_factory=BrowserOptions)
    fail_on: Severity | None = Severity.MEDIUM
    sources: tuple[tuple[str, str], ...] = ()
    login: LoginPlan | None = None
    first_party: tuple[FirstPartyDomain, ...] = ()
    evidence: bool = False  # --evidence: HARs, screenshots and manifest.json in the folder
    report_language: str = "en"  # --report-language: HTML, Markdown, JUnit and SARIF texts

    def report_settings(self) -> tuple[tuple[str, str], ...]:
        """The settings a report shows (secrets and header values never included)."""
        crawl, browser = self.crawl, self.browser
        credentials = browser.http_credentials
        return (
            ("states", ",".join(s.value for s in self.states)),
            ("max_pages", str(crawl.max_pages)),
            ("depth", str(crawl.depth)),
            ("concurrency", str(crawl.concurrency)),
            ("third_party_cookies", "block" if browser.block_third_party_cookies else "allow"),
            ("include", " ".join(crawl.include)),
            ("exclude", " ".join(crawl.exclude)),
            ("resolve", " ".join(browser.resolve)),
            ("extra_headers", ", ".join(name for name, _ in browser.extra_headers)),
            ("http_credentials", credentials.source if credentials else ""),
            ("user_agent", browser.user_agent or "default Chrome"),
            ("locale", browser.locale),
            ("viewport", "x".join(str(n) for n in browser.viewport)),
            ("sitemap", "yes" if crawl.sitemap else "no"),
            ("login", _login_text(self.login)),
            ("storage_state", browser.storage_state or ""),
            ("browser_endpoint", public_endpoint(browser.endpoint)),
        )


def _login_text(login: LoginPlan | None) -> str:
    """The login as a report shows it: the URL and the variables' names, never their values."""
    if login is None:
        return ""
    return f"{login.url} (fields from {', '.join(login.variables)})"
