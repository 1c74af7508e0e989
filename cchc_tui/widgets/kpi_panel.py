"""The shape shared by the KPI panels: KPI rows with bars, counts, and a trend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from cchc_tui import i18n
from cchc_tui.frame import PANELS
from cchc_tui.i18n import Lang, pick
from cchc_tui.widgets.draw import kpi_lines
from cchc_tui.widgets.trend import TrendPlot

if TYPE_CHECKING:  # annotations only: the first frame is drawn before the engine is imported
    from cchc_tui.viewmodel import PanelView


class KpiRows(Widget):
    """Two lines per KPI, drawn to the width it gets."""

    DEFAULT_CSS = "KpiRows { height: auto; }"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._view: PanelView | None = None

    def show(self, view: PanelView) -> None:
        self._view = view
        self.styles.height = 2 * len(view.rows)
        self.refresh(layout=True)

    def render(self) -> Content:
        view = self._view
        if view is None:
            return Content("")
        width = self.size.width
        name_width = max(len(r.name) for r in view.rows)
        change_width = max(len(r.change_text) for r in view.rows)
        lines: list[Content] = []
        for row in view.rows:
            lines += kpi_lines(row, width, name_width, view.lang, change_width)
        return Content("\n").join(lines)


class KpiPanel(Vertical):
    """A bordered panel of the KPIs of one PanelSpec (frame.PANELS)."""

    def __init__(self, spec: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.spec = spec  # the key of the PanelSpec it shows

    def frame(self, lang: Lang) -> None:
        """The title in `lang`, from the spec: set when mounted (the first frame, before any
        figure) and when the language changes; the figures never change it."""
        spec = PANELS[self.spec]
        self.border_title = pick((spec.vi, spec.en), lang)

    def compose(self) -> ComposeResult:
        yield KpiRows(classes="rows")
        yield Static(classes="counts")
        yield TrendPlot(classes="trend")

    def show(self, view: PanelView) -> None:
        self.border_subtitle = pick(i18n.TREND_PREFIX, view.lang) + view.trend.title
        self.query_one(KpiRows).show(view)
        parts = [Content.assemble((label, "$text-muted"), " ", (value, "bold"))
                 for label, value in view.counts]
        self.query_one(".counts", Static).update(Content(" · ").join(parts))
        no_data = pick(i18n.NO_DATA, view.lang)
        self.query_one(TrendPlot).show(view.trend, no_data, view.lang)
