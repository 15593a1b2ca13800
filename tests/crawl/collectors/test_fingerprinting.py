"""The published fingerprinting criteria, applied to API calls of each script."""

from __future__ import annotations

import json

import pytest

from scanner.crawl.book.visit import ApiCall
from scanner.crawl.collectors.api_calls import api_call_of
from scanner.crawl.collectors.fingerprinting import detect_fingerprinting, font_family

FP = "https://fp.test/fp.js"
TEXT_READ = {"method": "toDataURL", "format": "image/png", "width": 240, "height": 60,
             "chars": 17, "colours": 2, "texts": ["Cwm fjordbank gly"]}  # fmt: skip


def call(api: str, script: str = FP, **detail: object) -> ApiCall:
    return api_call_of(api, script, json.dumps(detail), "https://site.test/", 1000)


def techniques(*calls: ApiCall) -> set[str]:
    return {d.technique for d in detect_fingerprinting(calls)}


def test_canvas_read_back_after_text_in_two_colours_is_fingerprinting() -> None:
    (found,) = detect_fingerprinting([call("canvas.read", **TEXT_READ)])
    assert (found.script, found.technique) == (FP, "canvas")
    assert "240x60" in found.evidence and "'Cwm fjordbank gly'" in found.evidence


@pytest.mark.parametrize(
    "change",
    [
        {"width": 15},  # too small to hold a fingerprint
        {"chars": 9, "colours": 1},  # too little text
        {"format": "image/jpeg"},  # lossy
        {"format": "image/webp"},
        {"save_restore": True},  # drawing code, as in charts
    ],
)
def test_canvas_reads_outside_the_criteria_are_not(change: dict[str, object]) -> None:
    assert techniques(call("canvas.read", **(TEXT_READ | change))) == set()


def test_ten_characters_in_one_colour_are_enough() -> None:
    assert techniques(call("canvas.read", **(TEXT_READ | {"colours": 1, "chars": 10}))) == {
        "canvas"
    }


def test_get_image_data_counts_the_area_read_not_the_canvas() -> None:
    small = TEXT_READ | {"method": "getImageData", "area": [1, 1]}
    big = TEXT_READ | {"method": "getImageData", "area": [16, 16]}
    assert techniques(call("canvas.read", **small)) == set()
    assert techniques(call("canvas.read", **big)) == {"canvas"}


def test_a_canvas_listener_does_not_exclude_the_script() -> None:
    assert techniques(call("canvas.read", **(TEXT_READ | {"listener": True}))) == {"canvas"}


def test_fonts_count_when_fifty_distinct_families_are_measured() -> None:
    many = [call("font.offset", font=f"'Font {i}',monospace") for i in range(50)]
    again = [call("font.offset", font=f"'Font {i}',serif") for i in range(49)]
    assert techniques(*many) == {"font_probing"}
    assert techniques(*again) == set()
    measured = [call("canvas.measure", font=f"12px Font{i}") for i in range(50)]
    assert techniques(*measured) == {"canvas_font"}


def test_font_family_is_the_first_family_without_size_or_quotes() -> None:
    assert font_family("bold 12px/1.5 'Helvetica Neue', Arial") == "helvetica neue"
    assert font_family("'ARNO PRO',monospace") == "arno pro"
    assert font_family("Univers CE 55 Medium, serif") == "univers ce 55 medium"
    assert font_family('11pt "Times New Roman"') == "times new roman"


def test_webgl_unmasked_renderer_and_audio_rendering() -> None:
    assert techniques(call("webgl.parameter"), call("webgl.debug_extension")) == set()
    assert techniques(call("webgl.parameter", unmasked="UNMASKED_RENDERER_WEBGL")) == {"webgl"}
    names = ("createOscillator", "createDynamicsCompressor", "startRendering")
    audio = [call(f"audio.{n}", context="offline") for n in names]
    assert techniques(*audio) == {"audio"}
    assert techniques(*audio[:2]) == set()
    realtime = [call("audio.createOscillator", context="realtime"), *audio[1:]]
    assert techniques(*realtime) == set()


def test_calls_are_judged_per_script_with_navigator_reads_as_support() -> None:
    little = TEXT_READ | {"chars": 5, "colours": 1}
    other = call("canvas.read", script="https://a.test/a.js", **little)
    split = [other, call("navigator.plugins"), call("canvas.read", **TEXT_READ)]
    (found,) = detect_fingerprinting(split)
    assert (found.script, found.supporting) == (FP, ("navigator.plugins",))


def test_malformed_binding_arguments_are_tolerated() -> None:
    bad = api_call_of("canvas.read", FP, "{not json", "https://site.test/", "soon")
    assert (bad.detail, bad.at) == ((), 0.0)
    assert detect_fingerprinting([bad]) == ()
