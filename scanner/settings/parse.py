"""Parsing and validating scan setting values (flags, environment, declared file)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from scanner.crawl.navigation.urls import UrlProblem, split_url
from scanner.crawl.options import HttpCredentials, public_endpoint
from scanner.errors import ConfigError
from scanner.i18n import UnknownLanguage, normalize
from scanner.model import ConsentState, Severity

FAIL_NEVER = "never"
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?!\d|$)")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_RESOLVE = re.compile(r"^[A-Za-z0-9*?.\-\[\]]+=[0-9A-Fa-f:.\[\]]+$")


def parse_states(text: str) -> tuple[ConsentState, ...]:
    """'none,accept,reject[,gpc,gpc-accept]' → states in the canonical order, each once."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    valid = {s.value for s in ConsentState}
    bad = [n for n in names if n not in valid]
    if bad or not names:
        raise ConfigError(
            f"unknown state(s) {', '.join(bad) or '(none given)'}; use a comma-separated "
            f"subset of {','.join(s.value for s in ConsentState)}",
            "--states",
        )
    return tuple(s for s in ConsentState if s.value in names)


def parse_language(text: str) -> str:
    """--report-language: a shipped catalog (``de``, ``de-AT`` and ``de_AT`` mean German)."""
    try:
        return normalize(text)
    except UnknownLanguage as e:
        raise ConfigError(str(e), "--report-language") from e


def parse_fail_on(text: str) -> Severity | None:
    """A severity threshold, or None for 'never fail on findings'."""
    if text.lower() == FAIL_NEVER:
        return None
    try:
        return Severity(text.lower())
    except ValueError:
        choices = ", ".join([s.value for s in Severity] + [FAIL_NEVER])
        raise ConfigError(
            f"'{text}' is not a severity; use one of {choices}", "--fail-on"
        ) from None


def parse_target(url: str) -> str:
    """An http(s) URL to scan with a valid host and port (a bare host gets https://).

    ``javascript:alert(1)``, ``mailto:x`` and the like are refused as schemes, while
    ``host:8443/path`` is a host with a port.
    """
    text = url.strip()
    scheme = _SCHEME.match(text)
    if "://" not in text and scheme is None:
        text = "https://" + text
    try:
        split_url(text)
    except UrlProblem as e:
        raise ConfigError(f"'{url}' is not an http(s) URL to scan: {e}", "URL") from None
    return text


def parse_endpoint(url: str) -> str:
    """A CDP endpoint for --browser-endpoint: http(s)://host:port or ws(s)://... ('' = none)."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
        raise ConfigError(
            f"'{public_endpoint(url)}' is not a CDP endpoint (http://host:port or ws://...)",
            "--browser-endpoint",
        )
    return url


def parse_resolve(entries: list[str]) -> tuple[str, ...]:
    """HOST=IP entries for --resolve, with '*' globs allowed in HOST."""
    for entry in entries:
        if not _RESOLVE.match(entry.strip()):
            raise ConfigError(
                f"'{entry}' is not HOST=IP "
                "(e.g. 'staging.example.com=10.0.0.5' or '*.test=127.0.0.1')",
                "--resolve",
            )
    return tuple(e.strip() for e in entries)


def parse_viewport(text: str) -> tuple[int, int]:
    """'1366x768' → (1366, 768)."""
    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", text.strip().lower())
    if not match:
        raise ConfigError(f"'{text}' is not WIDTHxHEIGHT (e.g. 1366x768)", "--viewport")
    return int(match.group(1)), int(match.group(2))


def positive(value: int, flag: str, minimum: int = 1) -> int:
    """Reject counts below ``minimum`` with the flag's name."""
    if value < minimum:
        raise ConfigError(f"must be at least {minimum}, got {value}", flag)
    return value


def parse_http_credentials(
    variable: str, environ: Mapping[str, str], target: str
) -> HttpCredentials:
    """Basic-auth credentials from the environment variable ``variable`` (USER:PASSWORD).

    They are sent only to the origin of ``target``; the secret never appears in a message.
    """
    flag = "--http-credentials"
    if not _ENV_NAME.fullmatch(variable):
        message = "expects the NAME of an environment variable holding USER:PASSWORD, not "
        raise ConfigError(message + "the secret itself (keep it off the command line)", flag)
    user, colon, password = environ.get(variable, "").partition(":")
    if not colon or not user:
        message = f"environment variable {variable} must be set to USER:PASSWORD"
        raise ConfigError(message, flag)
    parts = urlsplit(target)
    return HttpCredentials(user, password, f"{parts.scheme}://{parts.netloc}", variable)


def parse_header(text: str) -> tuple[str, str]:
    """'Name: value' → (name, value), refusing line breaks."""
    name, colon, value = text.partition(":")
    name, value = name.strip(), value.strip()
    if not colon or not _HEADER_NAME.fullmatch(name) or re.search(r"[\r\n\0]", value):
        raise ConfigError(f"'{name}' is not 'Name: value' (e.g. 'X-Staging: 1')", "--header")
    return name, value


def parse_first_party(text: str) -> str:
    """A registrable domain given to --first-party ('brandcdn.com'; a URL gives its host)."""
    host = (urlsplit(text).hostname or "") if "://" in text else text
    domain = host.strip().lower().strip(".")
    if not _DOMAIN.fullmatch(domain):
        message = f"'{text}' is not a domain (e.g. 'brand-static.com')"
        raise ConfigError(message, "--first-party")
    return domain
