"""The entry types of expected_cookies.yaml (``cookie`` and the storage kinds) and their words."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from scanner.model import StorageKind
from scanner.model.yaml_data import load_yaml

COOKIE = "cookie"
STORAGE_TYPES = {kind.declared_type: kind for kind in StorageKind}
TYPES = (COOKIE, *STORAGE_TYPES)


def normalise(text: str) -> str:
    """Lower case without spaces, underscores or hyphens."""
    return re.sub(r"[\s_-]+", "", text.lower())


@cache
def _type_words() -> dict[str, str]:
    """The word table of data/storage_types.yaml, keyed by normalised word."""
    source = resources.files("scanner").joinpath("data/storage_types.yaml").read_text("utf-8")
    table: dict[str, list[str]] = load_yaml(source)
    return {normalise(word): name for name, words in table.items() for word in words}


def parse_type(text: str) -> str | None:
    """The entry type a word names ("HTML Local Storage" -> ``local_storage``), or ``None``."""
    return _type_words().get(normalise(text))


def storage_kind(entry_type: str) -> StorageKind | None:
    """The storage kind of an entry type; ``None`` for ``cookie``."""
    return STORAGE_TYPES.get(entry_type)
