"""The reports folder's index.html: every scan, newest first, in the reports' own style."""

from __future__ import annotations

from collections.abc import Sequence

from scanner.i18n import DEFAULT_LANGUAGE
from scanner.report.folder.scans import ScanEntry
from scanner.report.text.templating import assets, environment


def render_index(
    entries: Sequence[ScanEntry], latest_href: str | None = None, language: str = DEFAULT_LANGUAGE
) -> str:
    """The reports folder's index.html: every scan, newest first, in ``language`` (the report
    language of the scan that refreshes it)."""
    page = environment(language).get_template("index.html.j2")
    return page.render(entries=entries, latest=latest_href, **assets())
