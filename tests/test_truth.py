"""A figure never claims more than the data: partial pooling, notes on values, incomplete
periods, status against projection, honest trends, and a report that fails loudly.

Each example of the issue on the bundled fixtures (Hà Nội / Thạch Bàn 2020-H1, Thanh Xuân
2021, the simulated province in 2026-H2) is a test here; the figures are computed from the
fixtures' counts, never typed in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Static

from cchc_tui.cells import unit_kpi_row
from cchc_tui.config import load_config, targets_from_config
from cchc_tui.feed.load import load_path
from cchc_tui.frame import header_view
from cchc_tui.kpi.engine import Engine
from cchc_tui.kpi.findings import findings
from cchc_tui.model.catalogue import KPIS
from cchc_tui.model.periods import Period, parse_period
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.navigation import initial_period
from cchc_tui.resources import default_config_dir
from cchc_tui.sources.status import SourceStatus
from cchc_tui.text import format_percent
from cchc_tui.viewmodel import Trend, trend
from cchc_tui.widgets.draw import kpi_lines
from cchc_tui.widgets.trend import chart_lines
from tests.app_support import app, settle
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
P = parse_period
H1_2020, Y2021, H2_2026 = P("2020-H1"), P("2021"), P("2026-H2")
HA_NOI, THANH_XUAN, THACH_BAN, LONG_BIEN = "01", "009", "00124", "004"


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return load_path(ROOT / "fixtures")


def engine_for(snapshot: Snapshot, min_coverage: float = 1.0) -> Engine:
    config = load_config(config_dir=default_config_dir())
    return Engine(snapshot, targets_from_config(config), min_coverage)


def own_rate(snapshot: Snapshot, unit: str, period: str) -> float:
    """Thạch Bàn's online share from its own counts (what Hà Nội used to pass off as its own)."""
    obs = snapshot.observations[unit]
    return obs["dossiers_received_online"][P(period)] / obs["dossiers_received"][P(period)] * 100


# -- 1. partial pooling is loud -------------------------------------------------------------
def test_a_city_is_not_one_ward_by_default(snapshot: Snapshot) -> None:
    engine = engine_for(snapshot)
    assert snapshot.units[THACH_BAN].parent == LONG_BIEN
    result = engine.result(HA_NOI, "online_dossier_rate", H1_2020)
    assert result.value is None and result.reason == "partial_coverage"
    assert result.assessment.status == "no_data"
    assert result.short is not None and result.short.coverage == (1, 2)
    assert result.short.missing == (THANH_XUAN,)
    row = unit_kpi_row(engine, HA_NOI, "online_dossier_rate", H1_2020, "vi")
    assert row.value_text == "—"
    assert row.counts_text == "chỉ 1/2 đơn vị có số liệu, thiếu Quận Thanh Xuân"
    said = [f.message("vi") for f in findings(engine, HA_NOI, H1_2020)
            if f.kind == "incomplete_coverage" and f.kpi == "online_dossier_rate"]
    assert said and "thiếu: Quận Thanh Xuân" in said[0] and "không tính số chung" in said[0]


def test_a_count_summed_without_every_unit_is_marked(
        snapshot: Snapshot, capsys: pytest.CaptureFixture[str]) -> None:
    engine = engine_for(snapshot)
    received = snapshot.observations[THACH_BAN]["dossiers_received"][H1_2020]
    assert engine.total(HA_NOI, "dossiers_received", H1_2020) == (received, "children")
    assert engine.count_partial(HA_NOI, "dossiers_received", H1_2020)
    assert not engine.count_partial(THACH_BAN, "dossiers_received", H1_2020)
    from cchc_tui.frame import PANELS
    from cchc_tui.text import format_count
    from cchc_tui.viewmodel import panel_view

    view = panel_view(engine, PANELS["online"], HA_NOI, H1_2020, "vi")
    assert ("tổng hồ sơ", format_count(received, "vi") + "*") in view.counts
    code, out, _ = run_cli(["report", "--unit", "ha noi", "--period", "2020-H1"], capsys)
    assert code == 0 and f"(dossiers_received): {format_count(received, 'vi')}*" in out


