"""The whole outcome of a scan: what was recorded, how it was judged, and the findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.model.judgement import Judgement
from scanner.model.records import Declarations, Finding, ScanMeta, StateResult


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The whole outcome of a scan, as reporters see it."""

    meta: ScanMeta
    declarations: Declarations
    states: tuple[StateResult, ...]
    findings: tuple[Finding, ...]
    judgement: Judgement = field(default_factory=Judgement)
