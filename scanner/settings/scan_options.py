"""The scan options every scanning command shares, with their built-in defaults."""

from __future__ import annotations

import argparse

from scanner.report import OutputFormat
from scanner.report.console.stdout import OutputStyle
from scanner.settings.env import Builtin, register_defaults

THIRD_PARTY_CHOICES = ("allow", "block")
INTERACTION_CHOICES = ("none", "basic", "full")
FORMAT_CHOICES = tuple(f.value for f in OutputFormat)
OUTPUT_CHOICES = tuple(s.value for s in OutputStyle)
# Built-in defaults: flags > COOKIESCAN_* > policy in the declared file > these.
BUILTIN_DEFAULTS: dict[str, Builtin] = {
    "urls": Builtin([], None),
    "declared": Builtin(None, None),
    "out": Builtin("reports", None),
    "formats": Builtin(None, FORMAT_CHOICES),
    "fail_on": Builtin("medium", None),
    "baseline": Builtin(None, None),
    "fail_on_new": Builtin(False, None),
    "report_language": Builtin("en", None),
    "output": Builtin(OutputStyle.AUTO.value, OUTPUT_CHOICES),
    "states": Builtin("none,accept,reject", None),
    "max_pages": Builtin(20, None),
    "depth": Builtin(2, None),
    "include": Builtin([], None),
    "exclude": Builtin([], None),
    "concurrency": Builtin(3, None),
    "timeout": Builtin(30.0, None),
    "settle": Builtin(2.0, None),
    "banner_wait": Builtin(5.0, None),
    "interaction": Builtin("full", INTERACTION_CHOICES),
    "dwell": Builtin(5.0, None),
    "browser_path": Builtin(None, None),
    "browser_endpoint": Builtin(None, None),
    "resolve": Builtin([], None),
    "ignore_https_errors": Builtin(False, None),
    "third_party_cookies": Builtin("allow", THIRD_PARTY_CHOICES),
    "user_agent": Builtin(None, None),
    "locale": Builtin("en-US", None),
    "viewport": Builtin("1366x768", None),
    "headed": Builtin(False, None),
    "http_credentials": Builtin(None, None),
    "headers": Builtin([], None),
    "storage_state": Builtin(None, None),
    "sitemap": Builtin(False, None),
    "urls_file": Builtin(None, None),
    "first_party": Builtin([], None),
    "evidence": Builtin(False, None),
}


