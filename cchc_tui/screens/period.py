"""`p`: pick a period — grouped by granularity, newest first, filtered as you type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from cchc_tui import i18n
from cchc_tui.i18n import Lang, pick
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.period_filter import group_title, grouped, picker_periods
from cchc_tui.text import format_count


class PeriodScreen(ModalScreen[Period | None]):
    """Dismisses with the chosen period (None on escape)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", show=False),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("pagedown", "move(10)", show=False, priority=True),
        Binding("pageup", "move(-10)", show=False, priority=True),
    ]

    def __init__(self, periods: tuple[Period, ...], current: Period | None, lang: Lang) -> None:
        super().__init__()
        self.periods = picker_periods(periods)
        self.current, self.lang = current, lang
        self.shown: dict[str, Period] = {}  # option id → period, for the list on screen

    def compose(self) -> ComposeResult:
        with Vertical(id="period-picker", classes="dialog") as box:
            box.border_title = pick(i18n.PERIOD_TITLE, self.lang)
            yield Input(placeholder=pick(i18n.PERIOD_PLACEHOLDER, self.lang), id="period-filter")
            yield Static(id="period-count")
            yield OptionList()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._fill("")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        options: list[Option] = []
        self.shown = {}
        for granularity, periods in grouped(self.periods, query):
            options.append(Option(Content.styled(group_title(granularity, self.lang),
                                                 "bold $text-accent"), disabled=True))
            for period in periods:
                code = str(period)
                self.shown[code] = period
                label = describe_period(period, self.lang)
                options.append(Option(Content.assemble(
                    "  ", label, *(("  ", (code, "$text-muted")) if code != label else ())),
                    id=code))
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        wanted = str(self.current) if self.current in self.shown.values() else None
        index = next((i for i, o in enumerate(options) if wanted and o.id == wanted), None)
        if index is None:  # the current period is filtered out: the first match
            index = next((i for i, o in enumerate(options) if not o.disabled), None)
        option_list.highlighted = index
        if index is not None:
            option_list.scroll_to_highlight()
        count = (f"{format_count(len(self.shown), self.lang)}/"
                 f"{format_count(len(self.periods), self.lang)} " + pick(i18n.PERIODS, self.lang))
        if not self.shown:
            count = pick(i18n.NO_PERIOD_MATCHES, self.lang)
        self.query_one("#period-count", Static).update(Content.styled(count, "$text-muted"))

    def action_move(self, step: int) -> None:
        """Up and down from the filter, over the group titles."""
        option_list = self.query_one(OptionList)
        enabled = [i for i in range(option_list.option_count)
                   if not option_list.get_option_at_index(i).disabled]
        if not enabled:
            return
        current = option_list.highlighted if option_list.highlighted is not None else -1
        if step > 0:
            later = [i for i in enabled if i > current]
            target = later[min(step, len(later)) - 1] if later else enabled[-1]
        else:
            earlier = [i for i in enabled if i < current]
            target = earlier[max(step, -len(earlier))] if earlier else enabled[0]
        option_list.highlighted = target

    @on(Input.Submitted)
    def _submitted(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id in self.shown:
            self.dismiss(self.shown[option.id])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in self.shown:
            self.dismiss(self.shown[event.option.id])
