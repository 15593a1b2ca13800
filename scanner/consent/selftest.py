"""Judge from the recorded signals whether a consent choice took effect, and what disagrees."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from scanner.consent.signal_codes import gcs_granted
from scanner.model import ConsentState

PASSED = "passed"
FAILED = "failed"


def _granted(values: Iterable[str]) -> bool:
    return any(v == "granted" for v in values)


def _prefixed(signals: Mapping[str, str], prefix: str) -> list[str]:
    return [v for k, v in signals.items() if k.startswith(prefix)]


def after_choice_problems(state: ConsentState, signals: Mapping[str, str]) -> list[str]:
    """Signals read after acting that contradict the choice made in ``state``."""
    want = "accept" if state.choice is ConsentState.ACCEPT else "reject"
    problems = []
    if signals.get("banner.after") == "still visible":
        problems.append("the banner is still visible after the click")
    choice = signals.get("cmp.choice", "unknown")
    if choice not in ("unknown", want):
        problems.append(f"the CMP records '{choice}' after '{want}'")
    if signals.get("autoconsent.self_test") == "false":
        problems.append("autoconsent's own self-test failed")
    purposes = signals.get("tcf.after.purposes")
    if purposes is not None and (purposes == "none") == (want == "accept"):
        problems.append(f"TCF purposes consented after {want}: {purposes}")
    granted = _granted(_prefixed(signals, "gcm.after.") + _prefixed(signals, "gcd.after."))
    gcs = signals.get("gcs.after", "")
    if want == "reject" and (granted or (gcs and gcs_granted(gcs))):
        problems.append(f"Google Consent Mode granted after reject (gcs={gcs or 'n/a'})")
    # After accept, only Google's own requests count: a dataLayer default can rightly stay
    # denied when the accepted services include no Google tag.
    if want == "accept" and gcs and not gcs_granted(gcs):
        problems.append(f"Google requests still marked denied after accept (gcs={gcs})")
    return problems


def before_choice_problems(signals: Mapping[str, str]) -> list[str]:
    """Signals read before any choice that already claim consent."""
    problems = []
    purposes = signals.get("tcf.before.purposes")
    if purposes not in (None, "none"):
        problems.append(f"TCF purposes consented before any choice: {purposes}")
    if _granted(_prefixed(signals, "gcm.before.")) or _granted(_prefixed(signals, "gcd.before.")):
        problems.append("Google Consent Mode granted before any choice")
    gcs = signals.get("gcs.before", "")
    if gcs and gcs_granted(gcs):
        problems.append(f"Google requests marked granted before any choice (gcs={gcs})")
    return problems


def verdict(state: ConsentState, applied: bool, signals: Mapping[str, str]) -> str:
    """A one-line self-test result: 'passed (...)', 'failed: ...' or 'not run: ...'."""
    if not applied:
        return "not run: the choice was not applied"
    problems = after_choice_problems(state, signals)
    if problems:
        return f"{FAILED}: " + "; ".join(problems)
    seen = [
        label
        for label, key in (
            ("banner gone", "banner.after"),
            (f"CMP records {signals.get('cmp.choice')}", "cmp.choice"),
            ("TCF agrees", "tcf.after.purposes"),
            ("Consent Mode agrees", "gcs.after"),
        )
        if signals.get(key) not in (None, "unknown")
    ]
    return f"{PASSED} ({', '.join(seen) or 'nothing to check'})"
