"""Authenticated scans: the declared login with its values from the environment, and
--storage-state and --urls files, each checked before any browser starts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from scanner.crawl.options import LoginPlan
from scanner.errors import ConfigError
from scanner.model import LoginDeclaration
from scanner.settings.parse import parse_target


def login_plan(login: LoginDeclaration | None, environ: Mapping[str, str]) -> LoginPlan | None:
    """The declared login with each field's value read from the variable it names."""
    if login is None:
        return None
    missing = [name for _, name in login.fields if not environ.get(name)]
    if missing:
        where = f"login (line {login.line})" if login.line else "login"
        raise ConfigError(f"environment variable(s) not set: {', '.join(missing)}", where)
    return LoginPlan(
        url=login.url,
        fields=tuple((selector, environ[name]) for selector, name in login.fields),
        submit=login.submit,
        success_url=login.success_url,
        success_selector=login.success_selector,
        variables=tuple(name for _, name in login.fields),
    )


def storage_state_file(path: str | None) -> str | None:
    """A readable Playwright storage-state JSON file (cookies and origins), or None."""
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the storage state: {exc}", "--storage-state") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cookies", []), list):
        message = "expected Playwright's storage state JSON ({'cookies': [...], 'origins': [...]})"
        raise ConfigError(message, "--storage-state")
    return str(Path(path).resolve())


def urls_file(path: str | None) -> list[str]:
    """The start URLs of a --urls file: one per line; blank lines and # comments skipped."""
    if not path:
        return []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", f"--urls {path}") from exc
    urls = []
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if text:
            try:
                urls.append(parse_target(text))
            except ConfigError as exc:
                raise ConfigError(str(exc), f"{path}:{number}") from exc
    return urls
