"""▲▼: the change against the previous period of the same length, in points; never shown
where it would mislead (a side missing, partial, or of another basis)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc_tui.cells import change_against_previous, unit_kpi_row
from cchc_tui.feed.load import load_path
from cchc_tui.i18n import change_text
from cchc_tui.kpi.engine import Engine, KpiResult
from cchc_tui.model.catalogue import KPIS
from cchc_tui.model.periods import parse_period
from cchc_tui.resources import default_fixtures_dir
from cchc_tui.text import round_half_up
from tests.helpers import minimal_doc, write_feed


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_path(default_fixtures_dir()))


def _cases(engine: Engine) -> Iterator[KpiResult]:
    """Every (unit, period, kpi) with a value, a step and no 766 score."""
    snap = engine.snapshot
    for unit in snap.units:
        for period in snap.unit_periods(unit):
            for kpi in KPIS:
                result = engine.result(unit, kpi, period)
                if result.value is not None and period.has_steps and not KPIS[kpi].max_score:
                    yield result


def test_the_change_is_the_difference_of_the_two_values_as_shown(engine: Engine) -> None:
    seen = 0
    for result in _cases(engine):
        before = result.period.shift(-1)
        value = engine.value(result.unit, result.kpi.id, before)
        change = change_against_previous(engine, result)
        if change is None:
            continue
        assert value is not None and result.value is not None
        assert change == round_half_up(round_half_up(result.value) - round_half_up(value))
        seen += 1
    assert seen > 20


def test_no_change_from_or_to_a_partial_or_missing_value(engine: Engine) -> None:
    partial = missing = 0
    for result in _cases(engine):
        before = result.period.shift(-1)
        value = engine.value(result.unit, result.kpi.id, before)
        if value is None:
            missing += 1
            assert change_against_previous(engine, result) is None
        elif (result.ratio is not None and result.ratio.partial) or engine.is_partial(
                result.unit, result.kpi.id, before):
            partial += 1
            assert change_against_previous(engine, result) is None
    assert partial and missing  # the fixtures hold both kinds


def test_a_range_has_no_previous_of_its_kind(engine: Engine) -> None:
    row = unit_kpi_row(engine, "01837", "online_dossier_rate", parse_period("2023-01/2023-12"),
                       "vi")
    assert row.change is None and row.change_text == ""


def test_a_published_value_is_not_compared_with_a_computed_one(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["observations"] = [
        {"unit": "01837", "period": "2023", "measure": "dossiers_received", "value": 200},
        {"unit": "01837", "period": "2023", "measure": "dossiers_received_online", "value": 100},
        {"unit": "01837", "period": "2022", "measure": "dossiers_received", "value": 200},
        {"unit": "01837", "period": "2022", "measure": "dossiers_received_online", "value": 80},
    ]
    doc["reported"] = [{"unit": "01837", "period": "2021", "kpi": "online_dossier_rate",
                        "value": 30}]
    engine = Engine(load_path(write_feed(tmp_path, "feed.json", doc)))
    y2023, y2022 = parse_period("2023"), parse_period("2022")
    assert unit_kpi_row(engine, "01837", "online_dossier_rate", y2023, "vi").change == 10
    assert engine.value("01837", "online_dossier_rate", parse_period("2021")) == 30
    row = unit_kpi_row(engine, "01837", "online_dossier_rate", y2022, "vi")
    assert row.value == 40 and row.change is None  # 2021 is only a published figure


@pytest.mark.parametrize("change, lang, text", [
    (3.12, "vi", "▲ 3,12 điểm"), (-1.05, "vi", "▼ 1,05 điểm"), (0.0, "vi", "= 0,00 điểm"),
    (3.12, "en", "▲ 3.12 pts"), (None, "vi", ""),
])
def test_the_words_of_a_change(change: float | None, lang: str, text: str) -> None:
    assert change_text(change, lang) == text
