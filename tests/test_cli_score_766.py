"""`cchc-tui score-766`: JSON per unit, vi-VN tables, and clear messages for bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cchc_tui.cli import main
from cchc_tui.text import round_half_up

DATA = Path(__file__).parent / "data" / "portal"
RAW = DATA / "raw" / "2026" / "gia_lai" / "raw_GiaLai_detail_year_2026_10102026.json"
AGENCIES = DATA / "gia_lai" / "agencies_detail_GiaLai_10102026.json"
ROOT = Path(__file__).resolve().parent.parent


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["score-766", *args, "--format", "json"]) == 0
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    return doc


def test_json_gives_the_portals_score_for_every_metric_of_every_unit(
        capsys: pytest.CaptureFixture[str]) -> None:
    doc = _json(capsys, "--source", str(RAW), "--lang", "en")
    assert len(doc["units"]) == 150
    compared = 0
    for unit in doc["units"]:
        assert set(unit) >= {"unit", "total", "groups", "metrics", "levers"}
        assert [g["code"] for g in unit["groups"]] == ["CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL",
                                                        "MDSH"]
        for m in unit["metrics"]:
            if m["basis"] == "computed" and m["published"] is not None:
                compared += 1
                assert m["computed"] == m["published"], (unit["unit"]["code"], m["code"])
        for g in unit["groups"]:
            assert g["computed"] == g["published"], (unit["unit"]["code"], g["code"])
    assert compared > 2000
    assert [f["kind"] for f in doc["findings"]] == ["capture_inconsistent"]
    van_canh = next(u for u in doc["units"] if u["unit"]["code"] == "H21.227")
    texts = [lv["text"] for lv in van_canh["levers"]]
    assert any("+650 digitised dossiers for one more point of digitisation" in t for t in texts)
    assert any(t.startswith("33 of 41 fee procedures with online payment") for t in texts)
    province = doc["units"][0]
    assert province["unit"]["level"] == "province" and province["children_impact"]


def test_json_totals_of_a_consistent_capture(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _json(capsys, "--source", str(AGENCIES))
    totals = [u["total"] for u in doc["units"]]
    assert len(totals) == 14
    assert all(abs(t["computed"] - t["published"]) <= 0.01 + 1e-9 for t in totals)
    assert doc["findings"] == []


def test_one_unit_table_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score-766", "--source", str(RAW), "--unit", "van canh"]) == 0
    out = capsys.readouterr().out
    assert "UBND xã Vân Canh (H21.227, xã, phường)" in out
    assert "1.520/2.618" in out and "58,06%" in out          # vi-VN numbers
    assert "+650 hồ sơ số hóa: thêm 1 điểm số hóa hồ sơ (2,32 → 3,32/4)" in out
    assert "Tỷ lệ hồ sơ thủ tục hành chính thực hiện số hóa hồ sơ" in out
    assert "không cùng một thời điểm" in out


def test_markdown_of_every_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score-766", "--source", str(AGENCIES), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n| H21.") == 14
    assert "| Mã | Đơn vị |" in out


@pytest.mark.parametrize(("content", "expected"), [
    (None, "no such file"),
    ("{not json", "(line 1, column 2): not valid JSON"),
    ("[]", "expected a JSON object, got an array"),
    ('{"PROGRESS": {"data": {}}}', "no answer names its unit"),
    ('{"hello": 1}', "expected the seven 766 answers"),
    ('{"format": "cchc-kpi-feed", "version": 1, "units": []}', "no 766 figures metric by "
                                                               "metric"),
])
def test_bad_files_give_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        content: str | None, expected: str) -> None:
    path = tmp_path / "capture.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["score-766", "--source", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and expected in err


@pytest.mark.parametrize(("value", "expected"), [
    ("many", "numerator: expected a number or null, got string 'many'"),
    (-3, "numerator: expected a whole count ≥ 0 or null, got -3"),
    (2.5, "numerator: expected a whole count ≥ 0 or null, got 2.5"),
])
def test_a_wrong_value_is_named_by_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             value: object, expected: str) -> None:
    doc = json.loads(RAW.read_text(encoding="utf-8"))
    doc["DIGITIZED"]["data"]["evaluation"][2]["metrics"][1]["numerator"] = value
    path = tmp_path / "capture.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["score-766", "--source", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"$.DIGITIZED.data.evaluation[2].metrics[1].{expected}" in err


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score-766"]) == 2
    assert "--source" in capsys.readouterr().err
    assert main(["score-766", "--source", str(AGENCIES), "--unit", "H99.999"]) == 1
    assert "no such unit" in capsys.readouterr().err


def test_the_command_runs_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe not utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for path in (bad, tmp_path / "missing.json", tmp_path):
        done = subprocess.run([sys.executable, "-m", "cchc_tui", "score-766", "--source",
                               str(path)], capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr and str(path) in done.stderr
    done = subprocess.run([sys.executable, "-m", "cchc_tui", "score-766", "--source", str(RAW),
                           "--unit", "H21.227", "--format", "json", "--lang", "en"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    unit = json.loads(done.stdout)["units"][0]
    assert unit["unit"]["code"] == "H21.227"
    raw = json.loads(RAW.read_text(encoding="utf-8"))["SERVICE_RESULTS"]["data"]["evaluation"]
    assert unit["total"]["published"] == next(u["totalScore"] for u in raw
                                              if u["departmentCode"] == "H21.227")
    assert unit["total"]["computed"] == round_half_up(sum(g["computed"] for g in unit["groups"]))


@pytest.mark.parametrize("fmt", ["table", "md", "json"])
def test_names_from_the_file_are_data(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      fmt: str) -> None:
    doc = json.loads(AGENCIES.read_text(encoding="utf-8"))
    doc["agenciesDetail"][0]["departmentName"] = "Sở \x1b[31mĐỏ\u202e | *đậm*"
    path = tmp_path / "details.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["score-766", "--source", str(path), "--unit", "H21.17", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    if fmt == "md":
        assert "\\| \\*đậm\\*" in out and "x1b\\[31mĐỏ" in out
    else:
        assert "\\x1b[31mĐỏ" in out
