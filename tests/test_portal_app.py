"""The 766 view (key `i`) and the dashboard on the dvcqg source, faults and recovery (Pilot)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.widgets import DataTable, Static

from cchc_tui.app import CchcApp
from cchc_tui.config import SourceConfig
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.json_feed import decode_json
from cchc_tui.index766 import index_view
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.periods import parse_period
from cchc_tui.portal.server import PortalServer, base_url, make_server
from cchc_tui.portal.source import PortalSource
from cchc_tui.screens.index766 import Index766Screen
from cchc_tui.widgets.header import StatusHeader
from tests.app_support import app, settle

DATA = Path(__file__).parent / "data" / "portal"
RAW_PATH = DATA / "raw" / "2026" / "gia_lai" / "raw_GiaLai_detail_year_2026_10102026.json"
RAW: dict[str, Any] = json.loads(RAW_PATH.read_text(encoding="utf-8"))
PERIOD = parse_period("2026-01-01/2026-10-10")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_snapshot([decode_json(RAW_PATH.read_bytes(), str(RAW_PATH))]))


@pytest.fixture
def server() -> Iterator[PortalServer]:
    srv = make_server(DATA)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_the_view_ranks_the_children_by_total(engine: Engine) -> None:
    totals = {e["departmentCode"]: e["totalScore"]
              for e in RAW["SERVICE_RESULTS"]["data"]["evaluation"]}
    view = index_view(engine, "H21", PERIOD, "vi")
    assert [c.total for c in view.children] == sorted(totals.values(), reverse=True)
    worst = index_view(engine, "H21", PERIOD, "vi", worst_first=True)
    assert worst.children[0].code == min(totals, key=lambda c: (totals[c], c))
    assert worst.children[0].place == len(totals)
    agencies = index_view(engine, "H21", PERIOD, "en", only="agency").children
    assert {c.kind for c in agencies} == {"agency"}
    assert len(agencies) == sum(e["childGroup"] == "AGENCY"
                                for e in RAW["SERVICE_RESULTS"]["data"]["evaluation"])


def test_the_view_of_a_commune_has_its_rank_groups_and_the_province_its_chart(
        engine: Engine) -> None:
    canh = index_view(engine, "H21.227", PERIOD, "vi")
    totals = sorted((e["totalScore"] for e in RAW["SERVICE_RESULTS"]["data"]["evaluation"]),
                    reverse=True)
    assert canh.rank == (totals.index(75.25) + 1, len(totals))
    digitized = next(e for e in RAW["DIGITIZED"]["data"]["evaluation"]
                     if e["departmentCode"] == "H21.227")
    mdsh = next(g for g in canh.groups if g.kpi == "index_766_mdsh")
    assert (mdsh.score, mdsh.max_score) == (digitized["totalScore"], 22)
    chart = index_view(engine, "H21", PERIOD, "vi").chart
    months = [p["averageScore"] for p in RAW["SERVICE_RESULTS"]["data"]["monthlyChart"]
              if p["averageScore"] is not None]
    assert [v for _, v in chart] == months and chart[0][0] == "01/26"


def head_text(screen: Index766Screen) -> str:
    return str(screen.query_one("#index766-head", Static).render())


def groups_text(screen: Index766Screen) -> str:
    table = screen.query_one("#index766-groups", DataTable)
    return "\n".join(" ".join(cell.plain for cell in table.get_row_at(i))
                     for i in range(table.row_count))


def body_text(screen: Any) -> str:
    return str(screen.query_one("#group766-body", Static).render())


async def open_group(pilot: Any, dashboard: CchcApp, unit: str, row: int) -> Any:
    """From the dashboard: `i`, then tab to the groups, the group at `row`, enter."""
    dashboard.select_unit(unit)
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    await pilot.press("tab")
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    return dashboard.screen


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "vi"), ((120, 36), "en")])
async def test_a_group_opens_into_its_metrics_and_the_unit_s_levers(size: tuple[int, int],
                                                                    lang: str) -> None:
    from cchc_tui.screens.index766 import Group766Screen
    from cchc_tui.sources.fixtures import FixtureSource

    dashboard = app(lang, source=FixtureSource(RAW_PATH))
    async with dashboard.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_group(pilot, dashboard, "H21.227", 5)  # MDSH
        assert isinstance(screen, Group766Screen)
        body = body_text(screen)
        digitized = next(e for e in RAW["DIGITIZED"]["data"]["evaluation"]
                         if e["departmentCode"] == "H21.227")
        so_hoa = metric_of(digitized, "SO_HOA_GIAY_TO_GIAI_QUYET")
        if lang == "vi":
            assert so_hoa["name"] in body.replace("\n", " ") or so_hoa["name"][:40] in body
            assert "1.520/2.618 · 58,06% · 2,32/4  = cổng" in body
            assert "+650 hồ sơ số hóa: thêm 1 điểm số hóa hồ sơ (2,32 → 3,32/4)" in body
            assert "chứng thực bản sao điện tử từ bản chính: điểm cố định" in body
            assert "không cùng một thời điểm" in body
        else:
            assert "Dossiers digitised" in body
            assert "1,520/2,618 · 58.06% · 2.32/4  = portal" in body
            assert "+650 digitised dossiers for one more point of digitisation" in body
        box = screen.query_one("#group766")
        assert box.region.right <= size[0]
        await pilot.press("end")  # the levers below the fold of a small terminal
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(dashboard.screen, Index766Screen)  # back to the groups
        await pilot.press("up", "up", "up", "enter")  # CLGQ: taken as published, marked
        await pilot.pause()
        body = body_text(dashboard.screen)
        assert ("6,31/12 *" if lang == "vi" else "6.31/12 *") in body
        assert ("giữ điểm cổng công bố" if lang == "vi" else "as published") in body


async def test_the_province_s_group_names_the_children_that_move_it_most() -> None:
    from cchc_tui.sources.fixtures import FixtureSource

    dashboard = app("vi", source=FixtureSource(RAW_PATH))
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_group(pilot, dashboard, "H21", 5)
        body = body_text(screen)
        assert "Đơn vị con nâng điểm tỉnh nhiều nhất" in body
        first = body.split("Đơn vị con nâng điểm tỉnh nhiều nhất")[1].splitlines()[1]
        assert "(H21.24)" in first  # the large agency: 130.716 dossiers


def test_a_computed_score_unlike_the_portal_s_is_marked_on_the_figure() -> None:
    from cchc_tui.index766 import MetricRow
    from cchc_tui.screens.index766 import _metric_lines

    row = MetricRow("SO_HOA_GIAY_TO_GIAI_QUYET", "Số hóa", 1520, 2618, 58.06, 58.06, 2.32,
                    2.30, 4, "computed")
    assert row.differs
    assert "2,32/4 ≠ cổng 2,30" in _metric_lines(row, "vi")[1].plain
    same = MetricRow("X", "X", 1, 2, 50.0, 50.0, 2.0, 2.01, 4, "computed")
    assert not same.differs and "= cổng" in _metric_lines(same, "vi")[1].plain
    part = MetricRow("PAYMENT_PROCEDURES", "X", 19, 41, 46.34, None, 1.16, None, 2, "computed")
    assert not part.differs
    assert "cổng chỉ công bố điểm nhóm" in _metric_lines(part, "vi")[1].plain


def metric_of(item: dict[str, Any], code: str) -> dict[str, Any]:
    return next(m for m in item["metrics"] if m["code"] == code)


def test_group_screen_snapshot_80x24(snap_compare: Any) -> None:
    from cchc_tui.sources.fixtures import FixtureSource

    async def opened(pilot: Any) -> None:
        await settle(pilot)
        await open_group(pilot, pilot.app, "H21.227", 5)

    assert snap_compare(app("vi", source=FixtureSource(RAW_PATH)), terminal_size=(80, 24),
                        run_before=opened)


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "vi"), ((120, 36), "en")])
async def test_i_opens_the_766_view_at_both_sizes(size: tuple[int, int], lang: str) -> None:
    from cchc_tui.sources.fixtures import FixtureSource

    dashboard = app(lang, source=FixtureSource(RAW_PATH))
    async with dashboard.run_test(size=size) as pilot:
        await settle(pilot)
        assert dashboard.unit == "H21"
        await pilot.press("i")
        await pilot.pause()
        screen = dashboard.screen
        assert isinstance(screen, Index766Screen)
        head = head_text(screen)
        assert ("Tổng điểm 66,14/100" if lang == "vi" else "Total 66.14/100") in head
        assert ("11,79/18" if lang == "vi" else "11.79/18") in groups_text(screen)
        table = screen.query_one("#index766-children", DataTable)
        assert table.row_count == 149
        assert table.region.height >= 3  # the ranking still shows at 80×24
        assert screen.query_one("#index766").region.right <= size[0]
        await pilot.press("t")  # agencies only
        assert screen.query_one("#index766-children", DataTable).row_count == 14
        await pilot.press("w")  # worst first
        assert screen.query_one("#index766-children", DataTable).get_row_at(0)[4].plain \
            == "H21.20"
        await pilot.press("enter")  # opens the highlighted unit
        await pilot.pause()
        assert not isinstance(dashboard.screen, Index766Screen)
        assert dashboard.unit == "H21.20"


def header(dashboard: CchcApp) -> str:
    return dashboard.query_one(StatusHeader).render().plain


async def wait_for(pilot: Any, condition: Any, rounds: int = 400) -> None:
    """Let the app run until `condition()` holds (its own timers fire), or fail."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")


