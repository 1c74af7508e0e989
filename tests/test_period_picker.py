"""`p`: the period picker groups by granularity and filters as you type (no diacritics)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from cchc_tui.feed.load import load_paths
from cchc_tui.model.periods import Period, parse_period
from cchc_tui.period_filter import grouped, picker_periods, query_words
from cchc_tui.resources import default_fixtures_dir
from cchc_tui.screens.period import PeriodScreen
from tests.app_support import app, settle


def mp_periods() -> tuple[Period, ...]:
    return picker_periods(load_paths([default_fixtures_dir()]).unit_periods("MP"))


def codes(query: str, periods: tuple[Period, ...] | None = None) -> dict[str, list[str]]:
    return {g: [str(p) for p in ps] for g, ps in grouped(periods or mp_periods(), query)}


def test_months_roll_up_into_quarters_halves_and_years() -> None:
    periods = mp_periods()
    kinds = {p.granularity for p in periods}
    assert kinds == {"month", "quarter", "half", "year"}
    assert parse_period("2025-H1") in periods and parse_period("2025") in periods
    assert list(codes("")) == ["month", "quarter", "half", "year"]  # the groups, in order
    assert codes("")["year"] == ["2026", "2025", "2024", "2023"]  # newest first


@pytest.mark.parametrize(("query", "wanted"), [
    ("2025", {"month": 12, "quarter": 4, "half": 2, "year": 1}),
    ("q3", {"quarter": 3}),
    ("quý 3", {"quarter": 3}),
    ("quy III", {"quarter": 3}),
    ("thang 6", {"month": 3}),
    ("tháng 06", {"month": 3}),
    ("t6", {"month": 3}),
    ("jun", {"month": 3}),
    ("h1", {"half": 3}),
    ("6 thang dau", {"half": 3}),
    ("năm", {"half": 7, "year": 4}),
    ("xyz", {}),
])
def test_filter(query: str, wanted: dict[str, int]) -> None:
    assert {g: len(ps) for g, ps in codes(query).items()} == wanted


def test_a_month_and_a_year_together() -> None:
    assert codes("thang 6 2025") == {"month": ["2025-06"]}
    assert codes("06/2025") == {"month": ["2025-06"]}
    assert codes("q3 2025") == codes("2025 q3") == {"quarter": ["2025-Q3"]}
    assert codes("thang 1") == {"month": ["2026-01", "2025-01", "2024-01"]}  # not 10, 11, 12
    assert query_words("Tháng 6") == ("m6",)


def test_days_and_ranges_have_their_own_groups() -> None:
    periods = picker_periods((parse_period("2026-01-01/2026-10-10"),
                              parse_period("2020-11/2021-12"), parse_period("2026-Q3")))
    assert list(codes("", periods)) == ["quarter", "half", "year", "days", "range"]
    assert codes("den ngay", periods) == {"days": ["2026-01-01/2026-10-10"]}
    assert codes("to a day", periods) == {"days": ["2026-01-01/2026-10-10"]}
    assert codes("khoang", periods) == {"range": ["2020-11/2021-12"]}


# -- the screen ----------------------------------------------------------------------------
def options(screen: PeriodScreen) -> list[tuple[str, bool]]:
    option_list = screen.query_one(OptionList)
    return [(str(option_list.get_option_at_index(i).prompt).strip(),
             option_list.get_option_at_index(i).disabled)
            for i in range(option_list.option_count)]


async def open_picker(pilot: Pilot[Any]) -> PeriodScreen:
    await settle(pilot)
    await pilot.press("p")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PeriodScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_picker_groups_and_filters_as_you_type_vi(size: tuple[int, int]) -> None:
    dashboard = app()
    async with dashboard.run_test(size=size) as pilot:
        screen = await open_picker(pilot)
        headings = [text for text, disabled in options(screen) if disabled]
        assert headings == ["Tháng", "Quý", "6 tháng (nửa năm)", "Năm"]
        highlighted = screen.query_one(OptionList).highlighted_option
        assert highlighted is not None and highlighted.id == "2026-Q3"  # the current period
        assert str(screen.query_one("#period-count", Static).render()) == "60/60 kỳ"
        await pilot.press(*"thang 6")
        await pilot.pause()
        assert options(screen) == [("Tháng", True), ("Tháng 06/2026  2026-06", False),
                                   ("Tháng 06/2025  2025-06", False),
                                   ("Tháng 06/2024  2024-06", False)]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert dashboard.period == parse_period("2025-06")


async def test_picker_filters_in_english_and_says_when_nothing_matches() -> None:
    dashboard = app("en")
    async with dashboard.run_test(size=(80, 24)) as pilot:
        screen = await open_picker(pilot)
        assert [t for t, d in options(screen) if d] == ["Months", "Quarters", "Halves", "Years"]
        assert ("2025", False) in options(screen)  # a year's label is its code: said once
        await pilot.press(*"2025 q3")
        await pilot.pause()
        assert options(screen) == [("Quarters", True), ("2025 Q3  2025-Q3", False)]
        await pilot.press("enter")
        await pilot.pause()
        assert dashboard.period == parse_period("2025-Q3")
        screen = await open_picker(pilot)
        screen.query_one(Input).value = "zzz"
        await pilot.pause()
        assert options(screen) == []
        assert str(screen.query_one("#period-count", Static).render()) == "no period matches"
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert dashboard.period == parse_period("2025-Q3")
