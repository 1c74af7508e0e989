"""`i`: the Decision 766 index of the unit: total, rank and change, the six groups against
their maxima, the portal's monthly chart, and the units below ranked by total."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from cchc_tui.i18n import Lang
from cchc_tui.index766 import FILTERS, IndexView, Score, index_view
from cchc_tui.keys import INDEX_766, bindings
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.periods import Period
from cchc_tui.text import format_number, format_percent, format_points

SPARKS = "▁▂▃▄▅▆▇█"


def _score(s: Score, lang: Lang) -> str:
    if s.score is None:
        return format_percent(s.percent, lang)
    top = f"/{format_number(s.max_score, lang)}" if s.max_score else ""
    return f"{format_number(s.score, lang, 2)}{top}"


def _bar(percent: float | None, width: int) -> str:
    filled = 0 if percent is None else round(max(0.0, min(100.0, percent)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _spark(values: list[float]) -> str:
    lo, hi = min(values), max(values)
    span = hi - lo or 1.0
    return "".join(SPARKS[round((v - lo) / span * (len(SPARKS) - 1))] for v in values)


class Index766Screen(ModalScreen[str | None]):
    """Dismisses with the code of the unit chosen with enter, or None."""

    DEFAULT_CSS = """
    #index766 {
        width: 100%; max-width: 120; height: 100%; max-height: 40;
        border: round $accent; border-title-style: bold; background: $surface; padding: 0 1;
    }
    #index766-head { height: auto; }
    #index766-children { height: 1fr; min-height: 4; border: none; }
    """
    BINDINGS = bindings(INDEX_766)

    def __init__(self, engine: Engine, unit: str, period: Period, lang: Lang) -> None:
        super().__init__()
        self.engine, self.unit, self.period, self.lang = engine, unit, period, lang
        self.worst_first = False
        self.only: str | None = None

    def _view(self) -> IndexView:
        return index_view(self.engine, self.unit, self.period, self.lang,
                          worst_first=self.worst_first, only=self.only)

    def compose(self) -> ComposeResult:
        with Vertical(id="index766"):
            yield Static(id="index766-head")
            yield DataTable(id="index766-children", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self._fill()  # the bars take the width there is

    def _fill(self) -> None:
        vi = self.lang == "vi"
        box = self.query_one("#index766")
        box.border_title = "Chỉ số 766 (QĐ 766/QĐ-TTg)" if vi else "766 index (Decision 766)"
        box.border_subtitle = ("w: kém nhất trước · t: sở / xã · enter: xem · esc: đóng" if vi
                               else "w: worst first · t: agencies / communes · enter: open · "
                                    "esc: close")
        view = self._view()
        self.query_one("#index766-head", Static).update(self._head(view))
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # The figures first, the long names last: at 80 columns a name is what gets cut.
        # Fixed widths: a table refilled during a resize would size its columns by their
        # headings alone and cut the figures.
        for label, width in (("#", 4), ("Tổng" if vi else "Total", 6), ("±", 6),
                             ("Loại" if vi else "Kind", 10), ("Mã" if vi else "Code", 8)):
            table.add_column(label, width=width)
        fixed = 4 + 6 + 6 + 10 + 8 + 2 * 6  # the five columns and every column's padding
        table.add_column("Đơn vị" if vi else "Unit",
                         width=max(12, min(60, min(self.size.width, 120) - 6 - fixed)))
        for row in view.children:  # rich Text: names from the source are never markup
            table.add_row(Text(str(row.place or "—"), justify="right"),
                          Text(format_number(row.total, self.lang, 2), justify="right"),
                          Text(format_points(row.change, self.lang)
                               if row.change is not None else "—", justify="right"),
                          Text(row.kind), Text(row.code), Text(row.name), key=row.code)

    def _head(self, view: IndexView) -> Content:
        vi, lang = self.lang == "vi", self.lang
        lines = [Content.styled(view.title, "bold")]
        if view.empty:
            lines.append(Content("Không có điểm 766 cho đơn vị và kỳ này." if vi
                                 else "No 766 scores for this unit and period."))
            return Content("\n").join(lines)
        total = view.total
        parts = [("Tổng điểm " if vi else "Total ") + _score(total, lang)]
        if view.rank is not None:
            place, of = view.rank
            parts.append(f"hạng {place}/{of} trong các đơn vị cùng cấp" if vi
                         else f"rank {place} of {of} among its siblings")
        if total.change is not None:
            parts.append(("thay đổi " if vi else "change ") + format_points(total.change, lang))
        lines.append(Content.styled(" · ".join(parts), "bold $accent"))
        label = max(len(g.label) for g in view.groups)
        bar = max(6, min(40, self.size.width - 4 - label - 19))  # what the dialog leaves
        for g in view.groups:
            lines.append(Content.assemble(
                f"{g.label:<{label}} ", (_bar(g.percent, bar), "$success"),
                f" {_score(g, lang):>8} {format_percent(g.percent, lang):>8}"))
        if view.chart:
            values = [v for _, v in view.chart]
            lines.append(Content.assemble(
                "Theo tháng (cổng) " if vi else "By month (portal) ", (_spark(values), "$accent"),
                f" {view.chart[0][0]}–{view.chart[-1][0]}: {format_number(values[0], lang, 2)}"
                f" → {format_number(values[-1], lang, 2)}"
                f" ({format_number(min(values), lang, 2)}–{format_number(max(values), lang, 2)})"))
        shown = {None: "tất cả" if vi else "all", "agency": "sở, ngành" if vi else "agencies",
                 "commune": "xã, phường" if vi else "communes"}[self.only]
        order = ("kém nhất trước" if vi else "worst first") if self.worst_first \
            else ("tốt nhất trước" if vi else "best first")
        lines.append(Content.styled(
            (f"Đơn vị trực thuộc ({shown}, {order}): {len(view.children)}" if vi
             else f"Units below ({shown}, {order}): {len(view.children)}"), "$text-muted"))
        return Content("\n").join(lines)

    def action_worst_first(self) -> None:
        self.worst_first = not self.worst_first
        self._fill()

    def action_filter(self) -> None:
        self.only = FILTERS[(FILTERS.index(self.only) + 1) % len(FILTERS)]
        self._fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(str(event.row_key.value) if event.row_key.value else None)
