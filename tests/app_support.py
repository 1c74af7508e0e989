"""Helpers for the UI tests: the app on the bundled fixtures with a fixed clock."""

from __future__ import annotations

import asyncio
from datetime import datetime

from textual.pilot import Pilot
from textual.worker import WorkerFailed

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
    """Wait for the workers, then for the messages they posted. A worker cancelled on purpose
    (a newer key supersedes older work) is finished, not a failure: waiting with
    `wait_for_complete` raised WorkerCancelled for it, a race that failed a test now and then."""
    for _ in range(100):
        unfinished = [w for w in pilot.app.workers if not w.is_finished]
        if not unfinished:
            break
        results = await asyncio.gather(*(w.wait() for w in unfinished if w.is_running),
                                       return_exceptions=True)
        for result in results:  # a real failure still fails the test
            if isinstance(result, WorkerFailed):
                raise result
        await asyncio.sleep(0)  # a pending worker starts on the next turn of the loop
    await pilot.pause()
    await pilot.pause()
