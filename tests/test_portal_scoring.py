"""The 766 scoring rules checked against the portal's own answers, metric by metric."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cchc_tui.portal.counts import Capture, counts_from_answers, load_capture
from cchc_tui.portal.rules import (
    GROUPS,
    METRIC_BY_CODE,
    METRICS,
    PAYMENT,
    TOTAL_MAX,
)
from cchc_tui.portal.scoring import (
    capture_findings,
    metric_score,
    payment_component,
    score_capture,
    score_unit,
)
from cchc_tui.text import round_half_up

DATA = Path(__file__).parent / "data" / "portal"
RAW = DATA / "raw" / "2026" / "gia_lai" / "raw_GiaLai_detail_year_2026_10102026.json"
AGENCIES = DATA / "gia_lai" / "agencies_detail_GiaLai_10102026.json"
EXCERPT = DATA / "gia_lai" / "details_GiaLai_10102026.EXCERPT-first51.json"
METRIC_SECTIONS = ("TRANSPARENCY", "DIGITIZED", "HANDLING_SATISFACTION")


@pytest.fixture(scope="module")
def answers() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(RAW.read_text(encoding="utf-8"))
    return doc


@pytest.fixture(scope="module")
def raw_capture() -> Capture:
    return load_capture(RAW)


def _metric_objects(answers: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(unit name, metric object) for the province and every child of the three metric answers."""
    out = []
    for section in METRIC_SECTIONS:
        data = answers[section]["data"]
        for unit in [data["overview"], *data["evaluation"]]:
            out += [(unit["departmentName"], m) for m in unit["metrics"]]
    return out


def test_round_half_up_on_the_exact_double() -> None:
    assert round_half_up(0.625) == 0.63            # a true tie goes up (half-even gives 0.62)
    assert round_half_up(12.2 * 2 / 80) == 0.3     # 0.30499999… as a double: stays down
    assert round_half_up(100 * 58 / 64) == 90.63
    assert round_half_up(2.5, 0) == 3.0


@pytest.mark.parametrize("code", [m.code for m in METRICS
                                  if m.scored and m.target and m.code != "ON_TIME"])
def test_each_metric_rule_reproduces_every_published_score(answers: dict[str, Any],
                                                           code: str) -> None:
    rule = METRIC_BY_CODE[code]
    checked = 0
    for name, m in _metric_objects(answers):
        if m["code"] != code:
            continue
        checked += 1
        assert metric_score(rule, m["numerator"], m["denominator"]) == m["score"], (name, m)
        assert m["maxScore"] == rule.max
    assert checked == 150  # the province and its 149 children


def test_the_vietnamese_names_are_the_portals(answers: dict[str, Any]) -> None:
    for _, m in _metric_objects(answers):
        assert METRIC_BY_CODE[m["code"]].name_vi == m["name"]


def test_on_time_rule_reproduces_the_progress_tree(answers: dict[str, Any]) -> None:
    rule = METRIC_BY_CODE["ON_TIME"]
    tree = answers["PROGRESS"]["data"]
    for child in tree["children"]:
        assert metric_score(rule, child["totalOnTime"], child["totalReceived"]) == child["score"]
    parent = tree["parent"]
    assert metric_score(rule, parent["totalOnTime"], parent["totalReceived"]) \
        == parent["totalScore"]


def test_payment_rule_reproduces_every_payment_score(raw_capture: Capture,
                                                     answers: dict[str, Any]) -> None:
    scores = score_capture(raw_capture)
    published = {u["departmentCode"]: u["totalScore"]
                 for u in [answers["PAYMENT"]["data"]["parent"],
                           *answers["PAYMENT"]["data"]["children"]]}
    assert len(published) == 150
    for code, value in published.items():
        assert scores[code].group("TTTT").computed == value, code


