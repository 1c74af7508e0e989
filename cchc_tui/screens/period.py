"""`p`: pick one of the unit's periods from a short list (newest first)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cchc_tui.model.periods import Period, describe_period


class PeriodScreen(ModalScreen[Period | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", show=False)]

    def __init__(self, periods: tuple[Period, ...], current: Period | None, lang: str) -> None:
        super().__init__()
        self.periods = tuple(reversed(periods))
        self.current, self.lang = current, lang

    def compose(self) -> ComposeResult:
        with Vertical(id="period-picker", classes="dialog") as box:
            box.border_title = "Chọn kỳ" if self.lang == "vi" else "Choose a period"
            yield OptionList(*[
                Option(Content.assemble(describe_period(p, self.lang), "  ",
                                        (str(p), "$text-muted")), id=str(i))
                for i, p in enumerate(self.periods)])

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.focus()
        if self.current in self.periods:
            option_list.highlighted = self.periods.index(self.current)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.periods[event.option_index])
