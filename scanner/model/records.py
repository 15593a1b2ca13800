"""Frozen records exchanged by every stage of a scan (no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from scanner.model.beyond import FingerprintRecord, KeystrokeRecord, RecordingRecord
from scanner.model.vocabulary import Party, Phase


class ConsentState(StrEnum):
    """The consent situations a site is crawled in, each in a fresh profile.

    ``gpc`` is ``none`` with Global Privacy Control on (``Sec-GPC: 1`` on every request and
    ``navigator.globalPrivacyControl``); ``gpc-accept`` is ``accept`` with the same signal on.
    Both are scanned only when asked for.
    """

    NONE = "none"
    ACCEPT = "accept"
    REJECT = "reject"
    GPC = "gpc"
    GPC_ACCEPT = "gpc-accept"

    @property
    def choice(self) -> ConsentState | None:
        """The banner choice made in this state (``accept`` or ``reject``), if any."""
        if self is ConsentState.GPC_ACCEPT:
            return ConsentState.ACCEPT
        return self if self in (ConsentState.ACCEPT, ConsentState.REJECT) else None

    @property
    def chooses(self) -> bool:
        """Whether the visitor makes a banner choice in this state (accept or reject)."""
        return self.choice is not None

    @property
    def sends_gpc(self) -> bool:
        """Whether the visitor sends Global Privacy Control in this state."""
        return self in (ConsentState.GPC, ConsentState.GPC_ACCEPT)


DEFAULT_STATES = (ConsentState.NONE, ConsentState.ACCEPT, ConsentState.REJECT)


class Category(StrEnum):
    """Purpose categories of cookies and third parties."""

    NECESSARY = "necessary"
    FUNCTIONAL = "functional"
    ANALYTICS = "analytics"
    ADVERTISING = "advertising"
    UNKNOWN = "unknown"


class SetBy(StrEnum):
    """How a cookie was written."""

    HEADER = "header"
    SCRIPT = "script"
    UNKNOWN = "unknown"


class StorageKind(StrEnum):
    """Web storage areas."""

    LOCAL = "localStorage"
    SESSION = "sessionStorage"


class FailureKind(StrEnum):
    """Why a page could not be scanned (``page_failed`` evidence)."""

    TIMEOUT = "timeout"
    CRASHED = "crashed"
    HTTP_ERROR = "http_error"
    NAVIGATION = "navigation"
    INVALID_URL = "invalid_url"
    BROWSER_DIED = "browser_died"


class Severity(StrEnum):
    """Finding severities, ordered from least to most severe."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """Position in the order info < low < medium < high."""
        return list(Severity).index(self)


@dataclass(frozen=True, slots=True)
class CookieRecord:
    """One cookie as stored by the browser, joined with how and when it was set.

    The value itself is never kept: only a short digest, so a change can be seen.
    Lifetimes are in seconds from the moment of setting; ``None`` means a session cookie.
    ``setter_worker`` (``service worker <script URL>``) when a worker's script wrote it.
    """

    name: str
    domain: str
    path: str
    value_digest: str
    lifetime_requested: int | None
    lifetime_stored: int | None
    expires_stored: float | None
    secure: bool
    http_only: bool
    same_site: str
    partitioned: bool
    party: Party
    set_by: SetBy
    setter_url: str | None
    raw_expiry: str | None
    phase: Phase
    page_url: str
    setter_worker: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of a cookie in a jar: name, domain, path."""
        return (self.name, self.domain, self.path)


@dataclass(frozen=True, slots=True)
class StorageRecord:
    """One web storage key on one origin (values are never kept)."""

    origin: str
    kind: StorageKind
    key: str
    value_length: int
    party: Party
    phase: Phase
    page_url: str


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One network request made while a page was visited."""

    url: str
    host: str
    registrable_domain: str
    party: Party
    resource_type: str
    method: str
    frame_url: str
    initiator: str | None
    status: int | None
    failure: str | None
    phase: Phase
    page_url: str
    worker: str | None = None
    beacon: str | None = None
    frame_chain: tuple[str, ...] = ()

    @property
    def from_worker(self) -> bool:
        """Whether a dedicated, shared or service worker made the request."""
        return self.worker is not None


@dataclass(frozen=True, slots=True)
class FirstPartyDomain:
    """A registrable domain treated as first party, and why (``landed``, ``start_url``,
    ``declared_site``, ``declared`` in expected_cookies.yaml, ``flag`` / environment)."""

    domain: str
    reason: str


@dataclass(frozen=True, slots=True)
class KeptCookie:
    """A cookie written before the consent choice and still in the jar, unchanged, after it.

    ``value_digest`` is the same before and after (no new write was seen); ``sent_on`` lists
    the pages whose requests still carried it after the choice; ``deletion_attempts`` the
    scripts that tried to delete it (with attributes that did not match) after the choice.
    """

    name: str
    domain: str
    path: str
    value_digest: str
    set_on: str
    sent_on: tuple[str, ...] = ()
    deletion_attempts: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the cookie in the jar: name, domain, path."""
        return (self.name, self.domain, self.path)


