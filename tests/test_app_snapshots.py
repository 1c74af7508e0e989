"""What the dashboard looks like (pytest-textual-snapshot), with a fixed clock.

Regenerate after a deliberate change: `pytest tests/test_app_snapshots.py --snapshot-update`,
then look at the SVGs in tests/__snapshots__/.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.app_support import app, settle


async def _loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_dashboard_120x36_vi(snap_compare: Any) -> None:
    assert snap_compare(app("vi"), terminal_size=(120, 36), run_before=_loaded)


def test_dashboard_80x24_vi(snap_compare: Any) -> None:
    assert snap_compare(app("vi"), terminal_size=(80, 24), run_before=_loaded)


def test_dashboard_120x36_en(snap_compare: Any) -> None:
    assert snap_compare(app("en"), terminal_size=(120, 36), run_before=_loaded)


def test_gaps_zoomed_120x36_vi(snap_compare: Any) -> None:
    async def zoom(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(app("vi"), terminal_size=(120, 36), run_before=zoom)
