"""The dashboard on figures as of a day (a portal year to date) and with 766 scores (Pilot)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import OptionList

from cchc_tui.model.periods import parse_period
from cchc_tui.sources.fixtures import FixtureSource
from cchc_tui.widgets.header import StatusHeader
from tests.app_support import app, settle
from tests.test_feed_v1_real import YTD, portal_doc

SIZE = (120, 36)


def write_portal(tmp_path: Path) -> Path:
    doc = portal_doc()
    doc["observations"].append({"unit": "H21.227", "period": "2026-01-01/2026-10-05",
                                "measure": "dossiers_received", "value": 2500})
    (tmp_path / "portal.json").write_text(json.dumps(doc, ensure_ascii=False),
                                          encoding="utf-8")
    return tmp_path


async def test_the_header_says_to_the_day_and_the_keys_do_not_break(tmp_path: Path) -> None:
    dashboard = app(source=FixtureSource(write_portal(tmp_path)))
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert dashboard.period == parse_period(YTD)
        assert "2026, đến 10/10/2026" in dashboard.query_one(StatusHeader).render().plain
        await pilot.press("comma")  # nothing a year before: stays, with a notice
        await pilot.pause()
        assert dashboard.period == parse_period(YTD)
        await pilot.press("p")
        await pilot.pause()
        options = dashboard.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt)
                  for i in range(options.option_count)]
        assert any("2026, đến 10/10/2026" in t for t in labels)
        assert any("2026, đến 05/10/2026" in t for t in labels)
        await pilot.press("escape")
        await pilot.press("g")
        await pilot.pause()
        assert dashboard.period == parse_period("2026-10")
        await pilot.press("l")
        await pilot.pause()
        assert "Oct 2026" in dashboard.query_one(StatusHeader).render().plain


async def test_the_gaps_table_has_no_766_clutter(tmp_path: Path) -> None:
    dashboard = app(source=FixtureSource(write_portal(tmp_path)))
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard.select_unit("H21")
        await pilot.pause()
        await pilot.press("4")  # the gaps panel, zoomed
        await pilot.pause()
        text = " ".join(str(w.render()) for w in dashboard.query("#panel-gaps *"))
        assert "Số hóa hồ sơ" in text
        assert "Chỉ số 766" not in text and "Công khai, minh bạch" not in text
