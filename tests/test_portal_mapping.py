"""The portal's saved answers → typed records → feed v1, checked against the raw numbers."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_tui.feed.raw import FeedError
from cchc_tui.model.catalogue import MEASURES
from cchc_tui.portal.answers import merge_pages, read_capture
from cchc_tui.portal.convert import capture_of, portal_feed
from cchc_tui.portal.crawler import day_in_name, read_details, time_in_name
from cchc_tui.portal.mapping import PeriodUnknown, period_of, to_feed
from cchc_tui.portal.records import ENDPOINTS

DATA = Path(__file__).parent / "data" / "portal"
RAW_PATH = DATA / "raw" / "2026" / "gia_lai" / "raw_GiaLai_detail_year_2026_10102026.json"
NATIONAL_PATH = DATA / "discovery" / "api-20260917-104019" / "response.json"
DETAILS_PATH = DATA / "gia_lai" / "details_GiaLai_10102026.EXCERPT-first51.json"
RAW: dict[str, Any] = json.loads(RAW_PATH.read_text(encoding="utf-8"))
PERIOD = "2026-01-01/2026-10-10"


def half_up(n: float, d: float) -> float:
    return float(Decimal(100 * n / d).quantize(Decimal("0.01"), ROUND_HALF_UP))


def raw_items(code: str) -> dict[str, dict[str, Any]]:
    """The unit's item in each of the seven raw answers, found the way a person would."""
    sr = next(e for e in RAW["SERVICE_RESULTS"]["data"]["evaluation"]
              if e["departmentCode"] == code)
    out = {"SERVICE_RESULTS": sr}
    for key in ENDPOINTS:
        data = RAW[key]["data"]
        for item in data.get("evaluation") or data.get("children") or []:
            if item["departmentId"] == sr["departmentId"]:
                out[key] = item
    return out


