"""`i`: the Decision 766 index of the unit: total, rank and change, the six groups against
their maxima, the portal's monthly chart, and the units below ranked by total."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from cchc_tui.i18n import NO_SUB_UNITS, VIEW_766, Lang, pick, words
from cchc_tui.index766 import (
    FILTERS,
    GroupDetail,
    IndexView,
    MetricRow,
    Score,
    group_detail,
    index_view,
    scored_groups,
)
from cchc_tui.keys import GROUP_766, INDEX_766, bindings
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.periods import Period
from cchc_tui.text import format_count, format_number, format_percent, format_points
from cchc_tui.widgets.lists import DrillTable

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


class GroupTable(DataTable[Text]):
    """The six groups: one click opens a group (a plain DataTable selects on the second click,
    the first only moves its cursor)."""

    async def _on_click(self, event: events.Click) -> None:
        before = self.cursor_coordinate
        await super()._on_click(event)
        if self.row_count and self.cursor_coordinate != before \
                and event.style.meta.get("row", -1) >= 0:
            row_key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
            self.post_message(DataTable.RowSelected(self, self.cursor_row, row_key))


class Index766Screen(ModalScreen[str | None]):
    """Dismisses with the code of the unit chosen with enter, or None."""

    DEFAULT_CSS = """
    #index766 {
        width: 100%; max-width: 120; height: 100%; max-height: 40;
        border: round $accent; border-title-style: bold; background: $surface; padding: 0 1;
    }
    #index766-head, #index766-foot { height: auto; }
    #index766-groups { height: auto; max-height: 6; border: none; }
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
            yield GroupTable(id="index766-groups", cursor_type="row", show_header=False)
            yield Static(id="index766-foot")
            yield DrillTable(id="index766-children", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self._fill()
        children = self.query_one("#index766-children", DataTable)
        # A commune has no units below: the groups are then what there is to open.
        (children if children.display else self.query_one("#index766-groups", DataTable)).focus()

    def on_resize(self) -> None:
        self._fill()  # the bars take the width there is

    def _fill(self) -> None:
        w = words(VIEW_766, self.lang)
        box = self.query_one("#index766")
        box.border_title = w["title"]
        box.border_subtitle = w["subtitle"]
        view = self._view()
        self.query_one("#index766-head", Static).update(self._head(view))
        self._fill_groups(view)
        self.query_one("#index766-foot", Static).update(self._foot(view))
        table = self.query_one("#index766-children", DataTable)
        table.display = bool(view.children) or self.only is not None  # no empty table
        table.clear(columns=True)
        # The figures first, the long names last: at 80 columns a name is what gets cut.
        # Fixed widths: a table refilled during a resize would size its columns by their
        # headings alone and cut the figures.
        for label, width in (("#", 4), (w["total_column"], 6), ("±", 6), (w["kind_column"], 10),
                             (w["code_column"], 8)):
            table.add_column(label, width=width)
        fixed = 4 + 6 + 6 + 10 + 8 + 2 * 6  # the five columns and every column's padding
        table.add_column(w["unit_column"],
                         width=max(12, min(60, min(self.size.width, 120) - 6 - fixed)))
        for row in view.children:  # rich Text: names from the source are never markup
            table.add_row(Text(str(row.place or "—"), justify="right"),
                          Text(format_number(row.total, self.lang, 2), justify="right"),
                          Text(format_points(row.change, self.lang)
                               if row.change is not None else "—", justify="right"),
                          Text(row.kind), Text(row.code), Text(row.name), key=row.code)

    def _head(self, view: IndexView) -> Content:
        w, lang = words(VIEW_766, self.lang), self.lang
        lines = [Content.styled(view.title, "bold")]
        if view.empty:
            lines.append(Content(w["empty"]))
            return Content("\n").join(lines)
        total = view.total
        parts = [w["total"] + _score(total, lang)]
        if view.rank is not None:
            place, of = view.rank
            parts.append(w["rank"].format(place=place, of=of))
        if total.change is not None:
            parts.append(w["change"] + format_points(total.change, lang))
        lines.append(Content.styled(" · ".join(parts), "bold $accent"))
        return Content("\n").join(lines)

    def _fill_groups(self, view: IndexView) -> None:
        """The six groups as bars against their maxima; enter (or a click) opens one into its
        metrics when the source gives them metric by metric."""
        table = self.query_one("#index766-groups", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.display = not view.empty
        if view.empty:
            return
        lang = self.lang
        label = max(len(g.label) for g in view.groups)
        bar = max(6, min(40, min(self.size.width, 120) - 8 - label - 30))  # what is left
        openable = scored_groups(self.engine, self.unit, self.period)
        for key, width in (("label", label), ("bar", bar), ("score", 8), ("percent", 8),
                           ("open", 1)):
            table.add_column(key, key=key, width=width)
        for g in view.groups:
            table.add_row(Text(g.label), Text(_bar(g.percent, bar), style="green"),
                          Text(_score(g, lang), justify="right"),
                          Text(format_percent(g.percent, lang), justify="right"),
                          Text("›" if openable else ""), key=g.kpi)
        table.move_cursor(row=min(max(cursor, 0), len(view.groups) - 1))

    def _foot(self, view: IndexView) -> Content:
        w, lang = words(VIEW_766, self.lang), self.lang
        lines: list[Content] = []
        if view.empty:
            return Content("")
        if view.chart:
            values = [v for _, v in view.chart]
            lines.append(Content.assemble(
                w["by_month"], (_spark(values), "$accent"),
                f" {view.chart[0][0]}–{view.chart[-1][0]}: {format_number(values[0], lang, 2)}"
                f" → {format_number(values[-1], lang, 2)}"
                f" ({format_number(min(values), lang, 2)}–{format_number(max(values), lang, 2)})"))
        shown = w[f"only_{self.only or 'all'}"]
        order = w["worst_first"] if self.worst_first else w["best_first"]
        if not view.children and self.only is None:
            lines.append(Content.styled(pick(NO_SUB_UNITS, lang), "$text-muted"))
        else:
            lines.append(Content.styled(
                w["children"].format(shown=shown, order=order, n=len(view.children)),
                "$text-muted"))
        return Content("\n").join(lines)

    def action_switch(self) -> None:
        """Between the groups (enter opens one) and the units below (enter opens one)."""
        groups = self.query_one("#index766-groups", DataTable)
        if not self.query_one("#index766-children", DataTable).display:
            groups.focus()  # no units below to switch to
            return
        target = "#index766-children" if self.focused is groups or not groups.display \
            else "#index766-groups"
        self.query_one(target, DataTable).focus()

    def action_worst_first(self) -> None:
        self.worst_first = not self.worst_first
        self._fill()

    def action_filter(self) -> None:
        self.only = FILTERS[(FILTERS.index(self.only) + 1) % len(FILTERS)]
        self._fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "index766-groups":
            self._open_group(str(event.row_key.value))
            return
        self.dismiss(str(event.row_key.value) if event.row_key.value else None)

    def _open_group(self, kpi: str) -> None:
        group = kpi.removeprefix("index_766_").upper()
        detail = group_detail(self.engine, self.unit, self.period, group, self.lang)
        if detail is None:
            self.notify(words(VIEW_766, self.lang)["no_metrics"])
            return
        self.app.push_screen(Group766Screen(detail, self.lang))


def _points(value: float | None, top: float, lang: Lang) -> str:
    return f"{format_number(value, lang, 2)}/{format_number(top, lang)}"


def _metric_lines(m: MetricRow, lang: Lang) -> list[Content]:
    """A metric: its name, then count · ratio · score / max, the portal's figure beside it
    when they differ (marked on the figure), or why there is nothing to compute."""
    w = words(VIEW_766, lang)
    figures: list[tuple[str, str]] = []
    if m.denominator is not None:
        figures.append((f"{format_count(m.numerator, lang)}/"
                        f"{format_count(m.denominator, lang)}", ""))
        ratio = m.ratio if m.ratio is not None else m.ratio_published
        figures.append((format_percent(ratio, lang), ""))
    if m.basis == "published":
        figures.append((f"{_points(m.published, m.max, lang)} *", "bold"))
    elif m.basis == "constant":
        figures.append((f"{_points(m.computed, m.max, lang)} "
                        + w["constant"], "bold"))
    else:
        figures.append((_points(m.computed, m.max, lang), "bold"))
    parts: list[str | tuple[str, str]] = ["  "]
    for i, figure in enumerate(figures):
        parts += ([" · "] if i else []) + [figure]
    if m.basis == "computed":
        if m.differs:
            parts.append((" ≠ " + w["portal"] + format_number(m.published, lang, 2),
                          "bold $error"))
        elif m.published is not None:
            parts.append((w["same_as_portal"], "$text-muted"))
        else:  # the payment components: the portal publishes only the group's score
            parts.append((w["group_score_only"], "$text-muted"))
        if m.ratio is not None and m.ratio_published is not None \
                and abs(m.ratio - m.ratio_published) > 0.01 + 1e-9:
            parts.append((" (" + w["portal_says"] + format_percent(m.ratio_published, lang) + ")",
                          "$warning"))
    return [Content(m.name), Content.assemble(*parts)]


class Group766Screen(ModalScreen[None]):
    """One 766 group opened: each metric's count, ratio and score against the portal's, and
    what the unit could do to gain points (best points per item first)."""

    DEFAULT_CSS = """
    #group766 {
        width: 100%; max-width: 120; height: 100%; max-height: 40;
        border: round $accent; border-title-style: bold; background: $surface; padding: 0 1;
    }
    #group766-body { height: auto; }
    """
    BINDINGS = bindings(GROUP_766)

    def __init__(self, detail: GroupDetail, lang: Lang) -> None:
        super().__init__()
        self.detail, self.lang = detail, lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="group766"):
            yield Static(self._body(), id="group766-body")

    def on_mount(self) -> None:
        box = self.query_one("#group766")
        d = self.detail
        box.border_title = f"{d.name} ({d.code}) — {d.unit_name}"
        box.border_subtitle = words(VIEW_766, self.lang)["group_subtitle"]
        box.focus()

    def _body(self) -> Content:
        d, lang, w = self.detail, self.lang, words(VIEW_766, self.lang)
        head = [(w["group_score"] + _points(d.published, d.max, lang), "bold $accent")]
        if d.basis == "computed":
            same = d.computed is not None and d.published is not None \
                and abs(d.computed - d.published) <= 0.01 + 1e-9
            head.append((" · " + w["computed_from"] + format_number(d.computed, lang, 2),
                         "bold" if same else "bold $error"))
        else:
            head.append((" · " + w["as_published"], "$text-muted"))
        lines = [Content.assemble(*head), Content("")]
        for m in d.metrics:
            lines += _metric_lines(m, lang)
        if any(m.basis == "published" for m in d.metrics) or d.basis != "computed":
            lines.append(Content.styled(w["kept_note"], "$text-muted"))
        if d.finding:
            lines += [Content(""), Content.styled("! " + d.finding, "$warning")]
        lines += [Content(""), Content.styled(w["levers"], "bold")]
        lines += [Content(f"{i}. {text}") for i, text in enumerate(d.levers, 1)] or [
            Content("—")]
        if d.blocked:
            lines += [Content(""), Content.styled(w["blocked"], "bold")]
            lines += [Content(f"- {text}") for text in d.blocked]
        if d.children:
            lines += [Content(""), Content.styled(w["children_moving"], "bold")]
            lines += [Content(f"- {name} ({code}): +{format_number(gain, lang, 2)}")
                      for code, name, gain in d.children]
        return Content("\n").join(lines)
