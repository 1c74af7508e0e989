"""Statuses read in every terminal: four colours that stay four in 256 and 16 colours, and
under NO_COLOR a behind (✗) drawn bright and bold, never as a dim grey."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color
from textual.style import Style

from cchc_tui.app import CchcApp
from cchc_tui.widgets.draw import STATUS_STYLE
from tests.app_support import app, settle

JUDGED = ("met", "on_track", "at_risk", "behind")


def status_styles(variables: dict[str, str]) -> dict[str, Style]:
    return {s: Style.parse(STATUS_STYLE[s], variables) for s in STATUS_STYLE}


def downgraded(style: Style, system: ColorSystem) -> int | None:
    assert style.foreground is not None
    rich = RichColor.parse(style.foreground.hex)
    return rich.downgrade(system).number


@pytest.mark.parametrize("theme", ["textual-dark", "cchc-projector"])
@pytest.mark.parametrize("system", [ColorSystem.EIGHT_BIT, ColorSystem.STANDARD])
async def test_four_statuses_four_colours(theme: str, system: ColorSystem) -> None:
    dashboard = app()
    async with dashboard.run_test(size=(80, 24)) as pilot:
        dashboard.theme = theme
        await pilot.pause()
        styles = status_styles(dashboard.get_css_variables())
        colours = [downgraded(styles[s], system) for s in JUDGED]
        assert len(set(colours)) == 4, dict(zip(JUDGED, colours, strict=True))
        assert styles["behind"].bold


async def test_no_color_gives_every_status_a_bright_grey(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    dashboard = app()
    async with dashboard.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert dashboard.no_color and dashboard.theme == "cchc-no-color"
        styles = status_styles(dashboard.get_css_variables())
        background = Color.parse(dashboard.get_css_variables()["background"])
        for name in JUDGED:
            fg = styles[name].foreground
            assert fg is not None and not styles[name].dim
            grey = fg.monochrome  # what Textual's NO_COLOR filter draws
            assert grey.brightness - background.brightness >= 0.8, name
        assert styles["behind"].bold


def test_no_color_theme_is_not_remembered(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    from cchc_tui.commands.dashboard import run_dashboard
    from cchc_tui.state import STATE_ENV, load_state
    from tests.app_support import config

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv(STATE_ENV, str(tmp_path))

    def run(self: CchcApp) -> None:  # no terminal here: the app only takes NO_COLOR's theme
        self.theme = "cchc-no-color"

    monkeypatch.setattr(CchcApp, "run", run)
    run_dashboard(config())
    saved = load_state(tmp_path / "state.json")
    assert saved.lang == "vi" and saved.theme != "cchc-no-color"
