"""Sample ScanResults for reporter tests: realistic, empty, huge and hostile.

Usage from any test module in ``tests/``::

    from samples import SAMPLES, hostile_scan, realistic_scan

    @pytest.mark.parametrize("name", sorted(SAMPLES))
    def test_renders(name: str) -> None:
        result = SAMPLES[name]()

Every builder is deterministic and returns a fresh ScanResult. To build your own, use the record
factories of ``sample_records`` (``cookie``, ``storage``, ``request``, ``tracker``, ``page``,
``finding``, ``meta``, ``declarations``), re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sample_records import (
    BROWSER,
    SITE,
    T0,
    TWO_YEARS,
    cookie,
    declarations,
    finding,
    meta,
    page,
    request,
    storage,
    tracker,
)

from scanner.judge import judge_scan
from scanner.knowledge import load_knowledge
from scanner.model import (
    BrowserRestart,
    ConsentEvidence,
    ConsentState,
    Declarations,
    FailureKind,
    Finding,
    Party,
    Phase,
    ScanResult,
    SetBy,
    Severity,
    SkippedUrl,
    StateResult,
    StorageKind,
)

__all__ = [
    "BROWSER",
    "HOSTILE_ANSI",
    "HOSTILE_HTML",
    "HOSTILE_MARKUP",
    "HOSTILE_STRINGS",
    "SAMPLES",
    "SITE",
    "cookie",
    "declarations",
    "empty_scan",
    "finding",
    "hostile_scan",
    "huge_scan",
    "meta",
    "page",
    "realistic_scan",
    "request",
    "storage",
    "tracker",
]

# Site-controlled text that must never be interpreted by a report: HTML, ANSI, rich markup,
# a bidi override, a forged new line, a rich emoji code and a rich link.
HOSTILE_HTML = "<img src=x onerror=alert(1)>"
HOSTILE_ANSI = "\x1b[31mred\x1b[0m"
HOSTILE_MARKUP = "[bold red]x[/]"
HOSTILE_OTHER = (
    "\u202eevil",
    "a\nFAKE: injected line",
    ":smile:",
    "[link=https://evil.test]go[/link]",
)
HOSTILE_STRINGS = (HOSTILE_HTML, HOSTILE_ANSI, HOSTILE_MARKUP, *HOSTILE_OTHER)


GA = "https://www.google-analytics.com/g/collect?v=2&tid=G-XYZ"
FB = "https://connect.facebook.net/en_US/fbevents.js"
FBP = dict(
    domain=".example.test",
    party=Party.FIRST,
    set_by=SetBy.SCRIPT,
    setter_url=FB,
    http_only=False,
    lifetime_requested=7_776_000,
    lifetime_stored=7_776_000,
    expires_stored=T0 + 7_776_000,
    raw_expiry="expires=Tue, 15 Apr 2025 10:00:00 GMT",
)


def _none_state() -> StateResult:
    home = page(
        ConsentState.NONE,
        cookies=(cookie(), cookie("_fbp", **FBP)),
        storage=(storage(),),
        requests=(request(), tracker(FB, "facebook.net"), tracker(GA, "google-analytics.com")),
    )
    failed = page(
        ConsentState.NONE,
        SITE + "broken",
        depth=1,
        final_url=None,
        status=None,
        title="",
        error="net::ERR_CONNECTION_REFUSED",
        duration=0.2,
    )
    products = page(
        ConsentState.NONE, SITE + "products", depth=1, requests=(request(SITE + "products"),)
    )
    evidence = ConsentEvidence(ConsentState.NONE, applied=False, detail="no consent action")
    return StateResult(ConsentState.NONE, evidence, (home, products, failed))


def _accept_state() -> StateResult:
    after = Phase.AFTER_CONSENT
    ga = cookie(
        "_ga",
        domain=".example.test",
        set_by=SetBy.SCRIPT,
        setter_url=GA,
        http_only=False,
        lifetime_requested=TWO_YEARS,
        lifetime_stored=34_560_000,
        expires_stored=T0 + 34_560_000,
        raw_expiry="max-age=63072000",
        phase=after,
    )
    home = page(
        ConsentState.ACCEPT,
        cookies=(cookie(), cookie("cookie_consent", phase=after), ga),
        storage=(storage("cart", kind=StorageKind.SESSION, phase=after, value_length=0),),
        requests=(request(), tracker(GA, "google-analytics.com", after)),
    )
    evidence = ConsentEvidence(
        ConsentState.ACCEPT,
        True,
        "declared",
        ("click #cc-accept",),
        "banner closed",
        SITE,
        T0 + 2.5,
    )
    return StateResult(ConsentState.ACCEPT, evidence, (home,))


def _reject_state() -> StateResult:
    after = Phase.AFTER_CONSENT
    dc = "https://ad.doubleclick.net/activity;src=1"
    home = page(
        ConsentState.REJECT,
        cookies=(
            cookie(),
            cookie(
                "IDE",
                domain=".doubleclick.net",
                party=Party.THIRD,
                same_site="None",
                phase=after,
                setter_url=dc,
            ),
        ),
        requests=(request(), tracker(dc, "doubleclick.net", after)),
    )
    evidence = ConsentEvidence(
        ConsentState.REJECT,
        False,
        "declared",
        ("click #cc-settings", "click #cc-reject"),
        "selector '#cc-reject' not visible after 5000 ms",
        SITE,
        None,
    )
    return StateResult(ConsentState.REJECT, evidence, (home,))


def _findings() -> tuple[Finding, ...]:
    accept, reject = ConsentState.ACCEPT, ConsentState.REJECT
    high, medium, low, info = Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO
    return (
        finding(
            "undeclared_cookie",
            medium,
            subject="_fbp",
            cookie_name="_fbp",
            cookie_domain=".example.test",
            message="Cookie _fbp is not declared",
            evidence=(("set_by", "script"), ("setter", FB)),
        ),
        finding(
            "undeclared_third_party",
            medium,
            subject="facebook.net",
            request_domain="facebook.net",
            message="facebook.net is not declared",
        ),
        finding(
            "cookie_before_consent",
            high,
            subject="_fbp",
            cookie_name="_fbp",
            cookie_domain=".example.test",
            message="_fbp set before any consent",
            evidence=(("phase", "before_consent"), ("category", "advertising")),
        ),
        finding(
            "tracker_request_before_consent",
            high,
            subject="google-analytics.com",
            request_domain="google-analytics.com",
            declaration_line=28,
            message="Request to google-analytics.com before consent",
            evidence=(("url", GA),),
        ),
        finding(
            "cookie_after_reject",
            high,
            state=reject,
            subject="IDE",
            cookie_name="IDE",
            cookie_domain=".doubleclick.net",
            message="IDE set after reject",
        ),
        finding(
            "tracker_request_after_reject",
            high,
            state=reject,
            subject="doubleclick.net",
            request_domain="doubleclick.net",
            message="doubleclick.net after reject",
        ),
        finding(
            "lifetime_exceeds_declared",
            low,
            state=accept,
            subject="_ga",
            cookie_name="_ga",
            cookie_domain=".example.test",
            declaration_line=14,
            message="_ga asks for 2 years, declared 1 year",
            evidence=(("requested", "63072000"), ("declared", "31536000")),
        ),
        finding(
            "lifetime_over_13_months",
            medium,
            state=accept,
            subject="_ga",
            cookie_name="_ga",
            message="_ga lives longer than 13 months",
        ),
        finding(
            "declared_not_observed",
            info,
            state=None,
            page=None,
            subject="legacy_pref",
            declaration_line=21,
            message="legacy_pref is declared but never seen",
        ),
        finding(
            "consent_not_applied",
            high,
            state=reject,
            subject="reject",
            message="The reject choice could not be applied",
            evidence=(("step", "click #cc-reject"), ("error", "not visible")),
        ),
        finding(
            "page_failed",
            low,
            subject=SITE + "broken",
            page=SITE + "broken",
            message="net::ERR_CONNECTION_REFUSED",
        ),
    )


def realistic_scan() -> ScanResult:
    """Three states, a failed page, storage, first/third-party cookies and requests, and one
    finding of every kind known today (every severity, state-less ones included)."""
    states = (_none_state(), _accept_state(), _reject_state())
    return judged(ScanResult(meta(), declarations(), states, _findings()))


def empty_scan() -> ScanResult:
    """The smallest valid result: no declarations file, no states, no pages, no findings."""
    return ScanResult(meta(declared_path=None, states=(), settings=()), Declarations(), (), ())


def huge_scan(cookies: int = 2_000, requests: int = 20_000, pages: int = 100) -> ScanResult:
    """One state with ``pages`` pages sharing ``cookies`` cookies and ``requests`` requests,
    and one finding per cookie (far more than a terminal table shows)."""
    state = ConsentState.NONE
    observations = tuple(
        page(
            state,
            f"{SITE}p/{p}",
            depth=1,
            cookies=tuple(cookie(f"c{i:05d}") for i in range(p, cookies, pages)),
            requests=tuple(
                tracker(f"https://t{i % 300}.tracker.test/px?i={i}", f"t{i % 300}.tracker.test")
                for i in range(p, requests, pages)
            ),
        )
        for p in range(pages)
    )
    evidence = ConsentEvidence(state, applied=False, detail="no consent action")
    found = tuple(
        finding(
            "undeclared_cookie",
            list(Severity)[i % 4],
            subject=f"c{i:05d}",
            cookie_name=f"c{i:05d}",
            page=f"{SITE}p/{i % pages}",
        )
        for i in range(cookies)
    )
    result_meta = meta(states=(state,), settings=(("max_pages", str(pages)),))
    return judged(
        ScanResult(
            result_meta, declarations(), (StateResult(state, evidence, observations),), found
        )
    )


def _hostile_finding(name: str, url: str) -> Finding:
    return finding(
        "undeclared_cookie",
        Severity.HIGH,
        subject=name,
        cookie_name=name,
        page=url,
        message=f"Cookie {name} is not declared",
        evidence=(("name", name), (name, "key")),
    )


def hostile_scan() -> ScanResult:
    """Site-controlled text full of HTML, ANSI escapes and rich markup (see HOSTILE_STRINGS)
    in cookie names, storage keys, URLs, titles, consent detail and findings; plus a finding
    kind no reporter knows about yet."""
    state = ConsentState.NONE
    url = f"{SITE}?q={HOSTILE_HTML}&c={HOSTILE_ANSI}&m={HOSTILE_MARKUP}"
    home = page(
        state,
        url,
        title=HOSTILE_ANSI + HOSTILE_MARKUP,
        cookies=tuple(cookie(s, domain=f"{s}.example.test", page_url=url) for s in HOSTILE_STRINGS),
        storage=tuple(storage(s, page_url=url) for s in HOSTILE_STRINGS),
        requests=(request(url), tracker(f"https://evil.test/{HOSTILE_MARKUP}", "evil.test")),
    )
    evidence = ConsentEvidence(
        state,
        False,
        HOSTILE_MARKUP,
        (HOSTILE_HTML,),
        f"banner said {HOSTILE_ANSI} {HOSTILE_MARKUP}",
        url,
    )
    found = (
        *(_hostile_finding(s, url) for s in HOSTILE_STRINGS),
        finding("future_kind", Severity.LOW, subject=HOSTILE_MARKUP, message=HOSTILE_HTML),
    )
    decl = replace(declarations(), site=f"https://evil.test/{HOSTILE_MARKUP}")
    result_meta = meta(targets=(url,), states=(state,), settings=(("note", HOSTILE_ANSI),))
    return judged(ScanResult(result_meta, decl, (StateResult(state, evidence, (home,)),), found))


def cut_short_scan() -> ScanResult:
    """A scan ended by an unexpected error: a page past its deadline with malformed links
    skipped, a browser restart, an incomplete state; hostile text in every new field."""
    base = hostile_scan()
    state = base.states[0]
    failed = replace(
        state.observations[0],
        error=f"the page did not finish within its 10 s deadline {HOSTILE_HTML}",
        failure=FailureKind.TIMEOUT,
        skipped=(SkippedUrl(f"http://[::1/{HOSTILE_HTML}", "invalid IPv6 address", SITE),),
    )
    restart = BrowserRestart(f"{SITE}{HOSTILE_MARKUP}", f"killed {HOSTILE_ANSI}", 1, True)
    cut = replace(
        state, observations=(failed,), restarts=(restart,), incomplete=f"stopped {HOSTILE_HTML}"
    )
    error = f"unexpected error: RuntimeError: {HOSTILE_HTML}"
    return replace(base, meta=replace(base.meta, error=error), states=(cut,))


# Every sample by name, for ``pytest.mark.parametrize("name", sorted(SAMPLES))``.
SAMPLES: dict[str, Callable[[], ScanResult]] = {
    "realistic": realistic_scan,
    "empty": empty_scan,
    "huge": huge_scan,
    "hostile": hostile_scan,
    "cut_short": cut_short_scan,
}


def judged(result: ScanResult) -> ScanResult:
    """The result with its judgement, as the scan pipeline makes it (bundled knowledge)."""
    judgement = judge_scan(result.declarations, result.states, load_knowledge())
    return replace(result, judgement=judgement)
