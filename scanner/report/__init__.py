"""Reporters: turn a ScanResult into terminal output and report files (one module per format)."""

from scanner.report.interface import OutputFormat, Reporter, write_reports

__all__ = ["OutputFormat", "Reporter", "write_reports"]
