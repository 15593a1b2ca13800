"""cookiescan: a cookie and tracker compliance scanner driving a real Chromium."""

__version__ = "0.1.0"
