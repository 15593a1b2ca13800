"""The whole outcome of a scan: what was recorded, how it was judged, and the findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.model.declarations import Declarations, Waiver
from scanner.model.judgement import Judgement
from scanner.model.observations import FirstPartyDomain, StateResult
from scanner.model.profile import BrowserProfile, Tell
from scanner.model.vocabulary import ConsentState, Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found, with the evidence a privacy team can act on.

    ``storage_key``, ``storage_origin`` and ``storage_kind`` name the storage item of a storage
    finding (IndexedDB: ``database/store``), as ``cookie_name`` / ``cookie_domain`` a cookie's.
    """

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
    storage_key: str | None = None
    storage_origin: str | None = None
    storage_kind: str | None = None

    @property
    def identity(self) -> tuple[str, str, str]:
        """What makes two findings in different scans the same finding."""
        return (self.kind, self.state or "", self.subject)


@dataclass(frozen=True, slots=True)
class ScanMeta:
    """Facts about the scan run itself.

    ``error`` is the unexpected error that ended the scan early (the report is partial).
    ``browser_profile`` is the visitor the browser presented (None: not probed) and
    ``remaining_tells`` what a site could still use to tell the scanner from a person.
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
    browser_profile: BrowserProfile | None = None
    remaining_tells: tuple[Tell, ...] = ()


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The whole outcome of a scan, as reporters see it."""

    meta: ScanMeta
    declarations: Declarations
    states: tuple[StateResult, ...]
    findings: tuple[Finding, ...]
    judgement: Judgement = field(default_factory=Judgement)
