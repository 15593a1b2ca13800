"""The thresholds and wording of the banner design checks (``scanner/data/banner_design.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from scanner.model.yaml_data import load_yaml


@dataclass(frozen=True, slots=True)
class DesignData:
    """Thresholds by name, and lower-case words by purpose (necessary, reopen, payment ...)."""

    thresholds: dict[str, float]
    words: dict[str, tuple[str, ...]]
    reopen_selectors: tuple[str, ...]

    def limit(self, name: str) -> float:
        """One threshold (KeyError for a name the data file does not define)."""
        return float(self.thresholds[name])


@lru_cache(maxsize=1)
def load_design_data() -> DesignData:
    """The bundled thresholds and wording of the design checks."""
    text = resources.files("scanner.data").joinpath("banner_design.yaml").read_text("utf-8")
    data = load_yaml(text)
    words = {k: tuple(str(w).lower() for w in v) for k, v in data["words"].items()}
    thresholds = {str(k): float(v) for k, v in data["thresholds"].items()}
    return DesignData(thresholds, words, tuple(str(s) for s in data["reopen_selectors"]))
