"""Report languages: complete catalogs, the setting's precedence, language-neutral JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from samples import realistic_scan

from scanner.cli import main
from scanner.i18n import LANGUAGES, UnknownLanguage, catalog, normalize
from scanner.i18n.catalogs import KINDS_FILE, LOCALE, TEMPLATE, all_gaps, gaps, template_catalog
from scanner.model.findings import finding_kinds
from scanner.report.context import ReportOptions, build_context
from scanner.report.formats.html import render_html
from scanner.report.formats.json_report import JsonReporter
from scanner.report.formats.junit import render_junit
from scanner.report.formats.markdown import render_markdown
from scanner.report.formats.sarif import render_sarif

PLACEHOLDER = re.compile(r"%\(\w+\)s")


def test_every_catalog_translates_every_message() -> None:
    """Fails naming the language and the message (run scripts/i18n.py missing for the list)."""
    assert [str(gap) for gap in all_gaps()] == []


def test_a_missing_message_is_named_with_its_language(tmp_path: Path) -> None:
    text = (LOCALE / "de.po").read_text("utf-8")
    cut = text.replace('msgid "kind.page_failed.why"', 'msgid "kind.page_failed.whyx"')
    german = read_po(iter(cut.encode().splitlines(keepends=True)), locale="de")
    found = [str(gap) for gap in gaps("de", template_catalog(), german)]
    assert found == ["de.po: missing translation for 'kind.page_failed.why'"]


def test_the_shipped_languages_are_the_catalog_files_and_the_template_is_current() -> None:
    assert sorted(p.stem for p in LOCALE.glob("*.po")) == sorted(LANGUAGES)
    fresh = {m.id if isinstance(m.id, str) else m.id[0] for m in template_catalog() if m.id}
    with TEMPLATE.open("rb") as handle:
        pot = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert pot == fresh, "run scripts/i18n.py update"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    for message in catalog(language):
        if not message.id or not message.string:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        strings = (message.string,) if isinstance(message.string, str) else message.string
        wanted = set(PLACEHOLDER.findall(ids[-1])) - {"%(num)s"}
        for text in filter(None, strings):  # "": untranslated, the msgid is shown
            assert wanted <= set(PLACEHOLDER.findall(text)), (language, ids[0], text)


def test_kind_texts_live_in_the_catalogs_not_in_the_kinds_file() -> None:
    spec = yaml.safe_load(KINDS_FILE.read_text("utf-8"))
    texts = {kind: set(fields) - {"severity"} for kind, fields in spec.items()}
    assert {k: v for k, v in texts.items() if v} == {}, "run scripts/i18n.py kinds"
    english = finding_kinds()["cookie_before_consent"]
    assert english.title == "Non-necessary cookie set before consent"
    german = finding_kinds("de")["cookie_before_consent"]
    assert german.title == "Nicht notwendiges Cookie vor der Einwilligung gesetzt"
    assert "Einwilligung" in german.rule and german.severity == english.severity


def test_language_codes_are_normalised_and_unknown_ones_refused() -> None:
    assert [normalize(c) for c in ("DE", "de-AT", "fr_CA", "sq")] == ["de", "de", "fr", "sq"]
    with pytest.raises(UnknownLanguage, match="shipped: en, de"):
        normalize("xx")


def test_html_markdown_junit_and_sarif_speak_the_language_json_stays_neutral() -> None:
    result = realistic_scan()
    french = ReportOptions(language="fr")
    html = render_html(result, french)
    assert '<html lang="fr">' in html and "Pourquoi c'est important" in html
    assert "consentement" in render_markdown(result, french)
    title = finding_kinds("pl")["cookie_before_consent"].title
    assert title in render_junit(result, ReportOptions(language="pl"))
    sarif = json.loads(render_sarif(result, ReportOptions(language="sq")))
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert any("pëlqim" in rule["shortDescription"]["text"] for rule in rules)
    neutral = JsonReporter().render(build_context(result))
    assert JsonReporter().render(build_context(result, french)) == neutral


def test_dates_and_numbers_follow_the_locale() -> None:
    html = render_html(realistic_scan(), ReportOptions(language="de"))
    assert "15.01.2025, 10:00:00 UTC" in html


def _declared(tmp_path: Path, language: str) -> Path:
    path = tmp_path / "expected_cookies.yaml"
    path.write_text(f"policy:\n  report_language: {language}\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("flag", "env", "declared", "expected"),
    [("pl", "it", "nl", "pl"), (None, "it", "nl", "it"), (None, None, "nl", "nl"),
     (None, None, None, "en")],
)  # fmt: skip
def test_precedence_flag_env_declared_file_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    flag: str | None, env: str | None, declared: str | None, expected: str,
) -> None:  # fmt: skip
    from scanner.commands import scan as scan_command

    seen: list[str] = []
    real = scan_command.build_config

    def spy(*args: object, **kwargs: object) -> object:
        config = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(config.report_language)
        raise SystemExit(0)

    monkeypatch.setattr(scan_command, "build_config", spy)
    if env:
        monkeypatch.setenv("COOKIESCAN_REPORT_LANGUAGE", env)
    argv = ["scan", "https://example.test/", "--out", str(tmp_path / "out")]
    argv += ["--declared", str(_declared(tmp_path, declared or "en"))] if declared else []
    argv += ["--report-language", flag] if flag else []
    with pytest.raises(SystemExit):
        main(argv)
    assert seen == [expected]


def test_an_unknown_language_is_a_usage_error_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "https://example.test/", "--report-language", "xx"]) == 2
    assert "--report-language" in capsys.readouterr().err
    declared = _declared(tmp_path, "klingon")
    assert main(["scan", "https://example.test/", "--declared", str(declared)]) == 2
    err = capsys.readouterr().err
    assert "policy.report_language" in err and ":2" in err and "klingon" in err
