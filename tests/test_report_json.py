"""The JSON report of every bundled unit, every period, both languages, pinned by digests
(tests/data/report_json.sha256): a change to its shape, order or figures shows here, by unit.

After a deliberate change: `python -m tests.test_report_json --write`, and say why in the
commit.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from cchc_tui.config import targets_from_config
from cchc_tui.feed.load import load_paths
from cchc_tui.kpi.engine import Engine
from cchc_tui.report import build_report, render
from cchc_tui.resources import default_fixtures_dir

DIGESTS = Path(__file__).parent / "data" / "report_json.sha256"


def digests() -> dict[str, str]:
    """unit code → sha256 of its JSON reports, period by period, vi then en."""
    from tests.app_support import config

    snapshot = load_paths([default_fixtures_dir()])
    engine = Engine(snapshot, targets_from_config(config()))
    out = {}
    for code in sorted(snapshot.units):
        h = hashlib.sha256()
        for period in snapshot.unit_periods(code):
            for lang in ("vi", "en"):
                text = render(build_report(engine, code, period, lang), "json", lang)
                h.update(text.encode("utf-8"))
        out[code] = h.hexdigest()
    return out


def _read() -> dict[str, str]:
    pinned = {}
    for line in DIGESTS.read_text(encoding="utf-8").splitlines():
        digest, code = line.split("  ", 1)
        pinned[code] = digest
    return pinned


@pytest.fixture(scope="module")
def now() -> dict[str, str]:
    return digests()


def test_every_unit_is_pinned(now: dict[str, str]) -> None:
    assert sorted(now) == sorted(_read())


def test_the_json_of_every_unit_is_unchanged(now: dict[str, str]) -> None:
    pinned = _read()
    changed = [code for code in now if pinned.get(code) != now[code]]
    assert changed == []


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    DIGESTS.write_text("".join(f"{d}  {c}\n" for c, d in digests().items()), encoding="utf-8")