def test_zero_over_zero_cases(raw_capture: Capture, answers: dict[str, Any]) -> None:
    # Thanh tra tỉnh (H21.20) has no dossiers at all.
    unit = score_unit(raw_capture.units["H21.20"])
    for code in ("DOSSIER_SYNC", "ORIGINAL_RESULT_AVAILABLE", "SO_HOA_GIAY_TO_GIAI_QUYET",
                 "REUSED_DIGITIZED_DATA", "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
                 "CITIZEN_DATA_CONNECTED_DOSSIER", "CITIZEN_DATA_CONNECTED_FORMALITY"):
        m = unit.metric(code)
        assert (m.numerator, m.denominator) == (0, 0)
        assert m.computed is None and m.published is None, code      # ratio null, no points
    assert unit.metric("DOSSIER_RECEIVING_SATISFACTION").computed == 0.0
    assert unit.metric("ON_TIME").computed == 0.0
    for code in ("PETITION_PROCESSING_ON_TIME", "PETITION_HANDLING_SATISFACTION"):
        assert unit.metric(code).computed == 6.0                     # no petitions: full points
    assert unit.metric("ELECTRONIC_CERTIFIED_COPY").computed == 2.0  # constant
    assert unit.metric("PAYMENT_DOSSIERS").computed == 0.0           # no fee-bearing dossiers
    assert unit.group("MDSH").computed == unit.group("MDSH").published == 2.0
    assert unit.total == unit.total_published


def test_rounding_ties_named_in_the_scoring_notes(raw_capture: Capture) -> None:
    reused = score_unit(raw_capture.units["H21.224"]).metric("REUSED_DIGITIZED_DATA")
    assert (reused.numerator, reused.denominator) == (228, 912)   # 25 % · 2 / 80 = 0.625
    assert reused.computed == reused.published == 0.63
    digitised = score_unit(raw_capture.units["H21.165"]).metric("SO_HOA_GIAY_TO_GIAI_QUYET")
    assert (digitised.numerator, digitised.denominator) == (112, 512)  # 21.875 %
    assert digitised.ratio == digitised.ratio_published == 21.88
    assert digitised.computed == digitised.published == 0.88
    used = PAYMENT[2]
    for code in ("H21.116", "H21.119"):  # 5/41 → 12.2 %, 2 · 12.2 / 80 = 0.30499999…
        pay = raw_capture.units[code].payment
        assert (pay[used.numerator], pay[used.denominator]) == (5, 41)
        assert payment_component(used, 5, 41) == 0.3
        assert score_unit(raw_capture.units[code]).group("TTTT").computed \
            == raw_capture.units[code].groups_published["TTTT"]


def test_groups_and_maxima() -> None:
    assert TOTAL_MAX == 100
    for group in GROUPS:
        if group.code == "TTTT":
            assert sum(c.weight for c in PAYMENT) == group.max
        else:
            assert sum(m.max for m in METRICS if m.group == group.code) == group.max


def test_every_group_score_from_its_own_answer(raw_capture: Capture) -> None:
    """Within one answer the figures agree: five groups of every unit reproduce exactly."""
    scores = score_capture(raw_capture)
    for score in scores.values():
        for group in score.groups:
            if group.code == "CLGQ":
                assert group.basis == "published"
            else:
                assert group.basis == "computed"
                assert group.computed == group.published, (score.code, group.code)