@dataclass(frozen=True, slots=True)
class ConsentEvidence:
    """What the consent engine did in one state, and whether the choice was applied.

    ``cmp`` names the consent manager found; ``self_test`` says whether the choice was seen
    to take effect; ``signals`` holds TCF / Google Consent Mode values read after acting;
    ``screenshot`` is the banner before acting, as base64 PNG; ``banner_seen`` whether a
    banner or consent control showed up (``None``: not looked for, as in the ``none`` state).
    """

    state: ConsentState
    applied: bool
    strategy: str | None = None
    steps: tuple[str, ...] = ()
    detail: str = ""
    page_url: str | None = None
    acted_at: float | None = None
    cmp: str | None = None
    self_test: str = ""
    signals: tuple[tuple[str, str], ...] = ()
    screenshot: str | None = None
    banner_seen: bool | None = None


@dataclass(frozen=True, slots=True)
class SkippedUrl:
    """A link or redirect target that was not crawled because it is not a valid URL."""

    url: str
    reason: str
    page_url: str


@dataclass(frozen=True, slots=True)
class BrowserRestart:
    """The browser of a state died and was restarted with a fresh profile.

    ``page_url`` was being visited when it died; ``pages_done`` pages of the state were
    recorded before; ``consent_reapplied`` tells whether the state's choice was made again
    (``None`` in the ``none`` and ``gpc`` states, where there is no banner choice to make).
    """

    page_url: str
    reason: str
    pages_done: int
    consent_reapplied: bool | None = None


@dataclass(frozen=True, slots=True)
class Observation:
    """One page visited in one consent state; a failed visit carries its error.

    ``waited_settle`` and ``waited_banner``: seconds this page actually spent waiting for the
    network to go quiet (after load and after consent) and for a consent banner.
    """

    state: ConsentState
    url: str
    depth: int
    final_url: str | None = None
    status: int | None = None
    title: str = ""
    error: str | None = None
    cookies: tuple[CookieRecord, ...] = ()
    storage: tuple[StorageRecord, ...] = ()
    requests: tuple[RequestRecord, ...] = ()
    started_at: float = 0.0
    duration: float = 0.0
    fingerprinting: tuple[FingerprintRecord, ...] = ()
    recordings: tuple[RecordingRecord, ...] = ()
    keystrokes: tuple[KeystrokeRecord, ...] = ()
    waited_settle: float = 0.0
    waited_banner: float = 0.0
    failure: FailureKind | None = None
    skipped: tuple[SkippedUrl, ...] = ()

    @property
    def failed(self) -> bool:
        """Whether the page could not be scanned properly."""
        return self.error is not None


@dataclass(frozen=True, slots=True)
class StateResult:
    """All observations of one consent state, crawled in one fresh profile.

    ``restarts`` lists each time the browser died and was restarted (fresh profile);
    ``incomplete`` says why the state ended before its crawl was done (``None``: complete).
    """

    state: ConsentState
    consent: ConsentEvidence
    observations: tuple[Observation, ...] = ()
    first_party: tuple[FirstPartyDomain, ...] = ()
    kept_cookies: tuple[KeptCookie, ...] = ()
    restarts: tuple[BrowserRestart, ...] = ()
    incomplete: str | None = None

    def cookies(self) -> tuple[CookieRecord, ...]:
        """Every cookie record of the state, in page order."""
        return tuple(c for o in self.observations for c in o.cookies)

    def requests(self) -> tuple[RequestRecord, ...]:
        """Every request record of the state, in page order."""
        return tuple(r for o in self.observations for r in o.requests)

    def storage(self) -> tuple[StorageRecord, ...]:
        """Every storage record of the state, in page order."""
        return tuple(s for o in self.observations for s in o.storage)

    def fingerprinting(self) -> tuple[FingerprintRecord, ...]:
        """Every fingerprinting record of the state, in page order."""
        return tuple(f for o in self.observations for f in o.fingerprinting)

    def recordings(self) -> tuple[RecordingRecord, ...]:
        """Every session-recording record of the state, in page order."""
        return tuple(r for o in self.observations for r in o.recordings)

    def keystrokes(self) -> tuple[KeystrokeRecord, ...]:
        """Every key-logging record of the state, in page order."""
        return tuple(k for o in self.observations for k in o.keystrokes)


