"""Reading sitemaps and robots.txt as text: page URLs, nested sitemaps, Sitemap: lines."""

from __future__ import annotations

from scanner.crawl.navigation.sitemap import robots_sitemaps, sitemap_locations


def test_robots_sitemap_lines_any_case_relative_resolved() -> None:
    text = "User-agent: *\nDisallow: /admin\nSitemap: https://a.example/s1.xml\nsitemap:/s2.xml\n"
    assert robots_sitemaps(text, "https://a.example/") == [
        "https://a.example/s1.xml",
        "https://a.example/s2.xml",
    ]


def test_a_urlset_gives_pages_and_an_index_gives_sitemaps() -> None:
    urlset = """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://a.example/?a=1&amp;b=2 </loc></url>
      <url><loc>javascript:alert(1)</loc></url></urlset>"""
    assert sitemap_locations(urlset) == (["https://a.example/?a=1&b=2"], [])
    index = (
        """<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>"""
    )
    assert sitemap_locations(index) == ([], ["https://a.example/s1.xml"])


def test_not_a_sitemap_gives_nothing() -> None:
    assert sitemap_locations("<html><body>Not found</body></html>") == ([], [])
