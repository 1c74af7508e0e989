"""Target gaps: every KPI against its target, worst first, and the sub-units ranked by gap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cchc_tui import i18n
from cchc_tui.frame import GAPS_TITLE
from cchc_tui.i18n import Lang, pick
from cchc_tui.widgets.draw import STATUS_STYLE, fit
from cchc_tui.widgets.lists import DrillList

if TYPE_CHECKING:  # annotations only: the first frame is drawn before the engine is imported
    from cchc_tui.cells import KpiRow
    from cchc_tui.viewmodel import GapsView

# (field, vi heading, en heading, width, right-aligned); the order drawn on screen.
_COLUMNS = (
    ("value_text", "Giá trị", "Value", 8, True),  # "100,00%" and a mark (* or †)
    ("target_text", "CT", "Goal", 5, True),
    ("gap_text", "Thiếu", "Gap", 6, True),
    ("change_text", "Kỳ trước", "vs prev", 12, True),  # "▲ 12,34 điểm"
    ("due_text", "Hạn", "Due", 10, False),
    ("status_text", "Trạng thái", "Status", 18, False),
    ("pace_text", "Cần/kỳ", "Pace needed", 17, False),
    ("projection_text", "Dự báo", "Projection", 17, False),
)
_DROP_FIRST = ("projection_text", "pace_text", "due_text", "change_text", "target_text")
_NAME_MIN = 14


def _columns(width: int) -> list[tuple[str, str, str, int, bool]]:
    # Wide (zoomed): room for the whole "* một phần: 2–4/6 tháng".
    cols = [(c[0], c[1], c[2], 23 if c[0] == "status_text" and width >= 110 else c[3], c[4])
            for c in _COLUMNS]
    for name in _DROP_FIRST:
        if _NAME_MIN + sum(c[3] + 1 for c in cols) <= width:
            break
        cols = [c for c in cols if c[0] != name]
    return cols


class GapTable(Widget):
    """A light table (one line a KPI) sized to its rows; never a DataTable."""

    DEFAULT_CSS = "GapTable { height: auto; }"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._rows: tuple[KpiRow, ...] = ()
        self._lang: Lang = "vi"

    def show(self, rows: tuple[KpiRow, ...], lang: Lang) -> None:
        self._rows, self._lang = rows, lang
        self.styles.height = len(rows) + 1
        self.refresh(layout=True)

    def render(self) -> Content:
        width = self.size.width
        cols = _columns(width)
        name_w = max(_NAME_MIN, width - sum(c[3] + 1 for c in cols))
        head = [fit(pick(i18n.KPI_HEADING, self._lang), name_w)]
        head += [fit(pick((vi, en), self._lang), w, right) for _, vi, en, w, right in cols]
        lines = [Content.styled(" ".join(head), "bold $text-muted")]
        for row in self._rows:
            cells: list[tuple[str, str] | str] = [fit(row.name, name_w)]
            for field, _, _, w, right in cols:
                style = STATUS_STYLE.get(row.status, "") if field == "status_text" else ""
                cells += [" ", (fit(getattr(row, field), w, right), style)]
            lines.append(Content.assemble(*cells))
        return Content("\n").join(line.truncate(width) for line in lines)


@dataclass
class DrillDown(Message):
    """Enter on a ranked sub-unit: show that unit."""

    code: str


class Ranking(DrillList):
    """The unit's children ranked by the gap of one KPI (a unit has tens, not thousands)."""

    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]

    _view: GapsView | None = None
    _lit: int | None = None  # the row drawn highlighted

    def on_resize(self) -> None:
        # the names are cut to the width: the first show may come before the first layout
        if self._view is not None:
            self.show(self._view)

    def _prompt(self, index: int, lit: bool) -> Content:
        """One ranked row; the highlighted one drops the status colour, which may be the
        cursor's own (on track is $primary, the cursor's background): the word stays legible."""
        assert self._view is not None
        row = self._view.ranking[index]
        name_w = max(12, min(32, (self.size.width or 60) - 38))
        status = fit(row.status_text, max(8, (self.size.width or 60) - name_w - 20))
        return Content.assemble(
            fit(row.name, name_w), " ", fit(row.value_text, 8, right=True), " ",
            fit(row.gap_text, 7, right=True), "  ",
            (status, "bold" if lit else STATUS_STYLE.get(row.status, "")))

    def show(self, view: GapsView) -> None:
        self._view = view
        keep = self.highlighted_option.id if self.highlighted_option else None
        ids = [row.code for row in view.ranking]
        lit = (ids.index(keep) if keep in ids else 0) if ids else None
        self.set_options([Option(self._prompt(i, i == lit), id=code)
                          for i, code in enumerate(ids)])
        self._lit = lit
        if lit is not None:
            self.highlighted = lit

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        rows = min(len(self._view.ranking) if self._view is not None else 0, self.option_count)
        for index, lit in ((self._lit, False), (highlighted, True)):
            if index is not None and self._lit != highlighted and index < rows:
                self.replace_option_prompt_at_index(index, self._prompt(index, lit))
        self._lit = highlighted


class GapsPanel(Vertical):
    SPEC = "gaps"

    def frame(self, lang: Lang) -> None:
        """The title in `lang`: set when mounted and when the language changes."""
        self.border_title = pick(GAPS_TITLE, lang)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="gap-scroll", can_focus=False):
            yield GapTable()
        with Vertical(classes="ranking-box"):
            yield Static(classes="ranking-title")
            yield Ranking(classes="ranking")

    def show(self, view: GapsView) -> None:
        self.query_one(GapTable).show(view.rows, view.lang)
        title = self.query_one(".ranking-title", Static)
        empty = pick(i18n.NO_SUB_UNITS_SHORT, view.lang)
        title.update(Content(view.ranking_title + ("" if view.ranking else f": {empty}")))
        self.query_one(Ranking).show(view)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(DrillDown(event.option.id))