async def test_the_dashboard_on_serve_portal_survives_every_fault(server: PortalServer) -> None:
    config = SourceConfig(kind="dvcqg", location=base_url(server), portal_scope="H21",
                          portal_min_gap=1.0, portal_interval=0.3, backoff_max=1.0,
                          cache=False, retries=0, timeout=1.0)
    source = PortalSource(config, sleep=lambda seconds: None)  # no gaps: a fast test
    dashboard = app("vi", source=source)
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        first = dashboard.snapshot
        assert dashboard.unit == "H21" and "2026, đến 10/10/2026" in header(dashboard)
        await pilot.press("i")
        await pilot.pause()
        assert "66,14/100" in head_text(dashboard.screen)
        await pilot.press("escape")
        for mode in ("403", "429", "500", "hang", "malformed"):
            httpx.get(f"{base_url(server)}/_fault?mode={mode}")
            await wait_for(pilot, lambda: "LỖI NGUỒN" in header(dashboard)
                           or "MẤT KẾT NỐI" in header(dashboard))
            assert dashboard.snapshot is first and dashboard.unit == "H21"  # figures kept
            httpx.get(f"{base_url(server)}/_fault?mode=none")
            await wait_for(pilot, lambda: "● trực tiếp" in header(dashboard))  # no key
            assert "Cổng Dịch vụ công quốc gia" in header(dashboard)  # whose figures
        assert dashboard.snapshot is first  # the same answers: nothing rebuilt


