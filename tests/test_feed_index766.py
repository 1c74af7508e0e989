"""The feed's optional `index_766` section: every 766 metric's counts carried from the portal's
answers through `import-766` into the snapshot, checked with their places, scored from there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.json_feed import decode_json
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.periods import parse_period
from cchc_tui.portal.rules import GROUPS, METRICS, PAYMENT
from tests.helpers import run_cli

DATA = Path(__file__).parent / "data" / "portal"
RAW_PATH = DATA / "raw" / "2026" / "gia_lai" / "raw_GiaLai_detail_year_2026_10102026.json"
RAW: dict[str, Any] = json.loads(RAW_PATH.read_text(encoding="utf-8"))
AGENCIES = DATA / "gia_lai" / "agencies_detail_GiaLai_10102026.json"
EXCERPT = DATA / "gia_lai" / "details_GiaLai_10102026.EXCERPT-first51.json"
PERIOD = parse_period("2026-01-01/2026-10-10")


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from cchc_tui.cli import main

    out = tmp_path_factory.mktemp("feed") / "gl.json"
    assert main(["import-766", str(RAW_PATH), "-o", str(out)]) == 0
    return out


def snapshot_of(doc: dict[str, Any]) -> Any:
    return build_snapshot([decode_json(msgspec.json.encode(doc), "feed.json")])


def test_the_feed_carries_every_metric_of_the_seven_answers(feed: Path) -> None:
    snap = build_snapshot([decode_json(feed.read_bytes(), str(feed))])
    assert len(snap.index_766) == 150
    canh = snap.index_766["H21.227"][PERIOD]
    published = next(u for u in RAW["SERVICE_RESULTS"]["data"]["evaluation"]
                     if u["departmentCode"] == "H21.227")
    assert canh.total == published["totalScore"]
    assert set(canh.groups) == {g.code for g in GROUPS}
    codes = {m.code for m in canh.metrics}
    assert {m.code for m in METRICS} <= codes          # ON_TIME and CLGQ included
    assert {c.code for c in PAYMENT} <= codes          # the three payment components
    # each metric object of the three metric answers, unchanged
    for key in ("TRANSPARENCY", "DIGITIZED", "HANDLING_SATISFACTION"):
        item = next(u for u in RAW[key]["data"]["evaluation"]
                    if u["departmentId"] == published["departmentId"])
        for raw in item["metrics"]:
            m = canh.metric(raw["code"])
            assert m is not None
            assert (m.name, m.numerator, m.denominator, m.ratio, m.score, m.max_score) == (
                raw["name"], raw["numerator"], raw["denominator"], raw["ratio"], raw["score"],
                raw["maxScore"])
    pay = next(c for c in RAW["PAYMENT"]["data"]["children"] if c["departmentCode"] == "H21.227")
    for comp in PAYMENT:
        m = canh.metric(comp.code)
        assert m is not None
        assert (m.numerator, m.denominator) == (pay[comp.numerator], pay[comp.denominator])
    progress = next(c for c in RAW["PROGRESS"]["data"]["children"]
                    if c["departmentCode"] == "H21.227")
    on_time = canh.metric("ON_TIME")
    assert on_time is not None
    assert (on_time.numerator, on_time.denominator, on_time.score) == (
        progress["totalOnTime"], progress["totalReceived"], progress["score"])
    assert snap.index_766["H21"][PERIOD].radar["ONLINE_SERVICE"] == next(
        r["score"] for r in RAW["SERVICE_RESULTS"]["data"]["radar"]
        if r["code"] == "ONLINE_SERVICE")


@pytest.mark.parametrize("source", [RAW_PATH, AGENCIES, EXCERPT], ids=["raw", "agencies",
                                                                        "excerpt"])
def test_scoring_the_imported_feed_equals_scoring_the_answers(
        source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "feed.json"
    assert run_cli(["import-766", str(source), "-o", str(out)], capsys)[0] == 0
    code, direct, err = run_cli(["score-766", "--source", str(source), "--format", "json"],
                                capsys)
    assert code == 0, err
    code, via_feed, err = run_cli(["score-766", "--source", str(out), "--format", "json"],
                                  capsys)
    assert code == 0, err
    a, b = json.loads(direct), json.loads(via_feed)
    assert [{**u, "source": ""} for u in a["units"]] == [{**u, "source": ""} for u in b["units"]]
    assert [{**f, "file": ""} for f in a["findings"]] == [{**f, "file": ""} for f in b["findings"]]
    assert b["captures"][0]["kind"] == "feed"
    scored = [m for u in b["units"] for m in u["metrics"] if m["basis"] == "computed"
              and m["published"] is not None]
    assert scored and all(m["computed"] == m["published"] for m in scored)


def test_a_feed_without_the_section_is_read_unchanged() -> None:
    doc = {"format": "cchc-kpi-feed", "version": 1,
           "units": [{"code": "X", "name": "Xã X", "level": "commune"}],
           "observations": [{"unit": "X", "period": "2024", "measure": "dossiers_received",
                             "value": 3}]}
    snap = snapshot_of(doc)
    assert snap.index_766 == {} and not snap.warnings


def _doc(*records: dict[str, Any]) -> dict[str, Any]:
    return {"format": "cchc-kpi-feed", "version": 1,
            "units": [{"code": "H21", "name": "Tỉnh Gia Lai", "level": "province"}],
            "index_766": list(records)}


GOOD: dict[str, Any] = {"unit": "H21", "period": "2026-01-01/2026-10-10", "total": 70.5,
                        "groups": {"MDSH": 9.6},
                        "metrics": [{"code": "SO_HOA_GIAY_TO_GIAI_QUYET", "group": "MDSH",
                                     "numerator": 10, "denominator": 40, "ratio": 25,
                                     "score": 1, "max_score": 4}]}


@pytest.mark.parametrize(("change", "place", "words"), [
    ({"unit": "H99"}, "$.index_766[0].unit", "unknown unit 'H99'"),
    ({"groups": {"MDSH": 30}}, "$.index_766[0].groups.MDSH", "from 0 to 22"),
    ({"groups": {"ONLINE": 3}}, "$.index_766[0].groups.ONLINE", "unknown group 'ONLINE'"),
    ({"metrics": [{**GOOD["metrics"][0], "numerator": 2.5}]},
     "$.index_766[0].metrics[0].numerator", "whole count"),
    ({"metrics": [{**GOOD["metrics"][0], "score": 5}]}, "$.index_766[0].metrics[0].score",
     "exceeds max_score 4"),
    ({"metrics": [GOOD["metrics"][0], GOOD["metrics"][0]]}, "$.index_766[1].metrics[1].code",
     "twice in one record"),
])
def test_bad_records_are_named_by_their_place(change: dict[str, Any], place: str,
                                              words: str) -> None:
    index = 1 if "twice" in words else 0
    records = [GOOD] * index + [{**GOOD, **change}]
    if index:  # the same record twice is one; a record of its own with a repeated metric
        records = [GOOD, {**GOOD, "period": "2026-01-01/2026-10-09", **change}]
    with pytest.raises(FeedError) as caught:
        snapshot_of(_doc(*records))
    assert any(i.where == place and words in i.message for i in caught.value.issues), \
        [str(i) for i in caught.value.issues]


def test_duplicates_conflicting_or_not() -> None:
    snap = snapshot_of(_doc(GOOD, dict(GOOD)))
    assert snap.index_766["H21"][PERIOD].total == 70.5
    with pytest.raises(FeedError) as caught:
        snapshot_of(_doc(GOOD, {**GOOD, "total": 71}))
    assert "conflicting duplicate" in str(caught.value) and "$.index_766[0]" in str(caught.value)


def test_unknown_metrics_are_kept_with_a_warning_and_names_are_data() -> None:
    odd = {"code": "NEW_METRIC", "group": "MDSH", "name": "Mới \x1b[31m", "numerator": 1,
           "denominator": 2}
    snap = snapshot_of(_doc({**GOOD, "metrics": [*GOOD["metrics"], odd]}))
    kept = snap.index_766["H21"][PERIOD].metric("NEW_METRIC")
    assert kept is not None and "\x1b" not in kept.name and "\\x1b" in kept.name
    assert any("NEW_METRIC" in w.message and "not scored" in w.message for w in snap.warnings)


def test_validate_names_the_place_of_a_bad_record(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_doc({**GOOD, "metrics": [{"code": "X", "group": "ZZ"}]})),
                    encoding="utf-8")
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert code == 1
    assert "$.index_766[0].metrics[0].group" in out + err


def test_the_figures_survive_the_encoder_a_relay_publishes() -> None:
    from cchc_tui.feed.encode import encode_snapshot

    snapshot = build_snapshot([decode_json(RAW_PATH.read_bytes(), str(RAW_PATH))])
    again = build_snapshot([decode_json(encode_snapshot(snapshot), "again.json")])
    assert again.index_766.keys() == snapshot.index_766.keys()
    for unit, by_period in snapshot.index_766.items():
        for period, figures in by_period.items():
            assert again.index_766[unit][period].metrics == figures.metrics
            assert again.index_766[unit][period].groups == figures.groups
            assert again.index_766[unit][period].radar == figures.radar


def test_the_agreement_counts_every_metric_score_of_the_capture(
        feed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every metric score the portal publishes with its counts is reproduced; on the 10/10
    capture, whose answers disagree, the totals are not (the one finding says why)."""
    computable = {m.code for m in METRICS if m.scored and m.target is not None}
    expected = sum(1 for key in ("TRANSPARENCY", "DIGITIZED", "HANDLING_SATISFACTION")
                   for u in [RAW[key]["data"]["overview"], *RAW[key]["data"]["evaluation"]]
                   for m in u["metrics"] if m["code"] in computable and m["score"] is not None)
    tree = RAW["PROGRESS"]["data"]
    expected += sum(1 for u in [tree["parent"], *tree["children"]]
                    if (u.get("score") if "score" in u else u.get("totalScore")) is not None)
    code, out, err = run_cli(["score-766", "--source", str(feed), "--format", "json"], capsys)
    assert code == 0, err
    doc = json.loads(out)
    check = doc["captures"][0]["agreement"]
    assert check["metrics"] == {"matching": expected, "of": expected}
    assert check["groups"]["matching"] == check["groups"]["of"] > 0
    children = len(RAW["SERVICE_RESULTS"]["data"]["evaluation"])
    assert check["totals"]["of"] == children and check["totals"]["matching"] < children
    assert [f["kind"] for f in doc["findings"]] == ["capture_inconsistent"]
    code, out, _ = run_cli(["score-766", "--source", str(feed)], capsys)
    shown = f"{expected // 1000}.{expected % 1000:03d}" if expected >= 1000 else str(expected)
    assert f"{shown}/{shown} điểm chỉ tiêu" in out
    agencies = tmp_path / "agencies.json"
    assert run_cli(["import-766", str(AGENCIES), "-o", str(agencies)], capsys)[0] == 0
    code, out, _ = run_cli(["score-766", "--source", str(agencies), "--format", "json"], capsys)
    listed = len(json.loads(AGENCIES.read_text(encoding="utf-8"))["agenciesDetail"])
    assert json.loads(out)["captures"][0]["agreement"]["totals"] == {"matching": listed,
                                                                    "of": listed}


def test_a_feed_of_two_days_gives_one_capture_a_day(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    earlier = tmp_path / "raw_GiaLai_detail_year_2026_09102026.json"
    earlier.write_bytes(RAW_PATH.read_bytes())
    out = tmp_path / "two.json"
    assert run_cli(["import-766", str(RAW_PATH), str(earlier), "-o", str(out)], capsys)[0] == 0
    code, text, err = run_cli(["score-766", "--source", str(out), "--format", "json"], capsys)
    assert code == 0, err
    captures = json.loads(text)["captures"]
    assert [c["period"] for c in captures] == ["2026-01-01/2026-10-09", "2026-01-01/2026-10-10"]
    assert all(c["units"] == 150 and c["agreement"]["metrics"]["matching"]
               == c["agreement"]["metrics"]["of"] for c in captures)
