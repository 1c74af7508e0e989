"""Time from process start to first paint: the dashboard on the fixtures vs a minimal Textual app.

DESIGN §8: first paint on the fixtures ≤ 2× a minimal Textual app's (aim 1,5×). Each run is a
fresh `python -c` process (imports included), headless at 120×36; the two kinds alternate. The
clock starts just before the process is spawned and stops in the child at the end of the first
screen refresh that drew the content: the greeting for the minimal app; the KPI rows and the
gap table with the source's figures for the dashboard (CLOCK_MONOTONIC is system-wide on
Linux, so the two ends compare). Until 06/12/2026 the dashboard's clock stopped at a
`call_after_refresh` callback, which now and then ran before the panels were drawn.

    python bench/first_paint.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SIZE = "(120, 36)"

# Both children stop at the end of the first compositor refresh that drew their content.
STOP_AT_PAINT = """
import time
from textual.screen import Screen

painted = [0.0]
drawn = set()  # the widgets (by name) drawn since the content was ready
_refresh = Screen._compositor_refresh

def _stop_when_drawn(screen):
    drawn.clear()
    _refresh(screen)
    if not painted[0] and ready() and WANTED <= drawn:
        painted[0] = time.perf_counter()
        screen.app.exit()

Screen._compositor_refresh = _stop_when_drawn

def drawing(cls):
    render = cls.render
    def render_and_note(self):
        if ready():
            drawn.add(cls.__name__)
        return render(self)
    cls.render = render_and_note
"""

MINIMAL = STOP_AT_PAINT + f"""
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Xin chào")

WANTED = {{"Static"}}
ready = lambda: True
drawing(Static)
app = Minimal()
app.run(headless=True, size={SIZE})
print(repr(painted[0]))
"""

DASHBOARD = STOP_AT_PAINT + f"""
from cchc_tui.app import make_app
from cchc_tui.config import load_config
from cchc_tui.resources import default_config_dir
from cchc_tui.widgets.gaps import GapTable
from cchc_tui.widgets.kpi_panel import KpiRows

app = make_app(load_config(config_dir=default_config_dir()))
WANTED = {{"KpiRows", "GapTable"}}
ready = lambda: app._shown is not None  # the panels hold the source worker's figures
drawing(KpiRows)
drawing(GapTable)
app.run(headless=True, size={SIZE})
print(repr(painted[0]))
"""


def first_paint(code: str) -> tuple[float, float]:
    """(seconds to first paint, seconds to process exit), both from just before the spawn."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=False)
    ended = time.perf_counter()
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        sys.exit(f"the child failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    painted = float(lines[-1])
    if painted <= 0:
        sys.exit("the child exited without painting")
    return painted - start, ended - start


def measure(quick: bool = False, runs: int = 0) -> dict[str, float]:
    runs = runs or (5 if quick else 11)
    first_paint(MINIMAL)  # warm the page cache and the .pyc files
    first_paint(DASHBOARD)
    minimal: list[tuple[float, float]] = []
    dashboard: list[tuple[float, float]] = []
    for _ in range(runs):
        minimal.append(first_paint(MINIMAL))
        dashboard.append(first_paint(DASHBOARD))
    m_paint, m_exit = (statistics.median(t[i] for t in minimal) for i in (0, 1))
    d_paint, d_exit = (statistics.median(t[i] for t in dashboard) for i in (0, 1))
    return {"runs": runs, "first_paint_minimal_ms": m_paint * 1000,
            "first_paint_ms": d_paint * 1000, "first_paint_ratio": d_paint / m_paint,
            "exit_minimal_ms": m_exit * 1000, "exit_ms": d_exit * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 runs each instead of 11")
    parser.add_argument("--runs", type=int, default=0)
    args = parser.parse_args()
    got = measure(args.quick, args.runs)
    print(f"first paint from process start, headless {SIZE}; "
          f"median of {got['runs']} interleaved runs each")
    print(f"{'app':<34}{'first paint':>12}{'ratio':>8}{'exit':>10}")
    print(f"{'minimal Textual app (baseline)':<34}{got['first_paint_minimal_ms']:>10.0f}ms"
          f"{1:>7.2f}×{got['exit_minimal_ms']:>8.0f}ms")
    print(f"{'cchc-tui dashboard, fixtures':<34}{got['first_paint_ms']:>10.0f}ms"
          f"{got['first_paint_ratio']:>7.2f}×{got['exit_ms']:>8.0f}ms   bar ≤ 2×, aim 1,5×")


if __name__ == "__main__":
    main()
