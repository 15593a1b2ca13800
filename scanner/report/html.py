"""Moved to ``scanner.report.formats.html``; kept until tests/crawl imports it there."""

from scanner.report.formats.html import HtmlReporter, render_html

__all__ = ["HtmlReporter", "render_html"]