def test_a_unit_below_with_zero_dossiers_has_reported() -> None:
    from tests.test_engine_rules import _received, snap

    engine = Engine(snap(_received("C1", 100, 40) | _received("C2", 0, 0)))
    district = engine.result("D1", "online_dossier_rate", P("2024"))
    assert district.value == 40 and district.ratio is not None
    assert district.ratio.coverage == (2, 2) and not district.ratio.partial
    assert engine.result("C2", "online_dossier_rate", P("2024")).reason == "zero_denominator"
    # C3 (under D2) has no figures at all: the province lacks D2, whatever C2 said.
    province = engine.result("P", "online_dossier_rate", P("2024"))
    assert province.value is None and province.short is not None
    assert province.short.missing == ("D2",)


def test_a_partial_pool_allowed_by_config_is_marked_and_not_judged(snapshot: Snapshot) -> None:
    engine = engine_for(snapshot, min_coverage=0.5)
    result = engine.result(HA_NOI, "online_dossier_rate", H1_2020)
    assert result.value == pytest.approx(own_rate(snapshot, THACH_BAN, "2020-H1"))
    assert result.assessment.status == "partial" and result.assessment.gap is None
    row = unit_kpi_row(engine, HA_NOI, "online_dossier_rate", H1_2020, "vi")
    assert row.value_text == format_percent(result.value, "vi") + "*"
    assert row.status_text == "* một phần: 1/2 đơn vị"
    assert "thiếu Quận Thanh Xuân" in row.counts_text
    first, _ = kpi_lines(row, 60, 24, "vi")
    assert row.value_text in first.plain and "✗" not in first.plain


def test_with_only_partial_values_the_default_period_has_one(snapshot: Snapshot) -> None:
    engine = engine_for(snapshot, min_coverage=0.5)
    period = initial_period(engine, HA_NOI)
    assert period is not None and engine.value_count(HA_NOI, period) == 0
    assert engine.value_count(HA_NOI, period, complete=False) > 0


