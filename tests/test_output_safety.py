"""Feed text never steers a terminal or a spreadsheet: every output, through the API and the CLI.

A hostile feed names units with cursor moves, OSC 52 clipboard writes, C1 CSI, bidi overrides
and newlines; every renderer must show them as inert text.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_tui.export import write_tables
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes, load_path
from cchc_tui.feed.raw import FeedError
from cchc_tui.frame import PANELS, header_view
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.periods import parse_period
from cchc_tui.neutral import markdown_text, spreadsheet_cell
from cchc_tui.report import build_report, render
from cchc_tui.sources.status import SourceStatus
from cchc_tui.text import printable
from cchc_tui.viewmodel import gaps_view, panel_view
from tests.helpers import minimal_doc, run_cli, write_feed

ESC = "\x1b"
# What must never be printed: C0 (but the newline that ends a line), DEL, C1, bidi, separators.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                       "\u202a-\u202e\u2066-\u2069]")
SPOOF = f"Đ{ESC}7{ESC}[4;27H99.99%{ESC}8"  # wrote 99,99 % over the true coverage figure
NOW = datetime(2026, 11, 22, 8, 42, 5)


def assert_inert(text: str, what: str = "") -> None:
    found = FORBIDDEN.search(text)
    assert found is None, f"{what}: U+{ord(found.group()):04X} at {found.start()}: " \
                          f"{text[max(0, found.start() - 30): found.start() + 30]!r}"


def hostile_doc() -> dict[str, Any]:
    doc = minimal_doc()
    doc["publisher"] = f"Sở{ESC}]52;c;aGVsbG8=\x07 TT\u202eTT"
    doc["title"] = "T\x9b2J\u2028second"
    doc["units"][0]["name"] = SPOOF
    doc["units"][1]["name"] = "Thành phố\nBắc Kạn"
    doc["units"][2]["name"] = f"Phường{ESC}]0;owned\x07 Sông Cầu\x00\x7f\x85"
    doc["observations"] += [
        {"unit": "01837", "period": "2023", "measure": "dossiers_received_online", "value": 573},
    ]
    doc["reported"] = [{"unit": "01837", "period": "2023", "kpi": "email_active_rate",
                        "value": 50, "note": f"n{ESC}[2J"}]
    doc["targets"] = [{"kpi": "email_active_rate", "value": 90, "basis": f"QĐ{ESC}[31m 766"}]
    return doc


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write_feed(tmp_path, "hostile.json", hostile_doc())


# -- the sanitiser ----------------------------------------------------------------------------
def test_printable_escapes_controls_visibly_and_keeps_vietnamese() -> None:
    assert printable(SPOOF) == "Đ\\x1b7\\x1b[4;27H99.99%\\x1b8"
    assert printable("a\nb\tc\x9bd\u202ee\u2028f\x00") == "a\\x0ab\\x09c\\x9bd\\u202ee\\u2028f\\x00"
    text = "Phường Sông Cầu – Đống Đa ‘x’ 😀"
    assert printable(text) is text


def test_spreadsheet_cells_are_neutral_but_numbers_keep_their_sign() -> None:
    for cell in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_cell(cell) == "'" + cell
        assert spreadsheet_cell(cell, numeric=True) == "'" + cell  # not a number: text
    assert spreadsheet_cell("-1,05", numeric=True) == "-1,05"
    assert spreadsheet_cell("+3,20", numeric=True) == "+3,20"
    assert spreadsheet_cell("-1,05") == "'-1,05"  # in a text column, text
    assert spreadsheet_cell("51,67%") == "51,67%"


def test_markdown_text_escapes_table_and_code_markup() -> None:
    assert markdown_text("a|b`c\\d*e_[f]<g>") == "a\\|b\\`c\\\\d\\*e\\_\\[f\\]\\<g\\>"


# -- the feed: grammar fields refused, free text escaped --------------------------------------
@pytest.mark.parametrize(("path", "value", "where"), [
    (("units", 2, "code"), f"018{ESC}[2J37", "$.units[2].code"),
    (("observations", 0, "measure"), f"dossiers{ESC}]0;x\x07", "$.observations[0].measure"),
    (("observations", 0, "period"), f"2023{ESC}[2J", "$.observations[0].period"),
    (("units", 2, "parent"), f"058{ESC}[8m", "$.units[2].parent"),
])
def test_control_characters_in_grammar_fields_are_located_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], path: tuple[Any, ...], value: str,
        where: str) -> None:
    doc = minimal_doc()
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    feed = write_feed(tmp_path, "bad.json", doc)
    code, out, err = run_cli(["--lang", "en", "validate", str(feed)], capsys)
    assert code == 1
    assert f"{where}: " in err
    assert "control character U+001B" in err or "2023\\x1b[2J" in err  # a period: no grammar

    assert_inert(out + err, "validate")


def test_reported_kpi_id_with_a_control_character_is_refused() -> None:
    doc = minimal_doc()
    doc["reported"] = [{"unit": "01837", "period": "2023", "kpi": ["not", "a", "string"],
                        "value": 5},
                       {"unit": "01837", "period": "2023", "kpi": "x\u202ey", "value": 5}]
    with pytest.raises(FeedError) as info:
        build_snapshot([decode_bytes(json.dumps(doc).encode(), "f.json")])
    assert "$.reported[1].kpi: KPI id 'x\\u202ey' contains the control character U+202E" \
        in str(info.value)


def test_free_text_is_escaped_in_the_snapshot_and_warned_about(hostile: Path,
                                                               capsys: pytest.CaptureFixture[
                                                                   str]) -> None:
    snap = load_path(hostile)
    assert snap.units["06"].name == "Đ\\x1b7\\x1b[4;27H99.99%\\x1b8"
    assert snap.units["058"].name == "Thành phố\\x0aBắc Kạn"
    assert snap.sources[0].publisher == "Sở\\x1b]52;c;aGVsbG8=\\x07 TT\\u202eTT"
    assert snap.reported["01837"]["email_active_rate"][parse_period("2023")].note == "n\\x1b[2J"
    assert snap.targets[0].basis == "QĐ\\x1b[31m 766"
    code, out, err = run_cli(["--lang", "en", "validate", str(hostile)], capsys)
    assert code == 0
    assert "$.units[0].name: name " in out and "U+001B; it is shown escaped" in out
    assert_inert(out + err, "validate")


# -- report, every format, API and CLI --------------------------------------------------------
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
@pytest.mark.parametrize("unit", ["06", "058", "01837"])
def test_report_prints_no_control_character(hostile: Path, capsys: pytest.CaptureFixture[str],
                                            fmt: str, unit: str) -> None:
    code, out, err = run_cli(["report", "--source", str(hostile), "--unit", unit, "--period",
                              "2023", "--format", fmt], capsys)
    assert code == 0, err
    assert_inert(out + err, f"report {fmt}")
    assert ESC not in out + err
    if fmt == "json":
        report = json.loads(out)
        assert FORBIDDEN.search(json.dumps(report, ensure_ascii=False)) is None
        assert report["data"]["publisher"].startswith("Sở\\x1b]52")
    if fmt == "table" and unit == "06":
        assert out.splitlines()[0].startswith("Đ\\x1b7\\x1b[4;27H99.99%\\x1b8 (06)")


def test_report_error_quoting_feed_text_is_inert(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["units"][2]["name"] = ""
    doc["units"][2]["code"] = f"0{ESC}[2J"
    feed = write_feed(tmp_path, f"b{ESC}]0;t\x07.json", doc)
    code, out, err = run_cli(["--lang", "en", "report", "--source", str(feed), "--unit", "x"],
                             capsys)
    assert code == 1 and "cannot read the source" in err
    assert_inert(out + err, "report error")


def test_csv_report_and_export_neutralise_formula_cells(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["units"][2]["code"] = "=HYPERLINK(\"http://x\",\"y\")"
    doc["observations"] = [
        {"unit": doc["units"][2]["code"], "period": "2023", "measure": m, "value": v}
        for m, v in (("dossiers_received", 1109), ("dossiers_received_online", 573))]
    feed = write_feed(tmp_path, "f.json", doc)
    code, out, _ = run_cli(["report", "--source", str(feed), "--unit", doc["units"][2]["code"],
                            "--period", "2023", "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert all(r[0] == "'=HYPERLINK(\"http://x\",\"y\")" for r in rows[1:])
    online = next(r for r in rows if r[2] == "online_dossier_rate")
    gap = online[rows[0].index("Còn thiếu (điểm)")]
    assert gap == "28,33"  # a number the spreadsheet reads, not text
    snapshot = load_path(feed)
    engine = Engine(snapshot)
    report = build_report(engine, doc["units"][2]["code"], parse_period("2023"))
    csv_path, md_path = write_tables(tmp_path / "out", report, "vi", NOW)
    exported = list(csv.reader(io.StringIO(csv_path.read_text("utf-8-sig")), delimiter=";"))
    assert {r[0] for r in exported[1:]} == {"'=HYPERLINK(\"http://x\",\"y\")"}
    assert csv_path.name.startswith("Phuong-Song-Cau_HYPERLINK-http-x-y_2023_")


def test_negative_gap_stays_a_number_in_csv(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["observations"] = [
        {"unit": "01837", "period": "2023", "measure": m, "value": v}
        for m, v in (("dossiers_received", 1000), ("dossiers_received_online", 900))]
    feed = write_feed(tmp_path, "f.json", doc)
    code, out, _ = run_cli(["report", "--source", str(feed), "--unit", "01837", "--period",
                            "2023", "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    online = next(r for r in rows if r[2] == "online_dossier_rate")
    assert online[rows[0].index("Còn thiếu (điểm)")] == "-10"  # beyond the 80 % target


def test_markdown_report_and_export_escape_pipes_and_backticks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["units"][2]["name"] = "A | B `rm -rf` \\ C"
    doc["publisher"] = "P|Q`R"
    feed = write_feed(tmp_path, "f.json", doc)
    code, out, _ = run_cli(["report", "--source", str(feed), "--unit", "01837", "--period",
                            "2023", "--format", "md"], capsys)
    assert code == 0
    assert out.splitlines()[0] == "## A \\| B \\`rm -rf\\` \\\\ C (01837) — Năm 2023"
    snapshot = load_path(feed)
    report = build_report(Engine(snapshot), "01837", parse_period("2023"))
    _, md_path = write_tables(tmp_path / "out", report, "vi", NOW)
    stamp = md_path.read_text("utf-8").splitlines()[-1]
    assert stamp.startswith("A \\| B \\`rm -rf\\` \\\\ C (01837) · Năm 2023")
    assert stamp.endswith("nguồn: P\\|Q\\`R")


# -- the view-models and the export ------------------------------------------------------------
def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def check_every_renderer(snapshot: Any, tmp_path: Path) -> None:
    """Report formats, view-models and the export of every unit: nothing but inert text."""
    engine = Engine(snapshot)
    period = parse_period("2023")
    status = SourceStatus(state="error", reason=f"bad{ESC}[2J\nfeed", kind="http")
    for code in snapshot.units:
        report = build_report(engine, code, period, "en")
        for fmt in ("table", "json", "csv", "md"):
            assert_inert(render(report, fmt, "en"), f"{code} {fmt}")
        header = header_view(engine, code, period, "vi", status, NOW)
        views: list[object] = [panel_view(engine, spec, code, period, "vi")
                               for spec in PANELS.values()]
        views += [gaps_view(engine, code, period, "en"), header]
        for text in _strings(views):
            assert_inert(text.replace("\n", ""), f"{code} view-model")
        assert "\n" not in header.state_text and "\n" not in header.source_text
        for path in write_tables(tmp_path, report, "vi", NOW):
            assert_inert(path.read_text("utf-8"), f"{code} {path.name}")


def test_view_models_and_exports_of_a_hostile_feed(hostile: Path, tmp_path: Path) -> None:
    check_every_renderer(load_path(hostile), tmp_path / "out")


# -- property: arbitrary Unicode in every text field -----------------------------------------
# Arbitrary Unicode, and always some of the sequences that did harm, mixed into it.
HARM = st.sampled_from([SPOOF, f"{ESC}]52;c;aGk=\x07", "\x9b2J", "\u202e", "a\nb", "\x00",
                        "\u2028", "\x85", "\x7f", f"{ESC}[?1049h"])
TEXT = st.one_of(st.text(min_size=1, max_size=24),
                 st.builds(lambda a, b, c: a + b + c, st.text(max_size=8), HARM,
                           st.text(max_size=8)))
CODE = st.one_of(st.text(min_size=1, max_size=8), st.sampled_from(["01837", "=1+1", "-x"]))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT, parent_name=TEXT, publisher=TEXT, title=TEXT, note=TEXT, basis=TEXT,
       code=CODE, measure=st.one_of(st.just("dossiers_received_online"), TEXT))
def test_any_unicode_in_any_text_field_stays_inert(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, parent_name: str,
        publisher: str, title: str, note: str, basis: str, code: str, measure: str) -> None:
    doc = minimal_doc()
    doc.update(publisher=publisher, title=title)
    doc["units"][1]["name"] = parent_name
    doc["units"][2].update(name=name, code=code)
    doc["observations"] = [
        {"unit": code, "period": "2023", "measure": "dossiers_received", "value": 1109},
        {"unit": code, "period": "2023", "measure": measure, "value": 573}]
    doc["reported"] = [{"unit": code, "period": "2023", "kpi": "email_active_rate",
                        "value": 50, "note": note}]
    doc["targets"] = [{"kpi": "email_active_rate", "value": 90, "basis": basis}]
    feed = write_feed(tmp_path, "any.json", doc)
    status, out, err = run_cli(["--lang", "en", "validate", str(feed)], capsys)
    assert_inert(out + err, "validate")
    for fmt in ("table", "json", "csv", "md"):
        rc, out, err = run_cli(["report", "--source", str(feed), "--unit", "058", "--period",
                                "2023", "--format", fmt], capsys)
        assert rc == (0 if status == 0 else 1), err
        assert_inert(out + err, f"report {fmt}")
    if status == 0:
        check_every_renderer(load_path(feed), tmp_path / "out")
