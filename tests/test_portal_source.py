"""The dvcqg source against `serve-portal` on 127.0.0.1: figures, gentleness, every fault."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from cchc_tui.config import Config, ConfigError, SourceConfig, load_config
from cchc_tui.kpi.engine import Engine
from cchc_tui.portal.server import API_PREFIX, PAGE_PATH, PortalServer, base_url, make_server
from cchc_tui.portal.source import PortalSource
from cchc_tui.resources import default_config_dir
from cchc_tui.sources.base import SourceFailure, open_source
from cchc_tui.sources.cache import FeedCache

DATA = Path(__file__).parent / "data" / "portal"
RAW = json.loads((DATA / "raw" / "2026" / "gia_lai" /
                  "raw_GiaLai_detail_year_2026_10102026.json").read_text(encoding="utf-8"))


@pytest.fixture
def server() -> Iterator[PortalServer]:
    srv = make_server(DATA)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


class Waits:
    """Records the waits the source asks for instead of sleeping through them."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def source(srv: PortalServer, waits: Waits | None = None, **keys: Any) -> PortalSource:
    settings: dict[str, Any] = {"portal_scope": "H21", "portal_min_gap": 1.0, "cache": False,
                                "retries": 1, "timeout": 2.0, **keys}
    config = SourceConfig(kind="dvcqg", location=base_url(srv), **settings)
    return PortalSource(config, sleep=waits or Waits(), rng=random.Random(7))


def fault(srv: PortalServer, mode: str) -> None:
    assert httpx.get(f"{base_url(srv)}/_fault?mode={mode}").status_code == 200


def log(srv: PortalServer) -> list[dict[str, Any]]:
    return list(srv.log)


def test_a_read_gives_the_units_and_the_portal_s_own_ratios(server: PortalServer) -> None:
    result = source(server).read()
    snap = result.snapshot
    assert snap is not None and result.saved_age is None
    assert len(snap.children_of("H21")) == len(RAW["SERVICE_RESULTS"]["data"]["evaluation"])
    engine = Engine(snap)
    period = next(p for p in snap.periods if p.granularity == "days" and p.months > 1)
    assert str(period) == "2026-01-01/2026-10-10"  # the answer's day (Last-Modified)
    canh = {k: engine.value("H21.227", k, period) for k in
            ("digitization_rate", "online_payment_rate", "on_time_rate", "index_766_total")}
    assert canh == {"digitization_rate": 58.06, "online_payment_rate": 92.59,
                    "on_time_rate": 97.19, "index_766_total": 75.25}
    assert snap.units["H21"].external_id == RAW["PROGRESS"]["data"]["parent"]["departmentId"]


def test_the_page_first_then_every_call_with_its_cookie_and_gzip(server: PortalServer) -> None:
    source(server).read()
    seen = log(server)
    assert (seen[0]["method"], seen[0]["path"]) == ("GET", PAGE_PATH)
    posts = seen[1:]
    assert posts and all(e["method"] == "POST" and e["cookie"] and e["gzip"] for e in posts)
    assert {e["path"].removeprefix(API_PREFIX) for e in posts} >= {
        "service-results", "transparency", "dossier-digitized", "dvc-progress-tree",
        "provide-online-tree", "formality-online-payment-tree", "handling-satisfaction"}


def test_calls_keep_their_distance(server: PortalServer) -> None:
    waits = Waits()
    src = source(server, waits, portal_min_gap=30.0)
    src.read()
    assert src.http.calls == len(log(server))
    assert len(waits.seconds) == src.http.calls - 1  # a wait before every call but the first
    assert all(w > 25.0 for w in waits.seconds)


def test_every_page_is_read(server: PortalServer) -> None:
    snap = source(server, portal_page_size=50).read().snapshot
    assert snap is not None and len(snap.children_of("H21")) == 149
    pages = [e["body"]["currentPage"] for e in log(server)
             if e["path"].endswith("dossier-digitized")]
    assert pages == [1, 2, 3]
    engine = Engine(snap)
    period = next(p for p in snap.periods if p.months > 1)
    assert engine.value("H21.227", "digitization_rate", period) == 58.06  # page 3's unit


def test_a_cap_on_calls_per_poll(server: PortalServer) -> None:
    with pytest.raises(SourceFailure, match="stopped after 4 calls in one poll"):
        source(server, portal_max_calls=4).read()
    assert len(log(server)) == 4


