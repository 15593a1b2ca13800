"""Load the data-driven consent-manager rules (``scanner/data/cmp_rules.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from scanner.model import ConsentState
from scanner.model.yaml_data import load_yaml

Path = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CmpRule:
    """How to recognise one consent manager, operate it, and read back its choice."""

    key: str
    name: str
    detect: tuple[str, ...]
    globals: tuple[str, ...]
    banner: str
    ready: str
    accept: tuple[Path, ...]
    reject: tuple[Path, ...]
    api: tuple[tuple[str, str], ...]
    choice: str
    settle_ms: int = 0

    def paths(self, state: ConsentState) -> tuple[Path, ...]:
        """The click paths for ``state`` (accept or reject), most direct first."""
        return self.accept if state is ConsentState.ACCEPT else self.reject

    def api_call(self, state: ConsentState) -> str | None:
        """The CMP's documented JS call making the choice of ``state``, if it has one."""
        return dict(self.api).get(state.value)


def _paths(raw: Any) -> tuple[Path, ...]:
    return tuple(tuple(str(s) for s in path) for path in raw or ())


def parse_rule(key: str, spec: dict[str, Any]) -> CmpRule:
    """One rule from its YAML mapping."""
    return CmpRule(
        key=key,
        name=str(spec.get("name", key)),
        detect=tuple(spec.get("detect") or ()),
        globals=tuple(spec.get("globals") or ()),
        banner=str(spec.get("banner", "")),
        ready=str(spec.get("ready", "")),
        accept=_paths(spec.get("accept")),
        reject=_paths(spec.get("reject")),
        api=tuple((str(k), str(v)) for k, v in (spec.get("api") or {}).items()),
        choice=str(spec.get("choice", "")),
        settle_ms=int(spec.get("settle_ms", 0)),
    )


@lru_cache(maxsize=1)
def load_cmp_rules() -> tuple[CmpRule, ...]:
    """Every bundled CMP rule, in file order."""
    text = resources.files("scanner.data").joinpath("cmp_rules.yaml").read_text("utf-8")
    return tuple(parse_rule(key, spec) for key, spec in load_yaml(text).items())


def rule_named(name: str | None) -> CmpRule | None:
    """The rule whose display name or key is ``name``."""
    return next((r for r in load_cmp_rules() if name in (r.name, r.key)), None)
