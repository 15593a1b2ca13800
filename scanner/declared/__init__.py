"""The declared list (expected_cookies.yaml): loading with line numbers, sections, matching."""

from scanner.declared.loader import load_declarations, parse_declarations

__all__ = ["load_declarations", "parse_declarations"]
