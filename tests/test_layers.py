"""The layers hold: no core module pulls in Textual or plotext, each checked in a fresh
interpreter (an import elsewhere in the test run would hide it)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import cchc_tui

# The screen: these may import Textual. Everything else is core.
UI = ("cchc_tui.app", "cchc_tui.palette", "cchc_tui.keys", "cchc_tui.widgets", "cchc_tui.screens",
      "cchc_tui.commands.dashboard", "cchc_tui.commands.web", "cchc_tui.__main__")
SCREEN_PACKAGES = ("textual", "plotext", "textual_plotext")


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(cchc_tui.__path__, "cchc_tui.")]
    return sorted(n for n in names if not n.startswith(UI))


def test_the_list_of_core_modules_is_not_empty() -> None:
    assert {"cchc_tui.config", "cchc_tui.kpi.engine", "cchc_tui.sources.base",
            "cchc_tui.polling", "cchc_tui.viewmodel"} <= set(core_modules())


@pytest.mark.parametrize("module", core_modules())
def test_a_core_module_imports_without_the_screen(module: str) -> None:
    code = (f"import sys, importlib; importlib.import_module({module!r}); "
            f"print([m for m in sys.modules if m.split('.')[0] in {SCREEN_PACKAGES!r}])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0 and "ModuleNotFoundError" in out.stderr \
            and "cchc_tui" not in out.stderr.strip().splitlines()[-1]:
        pytest.skip(f"{module} needs an optional extra: {out.stderr.strip().splitlines()[-1]}")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_headless_report_runs_without_the_screen() -> None:
    code = ("import sys; from cchc_tui.cli import main; "
            "code = main(['report', '--unit', 'song cau', '--format', 'json']); "
            "assert code == 0; "
            f"bad = [m for m in sys.modules if m.split('.')[0] in {SCREEN_PACKAGES!r}]; "
            "assert not bad, bad")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
