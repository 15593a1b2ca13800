"""The consent engine a scan uses: the declared controls, the banner wait, and autoconsent's
rules where they are installed."""

from __future__ import annotations

from scanner.consent.autoconsent import find_autoconsent, load_bundle
from scanner.consent.engine import ConsentEngine
from scanner.model import ConsentControls


def scan_engine(controls: ConsentControls, banner_wait_s: float) -> ConsentEngine:
    """The engine with ``controls`` first, then autoconsent (if installed), then the heuristic."""
    autoconsent = find_autoconsent()
    bundle = load_bundle(autoconsent) if autoconsent else None
    return ConsentEngine(controls, banner_wait_s, bundle)
