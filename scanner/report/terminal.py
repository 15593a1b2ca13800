"""Moved to ``scanner.report.formats.terminal``; kept until tests/crawl imports it there."""

from scanner.report.formats.terminal import TerminalReporter

__all__ = ["TerminalReporter"]
