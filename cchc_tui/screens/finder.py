"""`/`: find a unit by typing part of its name, diacritics optional."""

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
from cchc_tui.model.lookup import search_units_counted
from cchc_tui.model.snapshot import Snapshot, Unit
from cchc_tui.text import format_count
from cchc_tui.widgets.lists import DrillList

MAX_OPTIONS = 200  # an OptionList measures every option: 11.000 of them cost ~350 ms a key


class FinderScreen(ModalScreen[str | None]):
    """Input + bounded OptionList; dismisses with the chosen unit code (None on escape)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", show=False),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
    ]

    def __init__(self, snapshot: Snapshot, lang: Lang) -> None:
        super().__init__()
        self.snapshot, self.lang = snapshot, lang
        self._prompts: dict[str, Content] = {}  # unit code → its line in the list

    def compose(self) -> ComposeResult:
        with Vertical(id="finder", classes="dialog") as box:
            box.border_title = pick(i18n.FINDER_TITLE, self.lang)
            yield Input(placeholder=pick(i18n.FINDER_PLACEHOLDER, self.lang), id="finder-input")
            yield Static(id="finder-count")
            yield DrillList(id="finder-options")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._fill("")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        shown, total = search_units_counted(self.snapshot, query, MAX_OPTIONS)
        options = [Option(self._prompt(unit), id=unit.code) for unit in shown]
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        if options:
            option_list.highlighted = 0
        count = (f"{format_count(len(shown), self.lang)}/"
                 f"{format_count(total, self.lang)} {pick(i18n.MATCHES, self.lang)}")
        self.query_one("#finder-count", Static).update(Content(count))

    def _prompt(self, unit: Unit) -> Content:
        """The unit's line, made once per finder: a Content keeps its measured height, so a
        key that brings back units already listed (backspace, a retyped letter) neither
        rebuilds their lines nor has the list measure them again (the list wraps each new
        line to measure it: ~half of refilling 200 options)."""
        prompt = self._prompts.get(unit.code)
        if prompt is None:
            parents = " › ".join(u.name for u in reversed(self.snapshot.ancestors(unit.code)))
            parts: list[str | tuple[str, str]] = [unit.name, "  ", (unit.code, "$text-muted")]
            if parents:
                parts += ["  ", (parents, "italic $text-muted")]
            prompt = self._prompts[unit.code] = Content.assemble(*parts)
        return prompt

    def action_move(self, step: int) -> None:
        option_list = self.query_one(OptionList)
        if option_list.option_count:
            current = option_list.highlighted or 0
            option_list.highlighted = max(0, min(option_list.option_count - 1, current + step))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