@pytest.mark.parametrize(("mode", "words", "state"), [
    ("403", "HTTP 403: the server refused the request", "error"),
    ("429", "HTTP 429: the server asks to be called less often", "error"),
    ("500", "HTTP 500", "error"),
    ("hang", "timed out after 2 s", "offline"),
    ("malformed", "JSON cut off", "error"),
])
def test_each_fault_is_a_plain_failure_and_the_next_poll_recovers(
        server: PortalServer, mode: str, words: str, state: str) -> None:
    waits = Waits()
    src = source(server, waits)
    first = src.read().snapshot
    assert first is not None
    fault(server, mode)
    with pytest.raises(SourceFailure) as info:
        src.read()
    assert words in info.value.reason and info.value.state == state
    assert "Traceback" not in info.value.reason
    delay = src.next_delay(60)
    assert delay != src.interval  # a failing portal is polled on another schedule …
    with pytest.raises(SourceFailure):
        src.read()
    assert src.next_delay(60) > delay * 1.5  # … that backs off, with jitter
    fault(server, "none")
    again = src.read(force=True)
    assert again.snapshot is not None and src.consecutive_failures == 0
    assert src.next_delay(60) == src.interval


def test_retries_back_off_with_jitter_on_refusals(server: PortalServer) -> None:
    waits = Waits()
    src = source(server, waits, retries=3, portal_min_gap=30.0)  # gaps stand out: ≈ 30 s
    src.read()
    fault(server, "403")
    calls, before = len(log(server)), len(waits.seconds)
    with pytest.raises(SourceFailure, match="HTTP 403"):
        src.read()
    assert len(log(server)) - calls == 4  # the first call, then three retries
    new = waits.seconds[before:]
    gaps, backoffs = [w for w in new if w > 20], [w for w in new if w <= 20]
    assert len(gaps) == 4  # one before each call
    assert len(backoffs) == 3  # one before each retry, growing, each with its jitter:
    for wait, (low, high) in zip(backoffs, ((0.25, 0.5), (0.5, 1.0), (1.0, 2.0)), strict=True):
        assert low <= wait <= high
    assert not set(backoffs) & {0.5, 1.0, 2.0}


def test_after_a_refusal_the_page_is_read_again(server: PortalServer) -> None:
    src = source(server)
    src.read()
    fault(server, "403")
    with pytest.raises(SourceFailure):
        src.read()
    fault(server, "none")
    src.read(force=True)
    pages = [e for e in log(server) if e["method"] == "GET"]
    assert len(pages) == 2


def test_cookie_guarded_portal(server: PortalServer) -> None:
    fault(server, "cookie")
    assert source(server).read().snapshot is not None


def test_an_unchanged_portal_builds_nothing(server: PortalServer) -> None:
    src = source(server)
    assert src.read().snapshot is not None
    assert src.read().snapshot is None  # the same answers
    assert src.read(force=True).snapshot is not None


def test_the_whole_country(server: PortalServer) -> None:
    snap = source(server, portal_scope="").read().snapshot
    assert snap is not None and snap.roots == ("VN",)
    assert len(snap.children_of("VN")) == 34
    assert {snap.units[c].level for c in snap.children_of("VN")} == {"province"}


def test_an_unknown_unit_is_said_plainly(server: PortalServer) -> None:
    with pytest.raises(SourceFailure, match="lists no unit H99"):
        source(server, portal_scope="H99").read()


def test_the_last_good_figures_stand_in_after_a_restart(server: PortalServer,
                                                        tmp_path: Path) -> None:
    config = SourceConfig(kind="dvcqg", location=base_url(server), portal_scope="H21",
                          portal_min_gap=1.0, retries=0, timeout=2.0)
    first = PortalSource(config, cache=FeedCache(tmp_path), sleep=Waits())
    assert first.read().snapshot is not None
    fault(server, "500")
    later = PortalSource(config, cache=FeedCache(tmp_path), sleep=Waits())
    result = later.read()
    assert result.snapshot is not None and result.saved_age is not None
    assert result.failure is not None and "HTTP 500" in result.failure.reason


