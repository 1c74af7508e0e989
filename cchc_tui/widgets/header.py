"""The top bar: unit breadcrumb and period; data source and its state.

On a narrow terminal the unit, the period, the data date and the simulated marker stay; the
source's state is shortened first (to its word, then its symbol), then the publisher, then the
breadcrumb's parents. Names come from a feed: a newline or control character in one is shown
as an escape, never allowed to start a second line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from textual.content import Content
from textual.widget import Widget

from cchc_tui.frame import HeaderView
from cchc_tui.text import printable

SEP = "  ·  "
_STATE_STYLE = {"error": "bold $text-error", "offline": "bold $text-warning",
                "stale": "bold $text-warning", "live": "$text-success"}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…"


def first_line(view: HeaderView, width: int) -> Content:
    """Breadcrumb and period: the parents give way first, then the unit's name; never the
    period."""
    names = [printable(n) for n in view.breadcrumb]
    period = (view.period_text, "bold $accent")
    if not names:  # nothing read yet: no unit to put a separator after
        return Content.assemble(period).truncate(width, ellipsis=True)
    crumb_sets = [names]
    if len(names) > 2:
        crumb_sets.append([names[0], "…", names[-1]])
    if len(names) > 1:
        crumb_sets.append(["…", names[-1]])
        crumb_sets.append([names[-1]])
    for crumbs in crumb_sets:
        line = Content.assemble(
            Content(" › ").join(Content.styled(n, "bold") for n in crumbs), SEP, period)
        if line.cell_length <= width:
            return line
    unit = names[-1] if names else ""
    room = width - len(view.period_text) - 3
    if room >= 4:
        return Content.assemble((_cut(unit, room), "bold"), " · ", period)
    return Content.assemble(period).truncate(width, ellipsis=True)


def _state_versions(text: str) -> list[str]:
    """The state, then without the next read, without when it last read, without why:
    "✗ LỖI NGUỒN: hết giờ — số liệu đọc lúc 08:40 · thử lại 08:45" → … → "✗ LỖI NGUỒN"."""
    versions = [text]
    for pattern in (r" · ", r" · | — ", r" · | — |: "):
        shorter = re.split(pattern, text, maxsplit=1)[0]
        if shorter not in versions:
            versions.append(shorter)
    return versions


def _second_candidates(view: HeaderView, width: int) -> Iterator[list[str]]:
    """The state, the source's name, the data date: each version shorter than the one before.
    A failing source keeps why it fails longer than the publisher keeps its name."""
    name, data = printable(view.source_name), view.data_text
    versions = _state_versions(printable(view.state_text))
    for state in versions:
        yield [state, name, data]
    if view.state not in ("live", "loading"):  # the word and why, the last two versions
        for state in versions[-2:]:
            yield from _shorter_source(view, state, name, width)
    symbol = versions[-1].split(" ", 1)[0]
    yield [symbol, name, data]
    yield from _shorter_source(view, symbol, name, width)


def _shorter_source(view: HeaderView, state: str, name: str,
                    width: int) -> Iterator[list[str]]:
    data = view.data_text
    if not view.simulated:  # the publisher gives way; the simulated marker never does
        room = width - len(state) - len(SEP) - len(data) - 3
        if room >= 8:
            yield [state, _cut(name, room), data]
        yield [state, data]
        yield [state, view.data_date]
    yield [state, name, view.data_date]


def second_line(view: HeaderView, width: int) -> Content:
    state_style = _STATE_STYLE.get(view.state, "$text-muted")
    line = Content("")
    for state, *rest in _second_candidates(view, width):
        source = " · ".join(p for p in rest if p)
        # A state cut to its symbol leads the source like a bullet ("● dữ liệu mô phỏng …"):
        # a separator after a lone symbol would read as a stray "● ·".
        joint = "" if not source else (" " if " " not in state else SEP)
        line = Content.assemble((state, state_style), joint, (source, "italic"))
        if line.cell_length <= width:
            return line
    return line.truncate(width, ellipsis=True)


class StatusHeader(Widget):
    """Two lines; the state turns into an error banner when the source fails."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._view: HeaderView | None = None

    def show(self, view: HeaderView) -> None:
        self._view = view
        self.set_class(view.state == "error", "-error")
        self.set_class(view.state in ("offline", "stale"), "-warning")
        self.refresh()

    def render(self) -> Content:
        view = self._view
        if view is None:
            return Content("cchc-tui")
        width = self.content_size.width
        return Content("\n").join([first_line(view, width), second_line(view, width)])
