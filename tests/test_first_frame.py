"""The first frame is drawn before the engine, the figures' view-models and the feed readers
are imported (DESIGN §8: first paint against a bare Textual app; bench/first_paint.py times
it). An import added at the top of a module on that path undoes it: this test says which."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# What the dashboard needs only once figures are read, and the libraries of other features.
AFTER_THE_FIRST_FRAME = (
    "cchc_tui.kpi.engine", "cchc_tui.kpi.findings", "cchc_tui.cells", "cchc_tui.viewmodel",
    "cchc_tui.report", "cchc_tui.feed.build", "cchc_tui.feed.json_feed", "cchc_tui.portal",
    "cchc_tui.sources.base", "cchc_tui.model.lookup", "plotext", "httpx",
)


def test_the_app_and_its_first_frame_import_none_of_the_figures_machinery() -> None:
    code = ("import json, sys\n"
            "from cchc_tui.config import load_config\n"
            "from cchc_tui.resources import default_config_dir\n"
            "from cchc_tui.app import make_app\n"
            "make_app(load_config(config_dir=default_config_dir()))\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    loaded = set(json.loads(done.stdout))
    early = [m for m in AFTER_THE_FIRST_FRAME if m in loaded]
    assert early == [], f"imported before the first frame: {early}"
    assert "cchc_tui.app" in loaded and "cchc_tui.frame" in loaded  # the check itself ran


def test_the_command_line_reaches_the_dashboard_without_them_too(tmp_path: Path) -> None:
    # `cchc-tui` as operators start it: the parser (report's --format among its choices) and
    # the config, up to the App's run, stopped there.
    code = ("import json, sys\n"
            "import textual.app\n"
            "textual.app.App.run = lambda self, *a, **k: print(json.dumps(sorted(sys.modules)))\n"
            "from cchc_tui.cli import main\n"
            "sys.argv = ['cchc-tui']\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "CCHC_TUI_STATE_DIR": str(tmp_path)})
    loaded = set(json.loads(done.stdout.splitlines()[0]))
    early = [m for m in AFTER_THE_FIRST_FRAME if m in loaded]
    assert early == [], f"imported before the first frame: {early}"
    assert "cchc_tui.app" in loaded
