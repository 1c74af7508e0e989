"""Key-to-screen time in the unit finder with 11.000 units vs a bare echo app (in process).

DESIGN §8: a keystroke in the unit finder with 11.000 units loaded ≤ 1,5× a bare echo app's
key-to-screen time (aim 1,3×). Both run under `App.run_test()` at 120×36. A keystroke is timed
from posting the key event until a screen refresh has painted the change (`wait_for_refresh`,
then a check that the widgets show it); `pilot.press`/`pause` are not timed, as they sleep in
20 ms steps waiting for the CPU to go idle. Frames are paced at Textual's 60 fps, as live.
The keys alternate a letter and backspace (`x` ⇄ `xa`), so every finder keystroke refills its
capped list from all 11.000 units. Rounds alternate the two apps; the median per keystroke is
printed.

    python bench/finder_keystroke.py [--quick] [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from cchc_tui.app import make_app
from cchc_tui.config import load_config
from cchc_tui.model.snapshot import Snapshot, Unit
from cchc_tui.resources import default_config_dir
from cchc_tui.screens.finder import FinderScreen
from cchc_tui.sources.memory import MemorySource

SIZE = (120, 36)
KEYS = ("a", "backspace") * 10  # per round and app


class Echo(App[None]):
    """An Input whose value is mirrored into a Static."""

    def compose(self) -> ComposeResult:
        yield Input(id="echo-input")
        yield Static(id="echo-out", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(Static).update(event.value)


def big_snapshot(n: int = 11_000) -> Snapshot:
    """As tests/test_app.py builds it: one province, n communes named "Xã An {i}"."""
    units = {"T": Unit("T", "Tỉnh Lớn", "province")}
    units |= {f"C{i:05d}": Unit(f"C{i:05d}", f"Xã An {i}", "commune", "T") for i in range(n)}
    return Snapshot(units=units, observations={}, reported={})


async def keystrokes(pilot: Pilot[Any], shown: Any, times: list[float]) -> None:
    """Type `x`, then time each key of KEYS until a refresh finds `shown(expected value)`."""
    app = pilot.app
    await pilot.press("x")
    await pilot.pause()
    value = "x"
    for key in KEYS:
        value = value[:-1] if key == "backspace" else value + key
        start = time.perf_counter()
        app.post_message(events.Key(key, key if len(key) == 1 else None))
        # Screen callbacks run once the screen is idle with nothing left to paint.
        while not (await app.screen.wait_for_refresh() and shown(value)):
            if time.perf_counter() - start > 10:
                raise SystemExit(f"the screen never showed {value!r}")
        times.append(time.perf_counter() - start)


async def echo_round(times: list[float]) -> None:
    app = Echo()
    async with app.run_test(size=SIZE) as pilot:
        out = app.query_one(Static)
        await keystrokes(pilot, lambda v: str(out.render()) == v, times)


async def finder_round(snapshot: Snapshot, times: list[float]) -> None:
    config = load_config(config_dir=default_config_dir())
    app = make_app(config, source=MemorySource(snapshot))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FinderScreen), "the finder did not open"
        box, options = screen.query_one(Input), screen.query_one(OptionList)
        count = screen.query_one("#finder-count", Static)

        def shown(value: str) -> bool:
            return (box.value == value and options.option_count == 200
                    and "200/11.000 " in str(count.render()))

        await keystrokes(pilot, shown, times)


async def run(rounds: int) -> tuple[list[float], list[float]]:
    snapshot = big_snapshot()
    echo: list[float] = []
    finder: list[float] = []
    await echo_round([])  # warm-up: imports, CSS parsing, caches
    await finder_round(snapshot, [])
    for _ in range(rounds):
        await echo_round(echo)
        await finder_round(snapshot, finder)
    return echo, finder


def measure(quick: bool = False, rounds: int = 0) -> dict[str, float]:
    rounds = rounds or (3 if quick else 7)
    echo, finder = asyncio.run(run(rounds))
    e, f = statistics.median(echo), statistics.median(finder)
    return {"rounds": rounds, "keys": len(echo), "keystroke_echo_ms": e * 1000,
            "keystroke_ms": f * 1000, "keystroke_ratio": f / e}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 7")
    parser.add_argument("--rounds", type=int, default=0)
    args = parser.parse_args()
    got = measure(args.quick, args.rounds)
    print(f"key to screen, run_test {SIZE}; {got['rounds']:.0f} alternating rounds × "
          f"{len(KEYS)} keys, median per keystroke ({got['keys']:.0f} each)")
    print(f"{'app':<40}{'median':>10}{'ratio':>8}")
    print(f"{'bare echo app (baseline)':<40}{got['keystroke_echo_ms']:>8.1f}ms{1:>7.2f}×")
    print(f"{'unit finder, 11.001 units (11.000 match)':<40}{got['keystroke_ms']:>8.1f}ms"
          f"{got['keystroke_ratio']:>7.2f}×   bar ≤ 1,5×, aim 1,3×")


if __name__ == "__main__":
    main()