@dataclass(frozen=True, slots=True)
class CookieDeclaration:
    """A cookie the site declares in expected_cookies.yaml."""

    name: str
    category: Category
    line: int
    provider: str = ""
    domain: str | None = None
    max_age: int | None = None
    max_age_text: str | None = None
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class ThirdPartyDeclaration:
    """A third-party domain the site declares."""

    domain: str
    category: Category
    line: int
    provider: str = ""
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class ConsentControls:
    """Declared consent controls: each a list of CSS selectors clicked in order."""

    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Waiver:
    """An accepted finding: why, who owns the decision, and until when (ISO date).

    ``kind`` and ``subject`` are exact or globs; ``state`` limits it to one consent state.
    A waiver applied by the ``policy`` section has owner ``policy`` and no expiry ("").
    """

    kind: str
    subject: str
    reason: str
    owner: str
    expires: str
    line: int | None = None
    state: ConsentState | None = None


@dataclass(frozen=True, slots=True)
class ScanPolicy:
    """The limits a team sets in the ``policy`` section of expected_cookies.yaml.

    ``max_lifetime`` is in seconds (``None``: the 13-month default); ``fail_on`` is a
    severity name or ``never`` (``None``: not set, so flag, environment or the default decide).
    ``accept_overrides_gpc``: the site says an explicit "accept" overrides Global Privacy
    Control (CPRA regulations § 7025(c)(3)); its line is kept for the findings that cite it.
    """

    max_lifetime: int | None = None
    max_lifetime_text: str | None = None
    allow_first_party_analytics_before_consent: bool = False
    always_allowed_third_parties: tuple[str, ...] = ()
    fail_on: str | None = None
    line: int | None = None
    accept_overrides_gpc: bool = False
    accept_overrides_gpc_line: int | None = None


@dataclass(frozen=True, slots=True)
class TechniqueDeclaration:
    """A tracking technique beyond cookies that the site declares (fingerprinting, recording).

    ``script`` is the domain or glob of the scripts using it; ``None`` covers every script.
    """

    technique: str
    category: Category
    line: int
    script: str | None = None
    provider: str = ""
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class LoginDeclaration:
    """How to sign in before crawling: form fields filled from environment variables NAMED here.

    ``fields`` pairs a CSS selector with the name of the variable holding its value (never the
    value); success is reaching ``success_url`` (a glob) or seeing ``success_selector``.
    """

    url: str
    fields: tuple[tuple[str, str], ...]
    submit: str
    success_url: str | None = None
    success_selector: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Declarations:
    """Everything expected_cookies.yaml declares."""

    path: str | None = None
    site: str | None = None
    consent: ConsentControls = field(default_factory=ConsentControls)
    cookies: tuple[CookieDeclaration, ...] = ()
    third_parties: tuple[ThirdPartyDeclaration, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    techniques: tuple[TechniqueDeclaration, ...] = ()
    policy: ScanPolicy = field(default_factory=ScanPolicy)
    login: LoginDeclaration | None = None
    first_party: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found, with the evidence a privacy team can act on."""

    kind: str
    severity: Severity
    state: ConsentState | None
    page: str | None
    subject: str
    message: str
    evidence: tuple[tuple[str, str], ...] = ()
    cookie_name: str | None = None
    cookie_domain: str | None = None
    request_domain: str | None = None
    declaration_line: int | None = None
    waiver: Waiver | None = None

    @property
    def identity(self) -> tuple[str, str, str]:
        """What makes two findings in different scans the same finding."""
        return (self.kind, self.state or "", self.subject)


@dataclass(frozen=True, slots=True)
class ScanMeta:
    """Facts about the scan run itself.

    ``error`` is the unexpected error that ended the scan early (the report is partial).
    """

    targets: tuple[str, ...]
    started_at: str
    finished_at: str
    scanner_version: str
    browser_version: str
    declared_path: str | None
    states: tuple[ConsentState, ...]
    settings: tuple[tuple[str, str], ...] = ()
    interrupted: bool = False
    setting_sources: tuple[tuple[str, str], ...] = ()
    first_party: tuple[FirstPartyDomain, ...] = ()
    error: str | None = None
