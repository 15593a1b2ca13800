"""Records beyond cookies: fingerprinting, session recording and key logging seen on a page."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.model.vocabulary import Party, Phase


@dataclass(frozen=True, slots=True)
class FingerprintRecord:
    """A script using one fingerprinting technique (by the published criteria) on a page."""

    script_url: str
    technique: str
    evidence: str
    apis: tuple[str, ...]
    party: Party
    phase: Phase
    page_url: str


@dataclass(frozen=True, slots=True)
class RecordingRecord:
    """A host that received session recordings from a page, and how it was recognised."""

    host: str
    vendor: str | None
    evidence: str
    requests: int
    bytes_sent: int
    script_url: str | None
    party: Party
    phase: Phase
    page_url: str


@dataclass(frozen=True, slots=True)
class KeystrokeRecord:
    """The typed (never submitted) marker found leaving the browser, and where it went."""

    host: str
    url: str
    encoding: str
    location: str
    field: str
    party: Party
    phase: Phase
    page_url: str
