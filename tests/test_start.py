"""Where the dashboard opens: --unit, --period, --meeting, and what it remembers."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_tui.app import CchcApp, StartAt, make_app
from cchc_tui.model.periods import parse_period
from cchc_tui.screens.meeting import MeetingScreen
from cchc_tui.state import Remembered, load_state, save_state
from tests.app_support import FIXED_NOW, config, settle

SIZE = (120, 36)


def dashboard(start: StartAt, lang: str = "vi") -> CchcApp:
    return make_app(config(**{"app.lang": lang}), clock=lambda: FIXED_NOW, start=start)


async def test_unit_and_period_by_name() -> None:
    app = dashboard(StartAt("song cau", parse_period("2023")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.unit == "01837" and str(app.period) == "2023"
        assert not app._notifications


async def test_a_unit_that_names_nothing_is_told_and_the_default_shown() -> None:
    app = dashboard(StartAt("khong co xa nay"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.unit == "MP"  # the default start
        assert any("Không có đơn vị nào khớp với 'khong co xa nay'" in n.message
                   for n in app._notifications)


async def test_a_period_without_figures_is_told() -> None:
    app = dashboard(StartAt("song cau", parse_period("2099")), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.unit == "01837" and str(app.period) != "2099"
        assert any(n.message.startswith("--period: no figures for 2099")
                   for n in app._notifications)


async def test_meeting_mode_from_the_start() -> None:
    app = dashboard(StartAt("song cau", meeting=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen.origin == "01837"


async def test_the_remembered_unit_is_used_when_it_exists() -> None:
    app = dashboard(StartAt(remembered_unit="01837"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.unit == "01837"
    app = dashboard(StartAt(remembered_unit="GONE"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.unit == "MP" and not app._notifications


def test_state_round_trip_and_garbage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_TUI_STATE_DIR", str(tmp_path / "st"))
    assert load_state() == Remembered()
    save_state(Remembered("en", "textual-light", "01837"))
    assert load_state() == Remembered("en", "textual-light", "01837")
    (tmp_path / "st" / "state.json").write_text('{"lang": "fr", "unit": 3, "x": 1}')
    assert load_state() == Remembered()
    (tmp_path / "st" / "state.json").write_text("not json")
    assert load_state() == Remembered()
