"""Feed v1 for real portal data: the nation and agency levels, the within-deadline measure,
periods to a day, external ids, published values with their own base, 766 scores, half-up
rounding. The figures are those of Gia Lai on 10/10/2026 (the national 766 portal)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_tui.cells import kpi_row
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes
from cchc_tui.feed.raw import FeedError
from cchc_tui.kpi.engine import Engine
from cchc_tui.kpi.findings import findings
from cchc_tui.model.catalogue import INDEX_766, KPIS
from cchc_tui.model.periods import describe_period, parse_period, short_label
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.model.vocabulary import LEVELS
from cchc_tui.report import Rank, build_report, render
from cchc_tui.text import format_percent, percent, round_half_up, score_text
from cchc_tui.viewmodel import gaps_view
from tests.helpers import run_cli, write_feed

YTD = "2026-01-01/2026-10-10"
GIA_LAI_ID = "019d2be3-6a85-74ec-a346-6489e82ae4c7"

_PORTAL: dict[str, Any] = {
    "format": "cchc-kpi-feed", "version": 1,
    "generated_at": "2026-10-10T20:00:00+07:00",
    "publisher": "Cổng Dịch vụ công quốc gia (bản sao dùng cho kiểm thử)",
    "units": [
        {"code": "VN", "name": "Cả nước", "level": "nation"},
        {"code": "H21", "name": "Tỉnh Gia Lai", "level": "province", "parent": "VN",
         "external_id": GIA_LAI_ID},
        {"code": "H22", "name": "Tỉnh Thử", "level": "province", "parent": "VN"},
        {"code": "H21.20", "name": "Sở Thử Không Hồ Sơ", "level": "agency", "parent": "H21"},
        {"code": "H21.227", "name": "Xã Vân Canh", "level": "commune", "parent": "H21"},
    ],
    "observations": [
        {"unit": "H21.227", "period": YTD, "measure": m, "value": v} for m, v in [
            ("dossiers_received", 2618), ("dossiers_digitized", 1520),
            ("dossiers_fee_bearing", 2469), ("dossiers_paid_online", 2286),
            ("dossiers_resolved", 2600), ("dossiers_resolved_within_deadline", 2527)]
    ] + [
        {"unit": "H21", "period": YTD, "measure": "dossiers_received", "value": 413480},
        {"unit": "H21", "period": YTD, "measure": "dossiers_digitized", "value": 93979},
    ],
    "reported": [
        {"unit": "H21", "period": YTD, "kpi": "digitization_rate", "value": 22.56,
         "numerator": 93979, "denominator": 416601},
        {"unit": "H21.20", "period": YTD, "kpi": "on_time_rate", "value": 0,
         "numerator": 0, "denominator": 0},
        {"unit": "H21", "period": YTD, "kpi": "index_766_total", "value": 66.14,
         "score": 66.14, "max_score": 100, "change": 0.52},
        {"unit": "H21", "period": YTD, "kpi": "index_766_ckmb", "value": 65.5,
         "score": 11.79, "max_score": 18, "change": -0.25},
        {"unit": "H22", "period": YTD, "kpi": "index_766_total", "value": 70.1,
         "score": 70.1, "max_score": 100},
    ],
}


def portal_doc() -> dict[str, Any]:
    return copy.deepcopy(_PORTAL)


def snapshot_of(doc: dict[str, Any]) -> Snapshot:
    return build_snapshot([decode_bytes(json.dumps(doc).encode("utf-8"), "portal.json")])


def issues_of(doc: dict[str, Any]) -> list[tuple[str, str]]:
    try:
        snapshot_of(doc)
    except FeedError as exc:
        return [(i.where, i.message) for i in exc.issues]
    return []


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(snapshot_of(portal_doc()))


# --- rounding -----------------------------------------------------------------------------------
def test_half_up_rounds_a_true_tie_up() -> None:
    assert round(100 * 58 / 64, 2) == 90.62  # what the engine showed before
    assert round_half_up(percent(58, 64)) == 90.63
    assert format_percent(percent(58, 64)) == "90,63%"
    assert format_percent(percent(58, 64), "en") == "90.63%"


def test_half_up_works_on_the_double_not_the_decimal() -> None:
    # 12,2 × 2 / 80 is 0,305 in decimals but the double 0,30499999…: the portal prints 0,30
    assert Decimal(12.2 * 2 / 80) < Decimal("0.305")
    assert round_half_up(12.2 * 2 / 80) == 0.3
    # 228/912 is exactly 25 %; as a 766 metric scored 2 points at 80 % it is 0,625 exactly
    assert round_half_up(percent(228, 912)) == 25.0
    assert round_half_up(percent(228, 912) * 2 / 80) == 0.63
    assert round(percent(228, 912) * 2 / 80, 2) == 0.62  # half even would say 0,62


def test_every_formatter_rounds_half_up() -> None:
    assert format_percent(0.625 * 100 / 100 + 10) == "10,63%"
    assert score_text(11.785, 18, 0.125, "vi") == "11,79/18 (+0,13)"
    assert round_half_up(-0.625) == -0.63  # away from zero, as toFixed and BigDecimal


# --- periods to a day ---------------------------------------------------------------------------
def test_a_day_interval_parses_and_prints_back() -> None:
    period = parse_period(YTD)
    assert str(period) == YTD and period.granularity == "days"
    assert period.start_date.isoformat() == "2026-01-01"
    assert period.end_date.isoformat() == "2026-10-10"
    assert short_label(period) == "→10/10/26"


@pytest.mark.parametrize(("text", "vi", "en"), [
    (YTD, "2026, đến 10/10/2026", "2026, to 10/10/2026"),
    ("2026-07-01/2026-10-05", "6 tháng cuối năm 2026, đến 05/10/2026", "2026 H2, to 05/10/2026"),
    ("2026-10-01/2026-11-05", "Quý IV/2026, đến 05/11/2026", "2026 Q4, to 05/11/2026"),
    ("2026-10-01/2026-10-05", "Quý IV/2026, đến 05/10/2026", "2026 Q4, to 05/10/2026"),
    ("2026-11-01/2026-11-05", "Tháng 11/2026, đến 05/11/2026", "Nov 2026, to 05/11/2026"),
    ("2026-03-05/2026-10-10", "Từ 05/03/2026 đến 10/10/2026", "05/03/2026 to 10/10/2026"),
])
def test_a_day_interval_is_described_in_both_languages(text: str, vi: str, en: str) -> None:
    assert describe_period(parse_period(text), "vi") == vi
    assert describe_period(parse_period(text), "en") == en


@pytest.mark.parametrize(("text", "words"), [
    ("2026-02-30/2026-10-10", "no day 30/02/2026"),
    ("2026-10-10/2026-01-01", "ends before it starts"),
    ("2026-13-01/2026-10-10", "no month 13"),
    ("1989-01-01/2026-10-10", "outside"),
])
def test_an_impossible_day_interval_says_why(text: str, words: str) -> None:
    doc = portal_doc()
    doc["observations"][0]["period"] = text
    found = issues_of(doc)
    assert found and found[0][0] == "$.observations[0].period" and words in found[0][1]


def test_two_days_of_one_year_are_two_periods() -> None:
    doc = portal_doc()
    doc["observations"].append({"unit": "H21.227", "period": "2026-01-01/2026-10-05",
                                "measure": "dossiers_received", "value": 2500})
    snapshot = snapshot_of(doc)
    series = snapshot.series("H21.227", "dossiers_received")
    assert series[parse_period(YTD)] == 2618
    assert series[parse_period("2026-01-01/2026-10-05")] == 2500
    assert [str(p) for p in snapshot.periods] == ["2026-01-01/2026-10-05", YTD]


def test_as_of_figures_never_roll_up_or_down() -> None:
    doc = portal_doc()
    doc["generated_at"] = "2027-01-05T08:00:00+07:00"  # the whole year is known by then
    doc["observations"] += [
        {"unit": "H21.227", "period": f"2026-{m:02d}", "measure": name, "value": v}
        for m in range(1, 13) for name, v in (("dossiers_fee_bearing", 10),
                                               ("dossiers_paid_online", 9))]
    doc["observations"].append({"unit": "H21.227", "period": YTD, "measure": "staff_total",
                                "value": 40})
    engine = Engine(snapshot_of(doc))
    ytd, year = parse_period(YTD), parse_period("2026")
    # the day interval's own counts, not the months' (which would give 90 %)
    assert engine.value("H21.227", "online_payment_rate", ytd) == pytest.approx(
        percent(2286, 2469))
    # the year sums its months, never the day interval; a stock of the day stays there too
    assert engine.value("H21.227", "online_payment_rate", year) == pytest.approx(90.0)
    assert engine.figures.measure("H21.227", "dossiers_received", year) is None
    assert engine.figures.measure("H21.227", "staff_total", year) is None
    assert not year.contains(ytd) and not ytd.contains(parse_period("2026-03"))


def test_the_trend_and_pickers_take_a_day_interval(engine: Engine) -> None:
    from cchc_tui.navigation import default_period, next_granularity, step_period
    from cchc_tui.viewmodel import trend

    ytd = parse_period(YTD)
    assert default_period(engine, "H21.227") == ytd
    line = trend(engine, "H21.227", "online_payment_rate", ytd, "vi", count=3)
    # year to date, by years; the trend starts at its first value (no empty years before it)
    assert line.labels == ("→10/10/26",)
    assert line.values == (engine.value("H21.227", "online_payment_rate", ytd),)
    assert [str(p) for p, _ in engine.history("H21.227", "online_payment_rate", ytd, 3)] == [
        "2024-01-01/2024-10-10", "2025-01-01/2025-10-10", "2026-01-01/2026-10-10"]
    assert str(ytd.shift(-1)) == "2025-01-01/2025-10-10"
    assert step_period(engine.snapshot, "H21.227", ytd, -1) is None  # no data before
    assert str(next_granularity(ytd)) == "2026-10"
    result = engine.result("H21.227", "online_payment_rate", ytd)
    assert result.value is not None and result.assessment.status == "no_target"


def test_a_day_interval_after_generated_at_is_refused() -> None:
    doc = portal_doc()
    doc["observations"][0]["period"] = "2026-10-11/2026-10-12"
    assert issues_of(doc)[0][0] == "$.observations[0].period"
    assert "after the feed was generated" in issues_of(doc)[0][1]


def test_a_columnar_block_takes_day_intervals() -> None:
    doc = portal_doc()
    doc["columns"] = [{"units": ["H22"], "periods": [YTD, "2026-01-01/2026-10-05"],
                       "measures": ["dossiers_resolved", "dossiers_resolved_within_deadline"],
                       "values": [100, 90, 80, 70]}]
    engine = Engine(snapshot_of(doc))
    assert engine.value("H22", "on_time_rate", parse_period(YTD)) == 90.0
    assert engine.value("H22", "on_time_rate", parse_period("2026-01-01/2026-10-05")) == \
        pytest.approx(87.5)


# --- levels, measure, pooling, targets ----------------------------------------------------------
def test_levels_include_nation_and_agency(engine: Engine) -> None:
    assert LEVELS == ("nation", "province", "agency", "district", "commune")
    units = engine.snapshot.units
    assert units["VN"].level == "nation" and units["H21.20"].level == "agency"
    assert units["H21"].external_id == GIA_LAI_ID and units["H21.227"].external_id is None


def test_on_time_rate_divides_within_deadline_by_resolved(engine: Engine) -> None:
    r = engine.result("H21.227", "on_time_rate", parse_period(YTD))
    assert (r.ratio.numerator, r.ratio.denominator) == (2527, 2600) if r.ratio else False
    assert format_percent(r.value) == "97,19%"
    early = engine.result("H21.227", "early_rate", parse_period(YTD))
    assert early.value is None and early.reason == "not_reported"


def test_within_deadline_is_derived_from_early_and_on_time() -> None:
    doc = portal_doc()
    doc["observations"] = [
        {"unit": "H21.227", "period": "2026-Q1", "measure": m, "value": v}
        for m, v in (("dossiers_resolved_early", 30), ("dossiers_resolved_on_time", 50),
                     ("dossiers_resolved_late", 20))]
    engine = Engine(snapshot_of(doc))
    q1 = parse_period("2026-Q1")
    on_time = engine.result("H21.227", "on_time_rate", q1)
    assert on_time.value == 80.0 and on_time.source == "derived"
    assert engine.value("H21.227", "early_rate", q1) == 30.0
    count = engine.figures.count("H21.227", "dossiers_resolved_within_deadline", q1)
    assert count is not None and count.value == 80 and count.derived


def test_pooling_runs_through_nation_province_agency_commune() -> None:
    doc = portal_doc()
    doc["units"].append({"code": "H21.05", "name": "Sở Thử", "level": "agency",
                         "parent": "H21"})
    doc["observations"] = [
        {"unit": u, "period": YTD, "measure": m, "value": v}
        for u, within, resolved in (("H21.227", 2527, 2600), ("H21.05", 900, 1000),
                                    ("H22", 50, 100))
        for m, v in (("dossiers_resolved_within_deadline", within),
                     ("dossiers_resolved", resolved))]
    ytd = parse_period(YTD)
    # By default a parent pools only when every unit below yields (app.min_coverage = 1).
    assert Engine(snapshot_of(doc)).ratio("H21", "on_time_rate", ytd) is None
    engine = Engine(snapshot_of(doc), min_coverage=0.5)
    province = engine.ratio("H21", "on_time_rate", ytd)
    assert province is not None and (province.numerator, province.denominator) == (3427, 3600)
    assert province.coverage == (2, 3)  # the agency without dossiers yields no value
    nation = engine.ratio("VN", "on_time_rate", ytd)
    assert nation is not None and (nation.numerator, nation.denominator) == (3477, 3700)
    assert engine.total("VN", "dossiers_resolved", ytd) == (3700, "children")


def test_a_level_target_applies_to_its_level_only() -> None:
    doc = portal_doc()
    doc["targets"] = [
        {"kpi": "online_payment_rate", "value": 70, "scope": "district"},
        {"kpi": "online_payment_rate", "value": 95, "scope": "agency"},
        {"kpi": "online_payment_rate", "value": 60, "scope": "nation"},
        {"kpi": "online_payment_rate", "value": 50, "scope": "*"},
    ]
    doc["observations"] += [
        {"unit": "H21.20", "period": YTD, "measure": "dossiers_fee_bearing", "value": 10},
        {"unit": "H21.20", "period": YTD, "measure": "dossiers_paid_online", "value": 9},
    ]
    engine = Engine(snapshot_of(doc))
    ytd = parse_period(YTD)
    agency = engine.result("H21.20", "online_payment_rate", ytd)
    assert agency.target is not None and agency.target.value == 95
    assert agency.assessment.status == "not_met"  # an undated target: met or not met
    commune = engine.result("H21.227", "online_payment_rate", ytd)
    assert commune.target is not None and commune.target.value == 50
    nation = engine.result("VN", "online_payment_rate", ytd)
    assert nation.target is not None and nation.target.value == 60


def test_no_district_target_of_the_config_reaches_an_agency(engine: Engine) -> None:
    from cchc_tui.config import load_config, targets_from_config
    from cchc_tui.resources import default_config_dir

    targets = targets_from_config(load_config(config_dir=default_config_dir()))
    district_only = {t.kpi for t in targets if t.scope == "district"}
    assert district_only, "the default config has level targets"
    merged = Engine(engine.snapshot, targets)
    for kpi in district_only:
        found = merged.result("H21.20", kpi, parse_period(YTD)).target
        assert found is None or found.scope not in ("district", "commune", "province")


# --- published values with their own base -------------------------------------------------------
def test_a_published_base_is_the_value_shown(engine: Engine) -> None:
    r = engine.result("H21", "digitization_rate", parse_period(YTD))
    assert r.source == "reported" and r.value == 22.56
    assert r.ratio is not None and (r.ratio.numerator, r.ratio.denominator) == (93979, 416601)
    assert kpi_row(r, "vi").counts_text.startswith("93.979/416.601")


def test_the_counts_are_the_cross_check_naming_both_bases(engine: Engine) -> None:
    found = [f for f in findings(engine, "H21", parse_period(YTD))
             if f.kind == "reported_basis_differs"]
    assert len(found) == 1 and found[0].kpi == "digitization_rate"
    vi, en = found[0].message("vi"), found[0].message("en")
    assert "93.979/416.601" in vi and "93.979/413.480" in vi
    assert "hồ sơ tiếp nhận" in vi and "dossiers received" in en
    assert found[0].figures["computed"] == round_half_up(percent(93979, 413480)) == 22.73
    assert not [f for f in findings(engine, "H21", parse_period(YTD))
                if f.kind == "reported_mismatch"]


def test_zero_over_zero_is_no_value_whatever_value_says(engine: Engine) -> None:
    r = engine.result("H21.20", "on_time_rate", parse_period(YTD))
    assert r.value is None and r.reason == "zero_denominator" and r.source is None
    assert engine.value("H21.20", "on_time_rate", parse_period(YTD)) is None


def test_a_value_unlike_its_base_is_a_warning_and_the_base_wins() -> None:
    doc = portal_doc()
    doc["reported"][0]["value"] = 25.0
    snapshot = snapshot_of(doc)
    assert any("is not numerator/denominator" in w.message for w in snapshot.warnings)
    assert Engine(snapshot).value("H21", "digitization_rate", parse_period(YTD)) == 22.56


def test_a_different_base_for_the_same_value_is_a_conflict() -> None:
    doc = portal_doc()
    doc["reported"].append({**doc["reported"][0], "denominator": 416600})
    found = issues_of(doc)
    assert found and "conflicting duplicate" in found[0][1] and "416601" in found[0][1]


# --- 766 scores ---------------------------------------------------------------------------------
def test_the_seven_766_kpis() -> None:
    index = {k: v for k, v in KPIS.items() if v.group == INDEX_766}
    assert {k: v.max_score for k, v in index.items()} == {
        "index_766_total": 100, "index_766_ckmb": 18, "index_766_tdgq": 20,
        "index_766_clgq": 12, "index_766_tttt": 10, "index_766_mdhl": 18,
        "index_766_mdsh": 22}
    assert sum(v.max_score or 0 for k, v in index.items() if k != "index_766_total") == 100
    assert all(v.reported_only for v in index.values())
    assert index["index_766_total"].vi == "Chỉ số 766 (tổng điểm)"
    assert index["index_766_tttt"].vi != KPIS["online_payment_rate"].vi
    assert index["index_766_tttt"].vi.startswith("Thanh toán trực tuyến")


def test_a_score_shows_with_its_maximum_change_and_rank(engine: Engine) -> None:
    report = build_report(engine, "H21", parse_period(YTD), "vi")
    by_id = {k.id: k for k in report.kpis}
    ckmb, total = by_id["index_766_ckmb"], by_id["index_766_total"]
    assert (ckmb.value, ckmb.score, ckmb.max_score, ckmb.change) == \
        (65.5, 11.79, 18, -0.25)
    assert total.rank == Rank(place=2, of=2) and total.change == 0.52
    assert by_id["online_payment_rate"].rank is None
    table = render(report, "table", "vi")
    assert "11,79/18 (-0,25)" in table and "66,14/100 (+0,52) · hạng 2/2" in table


@pytest.mark.parametrize(("fmt", "lang", "label"), [
    ("table", "vi", "2026, đến 10/10/2026"), ("md", "vi", "2026, đến 10/10/2026"),
    ("csv", "vi", "2026, đến 10/10/2026"), ("table", "en", "2026, to 10/10/2026"),
    ("json", "vi", '"period_label": "2026, đến 10/10/2026"'),
])
def test_every_report_format_says_to_the_day(engine: Engine, fmt: str, lang: str,
                                              label: str) -> None:
    report = build_report(engine, "H21.227", parse_period(YTD), lang)
    text = render(report, fmt, lang)
    assert label in text
    if fmt == "json":
        assert json.loads(text)["period"] == YTD


def test_report_json_rounds_half_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = portal_doc()
    doc["observations"] = [
        {"unit": "H22", "period": YTD, "measure": m, "value": v}
        for m, v in (("dossiers_fee_bearing", 64), ("dossiers_paid_online", 58))]
    path = write_feed(tmp_path, "portal.json", doc)
    code, out, _ = run_cli(["report", "--source", str(path), "--unit", "H22", "--format",
                            "json"], capsys)
    assert code == 0
    kpis = {k["id"]: k for k in json.loads(out)["kpis"]}
    assert kpis["online_payment_rate"]["value"] == 90.63
    assert json.loads(out)["period"] == YTD


def test_the_gaps_table_leaves_the_766_scores_to_their_view(engine: Engine) -> None:
    view = gaps_view(engine, "H21", parse_period(YTD), "vi")
    assert view.rows and not [r for r in view.rows if r.kpi_id.startswith("index_766")]
    assert len(view.rows) == len([k for k in KPIS.values() if k.group != INDEX_766])


# --- CSV, validate: located errors, no traceback ------------------------------------------------
def test_csv_carries_external_ids_and_bases(tmp_path: Path) -> None:
    text = (
        "kind;unit;name;level;parent;external_id;period;kpi;value;numerator;denominator;"
        "score;max_score;change\n"
        f"unit;H21;Tỉnh Gia Lai;province;;{GIA_LAI_ID};;;;;;;;\n"
        "unit;H21.20;Sở Thử;agency;H21;;;;;;;;;\n"
        f"reported;H21;;;;;{YTD};digitization_rate;22,56;93.979;416.601;;;\n"
        f"reported;H21;;;;;{YTD};index_766_ckmb;65,5;;;11,79;18;-0,25\n")
    raw = decode_bytes(text.encode("utf-8"), "portal.csv")
    snapshot = build_snapshot([raw])
    assert snapshot.units["H21"].external_id == GIA_LAI_ID
    ytd = parse_period(YTD)
    base = snapshot.reported_series("H21", "digitization_rate")[ytd]
    assert (base.numerator, base.denominator) == (93979, 416601)
    score = snapshot.reported_series("H21", "index_766_ckmb")[ytd]
    assert (score.score, score.max_score, score.change) == (11.79, 18, -0.25)
    bad = text.replace("93.979", "chín")
    with pytest.raises(FeedError) as caught:
        build_snapshot([decode_bytes(bad.encode("utf-8"), "portal.csv")])
    assert caught.value.issues[0].where == "line 4, column numerator"


BAD_FIELDS: list[tuple[str, str, str, Any, str]] = [
    # section, index, key, bad value, the place, words of the message
    ("units", "1", "external_id", 42, "expected the source's id"),
    ("units", "1", "external_id", " ", "expected the source's id"),
    ("units", "1", "level", "agencie", "did you mean 'agency'?"),
    ("reported", "0", "numerator", -1, "negative numerator"),
    ("reported", "0", "denominator", "416601", "expected a number"),
    ("reported", "3", "score", 19, "exceeds max_score 18"),
    ("reported", "3", "max_score", 0, "must be more than 0"),
    ("reported", "3", "change", "+0,5", "expected a number"),
    ("observations", "0", "period", "2026-01-01/2026-02-30", "no day 30/02/2026"),
]


@pytest.mark.parametrize(("section", "index", "key", "value", "words"),
                         [pytest.param(*b, id=f"{b[0]}-{b[2]}-{b[3]!r}") for b in BAD_FIELDS])
def test_a_bad_new_field_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            section: str, index: str, key: str, value: Any,
                                            words: str) -> None:
    doc = portal_doc()
    doc[section][int(index)][key] = value
    path = write_feed(tmp_path, "portal.json", doc)
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert code == 1
    assert f"$.{section}[{index}].{key}" in out + err and words in out + err


def test_a_numerator_without_denominator_names_the_missing_one() -> None:
    doc = portal_doc()
    del doc["reported"][0]["denominator"]
    where, message = issues_of(doc)[0]
    assert where == "$.reported[0].denominator" and "needs a denominator" in message


def test_the_portal_feed_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_feed(tmp_path, "portal.json", portal_doc())
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert code == 0, out + err
    assert "reported_basis_differs" in out + err


def test_the_new_fields_survive_a_round_trip_through_the_encoder(engine: Engine) -> None:
    from cchc_tui.feed.encode import encode_snapshot

    again = build_snapshot([decode_bytes(encode_snapshot(engine.snapshot), "again.json")])
    assert again.units == engine.snapshot.units
    ytd = parse_period(YTD)
    for unit, kpi in (("H21", "digitization_rate"), ("H21", "index_766_ckmb"),
                      ("H21.20", "on_time_rate")):
        before = engine.snapshot.reported_series(unit, kpi)[ytd]
        after = again.reported_series(unit, kpi)[ytd]
        assert (after.numerator, after.denominator, after.score, after.max_score,
                after.change) == (before.numerator, before.denominator, before.score,
                                  before.max_score, before.change)


def test_the_kpi_catalogue_command_lists_the_766_maxima(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["kpis", "--format", "json"], capsys)
    doc = json.loads(out)
    maxima = {k["id"]: k["max_score"] for k in doc["kpis"] if k["group"] == INDEX_766}
    assert code == 0 and maxima["index_766_mdsh"] == 22 and len(maxima) == 7
    assert doc["levels"] == list(LEVELS)
