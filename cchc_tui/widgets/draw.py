"""Drawing helpers shared by the panels: status styles, target bars, fitted cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from cchc_tui.i18n import Lang
from cchc_tui.model.vocabulary import Status

if TYPE_CHECKING:  # annotations only: the first frame is drawn before the engine is imported
    from cchc_tui.cells import KpiRow

# Colour backs up the symbol and the word, never replaces them.
STATUS_STYLE = {
    # Four colours that stay four in 256 and in 16 colours (TERM=linux): on track is not a
    # second green, at risk not a second red.
    "met": "$success", "on_track": "$primary", "at_risk": "$text-warning",
    "behind": "bold $error",
    "not_met": "bold $error", "partial": "$text-muted",
    "no_data": "$text-muted", "no_target": "$text-muted",
}
BAR_WIDTH = 16


def status(row_status: Status, text: str) -> Content:
    return Content.styled(text, STATUS_STYLE.get(row_status, ""))


def fit(text: str, width: int, right: bool = False) -> str:
    """`text` cut (with …) or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.rjust(width) if right else text.ljust(width)


def bar(value: float | None, target: float | None, row_status: Status,
        width: int = BAR_WIDTH) -> Content:
    """`██████░░░│░░` — the value filled in, the target marked with `│`."""
    filled = 0 if value is None else round(max(0.0, min(100.0, value)) / 100 * width)
    mark = None if target is None else min(width - 1, round(target / 100 * width))
    parts: list[tuple[str, str] | str] = []
    for i in range(width):
        if i == mark:
            parts.append(("│" if i >= filled else "┃", "bold $accent"))
        elif i < filled:
            parts.append(("█", STATUS_STYLE.get(row_status, "")))
        else:
            parts.append(("░", "$text-muted"))
    return Content.assemble(*parts)


def kpi_lines(row: KpiRow, width: int, name_width: int, lang: Lang,
              change_width: int = 0) -> list[Content]:
    """Two lines per KPI: name, value, change and status; then bar, target and counts.
    `change_width`: the panel's widest "▲ 3,12 điểm" (0: no row has a change), so the
    statuses stay in one column."""
    status_w = max(len(row.status_text), 4)
    change_w = change_width + 1 if change_width else 0
    name_w = max(8, min(name_width, width - 9 - change_w - status_w - 2))
    if name_w < name_width and not row.change_text:  # the name before an empty column
        change_w = 0
        name_w = max(8, min(name_width, width - 9 - status_w - 2))
    change = (fit(row.change_text, change_width) + " ", "$text-muted") if change_w else ""
    first = Content.assemble(  # 8 cells: "100,00%" and a mark ("21,15%*", "98,00%†")
        fit(row.name, name_w), " ", (fit(row.value_text, 8, right=True), "bold"), " ",
        change, status(row.status, row.status_text))
    # The target as the bar marks it: "│80%" (the help screen explains the marker).
    target = ("│", "bold $accent") if row.target is not None else " "
    second = Content.assemble(
        "  ", bar(row.value, row.target, row.status), " ", target,
        (fit(row.target_text if row.target is not None else "", 5), "$text-muted"),
        " ", Content(row.counts_text + row.note_hint))
    return [first.truncate(width), second.truncate(width)]
