"""The dashboard shows a hostile feed as inert text: header, panels, finder, palette, findings,
help, meeting mode, toasts and the exported screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Static

from cchc_tui.sources.fixtures import FixtureSource
from cchc_tui.widgets.header import StatusHeader
from tests.app_support import app, settle
from tests.helpers import write_feed
from tests.test_output_safety import ESC, assert_inert, hostile_doc

SIZE = (120, 40)


def _screen_text(dashboard: App[object]) -> str:
    return dashboard.export_screenshot()


async def test_hostile_names_are_shown_escaped_everywhere(tmp_path: Path) -> None:
    doc = hostile_doc()
    doc["observations"].append({"unit": "058", "period": "2023",
                                "measure": "dossiers_received", "value": 1})  # a finding
    feed = write_feed(tmp_path, "hostile.json", doc)
    dashboard = app(lang="en", source=FixtureSource(feed))
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        header = dashboard.query_one(StatusHeader).render()
        lines = header.plain.split("\n")
        assert len(lines) == 2  # a newline in a name never makes a third line
        assert lines[0].startswith("Đ\\x1b7\\x1b[4;27H99.99%\\x1b8")
        assert "Sở\\x1b]52;c;aGVsbG8=\\x07 TT\\u202eTT" in lines[1]
        assert_inert(_screen_text(dashboard), "dashboard")
        dashboard.select_unit("058")
        await settle(pilot)
        assert "Thành phố\\x0aBắc Kạn" in dashboard.query_one(StatusHeader).render().plain
        for keys, what in ((("slash", *"song"), "finder"), (("d",), "findings"),
                           (("question_mark",), "help"), (("ctrl+p", *"song"), "palette")):
            await pilot.press(*keys)
            await settle(pilot)
            text = _screen_text(dashboard)
            assert_inert(text, what)
            if what == "finder":
                assert "Phường\\x1b]0;owned\\x07 Sông Cầu" in text.replace("&#160;", " ")
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert_inert(_screen_text(dashboard), "meeting mode")
        for part in ("#meeting-title", "#meeting-rotation"):
            head = dashboard.screen.query_one(part, Static).render()
            assert ESC not in str(head)
        await pilot.press("escape")
        dashboard.notify(f"Source error: {ESC}]52;c;x\x07 \u202e")
        await settle(pilot)
        toasts = [n.message for n in dashboard._notifications]
        assert toasts and all(ESC not in t and "\u202e" not in t for t in toasts)
        assert_inert(_screen_text(dashboard), "toast")


async def test_the_e_export_of_a_hostile_unit_is_inert_and_neutral(tmp_path: Path) -> None:
    from cchc_tui.app import make_app
    from tests.app_support import FIXED_NOW, config

    doc = hostile_doc()
    doc["units"][2]["code"] = "=cmd|' /C calc'!A0"
    for record in doc["observations"] + doc["reported"]:
        record["unit"] = doc["units"][2]["code"] if record["unit"] == "01837" else record["unit"]
    feed = write_feed(tmp_path, "hostile.json", doc)
    out = tmp_path / "exports"
    dashboard = make_app(config(**{"app.lang": "en", "app.export_dir": str(out)}),
                         source=FixtureSource(feed), clock=lambda: FIXED_NOW)
    async with dashboard.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard.select_unit(doc["units"][2]["code"])
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
    files = sorted(p for p in out.iterdir() if p.suffix != ".png")  # a PNG has no text
    assert [p.suffix for p in files] == [".csv", ".md", ".svg"]
    for path in files:
        assert_inert(path.read_text("utf-8"), path.name)
    rows = files[0].read_text("utf-8-sig").splitlines()[1:]
    assert rows and all(r.startswith("'=cmd|' /C calc'!A0,") for r in rows)
    # escaped for the terminal (\x1b), then for Markdown (\\x1b, \])
    assert "Phường\\\\x1b\\]0;owned\\\\x07 Sông Cầu" in files[1].read_text("utf-8")
