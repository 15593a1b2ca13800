"""Templates, style sheet and script of the HTML reports (package data)."""