def test_config_keys_are_checked_and_open_source_picks_the_kind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[source]\nportal_time_type = "week"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="portal_time_type"):
        load_config(config_dir=default_config_dir(), extra_file=bad)
    bad.write_text('[source]\nportal_min_gap = 0.1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="≥ 1"):
        load_config(config_dir=default_config_dir(), extra_file=bad)
    config = load_config(config_dir=default_config_dir(),
                         overrides={"source.location": "https://dichvucong.gov.vn"})
    assert isinstance(config, Config)
    opened = open_source(config)
    assert opened.kind == "dvcqg" and opened.next_delay(60) == 3600
    opened.close()


def test_report_through_the_configured_portal(server: PortalServer, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import run_cli

    root = RAW["PROGRESS"]["data"]["parent"]["departmentId"]  # by id: no look-up call
    config = tmp_path / "portal.toml"
    config.write_text(f'[source]\nkind = "dvcqg"\nportal_scope = "{root}"\n'
                      'portal_min_gap = 1\ncache = false\ntimeout = 60\n', encoding="utf-8")
    code, out, err = run_cli(["report", "--config", str(config), "--source", base_url(server),
                              "--unit", "H21.227", "--format", "json"], capsys)
    assert code == 0, err
    doc = json.loads(out)
    values = {k["id"]: k["value"] for k in doc["kpis"]}
    assert doc["unit"]["code"] == "H21.227", doc["unit"]
    assert (values["digitization_rate"], values["index_766_total"]) == (58.06, 75.25)
    assert doc["period_label"] == "2026, đến 10/10/2026"
    fault(server, "500")
    code, _, err = run_cli(["report", "--config", str(config), "--source", base_url(server),
                            "--unit", "H21.227"], capsys)
    assert code == 1 and "HTTP 500" in err


def test_configured_headers_win_over_the_source_s_own(server: PortalServer) -> None:
    seen: list[str] = []

    class Spy(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            seen.append(request.headers["user-agent"])
            return super().handle_request(request)

    config = SourceConfig(kind="dvcqg", location=base_url(server), portal_scope="",
                          portal_min_gap=1.0, cache=False,
                          headers={"user-agent": "Mozilla/5.0 (tests)"})
    PortalSource(config, transport=Spy(), sleep=Waits()).read()
    assert seen and set(seen) == {"Mozilla/5.0 (tests)"}


@pytest.mark.parametrize(("time_type", "asked", "period"), [
    ("quarter", {"quarter": 4}, "2026-10-01/2026-10-10"),
    ("month", {"month": 10}, "2026-10-01/2026-10-10"),
])
def test_quarter_and_month_run_to_the_answer_s_day(server: PortalServer, time_type: str,
                                                   asked: dict[str, int], period: str) -> None:
    config = SourceConfig(kind="dvcqg", location=base_url(server), portal_scope="H21",
                          portal_min_gap=1.0, cache=False, portal_time_type=time_type)
    src = PortalSource(config, sleep=Waits(),
                       today=lambda: datetime(2026, 10, 12, 3, tzinfo=UTC))  # 12/10 in Vietnam
    snap = src.read().snapshot
    assert snap is not None and period in {str(p) for p in snap.periods}
    body = next(e["body"] for e in log(server) if e["path"].endswith("transparency"))
    assert {k: body[k] for k in asked} == asked and body["timeType"] == time_type


def test_a_failed_look_up_says_what_it_was_for(tmp_path: Path) -> None:
    import shutil

    only = tmp_path / "raw_GiaLai_detail_year_2026_10102026.json"  # no national answer
    shutil.copy(DATA / "raw" / "2026" / "gia_lai" / only.name, only)
    srv = make_server(tmp_path)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with pytest.raises(SourceFailure, match=r"looking up H21 .*a departmentId needs no "
                                                r"look-up.*HTTP 404"):
            source(srv).read()
        root = RAW["PROGRESS"]["data"]["parent"]["departmentId"]
        assert source(srv, portal_scope=root).read().snapshot is not None
    finally:
        srv.shutdown()
        srv.server_close()


def test_score_766_through_the_configured_portal_equals_the_saved_answers(
        server: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The live source carries every metric's counts: the scores, levers and the capture's
    finding are those of the same answers read from the file."""
    from tests.helpers import run_cli

    root = RAW["PROGRESS"]["data"]["parent"]["departmentId"]
    config = tmp_path / "portal.toml"
    config.write_text(f'[source]\nkind = "dvcqg"\nportal_scope = "{root}"\n'
                      'portal_min_gap = 1\ncache = false\ntimeout = 60\n', encoding="utf-8")
    code, out, err = run_cli(["score-766", "--config", str(config), "--source",
                              base_url(server), "--format", "json"], capsys)
    assert code == 0, err
    live = json.loads(out)
    saved = DATA / "raw" / "2026" / "gia_lai" / "raw_GiaLai_detail_year_2026_10102026.json"
    code, out, err = run_cli(["score-766", "--source", str(saved), "--format", "json"], capsys)
    assert code == 0, err
    from_file = json.loads(out)
    assert len(live["units"]) == len(from_file["units"]) == 150
    for a, b in zip(live["units"], from_file["units"], strict=True):
        assert {**a, "source": ""} == {**b, "source": ""}
    assert [f["kind"] for f in live["findings"]] == ["capture_inconsistent"]
    canh = next(u for u in live["units"] if u["unit"]["code"] == "H21.227")
    assert any(lv["text"].startswith("+650 hồ sơ số hóa: thêm 1 điểm") for lv in canh["levers"])
    fault(server, "500")
    code, _, err = run_cli(["score-766", "--config", str(config), "--source", base_url(server)],
                           capsys)
    assert code == 1 and "HTTP 500" in err
