"""Each rule of computation of KPIS.md, on small snapshots built in the test."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_tui.kpi.engine import Engine
from cchc_tui.kpi.findings import findings
from cchc_tui.kpi.targets import assess, periods_left, resolve_target
from cchc_tui.model.periods import Period, parse_period
from cchc_tui.model.snapshot import Reported, Snapshot, Target, Unit

P = parse_period


def snap(obs: dict[tuple[str, str, str], float],
         reported: dict[tuple[str, str, str], float] | None = None,
         targets: tuple[Target, ...] = ()) -> Snapshot:
    """Province P > districts D1, D2 > communes C1, C2 (under D1) and C3 (under D2)."""
    units = {u.code: u for u in [
        Unit("P", "Tỉnh Thử", "province"),
        Unit("D1", "Huyện Một", "district", "P"), Unit("D2", "Huyện Hai", "district", "P"),
        Unit("C1", "Xã Đông", "commune", "D1"), Unit("C2", "Xã Tây", "commune", "D1"),
        Unit("C3", "Xã Nam", "commune", "D2"),
    ]}
    table: dict[str, dict[str, dict[Period, float]]] = {}
    for (unit, period, measure), value in obs.items():
        table.setdefault(unit, {}).setdefault(measure, {})[P(period)] = value
    rep: dict[str, dict[str, dict[Period, Reported]]] = {}
    for (unit, period, kpi), value in (reported or {}).items():
        rep.setdefault(unit, {}).setdefault(kpi, {})[P(period)] = Reported(value, None, "test")
    return Snapshot(units=units, observations=table, reported=rep, targets=targets)


def value(engine: Engine, unit: str, kpi: str, period: str) -> float | None:
    return engine.result(unit, kpi, P(period)).value


# -- over time --------------------------------------------------------------------------------
def test_flow_quarter_is_the_sum_of_its_months() -> None:
    obs = {("C1", f"2024-0{m}", "dossiers_received"): 100 for m in (1, 2, 3)}
    obs |= {("C1", f"2024-0{m}", "dossiers_received_online"): 10 * m for m in (1, 2, 3)}
    e = Engine(snap(obs))
    assert e.figures.measure("C1", "dossiers_received", P("2024-Q1")) == 300
    assert value(e, "C1", "online_dossier_rate", "2024-Q1") == pytest.approx(60 / 300 * 100)


def test_flow_with_a_missing_month_has_no_quarter() -> None:
    obs = {("C1", f"2024-0{m}", "dossiers_received"): 100 for m in (1, 2)}
    assert Engine(snap(obs)).figures.measure("C1", "dossiers_received", P("2024-Q1")) is None


def test_flow_year_from_a_reported_half_and_two_quarters() -> None:
    obs = {("C1", "2024-H1", "dossiers_received"): 500, ("C1", "2024-Q3", "dossiers_received"): 200,
           ("C1", "2024-Q4", "dossiers_received"): 300}
    assert Engine(snap(obs)).figures.measure("C1", "dossiers_received", P("2024")) == 1000


def test_figure_reported_for_the_period_itself_wins_over_its_parts() -> None:
    obs = {("C1", "2024-Q1", "dossiers_received"): 333}
    obs |= {("C1", f"2024-0{m}", "dossiers_received"): 100 for m in (1, 2, 3)}
    e = Engine(snap(obs))
    assert e.figures.measure("C1", "dossiers_received", P("2024-Q1")) == 333
    sums = [f for f in findings(e, "C1", P("2024-Q1")) if f.kind == "period_sum_mismatch"]
    assert sums and sums[0].figures == {"measure": "dossiers_received", "reported": 333,
                                        "sum_of_parts": 300}


def test_stock_takes_the_latest_month_of_the_period() -> None:
    obs = {("C1", "2024-01", "email_accounts_issued"): 10,
           ("C1", "2024-03", "email_accounts_issued"): 20,
           ("C1", "2024-05", "email_accounts_issued"): 99}
    f = Engine(snap(obs)).figures
    assert f.measure("C1", "email_accounts_issued", P("2024-Q1")) == 20
    assert f.measure("C1", "email_accounts_issued", P("2024")) == 99
    assert f.measure("C1", "email_accounts_issued", P("2023")) is None


def test_period_only_measure_is_never_derived_for_another_period() -> None:
    obs = {("C1", "2024-03", "procedures_with_online_dossiers"): 17}
    f = Engine(snap(obs)).figures
    assert f.measure("C1", "procedures_with_online_dossiers", P("2024-03")) == 17
    assert f.measure("C1", "procedures_with_online_dossiers", P("2024-Q1")) is None


# -- derived totals ---------------------------------------------------------------------------
def test_received_derived_from_three_channels_only_when_all_present() -> None:
    obs = {("C1", "2024", "dossiers_received_online"): 30,
           ("C1", "2024", "dossiers_received_direct"): 60,
           ("C1", "2024", "dossiers_received_postal"): 10}
    r = Engine(snap(obs)).result("C1", "online_dossier_rate", P("2024"))
    assert r.value == 30 and r.source == "derived"
    del obs[("C1", "2024", "dossiers_received_postal")]
    r = Engine(snap(obs)).result("C1", "online_dossier_rate", P("2024"))
    assert r.value is None and r.reason == "no_denominator"


def test_resolved_derived_from_early_on_time_late() -> None:
    obs = {("C1", "2024", "dossiers_resolved_early"): 80,
           ("C1", "2024", "dossiers_resolved_on_time"): 15,
           ("C1", "2024", "dossiers_resolved_late"): 5}
    e = Engine(snap(obs))
    assert value(e, "C1", "on_time_rate", "2024") == 95
    assert value(e, "C1", "late_rate", "2024") == 5


# -- over units -------------------------------------------------------------------------------
def _received(unit: str, total: float, online: float,
              period: str = "2024") -> dict[tuple[str, str, str], float]:
    return {(unit, period, "dossiers_received"): total,
            (unit, period, "dossiers_received_online"): online}


def test_children_pooled_by_counts_not_averaged() -> None:
    e = Engine(snap(_received("C1", 100, 90) | _received("C2", 900, 90)))
    r = e.result("D1", "online_dossier_rate", P("2024"))
    assert r.value == pytest.approx(180 / 1000 * 100)  # not (90 % + 10 %) / 2
    assert r.ratio is not None and r.ratio.coverage == (2, 2)


def test_pooling_is_recursive_with_coverage_of_direct_children() -> None:
    # Half the units below are enough here; the default (all of them) has its own test.
    e = Engine(snap(_received("C1", 100, 50) | _received("C3", 100, 10)), min_coverage=0.5)
    r = e.result("P", "online_dossier_rate", P("2024"))
    assert r.value == pytest.approx(60 / 200 * 100)
    assert r.ratio.coverage == (2, 2)
    d1 = e.result("D1", "online_dossier_rate", P("2024"))
    assert d1.ratio.coverage == (1, 2) and d1.ratio.missing == ("C2",)
    kinds = {f.kind for f in findings(e, "D1", P("2024"))}
    assert "incomplete_coverage" in kinds


def test_own_figures_win_over_children_and_children_over_parent_is_a_finding() -> None:
    obs = _received("D1", 150, 30) | _received("C1", 100, 90) | _received("C2", 100, 90)
    e = Engine(snap(obs))
    r = e.result("D1", "online_dossier_rate", P("2024"))
    assert r.value == 20 and r.ratio.coverage is None
    over = [f for f in findings(e, "D1", P("2024")) if f.kind == "children_exceed_parent"]
    measures = {f.figures["measure"] for f in over}
    assert measures == {"dossiers_received", "dossiers_received_online"}


def test_zero_denominator_is_no_value_not_zero() -> None:
    e = Engine(snap(_received("C1", 0, 0)))
    r = e.result("C1", "online_dossier_rate", P("2024"))
    assert r.value is None and r.reason == "zero_denominator"


def test_numerator_over_denominator_is_a_finding() -> None:
    e = Engine(snap(_received("C1", 100, 120)))
    kinds = [f.kind for f in findings(e, "C1", P("2024"))]
    assert "numerator_exceeds_denominator" in kinds


# -- reported values --------------------------------------------------------------------------
def test_reported_stands_in_and_is_compared_when_computable() -> None:
    e = Engine(snap({}, {("C1", "2024", "online_dossier_rate"): 42.0}))
    r = e.result("C1", "online_dossier_rate", P("2024"))
    assert (r.value, r.source) == (42.0, "reported")
    close = Engine(snap(_received("C1", 1000, 420), {("C1", "2024", "online_dossier_rate"): 42.4}))
    assert not [f for f in findings(close, "C1", P("2024")) if f.kind == "reported_mismatch"]
    far = Engine(snap(_received("C1", 1000, 420), {("C1", "2024", "online_dossier_rate"): 42.6}))
    found = [f for f in findings(far, "C1", P("2024")) if f.kind == "reported_mismatch"]
    assert len(found) == 1 and found[0].figures["computed"] == 42.0
    assert far.result("C1", "online_dossier_rate", P("2024")).source == "computed"


def test_reported_percentages_are_never_pooled() -> None:
    e = Engine(snap({}, {("C1", "2024", "online_dossier_rate"): 42.0}))
    assert value(e, "D1", "online_dossier_rate", "2024") is None


# -- targets ----------------------------------------------------------------------------------
def T(value: float, scope: str = "*", due: str | None = None,
      kpi: str = "online_dossier_rate") -> Target:
    return Target(kpi, value, date.fromisoformat(due) if due else None, scope, "b", "test")


def test_most_specific_scope_wins() -> None:
    targets = (T(10), T(20, "commune"), T(30, "D1"), T(40, "C1"))
    s = snap({})
    assert resolve_target(targets, s, "C1", "online_dossier_rate", P("2024")).value == 40
    assert resolve_target(targets, s, "C2", "online_dossier_rate", P("2024")).value == 30
    assert resolve_target(targets, s, "C3", "online_dossier_rate", P("2024")).value == 20
    assert resolve_target(targets, s, "D2", "online_dossier_rate", P("2024")).value == 10


def test_earliest_due_not_before_period_end_else_undated() -> None:
    targets = (T(50), T(70, due="2025-12-31"), T(80, due="2030-12-31"))
    s = snap({})
    assert resolve_target(targets, s, "C1", "online_dossier_rate", P("2024")).value == 70
    assert resolve_target(targets, s, "C1", "online_dossier_rate", P("2027")).value == 80
    assert resolve_target(targets, s, "C1", "online_dossier_rate", P("2031")).value == 50


def test_status_met_at_risk_behind_and_pace() -> None:
    period = P("2024")
    assert assess(81, T(80), True, period, []).status == "met"
    risk = assess(76, T(80, due="2026-12-31"), True, period, [])
    assert risk.status == "at_risk" and risk.gap == 4
    assert risk.periods_left == 2 and risk.pace_needed == 2
    assert assess(60, T(80), True, period, []).status == "not_met"  # no due: met or not
    assert assess(60, T(80, due="2026-12-31"), True, period, []).status == "behind"
    # Lower is better: late_rate 3 % against a 5 % ceiling is met.
    assert assess(3, T(5, kpi="late_rate"), False, period, []).status == "met"
    assert assess(None, T(5), True, period, []).status == "no_data"
    assert assess(50, None, True, period, []).status == "no_target"


def test_on_track_when_the_trend_reaches_the_target_by_due() -> None:
    history = [(-3, 40.0), (-2, 50.0), (-1, 60.0), (0, 70.0)]  # +10 points a year
    a = assess(70, T(90, due="2026-12-31"), True, P("2024"), history)
    assert a.status == "on_track"
    assert a.projection is not None and a.projection.slope == pytest.approx(10)
    assert a.projection.value_at_due == pytest.approx(90)
    assert a.projection.periods_to_target == 2
    slow = [(-1, 69.0), (0, 70.0)]
    assert assess(70, T(90, due="2026-12-31"), True, P("2024"), slow).status == "behind"


def test_periods_left_counts_whole_periods_after_this_one() -> None:
    assert periods_left(P("2024-Q1"), date(2024, 12, 31)) == 3
    assert periods_left(P("2024-06"), date(2024, 12, 31)) == 6
    assert periods_left(P("2024"), date(2024, 12, 31)) == 0


def test_engine_trend_uses_same_granularity_history() -> None:
    obs: dict[tuple[str, str, str], float] = {}
    for m, online in zip(range(1, 7), (10, 20, 30, 40, 50, 60), strict=True):
        obs |= _received("C1", 100, online, f"2024-{m:02d}")
    e = Engine(snap(obs, targets=(T(90, due="2024-09-30"),)))
    r = e.result("C1", "online_dossier_rate", P("2024-06"))
    assert r.value == 60
    assert r.assessment.projection.slope == pytest.approx(10)
    assert r.assessment.status == "on_track"  # 60 + 3 × 10 = 90 by September
    history = e.history("C1", "online_dossier_rate", P("2024-06"), 3)
    assert [(str(p), v) for p, v in history] == [("2024-04", 40), ("2024-05", 50),
                                                 ("2024-06", 60)]


# -- memo ------------------------------------------------------------------------------------
def test_the_memos_keys_are_left_to_reference_counting() -> None:
    """The memo keys hold no Period (a NamedTuple stays tracked by the cyclic collector for
    good): once collected, they are untracked, and so is the pooled totals' table."""
    import gc
    from collections.abc import Mapping

    obs = {(c, f"2024-0{m}", "dossiers_received"): 100 for c in ("C1", "C2", "C3")
           for m in (1, 2, 3)}
    obs |= {(c, f"2024-0{m}", "dossiers_received_online"): 40 for c in ("C1", "C2", "C3")
            for m in (1, 2, 3)}
    e = Engine(snap(obs))
    assert value(e, "P", "online_dossier_rate", "2024-Q1") == pytest.approx(40.0)
    assert e.total("P", "dossiers_received", P("2024-Q1")) == (900, "children")
    gc.collect()
    tables: list[Mapping[tuple[str, str], object]] = [
        *e._ratios.values(), *e._totals.values(), *e.figures._cache.values(),
        *e.figures._counts.values()]
    keys = [k for table in tables for k in table]
    assert len(keys) > 20
    assert not any(gc.is_tracked(k) for k in keys)
    assert not any(gc.is_tracked(table) for table in e._totals.values())
