"""The dashboard's footer: rebuilt when the keys it shows change, kept when they do not."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from cchc_tui.widgets.footer import SteadyFooter
from tests.app_support import app, settle


def footer_words(screen: object) -> list[str]:
    return [str(k.render()) for k in screen.query(FooterKey) if k.display]  # type: ignore[attr-defined]


async def test_the_footer_follows_the_language_and_the_width() -> None:
    dashboard = app("vi")
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        vi = footer_words(dashboard.screen)
        assert any("Trợ giúp" in w for w in vi) and not any("Help" in w for w in vi)
        await pilot.press("l")
        await pilot.pause()
        en = footer_words(dashboard.screen)
        assert any("Help" in w for w in en) and not any("Trợ giúp" in w for w in en)
        await pilot.resize_terminal(60, 36)
        await pilot.pause()
        narrow = footer_words(dashboard.screen)
        assert 0 < len(narrow) < len(en)  # fewer keys fit; `?` stays
        assert any("Help" in w for w in narrow)


async def test_a_focus_change_that_shows_the_same_keys_keeps_the_footer() -> None:
    dashboard = app("vi")
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        footer = dashboard.query_one(SteadyFooter)
        keys = list(footer.query(FooterKey))
        assert keys
        dashboard.set_focus(None)
        await pilot.pause()
        dashboard.query_one("Ranking").focus()
        await pilot.pause()
        assert list(footer.query(FooterKey)) == keys  # the same widgets: not rebuilt
