"""Parse the YAML data files the scanner ships (CMP rules, consent words, finding kinds...).

libyaml's parser when PyYAML has it (about ten times faster than the pure-Python one: the
bundled data cost a scan process over a second of CPU before a page was opened), else the
pure-Python one; both are safe loaders and build the same values.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The values of a YAML document, safely (no Python objects)."""
    return yaml.load(text, Loader=_LOADER)