def test_min_coverage_is_a_config_key_the_report_uses(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strict_code, strict, _ = run_cli(["report", "--unit", "ha noi", "--period", "2020-H1",
                                      "--format", "json"], capsys)
    loose = tmp_path / "loose.toml"
    loose.write_text("[app]\nmin_coverage = 0.5\n", encoding="utf-8")
    code, out, _ = run_cli(["report", "--unit", "ha noi", "--period", "2020-H1", "--config",
                            str(loose), "--format", "json"], capsys)
    assert strict_code == code == 0
    before = {k["id"]: k for k in json.loads(strict)["kpis"]}["online_dossier_rate"]
    after = {k["id"]: k for k in json.loads(out)["kpis"]}["online_dossier_rate"]
    assert before["value"] is None and before["reason"] == "partial_coverage"
    assert before["coverage"] == {"reporting": 1, "of": 2} and before["missing"] == [THANH_XUAN]
    assert after["value"] is not None and after["marks"] == "*"
    assert after["status"] == "partial" and after["gap"] is None
    bad = tmp_path / "bad.toml"
    bad.write_text("[app]\nmin_coverage = 2\n", encoding="utf-8")
    code, _, err = run_cli(["report", "--unit", "ha noi", "--config", str(bad)], capsys)
    assert code == 2 and "min_coverage" in err


def test_the_header_credits_the_publisher_of_the_figures_shown(snapshot: Snapshot) -> None:
    engine = engine_for(snapshot)
    status = SourceStatus(state="live")
    now = datetime(2026, 11, 1, 8, 42)
    ward = snapshot.source_of(THACH_BAN)
    district = snapshot.source_of(THANH_XUAN)
    assert ward is not None and district is not None and ward.publisher != district.publisher
    view = header_view(engine, HA_NOI, H1_2020, "vi", status, now)
    assert ward.publisher in view.source_text and district.publisher not in view.source_text
    view = header_view(engine, HA_NOI, Y2021, "vi", status, now)
    assert district.publisher in view.source_text and ward.publisher not in view.source_text


# -- 2. notes travel with the value ---------------------------------------------------------
def test_a_note_on_a_published_value_marks_it_everywhere(
        snapshot: Snapshot, capsys: pytest.CaptureFixture[str]) -> None:
    engine = engine_for(snapshot)
    published = snapshot.reported[THANH_XUAN]["online_dossier_rate"][Y2021]
    assert published.note and "cơ sở tính không rõ" in published.note
    row = unit_kpi_row(engine, THANH_XUAN, "online_dossier_rate", Y2021, "vi")
    assert row.value_text == format_percent(published.value, "vi") + "†"
    assert any(published.note in n for n in row.notes)
    assert "† ghi chú: bấm d" in kpi_lines(row, 80, 24, "vi")[1].plain
    code, out, _ = run_cli(["report", "--unit", "thanh xuan", "--period", "2021",
                            "--format", "json"], capsys)
    kpi = {k["id"]: k for k in json.loads(out)["kpis"]}["online_dossier_rate"]
    assert code == 0 and kpi["marks"] == "†" and any(published.note in n for n in kpi["notes"])
    for fmt in ("table", "md", "csv"):
        code, out, _ = run_cli(["report", "--unit", "thanh xuan", "--period", "2021",
                                "--format", fmt], capsys)
        assert code == 0 and published.note in out, fmt
        if fmt != "csv":
            assert "98,00%†" in out, fmt
            continue
        import csv
        import io

        rows = {r["Mã chỉ số"]: r for r in csv.DictReader(io.StringIO(out), delimiter=";")}
        online = rows["online_dossier_rate"]
        assert (online["Giá trị (%)"], online["Dấu"]) == ("98", "†")  # the mark in its column


async def test_the_note_is_on_the_panel_the_gaps_table_and_the_meeting_card() -> None:
    dashboard = app()
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        dashboard.select_unit(THANH_XUAN)
        dashboard.period = Y2021
        await pilot.pause()
        await pilot.pause()
        from cchc_tui.widgets.gaps import GapTable
        from cchc_tui.widgets.kpi_panel import KpiRows

        panel = dashboard.query_one("#panel-online").query_one(KpiRows).render().plain
        assert "98,00%†" in panel and "† ghi chú: bấm d" in panel
        assert "98,00%†" in dashboard.query_one(GapTable).render().plain
        await pilot.press("m")
        await pilot.pause()
        from cchc_tui.screens.meeting import MeetingCard

        card = dashboard.screen.query(MeetingCard).first()
        from cchc_tui.widgets.bigdigits import BigFigure

        assert card.query_one(BigFigure).value.endswith("%†")  # the mark, in the big face
        assert "cơ sở tính không rõ" in str(card.query_one(".counts", Static).render())


# -- 3. incomplete periods say so -----------------------------------------------------------
def months_with_data(snapshot: Snapshot, unit: str, period: str) -> int:
    series = snapshot.observations[unit]["dossiers_received"]
    return sum(1 for p in series if p.granularity == "month" and P(period).contains(p))


def test_a_half_year_with_four_months_is_partial_4_of_6(snapshot: Snapshot) -> None:
    engine = engine_for(snapshot)
    ward = "MP01001"
    months = months_with_data(snapshot, ward, "2026-H2")
    assert 0 < months < 6
    result = engine.result(ward, "online_dossier_rate", H2_2026)
    assert result.value is not None and result.ratio is not None
    assert result.ratio.months == (months, 6) and result.assessment.status == "partial"
    row = unit_kpi_row(engine, ward, "online_dossier_rate", H2_2026, "vi")
    assert row.status_text == f"* một phần: {months}/6 tháng" and row.value_text.endswith("*")
    en = unit_kpi_row(engine, ward, "online_dossier_rate", H2_2026, "en")
    assert en.status_text == f"* partial: {months}/6 months"
    shown = trend(engine, ward, "online_dossier_rate", H2_2026, "vi")
    assert shown.values[-1] == result.value and shown.partial[-1] is True
    assert chart_lines(shown, 60, 8, "vi", "")[-1].plain.rstrip().endswith("H2/26*")


def test_the_province_pools_partial_months_and_the_report_says_the_same(
        snapshot: Snapshot, capsys: pytest.CaptureFixture[str]) -> None:
    engine = engine_for(snapshot)
    result = engine.result("MP", "online_dossier_rate", H2_2026)
    assert result.value is not None and result.ratio is not None
    wards = [c for d in snapshot.children_of("MP") for c in snapshot.children_of(d)]
    spans = {months_with_data(snapshot, w, "2026-H2") for w in wards}
    fewest, most = min(spans), max(spans)
    assert result.ratio.months == (fewest, 6) and result.ratio.months_most == most
    row = unit_kpi_row(engine, "MP", "online_dossier_rate", H2_2026, "vi")
    words = f"* một phần: {fewest}–{most}/6 tháng"
    assert row.status_text == words
    code, out, _ = run_cli(["report", "--unit", "MP", "--period", "2026-H2"], capsys)
    line = next(x for x in out.splitlines() if x.startswith("Hồ sơ trực tuyến"))
    assert code == 0 and words in line and row.value_text in line
    assert "* một phần: thiếu đơn vị trực thuộc hoặc tháng" in out  # the legend


def test_partial_months_mix_granularities_and_never_mix_numerator_and_denominator() -> None:
    from tests.test_engine_rules import _received, snap

    # 2024-H1 as a half, Q3 as a quarter, October's online count without its total.
    obs = _received("C1", 600, 60, "2024-H1") | _received("C1", 300, 90, "2024-Q3")
    obs[("C1", "2024-10", "dossiers_received_online")] = 50
    engine = Engine(snap(obs))
    result = engine.result("C1", "online_dossier_rate", P("2024"))
    assert result.ratio is not None and result.ratio.months == (9, 12)
    assert (result.ratio.numerator, result.ratio.denominator) == (150, 900)  # not 200/900
    assert result.assessment.status == "partial"
    assert engine.total("C1", "dossiers_received_online", P("2024")) == (200, "partial")
    assert engine.value_count("C1", P("2024")) == 0  # complete values only
    assert engine.value_count("C1", P("2024"), complete=False) == 1
    stock_only = Engine(snap({("C1", "2024-06", "staff_total"): 10,
                              ("C1", "2024-06", "staff_with_email"): 9}))
    staff = stock_only.result("C1", "staff_email_rate", P("2024"))
    assert staff.value == 90 and staff.ratio is not None and staff.ratio.months is None


async def test_the_panel_never_says_not_reported_while_the_trend_draws() -> None:
    dashboard = app()
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        dashboard.period = H2_2026
        await pilot.pause()
        await pilot.pause()
        from cchc_tui.widgets.kpi_panel import KpiRows
        from cchc_tui.widgets.trend import TrendPlot

        panel = dashboard.query_one("#panel-online")
        rows = panel.query_one(KpiRows).render().plain
        assert "chưa báo cáo" not in rows.split("Hồ sơ qua")[0].split("Hồ sơ trực tuyến")[1]
        assert "* một phần:" in rows
        assert "H2/26*" in panel.query_one(TrendPlot).render().plain


# -- 4. status words agree with the projection ----------------------------------------------
def every_result(snapshot: Snapshot, engine: Engine) -> Iterator[tuple[str, str, Period]]:
    for unit in snapshot.units:
        for period in snapshot.unit_periods(unit)[-4:]:
            if period.granularity == "range":
                continue
            for kpi_id in KPIS:
                yield unit, kpi_id, period


def test_no_status_contradicts_its_projection(snapshot: Snapshot) -> None:
    engine = engine_for(snapshot)
    seen = set()
    for unit, kpi_id, period in every_result(snapshot, engine):
        result = engine.result(unit, kpi_id, period)
        a, target = result.assessment, result.target
        seen.add(a.status)
        row = unit_kpi_row(engine, unit, kpi_id, period, "vi")
        if target is not None and target.due is None:
            assert a.status not in ("on_track", "at_risk", "behind"), (unit, kpi_id, period)
        if a.status in ("behind", "at_risk", "not_met"):
            assert row.projection_text != "đã đạt"
            proj = a.projection
            if proj is not None and proj.value_at_due is not None and target is not None:
                assert (proj.value_at_due - target.value) * (
                    1 if result.kpi.higher_is_better else -1) < 0
        if a.status == "on_track":
            assert a.projection is not None and a.projection.value_at_due is not None
        if a.status == "met":
            assert not row.projection_text.startswith("đạt sau")
    assert {"met", "not_met", "on_track", "partial", "no_data"} <= seen


def test_an_undated_target_is_met_or_not_met(snapshot: Snapshot) -> None:
    engine = engine_for(snapshot)
    result = engine.result("MP", "email_active_rate", P("2026-Q3"))
    assert result.target is not None and result.target.due is None
    assert result.value is not None and result.value < result.target.value
    assert result.assessment.status == "not_met"
    assert unit_kpi_row(engine, "MP", "email_active_rate", P("2026-Q3"),
                        "en").status_text == "✗ not met"


# -- 5. honest trends -----------------------------------------------------------------------
def rows_of(lines: list[Content]) -> list[str]:
    return [line.plain for line in lines]


@pytest.mark.parametrize("height", [3, 4, 5, 8, 12])
def test_the_target_line_sits_on_its_own_labelled_row(height: int) -> None:
    labels = tuple(f"Q{q}/2{y}" for y in range(4, 7) for q in range(1, 5))
    values = (20.0, 30.0, 35.0, 42.0, 50.0, 55.0, 60.0, 62.0, 65.0, 66.0, 67.5, 67.7)
    shown = Trend("x", labels, values, 80.0)
    lines = rows_of(chart_lines(shown, 56, height, "vi", "chưa có số liệu"))
    assert len(lines) == height
    target_rows = [i for i, line in enumerate(lines) if "┼" in line]
    assert len(target_rows) == 1
    t = target_rows[0]
    assert lines[t].split("┼")[0].strip() == "80%"
    # Every value is below the target: nothing is drawn on or above the target's row.
    assert not any(ch in line for line in lines[: t + 1] for ch in "▀▄█")
    assert any(ch in "▀▄█" for line in lines[t + 1:] for ch in line)


def test_a_value_that_reaches_the_target_is_drawn_on_or_above_it() -> None:
    shown = Trend("x", ("H1/25", "H2/25", "H1/26"), (70.0, 85.0, 90.0), 80.0)
    lines = rows_of(chart_lines(shown, 40, 8, "en", "no data"))
    t = next(i for i, line in enumerate(lines) if "┼" in line)
    last_col = max(line.rstrip().__len__() for line in lines[:t + 1])
    assert lines[t].split("┼")[0].strip() == "80%"
    assert any(ch in "▀▄█" for line in lines[: t + 1] for ch in line[:last_col])


def test_every_label_is_a_real_period_and_a_single_point_invents_none() -> None:
    labels = tuple(f"H{h}/{y}" for y in range(15, 21) for h in (1, 2))
    values = (None,) * 11 + (21.15,)
    lines = rows_of(chart_lines(Trend("x", labels, values, 80.0), 56, 6, "vi", "—"))
    words = lines[-1].split()
    assert words and set(words) <= set(labels) and words[-1] == "H2/20"
    assert "┬" in lines[-2]


def test_a_single_published_value_is_charted_with_its_own_period_only(
        snapshot: Snapshot) -> None:
    engine = engine_for(snapshot)
    shown = trend(engine, THANH_XUAN, "online_dossier_rate", Y2021, "vi")
    assert shown.labels == ("2021",) and shown.values[0] is not None
    lines = rows_of(chart_lines(shown, 56, 6, "vi", "chưa có số liệu"))
    assert lines[-1].split() == ["2021"] and lines[-2].count("┬") == 1


def test_an_empty_chart_says_no_data_inside_it() -> None:
    labels = ("2019", "2020", "2021")
    lines = rows_of(chart_lines(Trend("x", labels, (None, None, None), 80.0), 40, 6, "en",
                                "no data"))
    assert len(lines) == 6 and any("no data" in line for line in lines[:-2])
    assert lines[-1].split() == ["2019", "2020", "2021"]
    assert not any("┼" in line for line in lines)  # no target line over nothing


# -- 6. the headless report fails loudly ----------------------------------------------------
def test_a_name_must_spell_one_unit_s_own_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["report", "--unit", "dong da"], capsys)
    assert code == 1 and out == ""
    assert "không có đơn vị nào tên 'dong da'" in err and "Xã Đa Lộc" in err  # not a pick
    code, out, err = run_cli(["report", "--unit", "dong da", "--lang", "en"], capsys)
    assert "no unit is named 'dong da'" in err and "Xã Đa Lộc" in err
    code, out, _ = run_cli(["report", "--unit", "tan lap dong xuan", "--format", "json"],
                           capsys)
    assert code == 0 and json.loads(out)["unit"]["parent"] == "MP02"


