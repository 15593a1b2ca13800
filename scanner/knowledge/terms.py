"""Plain-text explanation of cookiescan's own terms: finding kinds and consent states."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from scanner.model.findings import finding_kinds
from scanner.model.yaml_data import load_yaml


@lru_cache(maxsize=1)
def consent_states() -> dict[str, str]:
    """What the visitor does in each consent state, from the bundled data file."""
    text = resources.files("scanner.data").joinpath("consent_states.yaml").read_text("utf-8")
    return {str(k): str(v) for k, v in load_yaml(text).items()}


def term_lines(term: str) -> list[str]:
    """The lines explaining ``term`` when it is a finding kind or a consent state."""
    wanted = term.strip().lower()
    lines = []
    kind = finding_kinds().get(wanted)
    if kind is not None:
        lines += [
            f"Finding kind '{kind.kind}' ({kind.severity}): {kind.title}",
            f"  rule: {kind.rule}",
            f"  why: {kind.why}",
            f"  fix: {kind.fix}",
        ]
    state = consent_states().get(wanted)
    if state is not None:
        lines.append(f"Consent state '{wanted}': {state}")
    return lines
