"""What the crawl of one consent state saw: pages, consent evidence, restarts, first parties."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.model.banner import BannerDesign
from scanner.model.beyond import FingerprintRecord, KeystrokeRecord, RecordingRecord
from scanner.model.cookie_records import CookieRecord, KeptCookie, StorageRecord
from scanner.model.request_records import RequestRecord
from scanner.model.visitor import Dwell, ImpliedConsent, InteractionStep
from scanner.model.vocabulary import ConsentState, FailureKind


@dataclass(frozen=True, slots=True)
class FirstPartyDomain:
    """A registrable domain treated as first party, and why (``landed``, ``start_url``,
    ``declared_site``, ``declared`` in expected_cookies.yaml, ``flag`` / environment)."""

    domain: str
    reason: str


@dataclass(frozen=True, slots=True)
class ConsentEvidence:
    """What the consent engine did in one state, and whether the choice was applied.

    ``cmp`` names the consent manager found; ``self_test`` says whether the choice was seen
    to take effect; ``signals`` holds TCF / Google Consent Mode values read after acting;
    ``screenshot`` is the banner before acting, as base64 PNG; ``banner_seen`` whether a
    banner or consent control showed up (``None``: not looked for, as in the ``none`` state).
    ``design`` holds the banner's measured design (controls, toggles, reopening, pay wall);
    ``rule_set`` names the rule set and version that operated the banner.
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
    design: BannerDesign | None = None
    rule_set: str = ""


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
class CollectorFailure:
    """A collector that failed during a visit or a state: which, at which step, and why (what
    it had collected before is kept; the other collectors and the visit went on)."""

    collector: str
    step: str
    error: str


@dataclass(frozen=True, slots=True)
class Observation:
    """One page visited in one consent state; a failed visit carries its error.

    ``waited_settle`` and ``waited_banner``: seconds this page actually spent waiting for the
    network to go quiet (after load and after consent) and for a consent banner.
    ``interaction``: what the scanner did as a visitor; ``dwell``: how long it stayed for the
    page's pending timers; ``implied_consent``: consent records that turned to granted right
    after an interaction (model.visitor).
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
    collector_failures: tuple[CollectorFailure, ...] = ()
    interaction: tuple[InteractionStep, ...] = ()
    dwell: Dwell | None = None
    implied_consent: tuple[ImpliedConsent, ...] = ()

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
    collector_failures: tuple[CollectorFailure, ...] = ()

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
