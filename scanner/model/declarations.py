"""What a site declares in expected_cookies.yaml: cookies, third parties, waivers, policy."""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.model.vocabulary import Category, ConsentState, StorageKind


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
class StorageDeclaration:
    """A storage key the site declares (an entry with ``type:`` other than ``cookie``).

    ``name`` is a key, an IndexedDB ``database/store`` or a cache name, exact or a glob;
    ``domain`` limits it to origins on that host or its subdomains. Storage has no lifetime.
    """

    name: str
    kind: StorageKind
    category: Category
    line: int
    provider: str = ""
    domain: str | None = None
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
    ``banner_checks_off``: design checks turned off, each with the team's reason.
    ``interaction`` and ``dwell``: the scan's visitor settings (``None``: not set).
    """

    max_lifetime: int | None = None
    max_lifetime_text: str | None = None
    allow_first_party_analytics_before_consent: bool = False
    always_allowed_third_parties: tuple[str, ...] = ()
    fail_on: str | None = None
    line: int | None = None
    # The report language is a reading preference, not part of the scan record: not in JSON.
    report_language: str | None = field(default=None, metadata={"json": False})
    accept_overrides_gpc: bool = False
    accept_overrides_gpc_line: int | None = None
    banner_checks_off: tuple[tuple[str, str], ...] = ()
    banner_checks_off_line: int | None = None
    interaction: str | None = None
    dwell: float | None = None


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
    storage: tuple[StorageDeclaration, ...] = ()
