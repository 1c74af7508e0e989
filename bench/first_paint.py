"""Time from process start to first paint: the dashboard on the fixtures vs a minimal Textual app.

DESIGN §8: first paint on the fixtures ≤ 2× a minimal Textual app's (aim 1,5×). Each run is a
fresh `python -c` process (imports included), headless at 120×36; the two kinds alternate. The
clock starts just before the process is spawned and stops in the child right after the first
refresh that shows data (CLOCK_MONOTONIC is system-wide on Linux, so the two ends compare).

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

MINIMAL = f"""
import time
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    painted = 0.0
    def compose(self):
        yield Static("Xin chào")
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        self.painted = time.perf_counter()
        self.exit()

app = Minimal()
app.run(headless=True, size={SIZE})
print(repr(app.painted))
"""

DASHBOARD = f"""
import time
from cchc_tui.app import make_app
from cchc_tui.config import load_config
from cchc_tui.resources import default_config_dir

app = make_app(load_config(config_dir=default_config_dir()))
painted = [0.0]
render_now = app._render_now

def done():
    painted[0] = time.perf_counter()
    app.exit()

def render_and_stop():
    render_now()
    # the panels now hold the source worker's figures: wait for them to reach the screen
    if app.engine is not None and not painted[0]:
        painted[0] = -1.0
        app.call_after_refresh(done)

app._render_now = render_and_stop  # (CSS_PATH keeps a subclass from living in `-c`)
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
