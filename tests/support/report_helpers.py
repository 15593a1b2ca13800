"""Helpers for the report tests: a tiny valid PNG, a baseline scan, and the HTML parser."""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import replace
from typing import Any

from bs4 import BeautifulSoup
from samples import cookie, finding, page, realistic_scan

from scanner.model import ConsentEvidence, ConsentState, ScanResult, Severity, StateResult
from scanner.model.findings import finding_kinds


def tiny_png(width: int = 4, height: int = 2) -> str:
    """A valid grey PNG of ``width`` by ``height`` pixels, as base64."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return base64.b64encode(png).decode("ascii")


def with_screenshots(result: ScanResult, shots: dict[ConsentState, str]) -> ScanResult:
    """``result`` with consent screenshots set for some states."""
    states = tuple(
        replace(s, consent=replace(s.consent, screenshot=shots.get(s.state))) for s in result.states
    )
    return replace(result, states=states)


def baseline_scan() -> ScanResult:
    """An older scan of the realistic site: one finding since fixed, one still there, and a
    cookie and a third party that are gone now."""
    current = realistic_scan()
    old_page = page(
        ConsentState.NONE,
        cookies=(cookie(), cookie("old_tracker", domain=".gone.test")),
        requests=(),
    )
    evidence = ConsentEvidence(ConsentState.NONE, applied=False)
    kept = next(f for f in current.findings if f.kind == "cookie_after_reject")
    fixed = finding("undeclared_cookie", Severity.HIGH, subject="old_tracker", message="gone")
    return replace(
        current,
        states=(StateResult(ConsentState.NONE, evidence, (old_page,)),),
        findings=(kept, fixed),
    )


def every_kind_scan() -> ScanResult:
    """The realistic scan plus one finding of each catalogued kind it lacks."""
    result = realistic_scan()
    present = {f.kind for f in result.findings}
    extra = tuple(
        finding(k.kind, k.severity, subject=f"example_{k.kind}", cookie_name=f"example_{k.kind}")
        for k in finding_kinds().values()
        if k.kind not in present
    )
    return replace(result, findings=result.findings + extra)


def soup(html: str) -> BeautifulSoup:
    """Parse HTML the way a browser would (enough for structure checks)."""
    return BeautifulSoup(html, "html.parser")


EVIL = "<script>alert(1)</script>| x"


def portfolio_sample() -> dict[str, Any]:
    """A merged portfolio: a site with a hostile name, a missing shard and site, a baseline."""
    site = {
        "name": EVIL, "slug": "evil", "shard": 1, "status": "findings", "exit_code": 1,
        "error": None, "pages": 3, "finding_ids": [["k", "none", "s"]],
        "report": "evil/r/report.html",
        "findings": {"total": 1, "by_severity": {"high": 1},
                     "by_kind": {"cookie_before_consent": 1}},
        "changes": {"site": "kept", "new": 1, "resolved": 0},
    }  # fmt: skip
    missing = site | {"name": "gone", "slug": "gone", "status": "missing", "report": None,
                      "error": "no result: shard 2 is missing or did not finish"}  # fmt: skip
    shards = [
        {"index": 1, "folder": "s1", "status": "done", "sites": ["evil"], "browser": "Chromium 1",
         "scanner_version": "0.1.0", "seconds": 3.0},
        {"index": 2, "folder": None, "status": "missing", "sites": [], "browser": None,
         "scanner_version": None, "seconds": None},
    ]  # fmt: skip
    return {
        "generated_at": "2026-11-25T10:00:00Z", "exit_code": 3, "complete": False,
        "baseline": True, "shards": shards, "sites": [site, missing],
    }  # fmt: skip
