"""A unit switch with the national feed: key press → repainted panels, vs a bare repaint.

DESIGN §8: a unit switch with the national feed ≤ 100 ms key to screen (aim 50), never
blocking the UI thread. Each `]` moves to the next province, whose figures were never
computed before the previous screen was shown; between two keys the app finishes its
background work, as it does while a person reads the screen (it computes the neighbours'
figures then). The baseline is the same app, same screen, showing the panels it already
shows again (a key whose action re-shows the current views). Under `run_test()`.

A key is timed as in finder_keystroke.py: from posting the key event until a screen refresh
after the panels show the unit (`wait_for_refresh`); `pilot.press`/`pause` are not timed,
as they sleep in 20 ms steps until the CPU is idle (three of them, ≥ 60 ms a key, were
measured before 06/12/2026 on both sides). Frames are paced at Textual's 60 fps, as live.

    python bench/unit_switch.py [--quick] [--switches N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national_feed import national_feed  # noqa: E402
from textual import events  # noqa: E402
from textual.binding import Binding  # noqa: E402

import cchc_tui.app  # noqa: E402
from cchc_tui.app import CchcApp  # noqa: E402
from cchc_tui.config import load_config  # noqa: E402
from cchc_tui.feed.build import build_snapshot  # noqa: E402
from cchc_tui.feed.load import decode_bytes  # noqa: E402
from cchc_tui.model.snapshot import Snapshot  # noqa: E402
from cchc_tui.resources import default_config_dir  # noqa: E402
from cchc_tui.sources.memory import MemorySource  # noqa: E402

SIZE = (120, 36)


class Measured(CchcApp):
    CSS_PATH = str(Path(cchc_tui.app.__file__).with_name("app.tcss"))
    BINDINGS = [Binding("x", "repaint", "")]
    shows = 0  # views shown so far

    def _show_views(self, key: Any, views: Any) -> None:
        self.shows += 1
        super()._show_views(key, views)

    def action_repaint(self) -> None:
        """The baseline: show the current views again (no computation), then repaint."""
        shown = self._shown
        if shown is not None:
            self._shown = None
            self._render_now()


async def shown(app: Measured, pilot: Any, unit: str) -> None:
    """Until the panels show `unit`, and the screen has been repainted."""
    while app._shown is None or app._shown[1] != unit:
        await asyncio.sleep(0.0005)
    await pilot.pause()


async def timed_key(app: Measured, key: str, unit: str) -> float:
    """Seconds from posting `key` until a refresh after the panels show `unit`."""
    shows = app.shows
    start = time.perf_counter()
    app.post_message(events.Key(key, None))
    # Screen callbacks run once the screen is idle with nothing left to paint: the refresh
    # after the one that finds the views shown has painted them.
    while app.shows == shows or app._shown is None or app._shown[1] != unit:
        await app.screen.wait_for_refresh()
        if time.perf_counter() - start > 30:
            raise SystemExit(f"the screen never showed {unit}")
    await app.screen.wait_for_refresh()
    return time.perf_counter() - start


async def read_for_a_moment(app: Measured) -> None:
    """A person reads the screen (a second) before the next key; the app's background work
    (computing the neighbours, started a moment after the screen is shown) ends meanwhile."""
    await asyncio.sleep(1.0)
    while app.workers:
        await asyncio.sleep(0.005)


async def run(snapshot: Snapshot, switches: int) -> tuple[list[float], list[float]]:
    config = load_config(config_dir=default_config_dir())
    app = Measured(config, source=MemorySource(snapshot))
    switch, repaint = [], []
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        provinces = snapshot.roots
        app.select_unit(provinces[0])
        await shown(app, pilot, provinces[0])
        for i in range(1, switches + 1):
            await read_for_a_moment(app)
            switch.append(await timed_key(app, "right_square_bracket", provinces[i]))
            await read_for_a_moment(app)
            repaint.append(await timed_key(app, "x", provinces[i]))
    return switch, repaint


def measure(quick: bool = False, switches: int = 0) -> dict[str, float]:
    snapshot = build_snapshot([decode_bytes(national_feed(), "national.json")])
    switch, repaint = asyncio.run(run(snapshot, switches or (5 if quick else 12)))
    s, r = statistics.median(switch), statistics.median(repaint)
    return {"unit_switch_ms": s * 1000, "unit_switch_repaint_ms": r * 1000,
            "unit_switch_ratio": s / r, "unit_switch_max_ms": max(switch) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 switches instead of 12")
    parser.add_argument("--switches", type=int, default=0)
    args = parser.parse_args()
    got = measure(args.quick, args.switches)
    print(f"unit switch (`]` to the next province, cold), national feed, run_test {SIZE}")
    print(f"{'what':<40}{'median':>10}{'ratio':>8}")
    print(f"{'repaint the same screen (baseline)':<40}{got['unit_switch_repaint_ms']:>8.1f}ms"
          f"{1:>7.2f}×")
    print(f"{'switch to the next province':<40}{got['unit_switch_ms']:>8.1f}ms"
          f"{got['unit_switch_ratio']:>7.2f}×   bar ≤ 100 ms, aim 50 ms "
          f"(slowest {got['unit_switch_max_ms']:.0f} ms)")


if __name__ == "__main__":
    main()