async def test_the_766_view_says_when_a_unit_has_no_scores() -> None:
    dashboard = app("en")  # the bundled fixtures: no 766 figures
    async with dashboard.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        screen = dashboard.screen
        assert isinstance(screen, Index766Screen)
        assert "No 766 scores for this unit and period." in head_text(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(dashboard.screen, Index766Screen)


async def test_a_commune_s_766_view_says_it_has_no_units_below() -> None:
    """No empty table of children: a line that says so, and the groups take the focus."""
    from cchc_tui.screens.index766 import Group766Screen
    from cchc_tui.sources.fixtures import FixtureSource

    dashboard = app("vi", source=FixtureSource(RAW_PATH))
    async with dashboard.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard.select_unit("H21.227")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        screen = dashboard.screen
        foot = str(screen.query_one("#index766-foot", Static).render())
        assert "Đơn vị này không có đơn vị trực thuộc" in foot and "): 0" not in foot
        assert not screen.query_one("#index766-children", DataTable).display
        groups = screen.query_one("#index766-groups", DataTable)
        assert screen.focused is groups
        await pilot.press("tab")  # nothing to switch to: the groups keep the focus
        assert screen.focused is groups
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(dashboard.screen, Group766Screen)
        assert dashboard.screen.detail.code == "CKMB"  # the first group


async def test_a_click_on_a_group_opens_it() -> None:
    from cchc_tui.screens.index766 import Group766Screen
    from cchc_tui.sources.fixtures import FixtureSource

    dashboard = app("en", source=FixtureSource(RAW_PATH))
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        groups = dashboard.screen.query_one("#index766-groups", DataTable)
        await pilot.click(groups, offset=(3, 4))  # the fifth row: Satisfaction
        await pilot.pause()
        screen = dashboard.screen
        assert isinstance(screen, Group766Screen)
        assert screen.detail.code == "MDHL"
        assert "Petitions handled on time" in body_text(screen)


async def test_a_feed_without_the_metrics_shows_the_groups_but_opens_none(
        tmp_path: Path) -> None:
    """A feed written before the `index_766` section (scores only): the groups stand, no `›`,
    and enter says why nothing opens."""
    from cchc_tui.portal.convert import portal_feed
    from cchc_tui.sources.fixtures import FixtureSource

    doc = portal_feed(RAW, str(RAW_PATH))
    assert doc is not None
    del doc["index_766"]
    path = tmp_path / "scores-only.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    dashboard = app("en", source=FixtureSource(path))
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        screen = dashboard.screen
        assert "11.79/18" in groups_text(screen) and "›" not in groups_text(screen)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert dashboard.screen is screen
        assert any("no metric-by-metric figures" in n.message
                   for n in dashboard._notifications)


def test_index_view_snapshot_80x24(snap_compare: Any) -> None:
    from cchc_tui.sources.fixtures import FixtureSource

    async def opened(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("tab")  # the groups, each with its `›`
        await pilot.pause()

    assert snap_compare(app("vi", source=FixtureSource(RAW_PATH)), terminal_size=(80, 24),
                        run_before=opened)


async def test_a_click_in_the_766_view_selects_and_a_double_click_opens() -> None:
    from cchc_tui.sources.fixtures import FixtureSource

    dashboard = app("vi", source=FixtureSource(RAW_PATH))
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        screen = dashboard.screen
        table = screen.query_one("#index766-children", DataTable)
        third = str(table.get_row_at(2)[4].plain)
        where = (table.region.x + 3, table.region.y + 3)  # the header row, then rows 0, 1, 2
        await pilot.click(offset=where)
        await pilot.pause()
        assert table.cursor_row == 2 and dashboard.screen is screen  # selected, still open
        await pilot.click(offset=where, times=2)
        await settle(pilot)
        assert not isinstance(dashboard.screen, Index766Screen)
        assert dashboard.unit == third


async def test_e_exports_from_a_766_group(tmp_path: Path) -> None:
    from cchc_tui.app import make_app
    from cchc_tui.screens.index766 import Group766Screen
    from cchc_tui.sources.fixtures import FixtureSource
    from tests.app_support import FIXED_NOW, config

    folder = tmp_path / "exports"
    dashboard = make_app(config(**{"app.export_dir": str(folder)}),
                         source=FixtureSource(RAW_PATH), clock=lambda: FIXED_NOW)
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i", "tab", "enter")
        await pilot.pause()
        assert isinstance(dashboard.screen, Group766Screen)
        await pilot.press("e")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(dashboard.screen, Group766Screen)  # still there
    assert {p.suffix for p in folder.iterdir()} >= {".csv", ".md", ".svg"}
