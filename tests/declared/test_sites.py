"""The --sites file: a YAML list of sites, every problem reported at file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.declared.sites import load_sites, parse_sites, slug_of
from scanner.errors import ConfigError

GOOD = """\
- name: Demo Shop
  urls: [https://www.demo-shop.test/, https://shop.test/a]
  declared: demo/expected_cookies.yaml
- name: blog
  urls: https://blog.test/
- name: from-declared
  declared: other.yaml
"""


def warnings() -> list[str]:
    return []


def test_sites_are_read_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    sites = parse_sites(GOOD, "sites.yaml", tmp_path, warnings().append)
    assert [s.slug for s in sites] == ["demo-shop", "blog", "from-declared"]
    assert sites[0].urls == ("https://www.demo-shop.test/", "https://shop.test/a")
    assert sites[0].declared == tmp_path / "demo" / "expected_cookies.yaml"
    assert sites[1].urls == ("https://blog.test/",) and sites[1].declared is None
    assert sites[2].urls == () and sites[2].location == "sites.yaml:6"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("- name: a\n  urls: [ftp://x]\n", "sites.yaml:2: [0].urls[0]: expected an http(s) URL"),
        ("- urls: [https://a.test/]\n", "sites.yaml:1: [0]: missing required key 'name'"),
        ("- name: a\n- name: A\n", "sites.yaml:2: site name 'A' makes the same folder"),
        ("- name: '!!'\n", "sites.yaml:1: [0].name: needs at least one letter"),
        ("name: a\n", "sites.yaml:1: expected a list"),
        ("- name: a\n  urls: {x: 1}\n", "sites.yaml:2: [0].urls: expected a list"),
        ("", "sites.yaml: the sites file lists no sites"),
        ("- [\n", "sites.yaml:2: invalid YAML"),
    ],
)
def test_errors_name_file_line_and_key(text: str, where: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_sites(text, "sites.yaml", tmp_path, warnings().append)
    assert str(caught.value).startswith(where)


def test_unknown_keys_warn(tmp_path: Path) -> None:
    seen: list[str] = []
    parse_sites("- name: a\n  url: https://a.test/\n", "s.yaml", tmp_path, seen.append)
    assert seen and "unknown key 'url'" in seen[0] and "did you mean 'urls'" in seen[0]


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="sites file not found"):
        load_sites(tmp_path / "nope.yaml", warnings().append)


def test_slug_is_a_safe_folder_name() -> None:
    assert slug_of("../Évil Shop/..") == "vil-shop"
