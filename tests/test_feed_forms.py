"""The three forms of feed v1 (long JSON, columnar JSON, long CSV) decode to the same snapshot."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes, load_path
from cchc_tui.model.periods import parse_period
from cchc_tui.model.snapshot import Snapshot
from tests.helpers import GENERATED_AT, run_cli, write_feed

ROOT = Path(__file__).resolve().parents[1]

PUBLISHER = "UBND phường Sông Cầu (dữ liệu mô phỏng)"
UNITS: list[dict[str, Any]] = [
    {"code": "06", "name": "Tỉnh Bắc Kạn", "level": "province"},
    {"code": "058", "name": "Thành phố Bắc Kạn", "level": "district", "parent": "06"},
    {"code": "01837", "name": "Phường Sông Cầu", "level": "commune", "parent": "058"},
]
PERIODS = ["2023-Q1", "2023-Q2"]
MEASURES = ["dossiers_received", "dossiers_received_online", "e_receipts_amount_vnd"]
# (unit, period, measure) → value; the cells missing here are null in the columnar form
VALUES: dict[tuple[str, str, str], int] = {
    ("06", "2023-Q1", "dossiers_received"): 48_210,
    ("06", "2023-Q1", "dossiers_received_online"): 20_114,
    ("06", "2023-Q2", "dossiers_received"): 51_003,
    ("06", "2023-Q2", "e_receipts_amount_vnd"): 1_234_567_000,
    ("058", "2023-Q1", "dossiers_received"): 9_870,
    ("058", "2023-Q2", "dossiers_received"): 10_012,
    ("058", "2023-Q2", "dossiers_received_online"): 4_400,
    ("01837", "2023-Q1", "dossiers_received"): 512,
    ("01837", "2023-Q2", "dossiers_received"): 597,
    ("01837", "2023-Q2", "dossiers_received_online"): 0,
    ("01837", "2023-Q2", "e_receipts_amount_vnd"): 25_500_000,
}
REPORTED: list[dict[str, Any]] = [
    {"unit": "01837", "period": "2023-Q2", "kpi": "digitization_rate", "value": 36.15,
     "note": "Tỷ lệ hồ sơ TTHC số hóa: 36,15%; vượt kế hoạch"},
]
TARGETS: list[dict[str, Any]] = [
    {"kpi": "online_dossier_rate", "value": 80, "due": "2030-12-31", "scope": "*",
     "basis": "Nghị quyết 71/NQ-CP"},
    {"kpi": "digitization_rate", "value": 87.5, "scope": "commune", "basis": "Kế hoạch, 2023"},
]


def header() -> dict[str, Any]:
    return {"format": "cchc-kpi-feed", "version": 1, "generated_at": GENERATED_AT,
            "publisher": PUBLISHER, "units": [dict(u) for u in UNITS]}


def long_doc() -> dict[str, Any]:
    return {**header(),
            "observations": [{"unit": u, "period": p, "measure": m, "value": v}
                             for (u, p, m), v in VALUES.items()],
            "reported": REPORTED, "targets": TARGETS}


def columnar_doc() -> dict[str, Any]:
    """Two blocks (the province; the district and the commune) plus one long observation that
    complements them (its cell is null in the block)."""
    extra = ("01837", "2023-Q2", "e_receipts_amount_vnd")

    def block(units: list[str]) -> dict[str, Any]:
        values = [VALUES.get((u, p, m)) if (u, p, m) != extra else None
                  for u in units for p in PERIODS for m in MEASURES]
        return {"units": units, "periods": PERIODS, "measures": MEASURES, "values": values}

    blocks = [block(["06"]), block(["058", "01837"])]
    assert any(v is None for b in blocks for v in b["values"])  # some nulls
    unit, period, measure = extra
    return {**header(), "columns": blocks,
            "observations": [{"unit": unit, "period": period, "measure": measure,
                              "value": VALUES[extra]}],
            "reported": REPORTED, "targets": TARGETS}


def vi_number(value: float) -> str:
    """1234567 -> "1.234.567", 36.15 -> "36,15": what a spreadsheet in vi-VN exports."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value).replace(".", ",")


