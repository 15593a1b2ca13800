"""Write a draft expected_cookies.yaml: entries to review, every value safely quoted."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import ConfigError
from scanner.model import Category
from scanner.model.durations import DAY, HOUR, MINUTE, MONTH, YEAR

# Largest unit first; a unit is used when rounding up to it overshoots by at most this share.
_UNITS = ((YEAR, "year"), (MONTH, "month"), (DAY, "day"), (HOUR, "hour"), (MINUTE, "minute"))
_OVERSHOOT = 0.1
_GLOB = re.compile(r"([*?\[])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class DraftCookie:
    """One cookie entry of a draft; ``review`` (if any) is written as a ``# REVIEW:`` line."""

    name: str
    category: Category
    provider: str = ""
    domain: str | None = None
    max_age: str | None = None
    purpose: str = ""
    review: str = ""
    type: str = "cookie"  # local_storage, session_storage, indexeddb, cache_storage: no max_age


@dataclass(frozen=True, slots=True)
class DraftThirdParty:
    """One third-party entry of a draft."""

    domain: str
    category: Category
    provider: str = ""
    purpose: str = ""
    review: str = ""


@dataclass(frozen=True, slots=True)
class DraftTechnique:
    """One techniques: entry of a draft (fingerprinting or session recording by a script)."""

    technique: str
    script: str
    category: Category
    review: str = ""


def readable_lifetime(seconds: int | None) -> str:
    """A lifetime rounded up to a readable duration ("2 years", "6 months"); None: session."""
    if seconds is None or seconds <= 0:
        return "session"
    for size, unit in _UNITS:
        count = max(1, math.ceil(seconds / size))
        if count * size - seconds <= _OVERSHOOT * seconds or size == MINUTE:
            return f"{count} {unit}" if count == 1 else f"{count} {unit}s"
    raise AssertionError("unreachable")  # pragma: no cover


def literal_name(name: str) -> str:
    """A cookie name as a declaration that matches only itself (glob characters escaped)."""
    return _GLOB.sub(r"[\1]", name)


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def comment(text: str) -> str:
    """Text made safe for one YAML comment line."""
    return _CONTROL.sub(" ", text).strip()


def _category(category: Category) -> str:
    return Category.NECESSARY.value if category is Category.UNKNOWN else category.value


def _cookie_lines(entry: DraftCookie) -> list[str]:
    lines = [f"  # REVIEW: {comment(entry.review)}"] if entry.review else []
    lines.append(f"  - name: {_quoted(entry.name)}")
    if entry.type != "cookie":
        lines.append(f"    type: {entry.type}")
    lines.append(f"    category: {_category(entry.category)}")
    if entry.provider:
        lines.append(f"    provider: {_quoted(entry.provider)}")
    if entry.domain:
        lines.append(f"    domain: {_quoted(entry.domain)}")
    if entry.max_age and entry.type == "cookie":
        lines.append(f"    max_age: {_quoted(entry.max_age)}")
    if entry.purpose:
        lines.append(f"    purpose: {_quoted(entry.purpose)}")
    return lines


def _third_party_lines(entry: DraftThirdParty) -> list[str]:
    lines = [f"  # REVIEW: {comment(entry.review)}"] if entry.review else []
    lines += [f"  - domain: {_quoted(entry.domain)}", f"    category: {_category(entry.category)}"]
    if entry.provider:
        lines.append(f"    provider: {_quoted(entry.provider)}")
    if entry.purpose:
        lines.append(f"    purpose: {_quoted(entry.purpose)}")
    return lines


def _technique_lines(entry: DraftTechnique) -> list[str]:
    lines = [f"  # REVIEW: {comment(entry.review)}"] if entry.review else []
    return [
        *lines,
        f"  - technique: {entry.technique}",
        f"    script: {_quoted(entry.script)}",
        f"    category: {entry.category.value}",
    ]


def render_draft(
    header: Sequence[str],
    cookies: Iterable[DraftCookie],
    third_parties: Iterable[DraftThirdParty] = (),
    site: str | None = None,
    techniques: Iterable[DraftTechnique] = (),
) -> str:
    """The draft as YAML text that ``load_declarations`` accepts."""
    lines = [f"# {comment(h)}" if h else "#" for h in header]
    if site:
        lines += ["", f"site: {_quoted(site)}"]
    cookie_lines = [line for c in cookies for line in _cookie_lines(c)]
    lines += ["", "cookies:" if cookie_lines else "cookies: []", *cookie_lines]
    third_lines = [line for t in third_parties for line in _third_party_lines(t)]
    lines += ["", "third_parties:" if third_lines else "third_parties: []", *third_lines]
    technique_lines = [line for t in techniques for line in _technique_lines(t)]
    if technique_lines:
        lines += ["", "techniques:", *technique_lines]
    return "\n".join(lines) + "\n"


def write_new(path: Path, text: str, force: bool) -> None:
    """Write ``text`` to ``path``, refusing to replace an existing file without ``force``."""
    if path.exists() and not force:
        raise ConfigError("file exists; use --force to overwrite it", location=str(path))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot write: {e.strerror or e}", location=str(path)) from e
