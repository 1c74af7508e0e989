"""Helpers shared by the test files: write a feed to disk, a minimal valid feed, run the CLI.

Import them in a test file with `from tests.helpers import minimal_doc, write_feed` (`tests`
is a package, and pytest puts the repository root on sys.path). The fixtures are in
conftest.py.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

GENERATED_AT = "2024-04-23T08:00:00+07:00"

_MINIMAL: dict[str, Any] = {
    "format": "cchc-kpi-feed",
    "version": 1,
    "generated_at": GENERATED_AT,
    "publisher": "cchc-tui tests (dữ liệu mô phỏng)",
    "units": [
        {"code": "06", "name": "Tỉnh Bắc Kạn", "level": "province"},
        {"code": "058", "name": "Thành phố Bắc Kạn", "level": "district", "parent": "06"},
        {"code": "01837", "name": "Phường Sông Cầu", "level": "commune", "parent": "058"},
    ],
    "observations": [
        {"unit": "01837", "period": "2023", "measure": "dossiers_received", "value": 1109},
    ],
}


def minimal_doc() -> dict[str, Any]:
    """A fresh, valid long-form feed: 3 units (06 → 058 → 01837) and one observation.

    Every call returns a new deep copy, so a test may change it freely.
    """
    return copy.deepcopy(_MINIMAL)


def write_feed(tmp_path: Path, name: str, doc: dict[str, Any] | list[Any] | str | bytes) -> Path:
    """Write `doc` to `tmp_path / name` and return the path.

    A dict or list is written as UTF-8 JSON (indented, so that places have line numbers), a
    str as UTF-8 text, bytes as they are. `name` may hold sub-directories ("dir/a.json").
    """
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(doc, bytes):
        path.write_bytes(doc)
    elif isinstance(doc, str):
        path.write_bytes(doc.encode("utf-8"))
    else:
        path.write_bytes(json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
    return path


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `cchc_tui.cli.main(argv)`: (exit code, stdout, stderr); argparse exits included."""
    from cchc_tui.cli import main

    capsys.readouterr()  # drop anything printed before
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
