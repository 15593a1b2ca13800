"""The multilingual wording of consent controls (``scanner/data/consent_words.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from scanner.model.yaml_data import load_yaml


@dataclass(frozen=True, slots=True)
class ConsentWords:
    """Control wording by role, most specific first, every language folded together."""

    accept: tuple[str, ...]
    reject: tuple[str, ...]
    settings: tuple[str, ...]
    save: tuple[str, ...]


@lru_cache(maxsize=1)
def load_words() -> ConsentWords:
    """The bundled multilingual wording of consent controls."""
    text = resources.files("scanner.data").joinpath("consent_words.yaml").read_text("utf-8")
    data = load_yaml(text)

    def fold(role: str) -> tuple[str, ...]:
        phrases = [str(p).lower() for lang in data[role].values() for p in lang]
        return tuple(dict.fromkeys(phrases))

    return ConsentWords(fold("accept"), fold("reject"), fold("settings"), fold("save"))
