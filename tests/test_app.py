"""The dashboard driven by keys (Pilot): units, periods, language, screens, sources."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.worker import WorkerFailed

from cchc_tui.app import CchcApp
from cchc_tui.model.periods import parse_period
from cchc_tui.model.snapshot import Snapshot, Unit
from cchc_tui.screens.finder import FinderScreen
from cchc_tui.screens.findings import FindingsScreen
from cchc_tui.screens.help import HelpScreen
from cchc_tui.sources.base import ReadResult, SourceFailure
from cchc_tui.widgets.header import StatusHeader
from tests.app_support import app, settle

SIZE = (120, 36)


def header(dashboard: CchcApp) -> str:
    return dashboard.query_one(StatusHeader).render().plain


def titles(dashboard: CchcApp) -> list[str]:
    return [str(panel.border_title) for panel in dashboard.query(".panel")]


async def test_starts_on_the_simulated_province_at_its_latest_quarter() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert dashboard.unit == "MP"
        assert dashboard.period == parse_period("2026-Q3")
        text = header(dashboard)
        assert "Tỉnh Mô Phỏng" in text and "Quý III/2026" in text
        assert "● trực tiếp · đọc lúc 08:42:00 · lần sau 08:43:00 (tệp)" in text
        assert "dữ liệu mô phỏng · số liệu ngày 01/11/2026 08:00" in text
        assert titles(dashboard)[0] == "Dịch vụ công trực tuyến"


async def test_finder_matches_without_diacritics() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(dashboard.screen, FinderScreen)
        await pilot.press(*"song cau")
        await pilot.press("enter")
        await pilot.pause()
        assert dashboard.unit == "01837"
        assert "Tỉnh Bắc Kạn › Thành phố Bắc Kạn › Phường Sông Cầu" in header(dashboard)
        assert "Cổng TTĐT thành phố Bắc Kạn" in header(dashboard)


async def test_siblings_wrap_around_the_parent_s_children() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard.select_unit("MP01001")
        await pilot.pause()
        family = dashboard.snapshot.children_of("MP01") if dashboard.snapshot else ()
        start = family.index("MP01001")
        await pilot.press("right_square_bracket")
        assert dashboard.unit == family[(start + 1) % len(family)]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert dashboard.unit == family[start - 1]


async def test_enter_drills_into_the_ranked_child_and_backspace_goes_up() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ranking = dashboard.query_one("#panel-gaps OptionList", OptionList)
        first = ranking.get_option_at_index(0).id
        await pilot.press("enter")
        await pilot.pause()
        assert dashboard.unit == first
        assert dashboard.period == parse_period("2026-Q3")  # the child has data: kept
        await pilot.press("backspace")
        await pilot.pause()
        assert dashboard.unit == "MP"


async def test_a_click_selects_a_ranked_child_and_a_double_click_drills() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ranking = dashboard.query_one("#panel-gaps OptionList", OptionList)
        assert ranking.option_count >= 2
        second = ranking.get_option_at_index(1).id
        y = ranking.region.y - ranking.scroll_offset.y + 1  # the second option's row
        await pilot.click(offset=(ranking.region.x + 2, y))
        await pilot.pause()
        assert ranking.highlighted == 1 and dashboard.unit == "MP"  # selected, not opened
        await pilot.click(offset=(ranking.region.x + 2, y), times=2)
        await settle(pilot)
        assert dashboard.unit == second


async def test_the_finder_opens_a_unit_on_a_double_click_not_a_click() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"dong xuan")
        await pilot.pause()
        options = dashboard.screen.query_one("#finder-options", OptionList)
        wanted = options.get_option_at_index(0).id
        where = (options.region.x + 2, options.region.y)
        await pilot.click(offset=where)
        await pilot.pause()
        assert isinstance(dashboard.screen, FinderScreen) and options.highlighted == 0
        await pilot.click(offset=where, times=2)
        await settle(pilot)
        assert not isinstance(dashboard.screen, FinderScreen) and dashboard.unit == wanted


async def test_period_steps_and_granularity_cycle() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        assert dashboard.period == parse_period("2026-Q2")
        await pilot.press("full_stop", "full_stop")
        assert dashboard.period == parse_period("2026-Q4")
        await pilot.press("g")
        assert dashboard.period == parse_period("2026-H2")
        await pilot.press("g")
        assert dashboard.period == parse_period("2026")
        await pilot.press("g")
        assert dashboard.period == parse_period("2026-12")
        await pilot.pause()
        assert "Tháng 12/2026" in header(dashboard)


async def test_period_picker_lists_the_unit_s_periods() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "enter")  # the one before the current
        await pilot.pause()
        assert dashboard.period is not None and dashboard.period != parse_period("2026-Q3")


async def test_language_switch_re_renders_everything() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        names = titles(dashboard)
        for word in ("Online services", "Cashless", "Email", "Target gaps"):
            assert any(word in t for t in names), (word, names)
        assert "2026 Q3" in header(dashboard) and "simulated data" in header(dashboard)
        await pilot.press("l")
        await pilot.pause()
        assert titles(dashboard)[0] == "Dịch vụ công trực tuyến"


async def test_findings_screen_lists_findings_with_figures() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard.select_unit("765")  # Bình Thạnh: channel shares add up to 114 %
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(dashboard.screen, FindingsScreen)
        text = " ".join(str(s.render()) for s in dashboard.screen.query(".finding"))
        assert "5.785" in text or "6.603" in text
        await pilot.press("escape")
        assert not isinstance(dashboard.screen, FindingsScreen)


async def test_help_lists_keys_and_formulas() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(dashboard.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in dashboard.screen.query(Static))
        assert "tiếp nhận trực tuyến / hồ sơ tiếp nhận" in text  # in words, not measure ids
        assert "Resolution 71/NQ-CP" in text
        assert "✓" in text and "có nguy cơ" in text and "(2/3)" in text  # the legend


async def test_help_filters_as_you_type_and_scrolls_from_the_keyboard() -> None:
    dashboard = app()
    async with dashboard.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        body = dashboard.screen.query_one("#help-body")
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press(*"thanh toan")
        await pilot.pause()
        text = str(dashboard.screen.query_one("#help-text", Static).render())
        assert "Thanh toán trực tuyến" in text and "Hồ sơ trực tuyến" not in text
        assert body.scroll_y == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(dashboard.screen, HelpScreen)


async def test_q_quits_with_exit_code_0() -> None:
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert dashboard.return_code == 0


class StaticSource:
    """A source that serves a given snapshot (or fails after the first read)."""

    kind = "files"

    def __init__(self, snapshot: Snapshot, fail_after: int | None = None) -> None:
        self.snapshot, self.fail_after, self.reads = snapshot, fail_after, 0

    def describe(self) -> str:
        return "memory"

    def read(self, force: bool = False) -> ReadResult:
        self.reads += 1
        if self.fail_after is not None and self.reads > self.fail_after:
            raise SourceFailure("error", "feed file vanished")
        return ReadResult(self.snapshot)

    def next_delay(self, interval: float) -> float:
        return interval

    def close(self) -> None:
        pass


def big_snapshot(n: int = 11_000) -> Snapshot:
    units = {"T": Unit("T", "Tỉnh Lớn", "province")}
    units |= {f"C{i:05d}": Unit(f"C{i:05d}", f"Xã An {i}", "commune", "T") for i in range(n)}
    return Snapshot(units=units, observations={}, reported={})


async def test_finder_stays_bounded_with_11000_units() -> None:
    dashboard = app(source=StaticSource(big_snapshot()))
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press("a")
        await pilot.pause()
        screen = dashboard.screen
        assert isinstance(screen, FinderScreen)
        assert screen.query_one(Input).value == "a"
        assert screen.query_one(OptionList).option_count <= 200
        assert "200/11.000 kết quả" in str(screen.query_one("#finder-count", Static).render())


async def test_a_source_error_keeps_the_last_snapshot_and_says_so() -> None:
    from cchc_tui.feed.load import load_paths
    from cchc_tui.resources import default_fixtures_dir
    from tests.app_support import config

    source = StaticSource(load_paths([default_fixtures_dir()]), fail_after=1)
    dashboard = app(source=source)
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert dashboard.unit == "MP" and dashboard.snapshot is not None
        assert ("✗ LỖI NGUỒN: feed file vanished — số liệu đọc lúc 08:42:00"
                in header(dashboard))
        assert config().app.interval > 1


class GatedSource(StaticSource):
    """A source whose reads wait until the test opens the gate: a slow first read."""

    def __init__(self, snapshot: Snapshot, fail_after: int | None = None) -> None:
        super().__init__(snapshot, fail_after)
        self.gate = threading.Event()

    def read(self, force: bool = False) -> ReadResult:
        if not self.gate.wait(10):
            raise SourceFailure("error", "the test never opened the gate")
        return super().read(force)


def fixtures_snapshot() -> Snapshot:
    from cchc_tui.feed.load import load_paths
    from cchc_tui.resources import default_fixtures_dir

    return load_paths([default_fixtures_dir()])


async def test_a_slow_first_read_paints_the_frames_first_and_reads_once() -> None:
    source = GatedSource(fixtures_snapshot())
    dashboard = app(source=source)
    async with dashboard.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert dashboard.engine is None and dashboard.unit is None  # the read is under way
        # the frames, titled, before any figure; the header says the source is being read
        assert titles(dashboard) == ["Dịch vụ công trực tuyến", "Thanh toán không dùng tiền mặt",
                                     "Thư công vụ và văn bản điện tử",
                                     "Khoảng cách đến chỉ tiêu"]
        assert "đang đọc nguồn" in header(dashboard)
        await pilot.press("l")  # the language switched before any figure: the titles follow
        assert titles(dashboard)[0] == "Online services"
        await pilot.press("l")
        source.gate.set()
        await settle(pilot)
        assert source.reads == 1  # one read: the first frame did not start a second
        assert dashboard.unit == "MP" and dashboard.period == parse_period("2026-Q3")
        assert "● trực tiếp · đọc lúc 08:42:00" in header(dashboard)


async def test_a_first_read_that_fails_says_so_whichever_path_took_it() -> None:
    for source in (StaticSource(fixtures_snapshot(), fail_after=0),
                   GatedSource(fixtures_snapshot(), fail_after=0)):
        dashboard = app(source=source)
        async with dashboard.run_test(size=SIZE) as pilot:
            if isinstance(source, GatedSource):
                await pilot.pause()
                source.gate.set()
            with contextlib.suppress(WorkerFailed):  # the read's worker, when it took the read
                await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            assert source.reads == 1 and dashboard.snapshot is None
            assert "feed file vanished" in header(dashboard)


async def test_fixture_files_changed_on_disk_are_read_again(tmp_path: Path) -> None:
    import os
    import shutil

    from cchc_tui.model.periods import parse_period
    from cchc_tui.sources.fixtures import FixtureSource

    seed = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "000-phuong-song-cau.json"
    feed = tmp_path / "feed.json"
    shutil.copy(seed, feed)
    dashboard = app(source=FixtureSource(tmp_path))
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        first = dashboard.snapshot
        assert first is not None
        # Nothing changed: the poll does not re-read (same snapshot object).
        dashboard.read_source()
        await settle(pilot)
        assert dashboard.snapshot is first
        feed.write_text(feed.read_text(encoding="utf-8").replace('"value": 573', '"value": 600'),
                        encoding="utf-8")
        stat = feed.stat()
        os.utime(feed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        dashboard.read_source()
        await settle(pilot)
        assert dashboard.snapshot is not first
        assert dashboard.engine is not None
        value = dashboard.engine.result("01837", "online_dossier_rate", parse_period("2023")).value
        assert value == 100 * 600 / 1109  # computed as the portal does: 100 · n / d


async def test_command_palette_reaches_units_by_name() -> None:
    dashboard = app()
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"thach ban")
        # The palette searches asynchronously: wait until it lists a hit, not on the clock.
        from textual.command import CommandList

        for _ in range(500):
            await pilot.pause()
            if dashboard.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        assert dashboard.unit == "00124"


async def test_command_palette_finds_kpis_without_diacritics() -> None:
    dashboard = app()
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"thanh toan truc tuyen")
        from textual.command import CommandList

        for _ in range(500):  # the palette searches asynchronously: wait for its hits
            await pilot.pause()
            if dashboard.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        assert dashboard.ranking_kpi == "online_payment_rate"


async def test_page_keys_scroll_the_stacked_panels_at_80x24() -> None:
    dashboard = app()
    async with dashboard.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panels = dashboard.query_one("#panels")
        assert panels.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert panels.scroll_y > 0
        await pilot.press("pageup")
        await pilot.wait_for_scheduled_animations()
        assert panels.scroll_y == 0


def test_start_rules_are_generic_not_tied_to_the_fixtures() -> None:
    from cchc_tui.feed.load import load_paths
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.navigation import initial_period, initial_unit
    from cchc_tui.resources import default_fixtures_dir

    seeds = load_paths([default_fixtures_dir() / "seeds"])
    # Among the real reports the root with the longest history starts (no simulated set).
    root = initial_unit(seeds)
    assert root is not None and seeds.units[root].parent is None
    counts = {r: len(seeds.unit_periods(r)) for r in seeds.roots}
    assert counts[root] == max(counts.values())
    everything = load_paths([default_fixtures_dir()])
    engine = Engine(everything)
    unit = initial_unit(everything)
    assert unit == "MP"  # 36 months: the longest history
    # Monthly data up to 2026-10: the latest complete quarter, not the lone month.
    assert str(initial_period(engine, "MP")) == "2026-Q3"


async def test_names_from_the_feed_are_never_read_as_markup(tmp_path: Path) -> None:
    import json

    from textual.command import CommandList

    from cchc_tui.sources.fixtures import FixtureSource

    doc = {"format": "cchc-kpi-feed", "version": 1, "publisher": "[bold red]Evil[/] [",
           "units": [{"code": "P", "name": "Tỉnh [Thử] [/]", "level": "province"},
                     {"code": "C1", "name": "Xã [b]Một[/b]", "level": "commune", "parent": "P"}],
           "observations": [
               {"unit": "C1", "period": "2025-12", "measure": "dossiers_received", "value": 10},
               {"unit": "C1", "period": "2025-12", "measure": "dossiers_received_online",
                "value": 5}],
           "reported": [{"unit": "C1", "period": "2025-12", "kpi": "online_dossier_rate",
                         "value": 90, "note": "[red]note"}]}
    (tmp_path / "feed.json").write_text(json.dumps(doc), encoding="utf-8")
    dashboard = app(source=FixtureSource(tmp_path))
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "Tỉnh [Thử] [/]" in header(dashboard) and "[bold red]Evil[/] [" in header(dashboard)
        await pilot.press("ctrl+p", *"xa mot")
        for _ in range(500):  # the palette searches asynchronously: wait for its hits
            await pilot.pause()
            if dashboard.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        assert dashboard.unit == "C1"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape", "slash", *"mot", "enter")
        await settle(pilot)
        assert dashboard.unit == "C1" and dashboard.return_code is None


def _svg_text(svg: str) -> str:
    """The words of an exported SVG, as its <text> elements hold them."""
    import html
    import re

    words = html.unescape("".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
    return words.replace("\xa0", " ")


# (keys that open the screen, key that exports there, what the picture must show)
SCREENS = [
    ((), "e", "Khoảng cách đến chỉ tiêu"),
    (("2",), "e", "Thanh toán không dùng tiền mặt"),
    (("m",), "e", "CHẾ ĐỘ HỌP"),
    (("i",), "e", "766"),
    (("d",), "e", "Phát hiện"),
    (("question_mark",), "ctrl+e", "Trợ giúp"),
]


async def test_e_exports_from_every_screen_stamped_without_toasts(tmp_path: Path) -> None:
    from cchc_tui.app import make_app
    from tests.app_support import FIXED_NOW, config

    folder = tmp_path / "exports"
    dashboard = make_app(config(**{"app.export_dir": str(folder)}), clock=lambda: FIXED_NOW)
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for opening, key, shown in SCREENS:
            for name in folder.glob("*") if folder.exists() else ():
                name.unlink()
            await pilot.press(*opening)
            await settle(pilot)
            dashboard.notify("MỘT THÔNG BÁO KHÁC", timeout=60)  # a toast on screen
            await pilot.pause()
            await pilot.press(key)
            await settle(pilot)
            await settle(pilot)
            names = sorted(p.name for p in folder.iterdir())
            base = "Tinh-Mo-Phong_MP_2026-Q3_20261101-084200"
            assert {f"{base}.csv", f"{base}.md", f"{base}.svg"} <= set(names), opening
            words = _svg_text((folder / f"{base}.svg").read_text(encoding="utf-8"))
            assert shown in words, opening
            # the stamp is drawn inside, whole: unit, period in words, data date, time
            assert ("Tỉnh Mô Phỏng (MP) · Quý III/2026 · số liệu ngày 01/11/2026 08:00 · "
                    "xuất lúc 01/11/2026 08:42") in words, opening
            assert "MỘT THÔNG BÁO KHÁC" not in words and "Đã xuất" not in words, opening
            toast = dashboard._notifications
            assert any(f"Đã xuất vào {folder}: {base}" in n.message for n in toast), opening
            await pilot.press("escape")
            await settle(pilot)
            if opening == ("2",):
                await pilot.press("2")
                await settle(pilot)
        md = (folder / f"{base}.md").read_text(encoding="utf-8")
        assert "dữ liệu mô phỏng" in md and "xuất lúc 01/11/2026 08:42" in md


async def test_e_in_meeting_mode_exports_the_unit_on_screen(tmp_path: Path) -> None:
    from cchc_tui.app import make_app
    from tests.app_support import FIXED_NOW, config

    folder = tmp_path / "exports"
    dashboard = make_app(config(**{"app.export_dir": str(folder)}), clock=lambda: FIXED_NOW)
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "right")
        await settle(pilot)
        shown = dashboard.screen.shown  # type: ignore[attr-defined]
        assert shown != "MP"
        await pilot.press("e")
        await settle(pilot)
        await settle(pilot)
        assert dashboard.engine is not None
        name = dashboard.engine.snapshot.units[shown].name
        csv_files = list(folder.glob("*.csv"))
        assert len(csv_files) == 1 and f"_{shown}_" in csv_files[0].name
        assert name in csv_files[0].read_text(encoding="utf-8-sig")


async def test_e_typed_in_help_s_filter_is_a_letter(tmp_path: Path) -> None:
    from cchc_tui.app import make_app
    from tests.app_support import FIXED_NOW, config

    folder = tmp_path / "exports"
    dashboard = make_app(config(**{"app.export_dir": str(folder)}), clock=lambda: FIXED_NOW)
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark", "e")
        await settle(pilot)
        assert dashboard.screen.query_one("#help-filter", Input).value == "e"
        assert not folder.exists()


async def test_export_to_an_unwritable_folder_says_so(tmp_path: Path) -> None:
    from cchc_tui.app import make_app
    from tests.app_support import FIXED_NOW, config

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dashboard = make_app(config(**{"app.export_dir": str(blocker / "sub")}),
                         clock=lambda: FIXED_NOW)
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert any("Không xuất được vào" in n.message for n in dashboard._notifications)
        assert dashboard.return_code is None  # still running


async def test_the_palette_speaks_the_language_and_matches_without_diacritics() -> None:
    from cchc_tui.palette import SystemCommands

    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in dashboard.get_system_commands(dashboard.screen)]
        assert {"Bảng màu", "Thoát", "Phím", "Xuất"} <= set(titles)
        assert "Screenshot" not in titles and "Quit" not in titles
        palette_key = [b for bound in dashboard._bindings.key_to_bindings.values()
                       for b in bound if b.action == "command_palette"]
        assert palette_key and palette_key[0].description == "lệnh"
        provider = SystemCommands(dashboard.screen)
        hits = [h async for h in provider.search("xuat")]
        assert [str(h.match_display) for h in hits] == ["Xuất"]
        await pilot.press("l")
        await pilot.pause()
        titles = [c.title for c in dashboard.get_system_commands(dashboard.screen)]
        assert {"Theme", "Quit", "Export"} <= set(titles)


async def test_the_highlighted_ranking_row_keeps_its_status_legible() -> None:
    """The cursor's background is $primary, the colour of "on track": on the highlighted row
    the status word takes the cursor's own foreground, and gets its colour back once left."""
    dashboard = app()
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ranking = dashboard.query_one("#panel-gaps OptionList", OptionList)
        assert ranking.option_count >= 2 and ranking.highlighted == 0

        def status_cells(row: int) -> list[tuple[str, Any, Any]]:
            strip = ranking.render_line(row - ranking.scroll_offset.y)
            cells = [(seg.text, seg.style.color, seg.style.bgcolor) for seg in strip
                     if seg.style is not None and seg.text.strip()]
            return cells[-1:]  # the status word comes last

        for lit in (0, 1):
            ranking.highlighted = lit
            await pilot.pause()
            for row in (0, 1):
                ((text, fg, bg),) = status_cells(row)
                assert text.strip() and fg != bg, (row, text)
            prompt = ranking.get_option_at_index(lit).prompt
            assert isinstance(prompt, Content)
            assert [s.style for s in prompt.spans][-1] == "bold"
            other = ranking.get_option_at_index(1 - lit).prompt
            assert isinstance(other, Content) and [s.style for s in other.spans][-1] != "bold"
