"""Meeting mode (`m`): large figures, rotation through units, freeze, manual steps, back.

The rotation timer is never waited for: the tests call `advance()` and `tick()` directly.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from cchc_tui.app import CchcApp
from cchc_tui.navigation import sibling
from cchc_tui.screens.help import HelpScreen
from cchc_tui.screens.meeting import MeetingCard, MeetingScreen
from cchc_tui.text import format_count, format_number
from cchc_tui.widgets.bigdigits import BigFigure
from tests.app_support import app, config, settle

SIZE = (120, 36)


async def open_meeting(pilot: Pilot[Any]) -> MeetingScreen:
    await settle(pilot)
    await pilot.press("m")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


def head(screen: MeetingScreen) -> str:
    return " / ".join(str(screen.query_one(f"#meeting-{part}", Static).render())
                      for part in ("title", "rotation"))


def digits(screen: MeetingScreen) -> list[str]:
    return [d.value for d in screen.query(BigFigure)]


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
        assert "TỈNH MÔ PHỎNG" in text and "QUÝ III/2026" in text  # in capitals, bold
        assert "CHẾ ĐỘ HỌP · đơn vị 1/3 · tự chuyển sau mỗi 15 giây" in text
        result = dashboard.engine.result("MP", "online_dossier_rate", dashboard.period)
        assert result.value is not None and result.ratio is not None
        # the value, "%" and its marks ("*": partial), all in the big face
        assert digits(screen)[0] == format_number(result.value, "vi", 2) + "%*"
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
        assert dashboard.snapshot.units[kids[0]].name.upper() in head(screen)
        assert dashboard.engine is not None and dashboard.period is not None
        value = dashboard.engine.result(kids[0], "online_dossier_rate", dashboard.period).value
        assert digits(screen)[0].rstrip("*†") == format_number(value, "vi", 2) + "%"
        for _ in kids:
            screen.advance()
        assert screen.shown == "MP"
        assert dashboard.unit == "MP"  # the dashboard does not move until meeting mode ends


async def test_space_freezes_and_paused_replaces_the_rotation_text() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        line = screen.query_one("#meeting-rotation", Static)
        assert "tự chuyển" in str(line.render())
        await pilot.press("space")
        await pilot.pause()
        assert screen.frozen and screen.has_class("-frozen")
        assert str(line.render()) == "ĐANG DỪNG — bấm phím cách để tiếp tục"
        assert line.region.height == 1  # in place of the rotation text, not another line
        screen.tick()  # what the rotation timer calls
        assert screen.shown == "MP"
        await pilot.press("space")
        await pilot.pause()
        assert not screen.frozen and "ĐANG DỪNG" not in str(line.render())
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


async def test_escape_and_m_return_to_the_unit_it_began_on_enter_to_the_unit_shown() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        kids = children(dashboard, "MP")
        screen.advance()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(dashboard.screen, MeetingScreen)
        assert dashboard.unit == "MP"
        screen = await open_meeting(pilot)
        await pilot.press("right", "right")
        assert screen.shown == kids[1]
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(dashboard.screen, MeetingScreen) and dashboard.unit == "MP"
        screen = await open_meeting(pilot)
        await pilot.press("right")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(dashboard.screen, MeetingScreen)
        assert dashboard.unit == kids[0]


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
        assert digits(screen)[-1] == "—"  # no value: a dash, no "%"
        assert "— chưa báo cáo cho kỳ này" in card_text(cards[-1])
        assert "chưa có số liệu" in card_text(cards[-1])


async def test_english() -> None:
    dashboard = app("en")
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        assert card_titles(screen) == ["Online dossiers", "Online payment",
                                       "Email accounts in use", "Resolved on time"]
        assert dashboard.engine is not None and dashboard.period is not None
        value = dashboard.engine.value("MP", "online_dossier_rate", dashboard.period)
        assert value is not None and digits(screen)[0] == format_number(value, "en", 2) + "%*"
        assert "MEETING MODE · unit 1/3" in head(screen) and "2026 Q3" in head(screen)
        assert "* partial: 2–3/3 months" in card_text(screen.query_one(MeetingCard))
        await pilot.press("space")
        banner = screen.query_one("#meeting-rotation", Static)
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
        assert digits(screen)[0] == format_number(value, "en", 2) + "%*"
        assert "chỉ tiêu" not in card_text(screen.query_one(MeetingCard))
        # A new snapshot (here: the fixtures without any target) is drawn at once.
        snapshot = dataclasses.replace(load_paths([default_fixtures_dir()]), targets=())
        dashboard._apply(snapshot, Engine(snapshot))
        await pilot.pause()
        assert "target: —" in card_text(screen.query_one(MeetingCard))


# -- the rotation list ---------------------------------------------------------------------
def fixtures_snapshot() -> Any:
    from cchc_tui.feed.load import load_paths
    from cchc_tui.resources import default_fixtures_dir

    return load_paths([default_fixtures_dir()])


def test_rotation_children_communes_units_and_the_fallbacks() -> None:
    from cchc_tui.navigation import meeting_rotation

    snap = fixtures_snapshot()
    kids = snap.children_of("MP")
    communes = tuple(c for k in kids for c in snap.children_of(k))
    assert len(communes) == 20 and all(snap.units[c].level == "commune" for c in communes)
    assert meeting_rotation(snap, "MP", "children") == ("MP", *kids)
    assert meeting_rotation(snap, "MP", "communes") == ("MP", *communes)
    assert meeting_rotation(snap, "MP01", "communes") == ("MP01", *snap.children_of("MP01"))
    # a commune has nothing under it: its siblings, whatever the mode
    assert meeting_rotation(snap, "MP01003", "communes") == snap.children_of("MP01")
    assert meeting_rotation(snap, "01837", "children") == ("01837",)  # an only child
    assert meeting_rotation(snap, "MP", "units", ("MP02", "nope", "01837")) == ("MP02", "01837")
    # a list that names no known unit: the children, not an empty rotation
    assert meeting_rotation(snap, "MP", "units", ("nope",)) == ("MP", *kids)


def meeting_app(lang: str = "vi", **overrides: object) -> CchcApp:
    from cchc_tui.app import make_app
    from tests.app_support import FIXED_NOW

    return make_app(config(**{"app.lang": lang, **overrides}), clock=lambda: FIXED_NOW)


async def test_communes_rotation_from_the_config() -> None:
    dashboard = meeting_app(**{"app.meeting_rotation": "communes"})
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        assert len(screen.rotation) == 21 and screen.rotation[0] == "MP"
        assert "đơn vị 1/21" in head(screen)
        screen.advance()
        assert dashboard.snapshot is not None
        assert dashboard.snapshot.units[screen.shown].level == "commune"
        await pilot.press("escape")
        await pilot.pause()
        assert dashboard.unit == "MP"


async def test_a_saved_list_of_units_and_a_toast_for_unknown_codes() -> None:
    dashboard = meeting_app(**{"app.meeting_rotation": "units",
                               "app.meeting_units": ["01837", "zz9", "MP02"]})
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        assert screen.rotation == ("01837", "MP02")
        assert screen.shown == "01837"  # the dashboard's unit is not in the list: its first
        assert "PHƯỜNG SÔNG CẦU" in head(screen) and "đơn vị 1/2" in head(screen)
        assert any("zz9" in str(n.message) for n in dashboard._notifications)
        await pilot.press("right")
        assert screen.shown == "MP02"
        await pilot.press("escape")
        await pilot.pause()
        assert dashboard.unit == "MP"  # where meeting mode began


def test_units_rotation_without_units_is_a_located_config_error(tmp_path: Any) -> None:
    from cchc_tui.config import ConfigError, load_config

    path = tmp_path / "room.toml"
    path.write_text('[app]\nlang = "vi"\nmeeting_rotation = "units"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=None, extra_file=path)
    assert (info.value.line, info.value.key) == (3, "app.meeting_rotation")
    assert "room.toml, line 3" in str(info.value) and "meeting_units" in str(info.value)
    path.write_text('[app]\nmeeting_rotation = "comunes"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=None, extra_file=path)
    assert "line 2" in str(info.value) and "Did you mean `communes`?" in str(info.value)
    path.write_text('[app]\nmeeting_units = ["01837", "01837"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="names \"01837\" twice"):
        load_config(config_dir=None, extra_file=path)
    path.write_text('[app]\nmeeting_theme = "textual-lite"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="Did you mean `textual-light`"):
        load_config(config_dir=None, extra_file=path)


# -- the projector theme -------------------------------------------------------------------
async def test_projector_theme_in_meeting_mode_t_switches_and_leaving_gives_it_back() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = dashboard.theme
        screen = await open_meeting(pilot)
        assert dashboard.theme == "cchc-projector" and not dashboard.current_theme.dark
        await pilot.press("t")
        assert dashboard.theme == desk
        await pilot.press("t")
        assert dashboard.theme == "cchc-projector"
        await pilot.press("escape")
        await pilot.pause()
        assert dashboard.theme == desk and screen is not dashboard.screen
        await open_meeting(pilot)
        await pilot.press("q")  # quitting from meeting mode: the remembered theme is the desk's
        await pilot.pause()
    assert dashboard.theme == desk


async def test_every_meeting_theme_in_the_config_is_one_the_app_knows() -> None:
    import typing

    from cchc_tui.config import MEETING_THEMES

    dashboard = app()
    async with dashboard.run_test(size=SIZE):
        names = set(typing.get_args(MEETING_THEMES)) - {""}
        assert names <= set(dashboard.available_themes)


async def test_an_empty_meeting_theme_keeps_the_dashboard_s() -> None:
    dashboard = meeting_app(**{"app.meeting_theme": ""})
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = dashboard.theme
        await open_meeting(pilot)
        assert dashboard.theme == desk


# -- sizes ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_80x24_title_rotation_and_four_five_row_figures_fit(lang: str) -> None:
    dashboard = app(lang)
    async with dashboard.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        title = screen.query_one("#meeting-title")
        assert title.region.y == 0 and title.region.height == 1
        figures = list(screen.query(BigFigure))
        assert [f.region.height for f in figures] == [5] * 4
        assert len({(f.region.x, f.region.width) for f in figures}) == 1  # facts line up
        assert all(f.region.bottom <= 23 for f in figures)  # above the footer, no scrolling
        names = [str(s.render()) for s in screen.query(".facts .name")]
        assert names == card_titles(screen)  # no border on a narrow card: the name in facts
        footer = " ".join(str(k.render()) for k in screen.query("FooterKey") if k.display)
        assert "?" in footer and "q" in footer and "esc" in footer


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_60x20_keeps_the_period_when_the_name_is_long(lang: str) -> None:
    dashboard = app(lang)
    async with dashboard.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        dashboard.select_unit("MP01009")
        await pilot.pause()
        screen = await open_meeting(pilot)
        title = str(screen.query_one("#meeting-title", Static).render())
        assert dashboard.period is not None
        from cchc_tui.model.periods import describe_period

        assert describe_period(dashboard.period, lang).upper() in title
        assert len(title) <= 58


@pytest.mark.parametrize(("lang", "query", "words"), [
    ("vi", "hop", ("về bảng điều khiển, ở đơn vị lúc mở", "màu máy chiếu / màu thường")),
    ("en", "meeting", ("back to the dashboard, on the unit it began on",
                       "projector colours / the usual colours")),
])
async def test_help_has_the_meeting_keys_from_their_table(lang: str, query: str,
                                                         words: tuple[str, ...]) -> None:
    dashboard = app(lang)
    async with dashboard.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(dashboard.screen, HelpScreen)
        await pilot.press(*query)
        await pilot.pause()
        text = str(dashboard.screen.query_one("#help-text", Static).render())
        assert all(w in text for w in words)
        assert "esc m" in text and "enter" in text and "space" in text


async def test_song_cau_meeting_from_the_start_is_room_ready() -> None:
    """`cchc-tui --unit "song cau" --meeting`: the projector theme, the unit and period in
    capitals, the five-row figures, `?` and `q` in the footer."""
    from cchc_tui.app import StartAt, make_app
    from tests.app_support import FIXED_NOW

    dashboard = make_app(config(), clock=lambda: FIXED_NOW,
                         start=StartAt("song cau", meeting=True))
    async with dashboard.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        screen = dashboard.screen
        assert isinstance(screen, MeetingScreen) and screen.origin == "01837"
        assert dashboard.theme == "cchc-projector"
        assert head(screen).startswith("PHƯỜNG SÔNG CẦU  ·  NĂM 2024")
        assert "chỉ một đơn vị" in head(screen)  # its only sibling is itself: said, not faked
        from cchc_tui.screens.meeting import meeting_rows

        engine, period = dashboard.engine, screen.period
        assert engine is not None
        first = meeting_rows(engine, "01837", period, "vi")[0]
        value = engine.result("01837", first.kpi_id, period).value
        assert digits(screen)[0].rstrip("*†") == format_number(value, "vi", 2) + "%"
        assert all(f.region.height == 5 for f in screen.query(BigFigure))


async def test_a_new_snapshot_without_the_unit_starts_over() -> None:
    import dataclasses

    from cchc_tui.kpi.engine import Engine

    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        screen = await open_meeting(pilot)
        assert dashboard.snapshot is not None
        units = {c: u for c, u in dashboard.snapshot.units.items() if not c.startswith("MP")}
        snapshot = dataclasses.replace(dashboard.snapshot, units=units)
        dashboard._apply(snapshot, Engine(snapshot))
        await pilot.pause()
        assert screen.origin in units and screen.shown in units


async def test_a_control_character_in_a_name_stays_on_the_title_line(tmp_path: Any) -> None:
    import json

    from cchc_tui.app import make_app
    from cchc_tui.sources.fixtures import FixtureSource
    from tests.app_support import FIXED_NOW

    doc = {"format": "cchc-kpi-feed", "version": 1, "publisher": "x",
           "units": [{"code": "P", "name": "Tỉnh\nHai", "level": "province"},
                     {"code": "C1", "name": "Xã\x1b[2JMột", "level": "commune", "parent": "P"}],
           "observations": [
               {"unit": "C1", "period": "2025-12", "measure": "dossiers_received", "value": 10},
               {"unit": "C1", "period": "2025-12", "measure": "dossiers_received_online",
                "value": 5}]}
    (tmp_path / "feed.json").write_text(json.dumps(doc), encoding="utf-8")
    dashboard = make_app(config(), source=FixtureSource(tmp_path), clock=lambda: FIXED_NOW)
    async with dashboard.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard.select_unit("C1")
        await pilot.pause()
        screen = await open_meeting(pilot)
        title = str(screen.query_one("#meeting-title", Static).render())
        rotation = str(screen.query_one("#meeting-rotation", Static).render())
        assert "\n" not in title + rotation and "\x1b" not in title + rotation
        assert "XÃ\\x1b[2JMỘT" in title and "Tỉnh\\x0aHai" in rotation
