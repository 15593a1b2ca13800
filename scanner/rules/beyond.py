"""Rules beyond cookies: fingerprinting, session recording and key logging, by consent state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from scanner.declared.matching import match_technique
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import (
    Category,
    Finding,
    FingerprintRecord,
    KeystrokeRecord,
    Phase,
    RecordingRecord,
    StateResult,
    TechniqueDeclaration,
)
from scanner.model.findings import finding
from scanner.rules.context import RuleContext, after_reject, before_consent

R = TypeVar("R", FingerprintRecord, RecordingRecord, KeystrokeRecord)
RECORDING = "session_recording"


def _declared(ctx: RuleContext, technique: str, *urls_or_hosts: str) -> TechniqueDeclaration | None:
    for value in urls_or_hosts:
        host = host_of(value) if "://" in value else value
        found = match_technique(ctx.declarations, technique, host, registrable_domain(host))
        if found is not None:
            return found
    return None


def _first(
    ctx: RuleContext,
    records: Callable[[StateResult], tuple[R, ...]],
    key: Callable[[R], str],
    keep: Callable[[StateResult, R], bool],
) -> dict[str, tuple[StateResult, R]]:
    """The first record kept per key, across the states in order."""
    found: dict[str, tuple[StateResult, R]] = {}
    for result in ctx.states:
        for record in records(result):
            if keep(result, record):
                found.setdefault(key(record), (result, record))
    return found


def _fp_subject(record: FingerprintRecord) -> str:
    return f"{record.technique} by {host_of(record.script_url) or record.page_url}"


def _fp_evidence(
    record: FingerprintRecord, declared: TechniqueDeclaration | None
) -> list[tuple[str, str]]:
    return [
        ("script", record.script_url),
        ("technique", record.technique),
        ("what_it_did", record.evidence),
        ("navigator_reads", ", ".join(record.apis) or "none"),
        ("party", record.party.value),
        ("phase", record.phase.value),
        ("declared", f"line {declared.line} ({declared.category.value})" if declared else "no"),
    ]


def _needs_consent(declared: TechniqueDeclaration | None) -> bool:
    return declared is None or declared.category is not Category.NECESSARY


def _fingerprinting(
    ctx: RuleContext, kind: str, when: Callable[[StateResult, Phase], bool], message: str
) -> Iterator[Finding]:
    def keep(result: StateResult, record: FingerprintRecord) -> bool:
        declared = _declared(ctx, record.technique, record.script_url)
        return when(result, record.phase) and _needs_consent(declared)

    for subject, (result, record) in _first(
        ctx, StateResult.fingerprinting, _fp_subject, keep
    ).items():
        declared = _declared(ctx, record.technique, record.script_url)
        yield finding(
            kind, result.state, record.page_url, subject, message.format(subject=subject),
            _fp_evidence(record, declared),
            request_domain=host_of(record.script_url) or None,
            declaration_line=declared.line if declared else None,
        )  # fmt: skip


def fingerprinting_before_consent(ctx: RuleContext) -> Iterator[Finding]:
    """Scripts fingerprinting the browser before any consent choice."""
    message = "Browser fingerprinting ({subject}) before any consent choice."
    return _fingerprinting(ctx, "fingerprinting_before_consent", before_consent, message)


def fingerprinting_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Scripts fingerprinting the browser after "reject all"."""
    message = "Browser fingerprinting ({subject}) after the visitor rejected."
    return _fingerprinting(ctx, "fingerprinting_after_reject", after_reject, message)


def undeclared_fingerprinting(ctx: RuleContext) -> Iterator[Finding]:
    """Fingerprinting techniques the declared list does not mention for that script."""

    def keep(_result: StateResult, record: FingerprintRecord) -> bool:
        return _declared(ctx, record.technique, record.script_url) is None

    for subject, (result, record) in _first(
        ctx, StateResult.fingerprinting, _fp_subject, keep
    ).items():
        yield finding(
            "undeclared_fingerprinting", result.state, record.page_url, subject,
            f"Fingerprinting technique '{record.technique}' is used by "
            f"'{host_of(record.script_url)}' but not declared under techniques:.",
            _fp_evidence(record, None), request_domain=host_of(record.script_url) or None,
        )  # fmt: skip


def _recording_evidence(record: RecordingRecord) -> list[tuple[str, str]]:
    return [
        ("host", record.host),
        ("vendor", record.vendor or "not a known vendor (recognised by behaviour)"),
        ("what_was_sent", record.evidence),
        ("requests", str(record.requests)),
        ("bytes_sent", str(record.bytes_sent)),
        ("script", record.script_url or "unknown"),
        ("phase", record.phase.value),
    ]


def _recording(
    ctx: RuleContext, kind: str, when: Callable[[StateResult, Phase], bool], message: str
) -> Iterator[Finding]:
    def keep(result: StateResult, record: RecordingRecord) -> bool:
        declared = _declared(ctx, RECORDING, record.host, record.script_url or "")
        return when(result, record.phase) and _needs_consent(declared)

    def host(record: RecordingRecord) -> str:
        return record.host

    for subject, (result, record) in _first(ctx, StateResult.recordings, host, keep).items():
        yield finding(
            kind, result.state, record.page_url, subject,
            message.format(who=record.vendor or subject), _recording_evidence(record),
            request_domain=subject,
        )  # fmt: skip


def session_recording_before_consent(ctx: RuleContext) -> Iterator[Finding]:
    """Session recordings streamed to a third party before any consent choice."""
    message = "The session was recorded and streamed to {who} before any consent choice."
    return _recording(ctx, "session_recording_before_consent", before_consent, message)


def session_recording_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Session recordings streamed to a third party after "reject all"."""
    message = "The session was recorded and streamed to {who} after the visitor rejected."
    return _recording(ctx, "session_recording_after_reject", after_reject, message)


def keystrokes_sent(ctx: RuleContext) -> Iterator[Finding]:
    """Text typed into a field (never submitted) that left the browser for a third party."""

    def host(record: KeystrokeRecord) -> str:
        return record.host

    for subject, (result, record) in _first(
        ctx, StateResult.keystrokes, host, lambda *_: True
    ).items():
        where = "URL" if record.location == "url" else f"request {record.location}"
        yield finding(
            "keystrokes_sent", result.state, record.page_url, subject,
            f"Text typed into the field '{record.field}' (never submitted) was sent to "
            f"'{subject}' ({record.encoding} in the {where}).",
            [("field", record.field), ("sent_to", record.url), ("encoding", record.encoding),
             ("location", record.location), ("phase", record.phase.value)],
            request_domain=subject,
        )  # fmt: skip


BEYOND_RULES = (
    fingerprinting_before_consent,
    fingerprinting_after_reject,
    undeclared_fingerprinting,
    session_recording_before_consent,
    session_recording_after_reject,
    keystrokes_sent,
)
