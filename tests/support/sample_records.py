"""Record factories for tests: one model record with realistic defaults, any field overridable.

``cookie("_ga", party=Party.THIRD)``, ``request(url, status=404)``, ``page(state, url, ...)``,
``finding(kind, severity, ...)``, ``meta(...)``, ``declarations()``. Used by ``samples.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scanner.model import (
    DEFAULT_STATES,
    Category,
    ConsentControls,
    ConsentState,
    CookieDeclaration,
    CookieRecord,
    Declarations,
    Finding,
    Observation,
    Party,
    Phase,
    RequestRecord,
    ScanMeta,
    SetBy,
    Severity,
    StorageKind,
    StorageRecord,
    ThirdPartyDeclaration,
)

SITE = "https://shop.example.test/"
BROWSER = "Chromium 131.0.6778.85"
T0 = 1736935200.0  # 2025-01-15T10:00:00Z
TWO_YEARS = 63_072_000

_COOKIE = CookieRecord(
    name="session",
    domain="shop.example.test",
    path="/",
    value_digest="sha256:3f79bb7b",
    lifetime_requested=None,
    lifetime_stored=None,
    expires_stored=None,
    secure=True,
    http_only=True,
    same_site="Lax",
    partitioned=False,
    party=Party.FIRST,
    set_by=SetBy.HEADER,
    setter_url=SITE,
    raw_expiry=None,
    phase=Phase.BEFORE_CONSENT,
    page_url=SITE,
)
_STORAGE = StorageRecord(
    origin="https://shop.example.test",
    kind=StorageKind.LOCAL,
    key="ab_test",
    value_length=12,
    party=Party.FIRST,
    phase=Phase.BEFORE_CONSENT,
    page_url=SITE,
)
_REQUEST = RequestRecord(
    url=SITE,
    host="shop.example.test",
    registrable_domain="example.test",
    party=Party.FIRST,
    resource_type="document",
    method="GET",
    frame_url=SITE,
    initiator=None,
    status=200,
    failure=None,
    phase=Phase.BEFORE_CONSENT,
    page_url=SITE,
)


def cookie(name: str = "session", **overrides: Any) -> CookieRecord:
    """A first-party session cookie set by a header before consent, with ``overrides``."""
    return replace(_COOKIE, name=name, **overrides)


def storage(key: str = "ab_test", **overrides: Any) -> StorageRecord:
    """A first-party localStorage key written before consent, with ``overrides``."""
    return replace(_STORAGE, key=key, **overrides)


def request(url: str = SITE, **overrides: Any) -> RequestRecord:
    """A first-party document request before consent, with ``overrides``."""
    return replace(_REQUEST, url=url, **overrides)


def tracker(url: str, domain: str, phase: Phase = Phase.BEFORE_CONSENT) -> RequestRecord:
    """A third-party script request to a tracker domain."""
    host = url.split("/")[2]
    return request(
        url,
        host=host,
        registrable_domain=domain,
        party=Party.THIRD,
        resource_type="script",
        initiator=SITE,
        phase=phase,
    )


def page(state: ConsentState, url: str = SITE, **overrides: Any) -> Observation:
    """A successfully visited page (status 200) in ``state``, with ``overrides``."""
    fields: dict[str, Any] = {
        "depth": 0,
        "final_url": url,
        "status": 200,
        "title": "Example shop",
        "started_at": T0,
        "duration": 1.25,
    }
    return Observation(state=state, url=url, **{**fields, **overrides})


def finding(kind: str, severity: Severity = Severity.MEDIUM, **overrides: Any) -> Finding:
    """A finding of ``kind`` in the NONE state on the home page, with ``overrides``."""
    fields: dict[str, Any] = {
        "state": ConsentState.NONE,
        "page": SITE,
        "subject": kind,
        "message": f"{kind} found",
    }
    return Finding(kind=kind, severity=severity, **{**fields, **overrides})


def meta(**overrides: Any) -> ScanMeta:
    """Scan metadata for a three-state scan of SITE, with ``overrides``."""
    fields: dict[str, Any] = {
        "targets": (SITE,),
        "started_at": "2025-01-15T10:00:00+00:00",
        "finished_at": "2025-01-15T10:02:13+00:00",
        "scanner_version": "0.1.0",
        "browser_version": BROWSER,
        "declared_path": "expected_cookies.yaml",
        "states": DEFAULT_STATES,
        "settings": (("max_pages", "20"), ("concurrency", "4"), ("block_third_party", "false")),
    }
    return ScanMeta(**{**fields, **overrides})


def declarations() -> Declarations:
    """What a realistic expected_cookies.yaml declares (line numbers as in that file)."""
    return Declarations(
        path="expected_cookies.yaml",
        site=SITE,
        consent=ConsentControls(accept=("#cc-accept",), reject=("#cc-settings", "#cc-reject")),
        cookies=(
            CookieDeclaration(
                "session", Category.NECESSARY, 8, "Example", None, None, None, "Keeps the basket"
            ),
            CookieDeclaration(
                "_ga",
                Category.ANALYTICS,
                14,
                "Google",
                ".example.test",
                31_536_000,
                "1 year",
                "Counts visits",
            ),
            CookieDeclaration(
                "legacy_pref", Category.FUNCTIONAL, 21, max_age_text="30 days", max_age=2_592_000
            ),
        ),
        third_parties=(
            ThirdPartyDeclaration("google-analytics.com", Category.ANALYTICS, 28, "Google"),
        ),
    )
