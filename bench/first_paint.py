"""Time from process start to first paint: the dashboard on the fixtures vs a minimal Textual app.

DESIGN §8: first paint on the fixtures ≤ 2× a minimal Textual app's (aim 1,5×). Each run is a
fresh `python -c` process (imports included), headless at 120×36; the two kinds alternate. The
clock starts just before the process is spawned and stops in the child at the end of a screen
refresh (CLOCK_MONOTONIC is system-wide on Linux, so the two ends compare):
- the minimal app: the first refresh that drew its greeting;
- the dashboard's first paint: the first refresh that drew the header and every panel's frame
  (issue 11: "paint the header and panel frames first", the engine imported after);
- the dashboard's figures: the first refresh that drew the KPI rows and the gap table with the
  source's figures, in the same process (reported as `first_figures_ratio`, no bar of its own).
Until 07/12/2026 the first paint waited for the figures: the read ran before the first frame.

    python bench/first_paint.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SIZE = "(120, 36)"

# A child records the end of the first refresh after which every stage's widgets (by class
# name) have been drawn, stage by stage, and exits after the last stage.
STOP_AT_PAINT = """
import time
from textual.screen import Screen

painted = []  # perf_counter() at the end of each stage's refresh
drawn = set()  # the widgets (by name) drawn in this refresh
_refresh = Screen._compositor_refresh

def _stop_when_drawn(screen):
    drawn.clear()
    _refresh(screen)
    while len(painted) < len(STAGES):
        wanted, ready = STAGES[len(painted)]
        if not (ready() and wanted <= drawn):
            break
        painted.append(time.perf_counter())
    if len(painted) == len(STAGES):
        screen.app.exit()

Screen._compositor_refresh = _stop_when_drawn

def drawing(*classes):
    for cls in classes:
        render = cls.render
        def render_and_note(self, render=render, name=cls.__name__):
            drawn.add(name)
            return render(self)
        cls.render = render_and_note
"""

MINIMAL = STOP_AT_PAINT + f"""
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Xin chào")

STAGES = [({{"Static"}}, lambda: True)]
drawing(Static)
app = Minimal()
app.run(headless=True, size={SIZE})
print(repr(painted))
"""

DASHBOARD = STOP_AT_PAINT + f"""
from cchc_tui.app import make_app
from cchc_tui.config import load_config
from cchc_tui.resources import default_config_dir
from cchc_tui.widgets.gaps import GapsPanel, GapTable
from cchc_tui.widgets.header import StatusHeader
from cchc_tui.widgets.kpi_panel import KpiPanel, KpiRows

app = make_app(load_config(config_dir=default_config_dir()))
STAGES = [
    ({{"StatusHeader", "KpiPanel", "GapsPanel"}}, lambda: True),  # the frame
    ({{"KpiRows", "GapTable"}}, lambda: app._shown is not None),  # the source's figures
]
drawing(StatusHeader, KpiPanel, GapsPanel, KpiRows, GapTable)
app.run(headless=True, size={SIZE})
print(repr(painted))
"""


def first_paint(code: str) -> tuple[list[float], float]:
    """(seconds to each stage's paint, seconds to process exit), from just before the spawn."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=False)
    ended = time.perf_counter()
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        sys.exit(f"the child failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    painted = [float(t) for t in lines[-1].strip("[]").split(",") if t.strip()]
    if not painted:
        sys.exit("the child exited without painting")
    return [t - start for t in painted], ended - start


def measure(quick: bool = False, runs: int = 0) -> dict[str, float]:
    runs = runs or (5 if quick else 11)
    # The baseline's Textual is installed, its bytecode compiled by pip; cchc-tui is read from
    # this checkout. With PYTHONDONTWRITEBYTECODE set (as on these machines) nothing would
    # write its .pyc and every run would compile ~40 modules: compile them once, as an install.
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "cchc_tui", quiet=1)
    first_paint(MINIMAL)  # warm the page cache
    first_paint(DASHBOARD)
    minimal: list[tuple[list[float], float]] = []
    dashboard: list[tuple[list[float], float]] = []
    for _ in range(runs):
        minimal.append(first_paint(MINIMAL))
        dashboard.append(first_paint(DASHBOARD))
    m_paint = statistics.median(t[0][0] for t in minimal)
    d_paint = statistics.median(t[0][0] for t in dashboard)
    d_figures = statistics.median(t[0][-1] for t in dashboard)
    return {"runs": runs, "first_paint_minimal_ms": m_paint * 1000,
            "first_paint_ms": d_paint * 1000, "first_paint_ratio": d_paint / m_paint,
            "first_figures_ms": d_figures * 1000, "first_figures_ratio": d_figures / m_paint,
            "exit_minimal_ms": statistics.median(t[1] for t in minimal) * 1000,
            "exit_ms": statistics.median(t[1] for t in dashboard) * 1000}


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
    print(f"{'cchc-tui dashboard: the frame':<34}{got['first_paint_ms']:>10.0f}ms"
          f"{got['first_paint_ratio']:>7.2f}×{got['exit_ms']:>8.0f}ms   bar ≤ 2×, aim 1,5×")
    print(f"{'cchc-tui dashboard: the figures':<34}{got['first_figures_ms']:>10.0f}ms"
          f"{got['first_figures_ratio']:>7.2f}×")


if __name__ == "__main__":
    main()