def test_whole_words_of_the_unit_s_own_name_decide(tmp_path: Path) -> None:
    from cchc_tui.model.lookup import UnitLookupError, find_unit
    from tests.helpers import minimal_doc, write_feed

    doc = minimal_doc()
    doc["units"] += [
        {"code": "01", "name": "Thành phố Hà Nội", "level": "province"},
        {"code": "006", "name": "Quận Đống Đa", "level": "district", "parent": "01"},
        {"code": "X1", "name": "Huyện Đồng Xuân", "level": "district", "parent": "06"},
        {"code": "X1A", "name": "Xã Đa Lộc", "level": "commune", "parent": "X1"},
        {"code": "X1B", "name": "Xã Đa Lộc Hạ", "level": "commune", "parent": "X1"},
    ]
    snap = load_path(write_feed(tmp_path, "feed.json", doc))
    assert find_unit(snap, "dong da").code == "006"
    assert find_unit(snap, "quan dong da ha noi").code == "006"
    assert find_unit(snap, "da loc dong xuan").code == "X1A"  # exact name among two
    with pytest.raises(UnitLookupError, match="no unit is named"):
        find_unit(snap, "loc")  # a word of two names, all of neither
    with pytest.raises(UnitLookupError, match="no unit is named"):
        find_unit(snap, "dong da xuan")


def test_a_period_without_data_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["report", "--unit", "song cau", "--period", "2027"], capsys)
    assert code == 1 and out == "" and "có giá trị cho kỳ 2027" in err


@pytest.mark.parametrize("unit", ["MP", "MP02", "01", "009", "00124", "79", "49", "01837"])
def test_the_report_opens_on_the_dashboard_s_period(
        snapshot: Snapshot, capsys: pytest.CaptureFixture[str], unit: str) -> None:
    engine = engine_for(snapshot)
    code, out, _ = run_cli(["report", "--unit", unit, "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["period"] == str(initial_period(engine, unit))
