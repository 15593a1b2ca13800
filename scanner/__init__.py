"""cookiescan: a cookie and tracker compliance scanner driving a real Chromium."""

from importlib.metadata import PackageNotFoundError, version

UNKNOWN_VERSION = "0.0.0+unknown"

try:  # set at build time from the git tag (setuptools-scm)
    __version__ = version("cookiescan")
except PackageNotFoundError:  # the source tree, not installed
    __version__ = UNKNOWN_VERSION
