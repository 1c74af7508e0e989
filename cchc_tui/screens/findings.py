"""`d`: the data-quality findings of the unit and period, each with its figures."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from cchc_tui.kpi.findings import Finding
from cchc_tui.text import format_count, round_half_up


def _figure(value: object, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return format_count(round_half_up(value) if isinstance(value, float) else value, lang)


class FindingsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,d,q", "dismiss", "Close", show=False),
                # a dialog keeps the app's keys from acting: the export is bound here again
                Binding("e", "app.export", show=False)]

    def __init__(self, title: str, items: list[Finding], lang: str) -> None:
        super().__init__()
        self.heading, self.items, self.lang = title, items, lang

    def compose(self) -> ComposeResult:
        vi = self.lang == "vi"
        with VerticalScroll(id="findings", classes="dialog") as box:
            box.border_title = ("Phát hiện về chất lượng dữ liệu" if vi
                                else "Data-quality findings")
            box.border_subtitle = "esc: đóng" if vi else "esc: close"
            yield Static(Content.styled(self.heading, "bold"))
            if not self.items:
                yield Static(Content("Không có phát hiện nào." if vi else "No findings."))
            for item in self.items:
                figures = ", ".join(f"{k} = {_figure(v, self.lang)}"
                                    for k, v in item.figures.items() if not isinstance(v, dict))
                yield Static(Content.assemble(("! ", "bold $warning"), item.message(self.lang),
                                              "\n  ", (figures, "$text-muted")),
                             classes="finding")
