"""The portfolio page and Markdown: shard statuses shown, names escaped; endpoints redacted."""

from __future__ import annotations

import pytest
from report_helpers import portfolio_sample as portfolio

from scanner.crawl.options import public_endpoint
from scanner.errors import ConfigError
from scanner.report.portfolio.page import render_portfolio, render_portfolio_markdown
from scanner.settings.parse import parse_endpoint


def test_the_page_escapes_names_and_shows_missing_shards_and_changes() -> None:
    page = render_portfolio(portfolio())
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert 'id="incomplete"' in page and "shard-missing" in page
    assert "kept: 1 new, 0 resolved" in page and 'href="evil/r/report.html"' in page
    assert "cookie_before_consent" in page


def test_the_markdown_escapes_names_and_lists_missing_shards() -> None:
    text = render_portfolio_markdown(portfolio())
    assert "- shard 2: missing" in text
    assert "<script>" not in text and "\\|" in text
    assert "1 new, 0 resolved" in text


def test_endpoints_lose_credentials_and_tokens() -> None:
    assert public_endpoint("wss://u:p@fleet.example:443/x?token=t#f") == "wss://fleet.example:443/x"
    assert public_endpoint("http://[::1]:9222") == "http://[::1]:9222"
    assert parse_endpoint(" http://node:9222 ") == "http://node:9222"
    with pytest.raises(ConfigError) as bad:
        parse_endpoint("ftp://u:secret@node/")
    assert "secret" not in str(bad.value)