@pytest.mark.parametrize("path", [AGENCIES, EXCERPT])
def test_totals_of_a_consistent_capture(path: Path) -> None:
    capture = load_capture(path)
    scores = score_capture(capture)
    children = [s for s in scores.values() if s.level != "province"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    listed = doc.get("agenciesDetail") or doc.get("unitsDetail")
    assert len(children) == len(listed) > 0
    matching = [s for s in children if s.total is not None and s.total_published is not None
                and abs(s.total - s.total_published) <= 0.01 + 1e-9]
    assert len(matching) == len(children)
    assert capture_findings(capture, scores) == []
    for score in children:
        for code in ("CKMB", "TDGQ", "MDHL", "MDSH"):
            assert score.group(code).computed == score.group(code).published


def test_the_10_10_capture_is_reported_inconsistent_once(raw_capture: Capture,
                                                         answers: dict[str, Any]) -> None:
    received = {c["departmentCode"]: c["totalReceived"]
                for c in answers["PROGRESS"]["data"]["children"]}
    above = sum(1 for u in answers["DIGITIZED"]["data"]["evaluation"]
                for m in u["metrics"] if m["code"] == "SO_HOA_GIAY_TO_GIAI_QUYET"
                and m["denominator"] > received[u["departmentCode"]])
    assert above > 0
    findings = capture_findings(raw_capture, score_capture(raw_capture))
    kinds = [f.kind for f in findings]
    assert kinds == ["capture_inconsistent"]          # no false alarm per unit
    finding = findings[0]
    assert int(finding.figures["above_received_MDSH"]) >= above
    assert "9,60" in finding.message_vi and "9,58" in finding.message_vi
    assert "different moments" in finding.message_en


def test_a_consistent_capture_names_the_metric_and_total_that_differ() -> None:
    doc = json.loads(AGENCIES.read_text(encoding="utf-8"))
    changed = copy.deepcopy(doc)
    unit = changed["agenciesDetail"][3]
    unit["totalScore"] = round(unit["totalScore"] + 0.5, 2)
    digitised = next(m for m in unit["componentIndicators"]["MDSH_SoHoaHoSo"]["metrics"]
                     if m["code"] == "SO_HOA_GIAY_TO_GIAI_QUYET")
    digitised["score"] = round(digitised["score"] + 0.02, 2)
    capture = Capture("test", "details", "H21", counts_from_answers(changed))
    findings = capture_findings(capture, score_capture(capture))
    assert {(f.kind, f.unit, f.code) for f in findings} == {
        ("total_differs", unit["departmentCode"], None),
        ("metric_differs", unit["departmentCode"], "SO_HOA_GIAY_TO_GIAI_QUYET"),
    }
    # 0,01 is within tolerance
    digitised["score"] = round(digitised["score"] - 0.01, 2)
    capture = Capture("test", "details", "H21", counts_from_answers(changed))
    assert [f.kind for f in capture_findings(capture, score_capture(capture))] \
        == ["total_differs"]


def test_the_province_is_scored_on_its_own_counts(raw_capture: Capture) -> None:
    province = score_unit(raw_capture.units["H21"])
    assert province.level == "province"
    for group in province.groups:
        if group.basis == "computed":
            assert group.computed == group.published, group.code


def test_loader_reads_the_seven_answers(answers: dict[str, Any]) -> None:
    units = counts_from_answers(answers)
    assert len(units) == 150
    first = next(iter(units.values()))
    assert first.level == "province" and first.code == "H21"
    levels = {u.level for u in units.values()}
    assert levels == {"province", "agency", "commune"}
    van_canh = units["H21.227"]
    assert van_canh.metrics["ON_TIME"].denominator == \
        answers_child(answers, "H21.227")["totalReceived"]


def answers_child(answers: dict[str, Any], code: str) -> dict[str, Any]:
    return next(c for c in answers["PROGRESS"]["data"]["children"]
                if c["departmentCode"] == code)


def test_the_radar_alone_shows_an_inconsistent_capture(raw_capture: Capture) -> None:
    capture = copy.deepcopy(raw_capture)
    for unit in capture.units.values():  # received no longer below any dossier denominator
        received = unit.metrics["ON_TIME"]
        received.denominator = max([received.denominator or 0] + [
            m.denominator or 0 for m in unit.metrics.values() if m.section == "DIGITIZED"])
    findings = capture_findings(capture, score_capture(capture))
    inconsistent = [f for f in findings if f.kind == "capture_inconsistent"]
    assert len(inconsistent) == 1
    assert not any(k.startswith("above_received") for k in inconsistent[0].figures)
    assert "9.58 in the service-results radar" in inconsistent[0].message_en
    assert not any(f.kind == "total_differs" for f in findings)
    # once the radar agrees too, the totals are compared unit by unit again
    own = capture.units["H21"].groups_published["MDSH"]
    assert own is not None
    capture.units["H21"].radar_published["MDSH"] = own
    findings = capture_findings(capture, score_capture(capture))
    assert not any(f.kind == "capture_inconsistent" for f in findings)
    assert any(f.kind == "total_differs" for f in findings)
