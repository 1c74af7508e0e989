"""Periods, diacritic folding and vi-VN / en number formats."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_tui.model.periods import PeriodError, describe_period, parse_period
from cchc_tui.text import fold, format_count, format_date, format_number, format_percent


@pytest.mark.parametrize("text", ["2023", "2023-H1", "2023-H2", "2023-Q4", "2023-06",
                                  "2020-11/2021-12"])
def test_periods_round_trip(text: str) -> None:
    assert str(parse_period(text)) == text


def test_containment_and_roll_up() -> None:
    year, h1, q2, june = (parse_period(t) for t in ("2023", "2023-H1", "2023-Q2", "2023-06"))
    assert year.contains(h1) and h1.contains(q2) and q2.contains(june)
    assert not q2.contains(h1)
    assert [str(p) for p in year.children()] == ["2023-H1", "2023-H2"]
    assert [str(p) for p in q2.children()] == ["2023-04", "2023-05", "2023-06"]
    assert str(june.at("quarter")) == "2023-Q2" and str(june.at("year")) == "2023"
    assert str(q2.shift(-2)) == "2022-Q4" and str(june.shift(7)) == "2024-01"
    assert parse_period("2024-02").end_date == date(2024, 2, 29)
    assert parse_period("2020-11/2021-12").months == 14


@pytest.mark.parametrize("text, words", [
    ("2023-13", "no month 13"), ("2023-Q5", "no quarter 5"), ("2023-H3", "no half 3"),
    ("1800", "outside"), ("2023-06/2023-01", "ends before it starts"),
    ("23-06", "not a period"), ("2023/2024", "not a period"), ("", "not a period"),
])
def test_impossible_periods_say_why(text: str, words: str) -> None:
    with pytest.raises(PeriodError, match=words):
        parse_period(text)


def test_describe_period_in_both_languages() -> None:
    assert describe_period(parse_period("2023-Q2"), "vi") == "Quý II/2023"
    assert describe_period(parse_period("2023-H1"), "vi") == "6 tháng đầu năm 2023"
    assert describe_period(parse_period("2023-06"), "en") == "Jun 2023"


@pytest.mark.parametrize("name, folded", [
    ("Phường Thạch Bàn", "phuong thach ban"), ("Quận Đống Đa", "quan dong da"),
    ("ĐỨC XUÂN", "duc xuan"), ("Ðống Đa", "dong da"),  # U+00D0 look-alike
    ("Phu\u031bo\u031b\u0300ng  Sông   Cầu", "phuong song cau"),  # NFD input, extra spaces
])
def test_fold_drops_diacritics_and_maps_d(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_number_formats() -> None:
    assert format_number(1109) == "1.109" and format_number(1109, "en") == "1,109"
    assert format_number(52845) == "52.845" and format_number(317000000) == "317.000.000"
    assert format_percent(573 / 1109 * 100) == "51,67%"
    assert format_percent(78.2828, "en") == "78.28%"
    assert format_count(14411.0) == "14.411" and format_count(2.5) == "2,50"
    assert format_percent(None) == "—" and format_number(-1234) == "-1.234"
    assert format_date(date(2024, 4, 23)) == "23/04/2024"