def csv_text(sep: str) -> str:
    number = vi_number if sep == ";" else str
    columns = ["kind", "field", "unit", "name", "level", "parent", "period", "measure", "kpi",
               "value", "note", "due", "scope", "basis"]
    rows: list[dict[str, Any]] = [
        {"kind": "meta", "field": "generated_at", "value": GENERATED_AT},
        {"kind": "meta", "field": "publisher", "value": PUBLISHER},
    ]
    rows += [{"kind": "unit", "unit": u["code"], "name": u["name"], "level": u["level"],
              "parent": u.get("parent", "")} for u in UNITS]
    rows += [{"kind": "observation", "unit": u, "period": p, "measure": m, "value": number(v)}
             for (u, p, m), v in VALUES.items()]
    rows += [{"kind": "reported", "unit": r["unit"], "period": r["period"], "kpi": r["kpi"],
              "value": number(r["value"]), "note": r["note"]} for r in REPORTED]
    rows += [{"kind": "target", "kpi": t["kpi"], "value": number(t["value"]),
              "due": t.get("due", ""), "scope": t["scope"], "basis": t["basis"]}
             for t in TARGETS]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, delimiter=sep, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def content(snapshot: Snapshot) -> dict[str, Any]:
    """What a snapshot says, without where it was read from (origin fields)."""
    return {
        "units": dict(snapshot.units),
        "observations": {u: {m: dict(series) for m, series in per.items()}
                         for u, per in snapshot.observations.items()},
        "reported": {u: {k: {p: (r.value, r.note) for p, r in series.items()}
                         for k, series in per.items()}
                     for u, per in snapshot.reported.items()},
        "targets": sorted((t.kpi, t.value, t.due or date.max, t.scope, t.basis)
                          for t in snapshot.targets),
        "unknown_measures": snapshot.unknown_measures,
        "unknown_kpis": snapshot.unknown_kpis,
    }


FORMS: dict[str, tuple[str, bytes]] = {
    "long-json": ("feed.json", json.dumps(long_doc(), ensure_ascii=False).encode()),
    "columnar-json": ("feed.json", json.dumps(columnar_doc(), ensure_ascii=False).encode()),
    "csv-comma": ("feed.csv", csv_text(",").encode()),
    "csv-semicolon-vi-bom": ("feed.csv", b"\xef\xbb\xbf" + csv_text(";").encode()),
}


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return content(build_snapshot([decode_bytes(FORMS["long-json"][1], "feed.json")]))


def test_the_long_form_holds_the_feed(expected: dict[str, Any]) -> None:
    """The reference itself, checked against the tables above."""
    assert set(expected["units"]) == {"06", "058", "01837"}
    assert expected["units"]["01837"].parent == "058"
    obs = expected["observations"]
    assert sum(len(s) for per in obs.values() for s in per.values()) == len(VALUES)
    for (u, p, m), v in VALUES.items():
        assert obs[u][m][parse_period(p)] == v
    q2 = parse_period("2023-Q2")
    assert expected["reported"]["01837"]["digitization_rate"][q2] == (36.15, REPORTED[0]["note"])
    assert expected["targets"] == [
        ("digitization_rate", 87.5, date.max, "commune", "Kế hoạch, 2023"),
        ("online_dossier_rate", 80.0, date(2030, 12, 31), "*", "Nghị quyết 71/NQ-CP")]
    assert expected["unknown_measures"] == frozenset()


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_gives_the_same_snapshot(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            expected: dict[str, Any], form: str) -> None:
    name, data = FORMS[form]
    from_bytes = build_snapshot([decode_bytes(data, name)])
    assert content(from_bytes) == expected
    path = write_feed(tmp_path, name, data)
    snapshot = load_path(path)
    got = content(snapshot)
    for key in ("observations", "reported", "units", "targets"):
        assert got[key] == expected[key], key
    (source,) = snapshot.sources
    assert source.publisher == PUBLISHER and source.simulated
    assert source.generated_at is not None
    assert source.generated_at.isoformat() == GENERATED_AT
    assert snapshot.warnings == ()
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert code == 0, err
    assert f"3 units, {len(VALUES)} observations, 0 warnings" in out


def test_the_semicolon_csv_is_really_vi_vn() -> None:
    text = FORMS["csv-semicolon-vi-bom"][1].decode("utf-8")
    assert text.startswith("\ufeffkind;field;unit;")
    assert ";1.234.567.000;" in text and ";36,15;" in text and ";87,5;" in text
    assert '"Tỷ lệ hồ sơ TTHC số hóa: 36,15%; vượt kế hoạch"' in text


def test_a_directory_mixing_the_forms(tmp_path: Path, expected: dict[str, Any]) -> None:
    """Units, published values and targets in JSON; the counts split over a columnar JSON and an
    observation-only CSV (no kind column) with vi-VN numbers."""
    doc = long_doc()
    doc["observations"] = []
    write_feed(tmp_path, "dir/units.json", doc)
    province = {(u, p, m): v for (u, p, m), v in VALUES.items() if u == "06"}
    values = [province.get(("06", p, m)) for p in PERIODS for m in MEASURES]
    write_feed(tmp_path, "dir/province.json",
               {**header(), "columns": [{"units": ["06"], "periods": PERIODS,
                                         "measures": MEASURES, "values": values}]})
    lines = ["unit;period;measure;value"] + [f"{u};{p};{m};{vi_number(v)}"
                                              for (u, p, m), v in VALUES.items() if u != "06"]
    write_feed(tmp_path, "dir/sub/counts.csv", "\n".join(lines) + "\n")
    got = content(load_path(tmp_path / "dir"))
    for key in ("observations", "reported", "units", "targets"):
        assert got[key] == expected[key], key


