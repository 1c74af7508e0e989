"""CPU used by the dashboard between polls, from /proc: DESIGN §8 wants ≤ 2 % of a core.

The dashboard runs headless on the bundled fixtures with a 30 s interval; once it has
painted, the child's user + system time (from /proc/PID/stat) is read over a window with
no poll in it, and divided by the window's length. The baseline is a minimal Textual app
idling the same way, measured in the same invocation.

    python bench/idle_cpu.py [--quick] [--seconds N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

READY = "painted"

DASHBOARD = """
import sys
from cchc_tui.app import make_app
from cchc_tui.config import load_config
from cchc_tui.resources import default_config_dir

app = make_app(load_config(config_dir=default_config_dir(),
                           overrides={"app.interval": 3600}))

def ready():
    print("painted", flush=True)

app.call_later(lambda: app.set_timer(2, ready))
app.run(headless=True, size=(120, 36))
"""

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Xin chào")
    def on_mount(self):
        self.set_timer(2, lambda: print("painted", flush=True))

Minimal().run(headless=True, size=(120, 36))
"""


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def idle_percent(code: str, seconds: float) -> float:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        assert child.stdout is not None
        if child.stdout.readline().strip() != READY:
            sys.exit("the child did not start")
        before, start = cpu_seconds(child.pid), time.monotonic()
        time.sleep(seconds)
        used, elapsed = cpu_seconds(child.pid) - before, time.monotonic() - start
    finally:
        child.kill()
        child.wait()
    return 100.0 * used / elapsed


def measure(quick: bool = False, seconds: float = 0) -> dict[str, float]:
    window = seconds or (10.0 if quick else 30.0)
    return {"idle_cpu_percent": idle_percent(DASHBOARD, window),
            "idle_cpu_minimal_percent": idle_percent(MINIMAL, window)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 10 s window instead of 30 s")
    parser.add_argument("--seconds", type=float, default=0)
    args = parser.parse_args()
    got = measure(args.quick, args.seconds)
    print(f"{'app':<36}{'CPU while idle':>16}")
    print(f"{'minimal Textual app (baseline)':<36}{got['idle_cpu_minimal_percent']:>14.2f} %")
    print(f"{'cchc-tui dashboard, fixtures':<36}{got['idle_cpu_percent']:>14.2f} %"
          "   bar ≤ 2 %, aim 1 %")


if __name__ == "__main__":
    main()
