"""The techniques: section of expected_cookies.yaml and how declarations match scripts."""

from __future__ import annotations

import pytest

from scanner.declared import parse_declarations
from scanner.declared.matching import match_technique
from scanner.errors import ConfigError
from scanner.model import Category

GOOD = """\
techniques:
  - technique: canvas
    script: devicecheck.test
    category: essential
    provider: DeviceCheck
    purpose: Fraud prevention at checkout
  - technique: Session_Recording
    script: "*.hotjar.com"
    category: analytics
  - technique: webgl
    category: necessary
"""


def test_techniques_are_parsed_with_lines_and_category_synonyms() -> None:
    canvas, recording, webgl = parse_declarations(GOOD).techniques
    assert (canvas.technique, canvas.script, canvas.category, canvas.line) == (
        "canvas",
        "devicecheck.test",
        Category.NECESSARY,
        2,
    )
    assert canvas.provider == "DeviceCheck" and canvas.purpose.startswith("Fraud")
    assert (recording.technique, recording.script) == ("session_recording", "*.hotjar.com")
    assert (webgl.script, webgl.line) == (None, 10)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("techniques:\n  - technique: canvass\n    category: necessary\n",
         "t.yaml:2: techniques[0].technique: unknown technique 'canvass'"),
        ("techniques:\n  - script: a.test\n    category: necessary\n",
         "t.yaml:2: techniques[0]: missing required key 'technique'"),
        ("techniques:\n  - technique: audio\n",
         "t.yaml:2: techniques[0]: missing required key 'category'"),
        ("techniques:\n  - {technique: audio, category: necessary}\n"
         "  - {technique: audio, category: analytics}\n",
         "t.yaml:3: techniques[1]: technique 'audio' is declared twice (first at line 2)"),
        ("techniques:\n  - {technique: audio, category: necessary, script: 'a b'}\n",
         "t.yaml:2: techniques[0].script"),
    ],
)  # fmt: skip
def test_errors_name_file_line_and_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_declarations(text, "t.yaml")
    assert str(error.value).startswith(message)


def test_matching_by_technique_and_script_domain() -> None:
    decls = parse_declarations(GOOD)
    assert match_technique(decls, "canvas", "fp.devicecheck.test", "devicecheck.test")
    assert match_technique(decls, "canvas", "other.test", "other.test") is None
    assert match_technique(decls, "session_recording", "hotjar.com", "hotjar.com")
    assert match_technique(decls, "webgl", "any.test", "any.test")  # no script: any script
    assert match_technique(decls, "audio", "any.test", "any.test") is None
