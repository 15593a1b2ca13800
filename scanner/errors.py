"""The one exception hierarchy of cookiescan, and the exit code each maps to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    SCAN_FAILED = 3
    INTERRUPTED = 130


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (at most 300 characters), for reports and stderr."""
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


class CookiescanError(Exception):
    """Base of every error cookiescan raises on purpose."""

    exit_code: ExitCode = ExitCode.SCAN_FAILED


class ConfigError(CookiescanError):
    """Bad input: a flag, an environment variable or a declarations file.

    ``location`` is ``file:line`` (or the flag name) so the user can go straight to it.
    """

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, location: str | None = None) -> None:
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)


class BrowserNotFoundError(CookiescanError):
    """No usable Chromium could be found; the message lists what was tried."""

    exit_code = ExitCode.SCAN_FAILED


class ScanError(CookiescanError):
    """The scan could not run at all (not a single failed page, which is data)."""

    exit_code = ExitCode.SCAN_FAILED


class LoginError(CookiescanError):
    """Signing in before the crawl failed (wrong credentials, a changed form): the scan stops."""

    exit_code = ExitCode.USAGE
