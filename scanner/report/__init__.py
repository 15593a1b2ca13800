"""The report stage: what a scan's reports read, their formats, the reports folder, portfolios.

Sub-packages, each importing only the ones below it (import-linter contract in pyproject.toml):
``portfolio`` (many sites: a --sites run's summary, merged shards) > ``folder`` (the reports
folder: scans, latest/, lock, index page) | ``console`` (what a scan prints) > ``formats``
(the registry and one module per format) > ``context`` (one ReportContext per scan: result,
comparison, verdict, counts, inventory) > ``text`` (atomic files, safe text, templates, codec).
This module re-exports the registry for the stages above.
"""

from __future__ import annotations

from scanner.report.context import ReportContext, ReportOptions
from scanner.report.formats import OutputFormat, render, write_reports
from scanner.report.formats.interface import Reporter

__all__ = ["OutputFormat", "ReportContext", "ReportOptions", "Reporter", "render", "write_reports"]
