"""Levers: each verified by pulling it and rescoring with the rules, and by pulling one less."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest

from cchc_tui.portal.counts import Capture, load_capture
from cchc_tui.portal.levers import (
    NEW_ON_TIME,
    Lever,
    apply,
    child_impacts,
    unit_levers,
)
from cchc_tui.portal.rules import PAYMENT_BY_CODE
from cchc_tui.portal.scoring import payment_components, score_unit

DATA = Path(__file__).parent / "data" / "portal"
RAW = DATA / "raw" / "2026" / "gia_lai" / "raw_GiaLai_detail_year_2026_10102026.json"
AGENCIES = DATA / "gia_lai" / "agencies_detail_GiaLai_10102026.json"


@pytest.fixture(scope="module")
def capture() -> Capture:
    return load_capture(RAW)


def _v(value: float | int | None) -> float:
    assert value is not None
    return float(value)


def _metric_after(capture: Capture, code: str, lever: Lever) -> float:
    after = score_unit(apply(capture.units[code], lever))
    if lever.code in PAYMENT_BY_CODE:
        return payment_components(apply(capture.units[code], lever).payment)[lever.code] or 0.0
    return after.metric(lever.code).computed or 0.0


def test_van_canh_one_more_point_of_digitisation(capture: Capture) -> None:
    unit = capture.units["H21.227"]
    levers = unit_levers(unit)
    lever = next(lv for lv in levers.levers if lv.code == "SO_HOA_GIAY_TO_GIAI_QUYET")
    assert lever.step == 650
    assert "+650 digitised dossiers for one more point of digitisation" in lever.text("en")
    assert lever.text("vi").startswith("+650 hồ sơ số hóa: thêm 1 điểm số hóa hồ sơ")
    before, after = score_unit(unit), score_unit(apply(unit, lever))
    assert before.metric("SO_HOA_GIAY_TO_GIAI_QUYET").computed == 2.32
    assert after.metric("SO_HOA_GIAY_TO_GIAI_QUYET").computed == 3.32
    assert after.group("MDSH").computed == pytest.approx(_v(before.group("MDSH").computed) + 1)
    one_less = apply(unit, replace(lever, step=lever.step - 1))
    assert _v(score_unit(one_less).metric("SO_HOA_GIAY_TO_GIAI_QUYET").computed) < 3.32


def test_van_canh_33_of_41_fee_procedures_with_online_payment(capture: Capture) -> None:
    unit = capture.units["H21.227"]
    lever = next(lv for lv in unit_levers(unit).levers if lv.code == "PAYMENT_PROCEDURES")
    assert (lever.numerator, lever.numerator + lever.step, lever.denominator) == (19, 33, 41)
    assert lever.text("en").startswith("33 of 41 fee procedures with online payment (now 19) "
                                       "for the full 2 points")
    assert lever.text("vi").startswith("33/41 TTHC có phí có thanh toán trực tuyến (hiện 19)")
    before, after = score_unit(unit), score_unit(apply(unit, lever))
    assert payment_components(apply(unit, lever).payment)["PAYMENT_PROCEDURES"] == 2.0
    assert after.group("TTTT").computed == pytest.approx(_v(before.group("TTTT").computed)
                                                         + lever.gain)
    assert _v(payment_components(apply(unit, replace(lever, step=lever.step - 1)).payment)[
        "PAYMENT_PROCEDURES"]) < 2.0


def test_every_lever_of_every_unit_is_verified_by_rescoring(capture: Capture) -> None:
    pulled = 0
    for code, unit in capture.units.items():
        base = score_unit(unit)
        levers = unit_levers(unit).levers
        ratios = [lv.per_item for lv in levers]
        assert ratios == sorted(ratios, reverse=True), code
        for lever in levers:
            pulled += 1
            target = min(lever.max, round(lever.score + 1, 2))
            reached = _metric_after(capture, code, lever)
            assert reached >= target - 1e-9, (code, lever.code)
            assert reached == lever.goal
            rescored = score_unit(apply(unit, lever))
            assert _v(rescored.total) - _v(base.total) == pytest.approx(lever.gain, abs=1e-9)
            if lever.step > 1:  # the smallest change: one item less does not reach the goal
                less = replace(lever, step=lever.step - 1)
                assert _metric_after(capture, code, less) < target - 1e-9, (code, lever.code)
    assert pulled > 1000


def test_new_dossiers_move_the_on_time_denominator(capture: Capture) -> None:
    unit = capture.units["H21.227"]
    lever = next(lv for lv in unit_levers(unit).levers if lv.code == "ON_TIME")
    assert lever.kind == NEW_ON_TIME
    after = apply(unit, lever).metrics["ON_TIME"]
    before = unit.metrics["ON_TIME"]
    assert _v(after.denominator) - _v(before.denominator) \
        == _v(after.numerator) - _v(before.numerator) == lever.step


def test_levers_a_child_cannot_pull(capture: Capture) -> None:
    blocked = {b.code: b.reason for b in unit_levers(capture.units["H21.227"]).blocked}
    assert blocked["PUBLISH_ON_TIME"] == "province"
    assert blocked["CLGQ"] == "not_modelled"
    assert blocked["ELECTRONIC_CERTIFIED_COPY"] == "constant"
    pullable = {lv.code for lv in unit_levers(capture.units["H21.227"]).levers}
    assert not pullable & {"PUBLISH_ON_TIME", "PUBLIC_UPDATE_ON_TIME", "CLGQ"}
    # a unit with no dossiers (Thanh tra tỉnh) has nothing to act on there yet
    idle = {b.code: b.reason for b in unit_levers(capture.units["H21.20"]).blocked}
    assert idle["SO_HOA_GIAY_TO_GIAI_QUYET"] == idle["PAYMENT_DOSSIERS"] == "no_base"
    # the province's own publishing figures are the province's levers
    province = {lv.code for lv in unit_levers(capture.units["H21"]).levers}
    assert "PUBLISH_ON_TIME" in province


def test_a_file_without_some_payment_counts_lists_them_as_blocked() -> None:
    details = load_capture(AGENCIES)
    unit = next(iter(details.units.values()))
    blocked = {b.code: b.reason for b in unit_levers(unit).blocked}
    assert blocked["PAYMENT_FEE_PROCEDURES_USED"] == "no_counts"
    assert score_unit(unit).group("TTTT").basis == "published"


def test_children_that_move_the_province_most(capture: Capture) -> None:
    impacts = child_impacts(capture, "H21")
    assert impacts and all(c.gain > 0 for c in impacts)
    gains = [c.gain for c in impacts]
    assert gains == sorted(gains, reverse=True)
    top = impacts[0]
    # rescoring the province with the top child's shortfall added gives the gain
    province = copy.deepcopy(capture.units["H21"])
    for code, extra in top.shortfall.items():
        if code in province.metrics:
            province.metrics[code].numerator = (province.metrics[code].numerator or 0) + extra
        else:
            field = PAYMENT_BY_CODE[code].numerator
            province.payment[field] = (province.payment[field] or 0) + extra
    assert _v(score_unit(province).total) - _v(score_unit(capture.units["H21"]).total) \
        == pytest.approx(top.gain, abs=0.011)
    # the child with the most dossiers short of full points moves the province most
    short = {c.code: sum(c.shortfall.values()) for c in impacts}
    assert top.code == max(short, key=lambda k: short[k])
