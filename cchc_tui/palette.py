"""The command palette (ctrl+p) reaches units and KPIs by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from cchc_tui.i18n import NO_MATCHES, pick
from cchc_tui.model.catalogue import KPIS
from cchc_tui.text import fold

if TYPE_CHECKING:
    from cchc_tui.app import CchcApp


class UnitKpiProvider(Provider):
    """Units via the diacritic-free search; KPIs by their Vietnamese or English name."""

    @property
    def dashboard(self) -> CchcApp:
        return cast("CchcApp", self.app)

    async def search(self, query: str) -> Hits:
        # Imported here, when the palette is first used: not needed for the first frame.
        from cchc_tui.cells import formula_words
        from cchc_tui.model.lookup import search_units

        app = self.dashboard
        snapshot = app.snapshot
        if snapshot is not None:
            for rank, unit in enumerate(search_units(snapshot, query, limit=20)):
                parents = " › ".join(u.name for u in reversed(snapshot.ancestors(unit.code)))
                yield Hit(1.0 - rank / 40, Content(f"{unit.name} ({unit.code})"),
                          partial(app.select_unit, unit.code),
                          help=escape(parents) if parents else None)  # help is read as markup
        matcher = self.matcher(fold(query))  # "ho so" finds "Hồ sơ", as the finder does
        for kpi in KPIS.values():
            label = pick((kpi.vi, kpi.en), app.lang)
            score = max(matcher.match(fold(kpi.vi)), matcher.match(fold(kpi.en)),
                        matcher.match(kpi.id))
            if score > 0:
                yield Hit(score * 0.9, Content(label), partial(app.show_kpi, kpi.id),
                          help=escape(formula_words(kpi, app.lang)))

    async def discover(self) -> Hits:
        from cchc_tui.cells import formula_words

        app = self.dashboard
        for kpi in KPIS.values():
            yield DiscoveryHit(Content(pick((kpi.vi, kpi.en), app.lang)),
                               partial(app.show_kpi, kpi.id),
                               help=escape(formula_words(kpi, app.lang)))


class SystemCommands(SystemCommandsProvider):
    """The app's commands (bảng màu, thoát, xuất…), matched without diacritics like the rest."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = matcher.match(fold(name))
            if score > 0:
                yield Hit(score, Content(name), callback, help=help_text)


class Palette(CommandPalette):
    """Textual's palette, its "No matches found" in the app's language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own method, with the words from i18n (it has no setting for them).
        self._stop_no_matches_countdown()
        lang = cast("CchcApp", self.app).lang

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(pick(NO_MATCHES, lang), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
