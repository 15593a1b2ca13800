"""The evidence package without a browser: sealing a HAR, the manifest and verify-evidence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scanner.cli import main
from scanner.crawl.browser.har import seal_har
from scanner.i18n import catalog_path
from scanner.model import ConsentState, Declarations, ScanMeta, ScanResult
from scanner.model.digest import keyed_digest
from scanner.pipeline.evidence import report_settings, rule_sets
from scanner.report.folder.manifest import write_manifest
from scanner.report.folder.verify import verify_folder
from scanner.settings.config import ScanConfig

KEY = b"k" * 32
SECRETS = ("SESSIONVALUE123", "JARONLYVALUE456", "BEARERTOKEN789", "POSTEDBODY000")


def _entry() -> dict[str, object]:
    return {
        "request": {
            "url": "https://t.test/collect?cid=JARONLYVALUE456&x=1",
            "headers": [
                {"name": "Cookie", "value": "sid=SESSIONVALUE123; theme=dark"},
                {"name": "Authorization", "value": "Bearer BEARERTOKEN789"},
                {"name": "Accept", "value": "*/*"},
            ],
            "cookies": [{"name": "sid", "value": "SESSIONVALUE123"}],
            "postData": {"mimeType": "text/plain", "text": "POSTEDBODY000"},
        },
        "response": {
            "headers": [{"name": "set-cookie", "value": "sid=SESSIONVALUE123; Path=/; Secure"}],
            "cookies": [{"name": "sid", "value": "SESSIONVALUE123"}],
            "redirectURL": "https://t.test/next?sid=SESSIONVALUE123",
        },
    }


def test_a_sealed_har_holds_no_cookie_credential_or_body_value(tmp_path: Path) -> None:
    raw = tmp_path / "none.raw.har"
    raw.write_text(json.dumps({"log": {"entries": [_entry()]}}), "utf-8")
    sealed = seal_har(raw, KEY, jar_values=["JARONLYVALUE456"])
    text = sealed.read_text("utf-8")
    assert not raw.exists() and sealed.name == "none.har"
    for secret in SECRETS:
        assert secret not in text, secret
    # the same keyed digest report.json shows for the cookie's value, wherever the value was
    assert text.count("digest:" + keyed_digest(KEY, "SESSIONVALUE123")) == 5
    assert "cid=digest:" + keyed_digest(KEY, "JARONLYVALUE456") in text
    headers = json.loads(text)["log"]["entries"][0]["request"]["headers"]
    assert {"name": "Accept", "value": "*/*"} in headers  # other headers stay readable
    assert headers[0]["value"].startswith("sid=digest:") and "theme=digest:" in headers[0]["value"]


def test_an_unreadable_raw_har_is_removed_not_kept(tmp_path: Path) -> None:
    raw = tmp_path / "accept.raw.har"
    raw.write_text('{"log": {"entries": [', "utf-8")
    seal_har(raw, KEY)
    assert list(tmp_path.iterdir()) == []


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scan"
    (folder / "evidence").mkdir(parents=True)
    (folder / "report.json").write_text("{}", "utf-8")
    (folder / "evidence" / "none.har").write_text('{"log": {"entries": []}}', "utf-8")
    meta = ScanMeta(
        ("https://www.example.test/",), "2025-01-15T10:00:00Z", "2025-01-15T10:01:00Z", "0",
        "Chromium 1", None, (ConsentState.NONE,), settings=(("states", "none"),),
    )  # fmt: skip
    config = ScanConfig(
        ("https://www.example.test/",), Declarations(), tmp_path, report_language="sq"
    )
    result = ScanResult(meta, Declarations(), (), ())
    write_manifest(folder, result, rule_sets(), report_settings(config))
    return folder


def test_the_manifest_lists_every_file_with_versions_and_settings(tmp_path: Path) -> None:
    manifest = json.loads((_folder(tmp_path) / "manifest.json").read_text("utf-8"))
    assert sorted(manifest["files"]) == ["evidence/none.har", "report.json"]
    assert all(len(h) == 64 for h in manifest["files"].values())
    assert manifest["browser"] == "Chromium 1" and manifest["settings"] == {"states": "none"}
    rule_set_names = {"autoconsent", "knowledge.cookies", "finding_kinds.sha256"}
    rule_set_names |= {"cmp_rules.sha256", "consent_words.sha256", "banner_design.sha256"}
    assert rule_set_names <= set(manifest["rule_sets"])
    assert manifest["scanner"]["version"] and manifest["scan"]["finished_at"]


def test_the_manifest_records_the_report_language_and_its_catalogs(tmp_path: Path) -> None:
    report = json.loads((_folder(tmp_path) / "manifest.json").read_text("utf-8"))["report"]
    assert report["language"] == "sq" and report["fail_on"] == "medium"
    albanian = hashlib.sha256(catalog_path("sq").read_bytes()).hexdigest()
    assert report["catalogs"]["sq.po"] == albanian and set(report["catalogs"]) == {"sq.po", "en.po"}


def test_verify_evidence_detects_one_changed_byte_a_missing_and_an_added_file(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    assert main(["verify-evidence", str(folder)]) == 0
    har = folder / "evidence" / "none.har"
    data = bytearray(har.read_bytes())
    data[3] ^= 1
    har.write_bytes(bytes(data))
    assert main(["verify-evidence", str(folder)]) == 1
    assert verify_folder(folder).changed == ("evidence/none.har",)
    har.unlink()
    (folder / "extra.txt").write_text("x", "utf-8")
    check = verify_folder(folder)
    assert check.missing == ("evidence/none.har",) and check.added == ("extra.txt",)


def test_verify_evidence_without_a_manifest_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["verify-evidence", str(tmp_path)]) == 2
