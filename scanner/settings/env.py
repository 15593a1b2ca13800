"""Settings precedence: flags > ``COOKIESCAN_*`` environment > declared file > default.

The scan options are declared with ``default=None`` (so "not given on the command line" can be
told apart) and their built-in defaults are registered with ``register_defaults``;
``apply_env`` fills the options not given from the environment (an empty variable counts as
unset); ``apply_defaults`` fills what is still unset from the declared file, then the built-in
default. Every value remembers where it came from (``sources_of``): ``flag``,
``env COOKIESCAN_X``, ``file PATH`` or ``default``. A bad value is a ``ConfigError`` naming the
variable. Lists are comma-separated (``COOKIESCAN_HEADERS``: one header per line); booleans are
1/true/yes/on or 0/false/no/off.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from scanner.errors import ConfigError
from scanner.settings.parse import (
    parse_endpoint,
    parse_fail_on,
    parse_first_party,
    parse_header,
    parse_language,
    parse_resolve,
    parse_states,
    parse_viewport,
)

DEFAULTS_KEY = "_cookiescan_builtin_defaults"
SOURCES_KEY = "_cookiescan_setting_sources"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True, slots=True)
class EnvVar:
    """One environment variable and the option (argparse dest) it sets."""

    name: str
    dest: str
    kind: str = "text"  # text | int | float | bool | list | lines
    minimum: float = 0
    check: Callable[[Any], object] | None = None


def _each(parse: Callable[[str], object]) -> Callable[[list[str]], object]:
    """A check applying ``parse`` to every item of a list."""
    return lambda items: [parse(item) for item in items]


ENV_VARS = (
    EnvVar("COOKIESCAN_URL", "urls", "list"),
    EnvVar("COOKIESCAN_DECLARED", "declared"),
    EnvVar("COOKIESCAN_OUT", "out"),
    EnvVar("COOKIESCAN_FORMAT", "formats", "list"),
    EnvVar("COOKIESCAN_FAIL_ON", "fail_on", check=parse_fail_on),
    EnvVar("COOKIESCAN_BASELINE", "baseline"),
    EnvVar("COOKIESCAN_FAIL_ON_NEW", "fail_on_new", "bool"),
    EnvVar("COOKIESCAN_REPORT_LANGUAGE", "report_language", check=parse_language),
    EnvVar("COOKIESCAN_OUTPUT", "output"),
    EnvVar("COOKIESCAN_STATES", "states", check=parse_states),
    EnvVar("COOKIESCAN_MAX_PAGES", "max_pages", "int", 1),
    EnvVar("COOKIESCAN_DEPTH", "depth", "int", 0),
    EnvVar("COOKIESCAN_INCLUDE", "include", "list"),
    EnvVar("COOKIESCAN_EXCLUDE", "exclude", "list"),
    EnvVar("COOKIESCAN_CONCURRENCY", "concurrency", "int", 1),
    EnvVar("COOKIESCAN_TIMEOUT", "timeout", "float", 0.1),
    EnvVar("COOKIESCAN_SETTLE", "settle", "float"),
    EnvVar("COOKIESCAN_BANNER_WAIT", "banner_wait", "float"),
    EnvVar("COOKIESCAN_INTERACTION", "interaction"),
    EnvVar("COOKIESCAN_DWELL", "dwell", "float"),
    EnvVar("COOKIESCAN_BROWSER_ENDPOINT", "browser_endpoint", check=parse_endpoint),
    EnvVar("COOKIESCAN_RESOLVE", "resolve", "list", check=parse_resolve),
    EnvVar("COOKIESCAN_IGNORE_HTTPS_ERRORS", "ignore_https_errors", "bool"),
    EnvVar("COOKIESCAN_THIRD_PARTY_COOKIES", "third_party_cookies"),
    EnvVar("COOKIESCAN_USER_AGENT", "user_agent"),
    EnvVar("COOKIESCAN_LOCALE", "locale"),
    EnvVar("COOKIESCAN_VIEWPORT", "viewport", check=parse_viewport),
    EnvVar("COOKIESCAN_HEADED", "headed", "bool"),
    EnvVar("COOKIESCAN_HTTP_CREDENTIALS", "http_credentials"),
    EnvVar("COOKIESCAN_FIRST_PARTY", "first_party", "list", check=_each(parse_first_party)),
    EnvVar("COOKIESCAN_HEADERS", "headers", "lines", check=_each(parse_header)),
    EnvVar("COOKIESCAN_STORAGE_STATE", "storage_state"),
    EnvVar("COOKIESCAN_SITEMAP", "sitemap", "bool"),
    EnvVar("COOKIESCAN_URLS_FILE", "urls_file"),
)


@dataclass(frozen=True, slots=True)
class Builtin:
    """An option's built-in default and its allowed choices."""

    default: Any
    choices: tuple[str, ...] | None


