"""The command palette (ctrl+p) reaches units and KPIs by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from cchc_tui.cells import formula_words
from cchc_tui.i18n import pick
from cchc_tui.model.catalogue import KPIS
from cchc_tui.model.lookup import search_units
from cchc_tui.text import fold

if TYPE_CHECKING:
    from cchc_tui.app import CchcApp


class UnitKpiProvider(Provider):
    """Units via the diacritic-free search; KPIs by their Vietnamese or English name."""

    @property
    def dashboard(self) -> CchcApp:
        return cast("CchcApp", self.app)

    async def search(self, query: str) -> Hits:
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
        app = self.dashboard
        for kpi in KPIS.values():
            yield DiscoveryHit(Content(pick((kpi.vi, kpi.en), app.lang)),
                               partial(app.show_kpi, kpi.id),
                               help=escape(formula_words(kpi, app.lang)))
