"""A small line chart of one KPI over the unit's recent periods, drawn cell by cell.

Honest by construction: the target line sits on the row its value maps to, and that row is
labelled with the target; every period on the axis is a real period of the chart; a chart
without values says so inside itself. Half blocks (▀ ▄ █) survive tmux, TERM=linux and 16
colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from cchc_tui.i18n import Lang
from cchc_tui.text import format_number

if TYPE_CHECKING:  # annotations only: the first frame is drawn before the engine is imported
    from cchc_tui.viewmodel import Trend

LINE, TARGET, MUTED, PARTIAL = "$accent", "$error", "$text-muted", "$warning"
MIN_SPAN = 6.0  # points: a flat series still gets some vertical room


@dataclass(frozen=True)
class _Scale:
    low: float
    high: float
    rows: int

    def sub_row(self, value: float) -> int:
        """Half-row index from the top (0 … 2·rows−1) of `value`."""
        span = self.high - self.low
        return round((self.high - value) / span * (2 * self.rows - 1))

    def row(self, value: float) -> int:
        return self.sub_row(value) // 2

    def value_at(self, row: int) -> float:
        """The value a row stands for (the middle of its two halves)."""
        return self.high - (2 * row + 0.5) / (2 * self.rows - 1) * (self.high - self.low)


def _scale(values: list[float], target: float | None, rows: int) -> _Scale:
    """A range holding every value and the target, a little padded, within 0–100."""
    pool = values + ([target] if target is not None else [])
    if not pool:
        return _Scale(0.0, 100.0, rows)
    low, high = min(pool), max(pool)
    pad = max(1.0, (high - low) * 0.1)
    low, high = max(0.0, low - pad), min(100.0, high + pad)
    if high - low < MIN_SPAN:
        mid = (high + low) / 2
        low = max(0.0, min(mid - MIN_SPAN / 2, 100.0 - MIN_SPAN))
        high = low + MIN_SPAN
    return _Scale(low, high, rows)


def _percent(value: float, lang: Lang) -> str:
    return format_number(value, lang, 0 if abs(value - round(value)) < 0.05 else 1) + "%"


def _x(index: int, count: int, width: int) -> int:
    return round(index * (width - 1) / (count - 1)) if count > 1 else width // 2


def _label_slots(trend: Trend, width: int) -> dict[int, str]:
    """Which periods to label (by index): the last, the first, the ones with values from the
    latest back, then the rest; a label never overlaps another or leaves the axis."""
    count = len(trend.labels)
    with_values = [i for i in range(count - 1, -1, -1) if trend.values[i] is not None]
    order = [count - 1, 0, *with_values, *range(count - 1, -1, -1)]
    taken: list[tuple[int, int]] = []
    out: dict[int, str] = {}
    for index in dict.fromkeys(order):
        text = trend.labels[index] + ("*" if trend.is_partial(index) else "")
        start = min(max(0, _x(index, count, width) - len(text) // 2), width - len(text))
        span = (start, start + len(text))
        if start < 0 or any(span[0] <= b and a <= span[1] for a, b in taken):
            continue  # one free cell between two labels
        taken.append(span)
        out[index] = text
    return out


def chart_lines(trend: Trend, width: int, height: int, lang: Lang,
                no_data: str) -> list[Content]:
    """The chart as `height` lines of `width` cells."""
    if width < 12 or height < 3 or not trend.labels:
        text = no_data if not any(v is not None for v in trend.values) else ""
        middle = Content.styled(text[:width].center(max(0, width)), "italic " + MUTED)
        return [Content("")] * (max(1, height) // 2) + [middle]
    axis_line = height >= 6  # a short chart spends its lines on values, not on tick marks
    rows = height - 2 if axis_line else height - 1
    values = [v for v in trend.values if v is not None]
    target = trend.target if values else None  # an empty chart keeps its words legible
    scale = _scale(values, target, rows)
    # The range's ends are labelled only where rows are fine enough to mean them; the
    # target's own row always says the target.
    ends = (0, rows - 1) if values and rows >= 4 else ()
    marks = {r: _percent(scale.value_at(r), lang) for r in ends}
    target_row = scale.row(target) if target is not None else None
    if target is not None and target_row is not None:
        marks[target_row] = _percent(target, lang)
    gutter = max((len(t) for t in marks.values()), default=0) + 1
    plot_w = width - gutter - 1
    cells = _series_cells(trend, scale, target, plot_w)
    lines = [_plot_row(r, cells, marks, target_row, gutter, plot_w) for r in range(rows)]
    if not values:  # written inside the chart, on its middle row
        text = no_data[:plot_w]
        pad = (plot_w - len(text)) // 2
        lines[rows // 2] = Content.assemble(
            (" " * (gutter - 1), MUTED), " ", ("│", MUTED), " " * pad,
            (text, "italic " + MUTED), " " * (plot_w - pad - len(text)))
    lines += _axis(trend, gutter, plot_w, axis_line)
    return [line.truncate(width) for line in lines]


def _place(scale: _Scale, target: float | None, value: float) -> int:
    """The value's half-row. A value below the target never shares the target's row (rows are
    coarse: three rows span tens of points); one that reaches it never sits below it."""
    sub = scale.sub_row(value)
    if target is None:
        return sub
    target_row = scale.row(target)
    if value < target and sub // 2 <= target_row:
        return min(2 * scale.rows - 1, 2 * target_row + 2)
    if value >= target and sub // 2 > target_row:
        return 2 * target_row + 1
    return sub


def _series_cells(trend: Trend, scale: _Scale, target: float | None,
                  plot_w: int) -> dict[tuple[int, int], tuple[set[int], str]]:
    """(row, column) -> (the halves filled, 0 top and 1 bottom; the style). Neighbouring
    periods are joined; a gap in the data stays a gap."""
    count = len(trend.labels)
    cells: dict[tuple[int, int], tuple[set[int], str]] = {}
    points = [(i, v) for i, v in enumerate(trend.values) if v is not None]
    for k, (i, v) in enumerate(points):
        style = PARTIAL if trend.is_partial(i) else LINE
        x0, s0 = _x(i, count, plot_w), _place(scale, target, v)
        path = [(x0, s0)]
        nxt = points[k + 1] if k + 1 < len(points) else None
        if nxt is not None and nxt[0] == i + 1:
            x1, s1 = _x(nxt[0], count, plot_w), _place(scale, target, nxt[1])
            for x in range(x0 + 1, x1 + 1):
                s = round(s0 + (s1 - s0) * (x - x0) / (x1 - x0))
                prev = path[-1][1]
                step = 1 if s > prev else -1
                path += [(x, t) for t in range(prev + step, s + step, step)] if s != prev \
                    else [(x, s)]
        for x, s in path:
            halves, _ = cells.setdefault((s // 2, x), (set(), style))
            halves.add(s % 2)
        cells[(s0 // 2, x0)] = (cells[(s0 // 2, x0)][0], style)  # the point has its own style
    return cells


def _plot_row(r: int, cells: dict[tuple[int, int], tuple[set[int], str]],
              marks: dict[int, str], target_row: int | None, gutter: int,
              plot_w: int) -> Content:
    label_style = TARGET if r == target_row else MUTED
    parts: list[tuple[str, str] | str] = [(marks.get(r, "").rjust(gutter - 1), label_style), " ",
                                          ("┼" if r == target_row else "┤" if r in marks
                                           else "│", MUTED)]
    for x in range(plot_w):
        cell = cells.get((r, x))
        if cell:
            halves, style = cell
            parts.append(("█" if len(halves) == 2 else "▀" if 0 in halves else "▄", style))
        elif r == target_row:
            parts.append(("─", TARGET))
        else:
            parts.append(" ")
    return Content.assemble(*parts)


def _axis(trend: Trend, gutter: int, plot_w: int, axis_line: bool) -> list[Content]:
    """The tick line (when there is room) and the period labels under their ticks."""
    count = len(trend.labels)
    slots = _label_slots(trend, plot_w)
    out = []
    if axis_line:
        axis = ["─"] * plot_w
        for index in slots:
            axis[_x(index, count, plot_w)] = "┬"
        out.append(Content.styled(" " * gutter + "└" + "".join(axis), MUTED))
    under = [" "] * plot_w
    for index, text in slots.items():
        start = min(max(0, _x(index, count, plot_w) - len(text) // 2), plot_w - len(text))
        under[start:start + len(text)] = list(text)
    out.append(Content.styled(" " * (gutter + 1) + "".join(under), MUTED))
    return out


class TrendPlot(Widget):
    """Draws a `Trend` to the size it gets."""

    DEFAULT_CSS = """
    TrendPlot { height: 1fr; min-height: 3; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._trend: Trend | None = None
        self._no_data = ""
        self._lang: Lang = "vi"

    def show(self, trend: Trend, no_data: str, lang: Lang = "vi") -> None:
        self._trend, self._no_data, self._lang = trend, no_data, lang
        self.refresh()

    def render(self) -> Content:
        if self._trend is None:
            return Content("")
        return Content("\n").join(chart_lines(self._trend, self.size.width, self.size.height,
                                              self._lang, self._no_data))
