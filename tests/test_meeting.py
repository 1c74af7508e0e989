"""Meeting mode (`m`): large figures, rotation through units, freeze, manual steps, back.

The rotation timer is never waited for: the tests call `advance()` and `tick()` directly.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Digits, Static

from cchc_tui.app import CchcApp
from cchc_tui.navigation import sibling
from cchc_tui.screens.help import HelpScreen
from cchc_tui.screens.meeting import MeetingCard, MeetingScreen
from cchc_tui.text import format_count, format_number
from tests.app_support import app, settle

SIZE = (120, 36)


async def open_meeting(pilot: Pilot[Any]) -> MeetingScreen:
    await settle(pilot)
    await pilot.press("m")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


def head(screen: MeetingScreen) -> str:
    return str(screen.query_one("#meeting-head", Static).render())


def digits(screen: MeetingScreen) -> list[str]:
    return [d.value for d in screen.query(Digits)]


def card_titles(screen: MeetingScreen) -> list[str]:
    return [str(card.border_title) for card in screen.query(MeetingCard)]


def card_text(card: MeetingCard) -> str:
    return " ".join(str(s.render()) for s in card.query(".facts Static"))


def children(dashboard: CchcApp, unit: str) -> tuple[str, ...]:
    assert dashboard.snapshot is not None
    return dashboard.snapshot.children_of(unit)


async def test_m_opens_on_the_province_with_its_headline_figures() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        assert screen.shown == "MP" and dashboard.engine is not None
        assert dashboard.period is not None
        text = head(screen)
        assert "Tỉnh Mô Phỏng" in text and "Quý III/2026" in text
        assert "CHẾ ĐỘ HỌP · đơn vị 1/3" in text
        result = dashboard.engine.result("MP", "online_dossier_rate", dashboard.period)
        assert result.value is not None and result.ratio is not None
        assert digits(screen)[0] == format_number(result.value, "vi", 2)
        assert card_titles(screen) == ["Hồ sơ trực tuyến", "Thanh toán trực tuyến",
                                       "Thư công vụ đang dùng", "Giải quyết đúng hạn"]
        first = card_text(screen.query_one(MeetingCard))
        counts = (f"{format_count(result.ratio.numerator, 'vi')}/"
                  f"{format_count(result.ratio.denominator, 'vi')} hồ sơ")
        assert counts in first and "chỉ tiêu: 80%" in first
        # A ward has not reported September: the quarter is partial, marked, not judged.
        assert "* một phần: 2–3/3 tháng" in first
        email = card_text(screen.query(MeetingCard)[2])
        assert "✗ chưa đạt" in email  # the symbol and the word, not colour alone


async def test_advance_rotates_through_the_children_and_wraps() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        kids = children(dashboard, "MP")
        screen.advance()
        await pilot.pause()
        assert screen.shown == kids[0]
        assert dashboard.snapshot is not None
        assert dashboard.snapshot.units[kids[0]].name in head(screen)
        assert dashboard.engine is not None and dashboard.period is not None
        value = dashboard.engine.result(kids[0], "online_dossier_rate", dashboard.period).value
        assert digits(screen)[0] == format_number(value, "vi", 2)
        for _ in kids:
            screen.advance()
        assert screen.shown == "MP"
        assert dashboard.unit == "MP"  # the dashboard does not move until meeting mode ends


async def test_space_freezes_with_a_banner_and_the_timer_does_nothing() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        banner = screen.query_one("#meeting-banner", Static)
        assert not banner.display
        await pilot.press("space")
        await pilot.pause()
        assert screen.frozen and banner.display
        assert str(banner.render()) == "ĐANG DỪNG — bấm phím cách để tiếp tục"
        screen.tick()  # what the rotation timer calls
        assert screen.shown == "MP"
        await pilot.press("space")
        await pilot.pause()
        assert not screen.frozen and not banner.display
        screen.tick()
        assert screen.shown == children(dashboard, "MP")[0]


async def test_left_and_right_step_by_hand_even_when_frozen() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        kids = children(dashboard, "MP")
        await pilot.press("space", "right")
        assert screen.shown == kids[0]
        await pilot.press("left")
        assert screen.shown == "MP"
        await pilot.press("left")
        assert screen.shown == kids[-1]


async def test_a_unit_without_children_rotates_through_its_siblings() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard.select_unit("MP01001")
        await pilot.pause()
        screen = await open_meeting(pilot)
        assert screen.shown == "MP01001" and dashboard.snapshot is not None
        screen.advance()
        assert screen.shown == sibling(dashboard.snapshot, "MP01001", 1)
        screen.advance(-1)
        assert screen.shown == "MP01001"


async def test_escape_and_m_return_to_the_dashboard_on_the_unit_shown() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        kids = children(dashboard, "MP")
        screen.advance()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(dashboard.screen, MeetingScreen)
        assert dashboard.unit == kids[0]
        screen = await open_meeting(pilot)
        assert screen.shown == kids[0]
        await pilot.press("right")
        shown = screen.shown
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(dashboard.screen, MeetingScreen)
        assert dashboard.unit == shown


async def test_the_dashboard_s_keys_do_not_act_in_meeting_mode() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        period = dashboard.period
        await pilot.press("l", "comma", "g", "right_square_bracket", "backspace", "1", "p",
                          "slash", "d")
        await pilot.pause()
        assert dashboard.screen is screen
        assert dashboard.lang == "vi" and dashboard.period == period
        assert dashboard.unit == "MP" and dashboard.zoomed == 0
        await pilot.press("question_mark")  # help and quit stay at hand, over any full screen
        await pilot.pause()
        assert isinstance(dashboard.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert dashboard.screen is screen


async def test_a_kpi_without_a_value_shows_a_dash_and_why() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard.select_unit("00124")  # Phường Thạch Bàn: two of the four are not reported
        await pilot.pause()
        screen = await open_meeting(pilot)
        cards = list(screen.query(MeetingCard))
        assert digits(screen)[-1] == "-"
        assert "— chưa báo cáo cho kỳ này" in card_text(cards[-1])
        assert "chưa có số liệu" in card_text(cards[-1])
        assert not cards[-1].query_one(".percent").display


async def test_english() -> None:
    dashboard = app("en")
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        assert card_titles(screen) == ["Online dossiers", "Online payment",
                                       "Email accounts in use", "Resolved on time"]
        assert dashboard.engine is not None and dashboard.period is not None
        value = dashboard.engine.value("MP", "online_dossier_rate", dashboard.period)
        assert value is not None and digits(screen)[0] == format_number(value, "en", 2)
        assert "MEETING MODE · unit 1/3" in head(screen) and "2026 Q3" in head(screen)
        assert "* partial: 2–3/3 months" in card_text(screen.query_one(MeetingCard))
        await pilot.press("space")
        banner = screen.query_one("#meeting-banner", Static)
        assert str(banner.render()) == "PAUSED — press space to resume"


async def test_80x24_shows_the_four_figures_in_one_column() -> None:
    dashboard = app()
    async with dashboard.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press("space")
        await pilot.pause()
        cards = list(screen.query(MeetingCard))
        assert screen.has_class("-narrow")
        assert len({card.region.x for card in cards}) == 1  # one column
        assert all(card.region.bottom <= 23 for card in cards)  # above the footer, no scroll
        screen.advance()
        await pilot.pause()


def test_meeting_mode_120x36_vi_snapshot(snap_compare: Any) -> None:
    async def meeting(pilot: Pilot[Any]) -> None:
        await open_meeting(pilot)
        await pilot.press("space")  # the banner too; no timer can move it while frozen
        await pilot.pause()

    assert snap_compare(app("vi"), terminal_size=(120, 36), run_before=meeting)


async def test_follows_the_app_s_language_and_new_snapshots() -> None:
    import dataclasses

    from cchc_tui.feed.load import load_paths
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.resources import default_fixtures_dir

    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        dashboard.lang = "en"
        await pilot.pause()
        assert dashboard.engine is not None and dashboard.period is not None
        value = dashboard.engine.value("MP", "online_dossier_rate", dashboard.period)
        assert value is not None
        assert card_titles(screen)[0] == "Online dossiers"
        assert digits(screen)[0] == format_number(value, "en", 2)
        assert "chỉ tiêu" not in card_text(screen.query_one(MeetingCard))
        # A new snapshot (here: the fixtures without any target) is drawn at once.
        snapshot = dataclasses.replace(load_paths([default_fixtures_dir()]), targets=())
        dashboard._apply(snapshot, Engine(snapshot))
        await pilot.pause()
        assert "target: —" in card_text(screen.query_one(MeetingCard))
