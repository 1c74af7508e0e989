"""Helpers for the UI tests: the app on the bundled fixtures with a fixed clock."""

from __future__ import annotations

from datetime import datetime

from textual.pilot import Pilot

from cchc_tui.app import CchcApp, make_app
from cchc_tui.config import Config, load_config
from cchc_tui.resources import default_config_dir
from cchc_tui.sources.base import Source

FIXED_NOW = datetime(2026, 11, 1, 8, 42)


def config(**overrides: object) -> Config:
    return load_config(config_dir=default_config_dir(), overrides=overrides or None)


def app(lang: str = "vi", source: Source | None = None) -> CchcApp:
    return make_app(config(**{"app.lang": lang}), source=source, clock=lambda: FIXED_NOW)


async def settle(pilot: Pilot[object]) -> None:
    """Wait for the source worker, then for the messages it posted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
