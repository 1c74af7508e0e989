"""The secretary's export: the KPI table as a numeric CSV and a Markdown page, the screen as
SVG (and PNG), named after the unit, stamped, with the user's permissions."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import shutil
import stat
from datetime import datetime
from pathlib import Path

import pytest

from cchc_tui import files
from cchc_tui.export import (
    Renderer,
    base_name,
    export_dir,
    png_renderer,
    safe_name,
    stamp,
    write_picture,
    write_tables,
)
from cchc_tui.feed.load import load_path
from cchc_tui.files import write_atomic
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.periods import parse_period
from cchc_tui.report import Report, build_report, to_json
from cchc_tui.resources import default_fixtures_dir
from cchc_tui.sources.cache import CacheMeta, FeedCache

NOW = datetime(2026, 11, 22, 8, 42, 5)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_path(default_fixtures_dir()))


@pytest.fixture(scope="module")
def report(engine: Engine) -> Report:
    return build_report(engine, "01837", parse_period("2023"), "vi")


def _rows(path: Path, delimiter: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=delimiter)
    head, *rows = list(reader)
    return [dict(zip(head, r, strict=True)) for r in rows]


# -- names and folders ------------------------------------------------------------------------
def test_files_are_named_after_the_unit_its_code_the_period_and_the_time(
        report: Report, tmp_path: Path) -> None:
    paths = write_tables(tmp_path / "out", report, "vi", NOW)
    assert [p.name for p in paths] == ["Phuong-Song-Cau_01837_2023_20261122-084205.csv",
                                       "Phuong-Song-Cau_01837_2023_20261122-084205.md"]
    assert all(p.is_absolute() for p in paths)
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("name, safe", [
    ("Phường Đống Đa", "Phuong-Dong-Da"),
    ("Xã A/B\\C:D*?\"<>|", "Xa-A-B-C-D"),
    ("Huyện\x1b]0;owned\x07 Sông\nCầu", "Huyen-0-owned-Song-Cau"),
    ("../../etc/passwd", "etc-passwd"),
    ("   ", "x"),
    ("漢字", "x"),
])
def test_a_unit_name_becomes_a_safe_file_name(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_a_long_name_is_capped_at_a_word_end() -> None:
    long = "Ủy ban nhân dân " + "rất dài " * 40
    out = safe_name(long)
    assert len(out) <= 60 and not out.endswith("-") and out.startswith("Uy-ban-nhan-dan")
    assert len(safe_name("x" * 500)) == 60


def test_a_range_period_makes_a_safe_file_name(report: Report) -> None:
    ranged = dataclasses.replace(report, period=parse_period("2020-11/2021-12"))
    assert base_name(ranged, NOW) == "Phuong-Song-Cau_01837_2020-11-2021-12_20261122-084205"


def test_export_dir_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert export_dir("") == tmp_path / "cchc-tui-exports"
    assert export_dir(str(tmp_path / "x")) == tmp_path / "x"
    assert export_dir("rel") == tmp_path / "rel"


def test_an_unwritable_folder_raises_oserror(report: Report, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        write_tables(blocker / "sub", report, "vi", NOW)


# -- the one atomic write -----------------------------------------------------------------------
@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_exports_follow_the_umask_and_the_cache_stays_private(
        report: Report, tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        paths = write_tables(tmp_path / "out", report, "vi", NOW)
        FeedCache(tmp_path / "cache").save("http://x/feed.json", b"{}", CacheMeta(url="x"))
    finally:
        os.umask(old)
    assert files.current_umask() == old
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    for path in (tmp_path / "cache").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.csv"
    write_atomic(target, b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cchc_tui.files.os.replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_the_write_is_synced_before_the_rename(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        order.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        order.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr("cchc_tui.files.os.fsync", fsync)
    monkeypatch.setattr("cchc_tui.files.os.replace", replace)
    write_atomic(tmp_path / "f", b"data")
    assert order == ["fsync", "replace", "fsync"]  # the file, the rename, the folder


# -- the CSV: numbers a spreadsheet reads -------------------------------------------------------
def _as_float(text: str, lang: str) -> float:
    return float(text.replace(",", ".") if lang == "vi" else text)


@pytest.mark.parametrize("lang, delimiter", [("vi", ";"), ("en", ",")])
def test_csv_has_one_number_a_column_in_the_language_s_form(
        engine: Engine, tmp_path: Path, lang: str, delimiter: str) -> None:
    rep = build_report(engine, "01837", parse_period("2023"), lang)
    csv_path, _ = write_tables(tmp_path, rep, lang, NOW)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with it
    rows = _rows(csv_path, delimiter)
    head = list(rows[0])
    vi = lang == "vi"
    col = {k: head[i] for i, k in enumerate(
        ("unit", "period", "kpi", "unit_name", "period_label", "kpi_name", "value", "marks",
         "status", "status_text", "numerator", "denominator", "reporting", "of", "change",
         "target", "target_due", "gap", "score", "max_score", "source", "notes",
         "data_time"))}
    by_kpi = {r[col["kpi"]]: r for r in rows}
    for k in to_json(rep)["kpis"]:
        row = by_kpi[k["id"]]
        for key in ("value", "numerator", "denominator", "target", "gap", "change_points"):
            cell = row[col["change" if key == "change_points" else key]]
            if k[key] is None:
                assert cell == "", (k["id"], key)
                continue
            assert "%" not in cell and " " not in cell and ("." not in cell if vi
                                                             else "," not in cell)
            assert _as_float(cell, lang) == pytest.approx(k[key]), (k["id"], key)
        assert row[col["status"]] == k["status"] and row[col["marks"]] == k["marks"]
    online = by_kpi["online_dossier_rate"]
    assert online[col["value"]] == ("51,67" if vi else "51.67")
    assert (online[col["numerator"]], online[col["denominator"]]) == ("573", "1109")
    assert online[col["unit_name"]] == "Phường Sông Cầu"
    assert online[col["data_time"]].startswith("2024-04-23")


def test_csv_keeps_the_partial_mark_and_the_coverage(engine: Engine, tmp_path: Path) -> None:
    rep = build_report(engine, "MP", parse_period("2026-Q3"), "vi")
    partial = [k for k in to_json(rep)["kpis"] if "*" in k["marks"]]
    assert partial, "the simulated province has partial values in 2026-Q3"
    csv_path, _ = write_tables(tmp_path, rep, "vi", NOW)
    rows = {r["Mã chỉ số"]: r for r in _rows(csv_path, ";")}
    for k in partial:
        row = rows[k["id"]]
        assert row["Dấu"] == k["marks"] and row["Mã trạng thái"] == k["status"]
        assert row["Trạng thái"] == k["text"]["status"]
        if k["coverage"]:
            assert int(row["Số đơn vị có số liệu"]) == k["coverage"]["reporting"]
            assert int(row["Số đơn vị trực thuộc"]) == k["coverage"]["of"]
        assert row["So với kỳ trước (điểm)"] == ""  # never a change from a partial value


def test_a_negative_change_stays_a_number_and_text_never_runs(engine: Engine,
                                                              tmp_path: Path) -> None:
    rep = build_report(engine, "502", parse_period("2023-Q2"), "vi")
    fell = [k for k in to_json(rep)["kpis"] if (k["change_points"] or 0) < 0]
    assert fell
    rows = {r["Mã chỉ số"]: r for r in _rows(write_tables(tmp_path, rep, "vi", NOW)[0], ";")}
    for k in fell:
        cell = rows[k["id"]]["So với kỳ trước (điểm)"]
        assert cell.startswith("-") and _as_float(cell, "vi") == pytest.approx(k["change_points"])


def test_markdown_is_display_ready_and_stamped(report: Report, tmp_path: Path) -> None:
    _, md_path = write_tables(tmp_path, report, "vi", NOW)
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("## Phường Sông Cầu (01837) — Năm 2023")
    assert "| 51,67% | 573/1.109 hồ sơ |" in text
    assert "Năm 2023 · số liệu ngày 23/04/2024" in text and "xuất lúc 22/11/2026 08:42" in text


def test_the_stamp_names_unit_period_in_words_data_date_and_export_time(report: Report) -> None:
    vi, en = stamp(report, "vi", NOW), stamp(report, "en", NOW)
    assert vi.startswith("Phường Sông Cầu (01837) · Năm 2023 · số liệu ngày 23/04/2024")
    assert "xuất lúc 22/11/2026 08:42" in vi
    assert "exported 2026-11-22 08:42" in en and "data of 2024-04-23" in en


# -- the picture ---------------------------------------------------------------------------------
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
       '<rect width="40" height="20" fill="#1f3a5f"/></svg>')


@pytest.mark.skipif(shutil.which("rsvg-convert") is None and not os.environ.get("CI"),
                    reason="rsvg-convert (librsvg2-bin) is not installed; .ci/run installs it")
def test_rsvg_convert_draws_the_png_beside_the_svg(tmp_path: Path) -> None:
    renderer = png_renderer()
    assert renderer is not None and renderer.name == "rsvg-convert"
    picture = write_picture(tmp_path, "shot", SVG, renderer)
    assert picture.svg.read_text("utf-8") == SVG and picture.renderer == "rsvg-convert"
    assert picture.png == tmp_path / "shot.png"
    data = picture.png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(data[16:20], "big") == 40  # the SVG's own width, in the IHDR


def test_without_a_renderer_only_the_svg(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cchc_tui.export.shutil.which", lambda name: None)
    monkeypatch.setattr("cchc_tui.export.importlib.util.find_spec", lambda name: None)
    assert png_renderer() is None
    picture = write_picture(tmp_path, "shot", SVG, None)
    assert picture.png is None and [p.name for p in tmp_path.iterdir()] == ["shot.svg"]


def test_a_failing_renderer_costs_the_png_only(tmp_path: Path) -> None:
    def broken(svg: bytes) -> bytes:
        raise OSError("renderer crashed")

    picture = write_picture(tmp_path, "shot", SVG, Renderer("broken", broken))
    assert picture.png is None and picture.problem == "renderer crashed"
    assert picture.svg.exists()


def test_export_dir_on_the_command_line_beats_the_config(tmp_path: Path) -> None:
    from cchc_tui.cli import _overrides, build_parser
    from cchc_tui.config import load_config
    from cchc_tui.resources import default_config_dir

    config_file = tmp_path / "c.toml"
    config_file.write_text('[app]\nexport_dir = "from-config"\n', encoding="utf-8")
    args = build_parser().parse_args(["--config", str(config_file), "--export-dir", "/srv/x"])
    config = load_config(config_dir=default_config_dir(), extra_file=config_file,
                         overrides=_overrides(args))
    assert config.app.export_dir == "/srv/x"
    args = build_parser().parse_args(["--config", str(config_file)])
    config = load_config(config_dir=default_config_dir(), extra_file=config_file,
                         overrides=_overrides(args))
    assert config.app.export_dir == "from-config"