def register_defaults(parser: argparse.ArgumentParser, builtins: Mapping[str, Builtin]) -> None:
    """Remember the built-in default (and choices) of each option declared with default None."""
    parser.set_defaults(**{DEFAULTS_KEY: dict(builtins), SOURCES_KEY: {}})


def sources_of(args: argparse.Namespace) -> dict[str, str]:
    """Where each setting came from: ``flag``, ``env NAME``, ``file PATH`` or ``default``."""
    return dict(getattr(args, SOURCES_KEY, {}))


def _unset(value: Any) -> bool:
    """Not given on the command line (None, or no positional URLs)."""
    return value is None or value == []


def apply_env(args: argparse.Namespace, environ: Mapping[str, str]) -> argparse.Namespace:
    """A copy of ``args`` with options not given on the command line taken from the env."""
    out = argparse.Namespace(**vars(args))
    builtins: dict[str, Builtin] = getattr(args, DEFAULTS_KEY, {})
    sources = dict(getattr(args, SOURCES_KEY, {}))
    for dest in builtins:
        if dest not in sources and not _unset(getattr(out, dest, None)):
            sources[dest] = "flag"
    for var in ENV_VARS:
        text = environ.get(var.name, "").strip()
        if var.dest in builtins and text and _unset(getattr(out, var.dest, None)):
            setattr(out, var.dest, convert(var, text, builtins[var.dest].choices))
            sources[var.dest] = f"env {var.name}"
    setattr(out, SOURCES_KEY, sources)
    return out


def apply_defaults(
    args: argparse.Namespace,
    file_values: Mapping[str, Any] | None = None,
    file_name: str = "the declared file",
) -> argparse.Namespace:
    """A copy of ``args`` with what is still unset taken from the file, else the default."""
    out = argparse.Namespace(**vars(args))
    file_values = file_values or {}
    builtins: dict[str, Builtin] = getattr(args, DEFAULTS_KEY, {})
    sources = dict(getattr(args, SOURCES_KEY, {}))
    for dest, builtin in builtins.items():
        if getattr(out, dest, None) is None:
            from_file = file_values.get(dest)
            setattr(out, dest, builtin.default if from_file is None else from_file)
            sources[dest] = "default" if from_file is None else f"file {file_name}"
        sources.setdefault(dest, "flag")
    setattr(out, SOURCES_KEY, sources)
    return out


def convert(var: EnvVar, text: str, choices: tuple[str, ...] | None = None) -> Any:
    """The value of ``var`` as its option would hold it; ConfigError names the variable."""
    try:
        value = _typed(var, text)
    except ValueError as e:
        raise ConfigError(str(e), var.name) from None
    items = value if isinstance(value, list) else [value]
    bad = [str(v) for v in items if choices is not None and str(v) not in choices]
    if bad:
        raise ConfigError(f"'{bad[0]}' is not one of {', '.join(choices or ())}", var.name)
    if var.check is not None:
        try:
            var.check(value)
        except ConfigError as e:
            message = str(e).removeprefix(f"{e.location}: ") if e.location else str(e)
            raise ConfigError(message, var.name) from None
    return value


def _typed(var: EnvVar, text: str) -> Any:
    """Text → str, int, float, bool or list, by the variable's kind (ValueError if bad)."""
    if var.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    if var.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if var.kind == "bool":
        word = text.lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(f"'{text}' is not a boolean; use 1/true/yes/on or 0/false/no/off")
        return word in TRUE_WORDS
    if var.kind in ("int", "float"):
        return _number(var, text)
    return text


def _number(var: EnvVar, text: str) -> int | float:
    """An int or float of at least ``var.minimum``."""
    try:
        number: int | float = int(text) if var.kind == "int" else float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not number >= var.minimum:  # also refuses NaN
        raise ValueError(f"must be at least {var.minimum:g}, got {text}")
    return number
