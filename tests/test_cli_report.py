"""`cchc-tui report`: output shapes, unit lookup errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from cchc_tui.cli import main
from cchc_tui.model.catalogue import KPIS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def kpis(out: str) -> dict[str, dict[str, Any]]:
    return {k["id"]: k for k in json.loads(out)["kpis"]}


def test_json_shape_and_seed_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "--unit", "song cau", "--period", "2023",
                       "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["unit"] == {"code": "01837", "name": "Phường Sông Cầu", "level": "commune",
                              "parent": "058", "external_id": None}
    assert report["period"] == "2023" and report["period_label"] == "Năm 2023"
    assert set(report) >= {"unit", "period", "kpis", "counts", "findings"}
    online = kpis(out)["online_dossier_rate"]
    assert online["value"] == 51.67
    assert (online["numerator"], online["denominator"]) == (573, 1109)
    assert online["source"] == "computed" and online["coverage"] is None
    for key in ("id", "value", "numerator", "denominator", "source", "target", "target_due",
                "target_basis", "gap", "status", "coverage"):
        assert key in online
    assert kpis(out)["e_certification_rate"]["value"] == 78.28
    assert report["counts"]["dossiers_received"] == 1109


def test_binh_thanh_derived_with_finding_quoting_published(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "--unit", "Bình Thạnh", "--period", "2023-H1",
                       "--format", "json", "--lang", "en")
    assert code == 0
    online = kpis(out)["online_dossier_rate"]
    assert online["value"] == 40.97 and online["source"] == "derived"
    assert (online["numerator"], online["denominator"]) == (2705, 6603)
    assert kpis(out)["early_rate"]["value"] == 84.6
    messages = [f["message"] for f in json.loads(out)["findings"]
                if f["kind"] == "reported_mismatch" and f["kpi"] == "online_dossier_rate"]
    assert messages and "46.76%" in messages[0]


def test_tam_ky_and_song_cau_q1(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "report", "--unit", "tam ky", "--period", "2023-H1",
                    "--format", "json")
    email = kpis(out)["email_active_rate"]
    assert email["value"] == 77.29 and (email["numerator"], email["denominator"]) == (701, 907)
    _, out, _ = run(capsys, "report", "--unit", "01837", "--period", "2024-Q1",
                    "--format", "json")
    assert kpis(out)["online_dossier_rate"]["value"] == 86.7


def test_table_uses_vi_vn_formatting(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "--unit", "song cau", "--period", "2023")
    assert code == 0
    assert "573/1.109" in out and "51,67%" in out and "Phường Sông Cầu" in out


def test_markdown_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    _, md, _ = run(capsys, "report", "--unit", "song cau", "--period", "2023", "--format", "md")
    assert md.startswith("## Phường Sông Cầu") and "| 51,67% | 573/1.109 hồ sơ |" in md
    _, text, _ = run(capsys, "report", "--unit", "song cau", "--period", "2023",
                     "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    by_kpi = {r["Mã chỉ số"]: r for r in rows}
    assert by_kpi["online_dossier_rate"]["Giá trị (%)"] == "51,67"
    assert len(rows) == len(KPIS)


def test_default_period_is_the_latest_with_data(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "report", "--unit", "tam ky", "--format", "json")
    assert json.loads(out)["period"] == "2023-H1"


def test_simulated_data_is_labelled(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "report", "--unit", "MP", "--period", "2026-Q3")
    assert "dữ liệu mô phỏng" in out
    _, out, _ = run(capsys, "report", "--unit", "MP", "--period", "2026-Q3", "--format", "json")
    report = json.loads(out)
    assert report["data"]["simulated"] is True
    online = kpis(out)["online_dossier_rate"]
    assert online["coverage"] == {"reporting": 2, "of": 2}


@pytest.mark.parametrize("unit, words", [
    ("tan lap", "2 đơn vị khớp với 'tan lap'"),
    ("khong ton tai", "không có đơn vị nào khớp với 'khong ton tai'"),
    ("tan lap --lang en", "2 units match"), ("khong ton tai --lang en", "no unit matches")])
def test_unknown_or_ambiguous_unit_exits_non_zero(capsys: pytest.CaptureFixture[str],
                                                  unit: str, words: str) -> None:
    unit, *flags = unit.split(" --")
    extra = [word for f in flags for word in f"--{f}".split()]
    code, out, err = run(capsys, "report", "--unit", unit, *extra)
    assert code == 1 and out == "" and words in err
    if unit == "tan lap":
        assert "MP01009" in err and "Huyện Đồng Xuân" in err


def test_bad_period_and_bad_source(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "report", "--unit", "song cau", "--period", "2023-Q7")
    assert code == 2 and "'2023-Q7': không có quý 7 (Q1–Q4)" in err
    code, _, err = run(capsys, "report", "--unit", "song cau", "--period", "2023-Q7",
                       "--lang", "en")
    assert code == 2 and "no quarter 7" in err
    code, _, err = run(capsys, "report", "--unit", "x", "--source", str(tmp_path / "none"))
    assert code == 1 and "Traceback" not in err
    assert err == (f"cchc-tui report: không đọc được nguồn:\n{tmp_path / 'none'}: "
                   "không có tệp hoặc thư mục này\n")
    code, _, err = run(capsys, "report", "--unit", "x", "--source", str(tmp_path / "none"),
                       "--lang", "en")
    assert code == 1 and err == (f"cchc-tui report: cannot read the source:\n"
                                 f"{tmp_path / 'none'}: no such file or directory\n")


def test_a_period_without_figures_says_where_the_figures_are(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", "--unit", "song cau", "--period", "2099",
                         "--format", "json")
    assert code == 1 and out == ""
    assert "không chỉ số nào của Phường Sông Cầu (01837) có giá trị cho kỳ 2099" in err
    assert "2023" in err and "2024-Q1" in err


def test_help_follows_the_language(capsys: pytest.CaptureFixture[str],
                                   tmp_path: Path) -> None:
    """`--help` in Vietnamese by default (argparse's own words too), English with --lang en
    or app.lang = "en"; every help text of every sub-command has its Vietnamese."""
    import argparse

    from cchc_tui.cli import build_parser
    from cchc_tui.i18n import cli_help_vi

    for argv, words, absent in (
            (["--help"], ("cách dùng: cchc-tui", "tùy chọn:", "hiện trợ giúp này rồi thoát",
                          "hiện phiên bản rồi thoát", "in các chỉ số của một đơn vị"),
             ("usage:", "show this help", "print the KPIs")),
            (["report", "--help"], ("cách dùng: cchc-tui report", "mã hoặc tên đơn vị"),
             ("usage:", "unit code or name")),
            (["--lang", "en", "--help"], ("usage: cchc-tui", "show this help message"),
             ("cách dùng",))):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        out = capsys.readouterr().out
        assert stop.value.code == 0
        assert all(w in out for w in words) and not any(w in out for w in absent), argv
    config = tmp_path / "en.toml"
    config.write_text('[app]\nlang = "en"\n', encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["--config", str(config), "--help"])
    assert "usage: cchc-tui" in capsys.readouterr().out

    def texts(parser: argparse.ArgumentParser) -> list[str]:
        out = [parser.description or ""]
        for action in parser._actions:
            out.append(action.help or "")
            if isinstance(action, argparse._SubParsersAction):
                out += [c.help or "" for c in action._choices_actions]
                out += [t for sub in action.choices.values() for t in texts(sub)]
        return [t for t in out if t and t != argparse.SUPPRESS]

    untranslated = sorted({t for t in texts(build_parser()) if cli_help_vi(t) == t})
    assert untranslated == []


def test_argparse_errors_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["report", "--format", "xls", "--unit", "x"])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "cchc-tui report: lỗi: tham số --format: lựa chọn không hợp lệ: 'xls'" in err
    with pytest.raises(SystemExit):
        main(["--interval", "abc", "--lang=en"])
    assert "error: argument --interval: invalid float value: 'abc'" in capsys.readouterr().err
    import argparse

    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]  # its own words back
