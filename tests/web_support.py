"""Support for the web tests: a `cchc-tui web` server in a subprocess, its sessions in /proc."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wait_until(condition: Callable[[], bool], timeout: float = 60) -> bool:
    """Poll `condition` (a process appearing or ending) until it holds or `timeout` passes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def sessions_of(server_pid: int) -> set[int]:
    """Live dashboard processes started by the web server `server_pid` (found by the
    environment it gives them, so an orphan is found too)."""
    marker = f"CCHC_TUI_WEB_PARENT={server_pid}".encode()
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            found.add(int(entry.name))
    return found


@contextmanager
def web_server(source: str, *extra: str, env: dict[str, str] | None = None,
               log: Path | None = None) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`cchc-tui web --port 0 --source SOURCE …`; yields the process and the page's URL."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    stderr = open(log, "w") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "cchc_tui", "web", "--port", "0", "--source", source,
         "--interval", "600", *extra],
        stdout=subprocess.PIPE, stderr=stderr, text=True, env=environment)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, f"no URL in {line!r}"
        yield proc, url[0]
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
            if log is not None:
                stderr.close()