UNKNOWN = "procedures_simplified"  # published by a report, not in the catalogue


@pytest.mark.parametrize("form", ["long-json", "columnar-json", "csv-comma"])
def test_unknown_measures_are_kept_and_listed(form: str) -> None:
    q1 = parse_period("2023-Q1")
    if form == "long-json":
        doc = long_doc()
        doc["observations"].append({"unit": "058", "period": "2023-Q1", "measure": UNKNOWN,
                                    "value": 12})
        doc["reported"] = doc["reported"] + [{"unit": "058", "period": "2023-Q1",
                                              "kpi": "par_index", "value": 84.3}]
        name, data = "feed.json", json.dumps(doc).encode()
    elif form == "columnar-json":
        doc = columnar_doc()
        doc["columns"].append({"units": ["058"], "periods": ["2023-Q1"], "measures": [UNKNOWN],
                               "values": [12]})
        doc["reported"] = doc["reported"] + [{"unit": "058", "period": "2023-Q1",
                                              "kpi": "par_index", "value": 84.3}]
        name, data = "feed.json", json.dumps(doc).encode()
    else:
        text = csv_text(",") + (f"observation,,058,,,,2023-Q1,{UNKNOWN},,12,,,,\r\n"
                                "reported,,058,,,,2023-Q1,,par_index,84.3,,,,\r\n")
        name, data = "feed.csv", text.encode()
    snapshot = build_snapshot([decode_bytes(data, name)])
    assert snapshot.observations["058"][UNKNOWN] == {q1: 12}
    assert snapshot.unknown_measures == frozenset({UNKNOWN})
    assert snapshot.reported["058"]["par_index"][q1].value == 84.3
    assert snapshot.unknown_kpis == frozenset({"par_index"})
    kinds = {w.kind: w.message for w in snapshot.warnings}
    assert kinds["unknown_measure"].startswith(f"unknown measure '{UNKNOWN}' kept (first at "
                                               f"{name}: ")
    assert kinds["unknown_kpi"].startswith("unknown KPI 'par_index' kept")
    # everything else is as in the feed without them
    assert snapshot.observations["058"]["dossiers_received"][q1] == 9_870


def test_the_fixtures_directory_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    snapshot = load_path(Path("fixtures"))
    assert len(snapshot.units) == 34
    assert len(snapshot.sources) == 6
    assert {"01837", "009", "00124", "765", "502", "MP"} <= set(snapshot.units)
    assert snapshot.unknown_measures  # the seeds' extra measures, kept
    assert all(code in snapshot.units for u in snapshot.units.values()
               for code in ([u.parent] if u.parent else []))


def test_json_saved_with_a_bom_is_read() -> None:
    from cchc_tui.feed.load import decode_bytes

    raw = decode_bytes(b'\xef\xbb\xbf{"format": "cchc-kpi-feed", "version": 1, "units": []}',
                       "bom.json")
    assert raw.units == [] and raw.meta == {}


def test_a_units_periods_are_read_from_its_cube_without_unpacking_it() -> None:
    """unit_periods gives the same periods from the columnar form (units still in their cube,
    a null row and an unknown period left out) as from the long form, and unpacks nothing."""
    doc = columnar_doc()
    # a period whose every value for the commune is null: not one of its periods
    doc["columns"].append({"units": ["01837"], "periods": ["2022-Q4"], "measures": MEASURES,
                           "values": [None] * len(MEASURES)})
    cube = build_snapshot([decode_bytes(json.dumps(doc).encode(), "cube.json")])
    long = build_snapshot([decode_bytes(json.dumps(long_doc()).encode(), "long.json")])
    lazy = cube.observations
    for unit in ("06", "058", "01837"):
        got = cube.unit_periods(unit)
        assert got == long.unit_periods(unit), unit
        assert parse_period("2022-Q4") not in got
    # (the commune has a long observation too: it was unpacked by the build)
    assert "06" not in lazy._series and "058" not in lazy._series  # type: ignore[attr-defined]
    assert cube.unit_periods("058") == tuple(sorted(
        {p for u in ("058", "01837") for s in cube.observations[u].values() for p in s},
        key=lambda p: p.sort_key))  # and the same once unpacked