def add_scan_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `scan` and `demo`."""
    out = parser.add_argument_group("output")
    out.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="reports folder (reports/): each scan goes into <site>-<UTC time>/, copied to "
        "latest/, and index.html lists them all",
    )
    out.add_argument(
        "--format",
        dest="formats",
        action="append",
        metavar="FORMAT",
        choices=[f.value for f in OutputFormat],
        help="report format, repeatable: terminal, json, html, sarif, junit, markdown "
        "(default: terminal, json, html and markdown; json is always written)",
    )
    out.add_argument(
        "--fail-on",
        default=None,
        metavar="SEVERITY",
        help="exit 1 when a finding is at or above this severity: info, low, "
        "medium (default), high, or never",
    )
    out.add_argument(
        "--baseline",
        metavar="REPORT",
        default=None,
        help="a previous report.json (or its folder): mark findings new, unchanged or "
        "resolved, and cookies and third parties appeared or disappeared",
    )
    out.add_argument(
        "--fail-on-new",
        action="store_true",
        default=None,
        help="with --baseline: exit 1 only for new findings at or above --fail-on",
    )
    out.add_argument(
        "--report-language",
        metavar="LANG",
        default=None,
        help="language of the HTML and Markdown reports and of JUnit/SARIF texts: "
        "en (default), de, fr, es, it, nl, pl, sq; the terminal stays English",
    )
    out.add_argument(
        "--output",
        default=None,
        choices=OUTPUT_CHOICES,
        help="summary on stdout: table, plain (one line per finding, for CI logs and grep), "
        "fixes (the fix list: per tag, header or vendor, what it does wrong and the gate to add) "
        "or auto (default: plain when stdout is not a terminal)",
    )
    out.add_argument(
        "--evidence",
        action="store_true",
        default=None,
        help="keep an evidence package in the report folder: each state's network log as HAR "
        "(no bodies; cookie and credential values digested), the banner screenshots, and "
        "manifest.json (SHA-256 of every file, versions, settings); see verify-evidence",
    )
    crawl = parser.add_argument_group("crawl")
    crawl.add_argument(
        "--states",
        default=None,
        help="consent states: any of none,accept,reject,gpc,gpc-accept",
    )
    crawl.add_argument("--max-pages", type=int, default=None, help="pages per state (20)")
    crawl.add_argument("--depth", type=int, default=None, help="link depth from the start URLs (2)")
    crawl.add_argument(
        "--include",
        action="append",
        default=None,
        metavar="GLOB",
        help="only follow URLs matching this glob (repeatable)",
    )
    crawl.add_argument(
        "--first-party",
        action="append",
        default=None,
        metavar="DOMAIN",
        help="also treat this registrable domain as first party (repeatable), for brands "
        "serving from several domains; the landed site, the start URL's and site:'s always are",
    )
    crawl.add_argument(
        "--exclude",
        action="append",
        default=None,
        metavar="GLOB",
        help="never follow URLs matching this glob (repeatable)",
    )
    crawl.add_argument(
        "--sitemap",
        action="store_true",
        default=None,
        help="also start from the URLs of the site's sitemap.xml (and robots.txt Sitemap: lines)",
    )
    crawl.add_argument(
        "--urls",
        dest="urls_file",
        metavar="FILE",
        default=None,
        help="also start from the URLs in FILE (one per line, # comments)",
    )
    crawl.add_argument(
        "--concurrency",
        type=int,
        default=None,
        help="pages at once in the whole scan, all states (3)",
    )
    crawl.add_argument("--timeout", type=float, default=None, help="page load timeout, s (30)")
    crawl.add_argument(
        "--settle",
        type=float,
        default=None,
        help="max wait for network idle after load and consent, s (2)",
    )
    crawl.add_argument(
        "--banner-wait",
        type=float,
        default=None,
        help="max wait for a consent banner control, s (5)",
    )
    crawl.add_argument(
        "--interaction",
        default=None,
        choices=INTERACTION_CHOICES,
        help="what the scanner does on each page as a visitor: none; basic (pointer movement "
        "and a key press); full (also a scroll to the bottom and back; the default)",
    )
    crawl.add_argument(
        "--dwell",
        type=float,
        default=None,
        help="the most to stay on a state's landing page for its pending timers (late tags), "
        "s (5); other pages get a fifth of it; 0 turns it off",
    )
    browser = parser.add_argument_group("browser")
    browser.add_argument("--browser-path", default=None, help="Chromium/Chrome executable")
    browser.add_argument(
        "--browser-endpoint",
        default=None,
        metavar="URL",
        help="use a running Chrome over CDP (http://host:9222 or ws://...) instead of "
        "launching one; states run one after another, each after wiping the browser",
    )
    browser.add_argument(
        "--resolve",
        action="append",
        default=None,
        metavar="HOST=IP",
        help="map a host (globs allowed) to an IP, e.g. '*.test=127.0.0.1'",
    )
    browser.add_argument(
        "--ignore-https-errors",
        action="store_true",
        default=None,
        help="accept invalid certificates (staging)",
    )
    browser.add_argument(
        "--third-party-cookies",
        choices=("allow", "block"),
        default=None,
        help="allow (default, like a default Chrome user) or block",
    )
    browser.add_argument("--user-agent", default=None, help="user agent (default: normal Chrome)")
    browser.add_argument("--locale", default=None, help="browser locale (en-US)")
    browser.add_argument("--viewport", default=None, help="WIDTHxHEIGHT (1366x768)")
    browser.add_argument(
        "--headed", action="store_true", default=None, help="show the browser window"
    )
    browser.add_argument(
        "--http-credentials",
        metavar="ENVVAR",
        default=None,
        help="HTTP basic auth for the first URL's origin (staging): the NAME of an environment "
        "variable holding USER:PASSWORD",
    )
    browser.add_argument(
        "--header",
        dest="headers",
        action="append",
        default=None,
        metavar="'NAME: VALUE'",
        help="extra HTTP header sent with every request, third parties too (repeatable)",
    )
    browser.add_argument(
        "--storage-state",
        metavar="FILE",
        default=None,
        help="start every state signed in: a Playwright storage-state JSON file (cookies, "
        "localStorage), e.g. saved by the team's login test",
    )
    register_defaults(parser, BUILTIN_DEFAULTS)