def expected_records(code: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Counts and published values a child should get, straight from the raw answers."""
    it = raw_items(code)
    prog, pay = it["PROGRESS"], it["PAYMENT"]
    metrics = {m["code"]: m for m in it["DIGITIZED"]["metrics"]}
    sat = {m["code"]: m for m in it["HANDLING_SATISFACTION"]["metrics"]}
    counts = {"dossiers_received": prog["totalReceived"],
              "dossiers_resolved_within_deadline": prog["totalOnTime"],
              "dossiers_paid_online": pay["totalDossierOnlinePaymentSuccess"],
              "dossiers_fee_bearing": pay["totalDossierFinancialObligation"],
              "dossiers_digitized": metrics["SO_HOA_GIAY_TO_GIAI_QUYET"]["numerator"],
              "dossiers_e_result": metrics["ORIGINAL_RESULT_AVAILABLE"]["numerator"]}
    ratios = {"on_time_rate": (prog["totalOnTime"], prog["totalReceived"]),
              "online_payment_rate": (pay["totalDossierOnlinePaymentSuccess"],
                                      pay["totalDossierFinancialObligation"]),
              "digitization_rate": (metrics["SO_HOA_GIAY_TO_GIAI_QUYET"]["numerator"],
                                    metrics["SO_HOA_GIAY_TO_GIAI_QUYET"]["denominator"]),
              "e_result_rate": (metrics["ORIGINAL_RESULT_AVAILABLE"]["numerator"],
                                metrics["ORIGINAL_RESULT_AVAILABLE"]["denominator"]),
              "satisfaction_rate": (sat["DOSSIER_RECEIVING_SATISFACTION"]["numerator"],
                                    sat["DOSSIER_RECEIVING_SATISFACTION"]["denominator"])}
    reported = {kpi: {"value": half_up(n, d) if d else 0.0, "numerator": n, "denominator": d}
                for kpi, (n, d) in ratios.items() if d is not None}
    scores = {"index_766_ckmb": it["TRANSPARENCY"], "index_766_mdsh": it["DIGITIZED"],
              "index_766_mdhl": it["HANDLING_SATISFACTION"], "index_766_clgq": it["ONLINE"],
              "index_766_tttt": it["PAYMENT"]}
    for kpi, item in scores.items():
        reported[kpi] = {"value": half_up(item["totalScore"], item["totalMaxScore"]),
                         "score": item["totalScore"], "max_score": item["totalMaxScore"]}
    reported["index_766_tdgq"] = {"value": half_up(prog["score"], prog["maxScore"]),
                                  "score": prog["score"], "max_score": prog["maxScore"]}
    reported["index_766_total"] = {"value": it["SERVICE_RESULTS"]["totalScore"],
                                   "score": it["SERVICE_RESULTS"]["totalScore"],
                                   "max_score": 100}
    return counts, reported


@pytest.fixture(scope="module")
def feed() -> dict[str, Any]:
    return to_feed([(capture_of(copy.deepcopy(RAW), str(RAW_PATH)), None)])


def unit_records(feed: dict[str, Any], code: str) -> tuple[dict[str, Any], dict[str, Any]]:
    counts = {o["measure"]: o["value"] for o in feed["observations"]
              if o["unit"] == code and o["period"] == PERIOD}
    reported = {r["kpi"]: {k: v for k, v in r.items()
                           if k not in ("unit", "period", "kpi", "note", "change")}
                for r in feed["reported"] if r["unit"] == code and r["period"] == PERIOD}
    return counts, reported


@pytest.mark.parametrize("code", ["H21.06", "H21.227"])  # an agency with petitions, a commune
def test_a_child_gets_every_raw_number(feed: dict[str, Any], code: str) -> None:
    counts, reported = unit_records(feed, code)
    want_counts, want_reported = expected_records(code)
    assert counts == want_counts
    assert reported == want_reported
    unit = next(u for u in feed["units"] if u["code"] == code)
    assert unit["external_id"] == raw_items(code)["SERVICE_RESULTS"]["departmentId"]
    assert unit["parent"] == "H21"
    assert unit["level"] == ("agency" if code == "H21.06" else "commune")


def test_the_figures_of_the_issue_come_out_of_the_mapping(feed: dict[str, Any]) -> None:
    _, canh = unit_records(feed, "H21.227")
    assert (canh["digitization_rate"]["value"], canh["digitization_rate"]["numerator"],
            canh["digitization_rate"]["denominator"]) == (58.06, 1520, 2618)
    assert canh["online_payment_rate"]["value"] == 92.59
    assert canh["on_time_rate"]["value"] == 97.19
    assert canh["index_766_total"]["value"] == 75.25
    _, province = unit_records(feed, "H21")
    assert province["on_time_rate"]["value"] == 85.89
    assert province["digitization_rate"] == {"value": 22.56, "numerator": 93979,
                                             "denominator": 416601}
    assert province["online_payment_rate"]["value"] == 90.62
    assert province["index_766_total"]["value"] == 66.14


def test_the_root_gets_its_channels_procedures_and_the_differing_bases(
        feed: dict[str, Any]) -> None:
    counts, reported = unit_records(feed, "H21")
    online = RAW["ONLINE"]["data"]["parent"]
    progress = RAW["PROGRESS"]["data"]["parent"]
    assert counts["dossiers_received_online"] == online["channelOnlineSum"]
    assert counts["dossiers_received_direct"] == online["channelDirectSum"]
    assert counts["procedures_total"] == online["authorityCount"]
    assert counts["dossiers_resolved"] == progress["totalCompleted"]
    assert reported["online_dossier_rate"]["denominator"] == online["channelTotalSum"]
    digitized = next(m for m in RAW["DIGITIZED"]["data"]["overview"]["metrics"]
                     if m["code"] == "SO_HOA_GIAY_TO_GIAI_QUYET")
    note = next(r["note"] for r in feed["reported"]
                if r["unit"] == "H21" and r["kpi"] == "digitization_rate")
    bases = [progress["totalReceived"], digitized["denominator"], online["channelTotalSum"]]
    assert " / ".join(f"{b:,}".replace(",", ".") for b in bases) in note  # 413.480 / 416.601 …
    noted = [r["kpi"] for r in feed["reported"] if r["unit"] == "H21" and r["period"] == PERIOD
             and "tổng hồ sơ khác nhau" in r.get("note", "")]
    assert noted == ["digitization_rate"]  # said once


def test_a_unit_without_dossiers_keeps_its_0_over_0(feed: dict[str, Any]) -> None:
    item = raw_items("H21.20")["PROGRESS"]
    assert item["totalReceived"] == 0 and item["ratio"] == 0  # the portal prints 0
    _, reported = unit_records(feed, "H21.20")
    assert (reported["on_time_rate"]["numerator"], reported["on_time_rate"]["denominator"]) \
        == (0, 0)  # the basis says 0/0: shown as no value, whatever "value" says
    assert reported["index_766_total"]["value"] == raw_items("H21.20")["SERVICE_RESULTS"][
        "totalScore"]


def test_every_unit_is_keyed_by_code_with_its_level(feed: dict[str, Any]) -> None:
    children = RAW["SERVICE_RESULTS"]["data"]["evaluation"]
    units = {u["code"]: u for u in feed["units"]}
    assert len(units) == len(children) + 1
    for child in children:
        level = {"AGENCY": "agency", "COMMUNE": "commune"}[child["childGroup"]]
        assert units[child["departmentCode"]]["level"] == level
    assert units["H21"]["level"] == "province" and units["H21"]["parent"] is None


def test_what_the_portal_does_not_give_is_declared(feed: dict[str, Any]) -> None:
    unpublished = set(feed["unpublished_measures"])
    assert {"staff_with_email", "schools_cashless", "email_accounts_issued"} <= unpublished
    given = {o["measure"] for o in feed["observations"]}
    assert not given & unpublished
    assert unpublished <= set(MEASURES)


def test_monthly_charts_run_to_the_capture_day(feed: dict[str, Any]) -> None:
    chart = {r["period"]: r["value"] for r in feed["reported"]
             if r["unit"] == "H21" and r["kpi"] == "index_766_total" and r["period"] != PERIOD}
    raw = {int(p["month"]): p["averageScore"]
           for p in RAW["SERVICE_RESULTS"]["data"]["monthlyChart"]}
    assert chart["2026-09"] == raw[9]
    assert chart["2026-10-01/2026-10-10"] == raw[10]  # October so far
    assert "2026-11" not in chart and len(chart) == 10


def test_every_metric_object_is_kept_with_its_quality_status() -> None:
    cap = read_capture(copy.deepcopy(RAW), str(RAW_PATH))
    canh = next(u for u in cap.children if u.code == "H21.227")
    raw = raw_items("H21.227")
    for key, group in (("TRANSPARENCY", "CKMB"), ("DIGITIZED", "MDSH"),
                       ("HANDLING_SATISFACTION", "MDHL")):
        got = canh.groups[group].metrics
        assert [m.code for m in got] == [m["code"] for m in raw[key]["metrics"]]
        for metric, source in zip(got, raw[key]["metrics"], strict=True):
            assert (metric.numerator, metric.denominator, metric.ratio, metric.score,
                    metric.max_score, metric.data_quality_status) == (
                source["numerator"], source["denominator"], source["ratio"], source["score"],
                source["maxScore"], source.get("dataQualityStatus"))
    sync = canh.groups["CKMB"].metric("DOSSIER_SYNC")
    assert sync is not None and sync.data_quality_status == "TEMP_NATIONAL_REPORT_DENOMINATOR"


def test_a_missing_endpoint_leaves_its_figures_out_with_a_warning() -> None:
    doc = copy.deepcopy(RAW)
    del doc["PAYMENT"]
    cap = read_capture(doc, "x.json")
    assert any("PAYMENT" in w.message for w in cap.warnings)
    feed = to_feed([(cap, date(2026, 10, 10))])
    kpis = {r["kpi"] for r in feed["reported"] if r["unit"] == "H21.227"}
    assert "online_payment_rate" not in kpis and "index_766_tttt" not in kpis
    assert "on_time_rate" in kpis


@pytest.mark.parametrize(("change", "where", "words"), [
    (lambda d: d["PROGRESS"]["data"]["children"][3].update(totalReceived="12"),
     "$.PROGRESS.data.children[3].totalReceived", "expected a number or null"),
    (lambda d: d["DIGITIZED"].update(code="ERROR", message="quá tải"),
     "$.DIGITIZED", "did not answer OK"),
    (lambda d: d["TRANSPARENCY"]["data"].update(evaluation={"a": 1}),
     "$.TRANSPARENCY.data.evaluation", "expected an array"),
    (lambda d: [d["PAYMENT"]["data"]["children"][0].pop(k)
                for k in ("departmentId", "departmentCode")],
     "$.PAYMENT.data.children[0]", "without \"departmentId\""),
])
def test_malformed_answers_are_located(change: Any, where: str, words: str) -> None:
    doc = copy.deepcopy(RAW)
    change(doc)
    with pytest.raises(FeedError) as info:
        read_capture(doc, "gl.json")
    issue = info.value.issues[0]
    assert (issue.origin, issue.where) == ("gl.json", where)
    assert words in issue.message


def test_something_else_is_named_as_such() -> None:
    with pytest.raises(FeedError, match="not a portal answer"):
        read_capture({"hello": 1}, "x.json")
    assert portal_feed({"hello": 1}, "x.json") is None


def test_pages_join_and_a_lone_page_is_flagged() -> None:
    data = RAW["TRANSPARENCY"]["data"]
    items = data["evaluation"]
    pages = [{"code": "OK", "message": "OK",
              "data": {**data, "evaluation": items[i:i + 50]}} for i in range(0, len(items), 50)]
    assert merge_pages(pages)["data"]["evaluation"] == items
    cap = read_capture({"TRANSPARENCY": pages[0]}, "p.json")
    assert any(f"50 of {len(items)} units" in w.message for w in cap.warnings)
    saved = read_capture({"TRANSPARENCY": pages}, "pages.json")  # pages saved as a list
    assert len(saved.children) == len(items)
    assert not any("units in this answer" in w.message for w in saved.warnings)


def test_the_national_answer_gives_provinces_under_the_nation() -> None:
    doc = json.loads(NATIONAL_PATH.read_text(encoding="utf-8"))
    cap = capture_of(doc, str(NATIONAL_PATH))
    assert cap.nation and cap.as_of == date(2026, 9, 17)  # from the folder's name
    assert cap.warnings == []  # one answer on its own: the other six are not "missing"
    feed = to_feed([(cap, None)])
    units = {u["code"]: u for u in feed["units"]}
    assert units["VN"]["level"] == "nation"
    provinces = [u for u in units.values() if u["level"] == "province"]
    assert len(provinces) == len(doc["data"]["evaluation"])
    h20 = next(e for e in doc["data"]["evaluation"] if e["departmentCode"] == "H20")
    got = {r["kpi"]: r for r in feed["reported"] if r["unit"] == "H20"}
    assert got["index_766_total"]["change"] == h20["scoreDelta"]
    assert got["index_766_tttt"]["score"] == h20["groupScores"]["TTTT"]
    assert got["index_766_clgq"]["value"] == half_up(h20["groupScores"]["CLGQ"], 12)


def test_the_crawler_details_file_reads_into_the_same_records() -> None:
    doc = json.loads(DETAILS_PATH.read_text(encoding="utf-8"))
    cap = read_details(doc, str(DETAILS_PATH))
    assert cap.as_of == date(2026, 10, 10) and cap.root.code == "H21"
    assert any("51 of 149" in w.message for w in cap.warnings)
    feed = to_feed([(cap, None)])
    first = doc["unitsDetail"][0]
    tdgq = first["componentIndicators"]["TDGQ_TienDoGiaiQuyet"]
    counts, reported = unit_records(feed, first["departmentCode"])
    assert counts["dossiers_received"] == tdgq["totalReceived"]
    assert reported["on_time_rate"]["value"] == half_up(tdgq["totalOnTime"],
                                                        tdgq["totalReceived"])
    assert reported["index_766_total"]["value"] == first["totalScore"]


def test_capture_days_and_periods() -> None:
    assert day_in_name("raw_GiaLai_detail_year_2026_10102026.json") == date(2026, 10, 10)
    assert day_in_name("api-20260917-104019") == date(2026, 9, 17)
    assert day_in_name("response.json") is None
    assert time_in_name("raw_GiaLai_detail_year_2026_10102026.json") == ("year", 2026, None)
    assert period_of("year", 2026, None, date(2026, 10, 10))[0] == "2026-01-01/2026-10-10"
    assert period_of("quarter", 2026, None, date(2026, 10, 10))[0] == "2026-10-01/2026-10-10"
    assert period_of("month", 2026, 9, date(2026, 10, 10))[0] == "2026-09"
    assert period_of("year", 2025, None, date(2026, 1, 3))[0] == "2025"
    with pytest.raises(PeriodUnknown):
        period_of("year", 2027, None, date(2026, 1, 3))


def test_without_any_day_the_user_is_told_to_name_one() -> None:
    cap = read_capture(copy.deepcopy(RAW), "answers.json")
    with pytest.raises(PeriodUnknown, match="--as-of"):
        to_feed([(cap, None)])
    assert to_feed([(cap, date(2026, 10, 5))])["observations"][0]["period"] == \
        "2026-01-01/2026-10-05"


def test_unpublished_measures_survive_decoding_and_the_encoder() -> None:
    from cchc_tui.feed.build import build_snapshot
    from cchc_tui.feed.encode import encode_snapshot
    from cchc_tui.feed.json_feed import decode_json

    snapshot = build_snapshot([decode_json(RAW_PATH.read_bytes(), str(RAW_PATH))])
    unpublished = snapshot.sources[0].unpublished
    assert "staff_with_email" in unpublished and "dossiers_received" not in unpublished
    again = build_snapshot([decode_json(encode_snapshot(snapshot), "again.json")])
    assert again.sources[0].unpublished == unpublished


def test_a_wrong_unpublished_list_is_located() -> None:
    from cchc_tui.feed.json_feed import decode_json

    doc = {"format": "cchc-kpi-feed", "version": 1, "units": [],
           "unpublished_measures": "email"}
    with pytest.raises(FeedError, match="expected an array of measure names"):
        decode_json(json.dumps(doc).encode(), "f.json")
    doc["unpublished_measures"] = ["staff_with_emial"]
    raw = decode_json(json.dumps(doc).encode(), "f.json")
    assert "did you mean 'staff_with_email'" in raw.warnings[0].message


def test_a_group_that_the_radar_scores_otherwise_carries_a_note(feed: dict[str, Any]) -> None:
    radar = {g["code"]: g["score"] for g in RAW["SERVICE_RESULTS"]["data"]["radar"]}
    own = RAW["DIGITIZED"]["data"]["overview"]["totalScore"]
    assert radar["MDSH"] != own  # 9,58 in the radar, 9,6 in its own endpoint
    mdsh = next(r for r in feed["reported"] if r["unit"] == "H21"
                and r["kpi"] == "index_766_mdsh" and r["period"] == PERIOD)
    assert mdsh["score"] == own and "9,58" in mdsh["note"]
    ckmb = next(r for r in feed["reported"] if r["unit"] == "H21"
                and r["kpi"] == "index_766_ckmb" and r["period"] == PERIOD)
    assert radar["CKMB"] == RAW["TRANSPARENCY"]["data"]["overview"]["totalScore"]
    assert "note" not in ckmb


def test_a_unit_known_only_by_id_is_left_out_with_a_warning() -> None:
    doc = copy.deepcopy(RAW)
    stray = copy.deepcopy(doc["TRANSPARENCY"]["data"]["evaluation"][0])
    stray.update(departmentId="019d0000-0000-0000-0000-000000000000", departmentName="Sở Lạ")
    doc["TRANSPARENCY"]["data"]["evaluation"].append(stray)  # transparency carries no code
    cap = read_capture(doc, "x.json")
    feed = to_feed([(cap, date(2026, 10, 10))])
    assert len(feed["units"]) == 150
    assert any("Sở Lạ: no departmentCode" in w.message for w in cap.warnings)
