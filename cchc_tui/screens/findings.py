"""`d`: the data-quality findings of the unit and period, each saying its figures."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from cchc_tui import i18n
from cchc_tui.i18n import Lang, pick
from cchc_tui.kpi.findings import Finding


class FindingsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,d,q", "dismiss", "Close", show=False),
                # a dialog keeps the app's keys from acting: the export is bound here again
                Binding("e", "app.export", show=False)]

    def __init__(self, title: str, items: list[Finding], lang: Lang) -> None:
        super().__init__()
        self.heading, self.items, self.lang = title, items, lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="findings", classes="dialog") as box:
            box.border_title = pick(i18n.FINDINGS_HEADING, self.lang)
            box.border_subtitle = pick(i18n.ESC_CLOSE, self.lang)
            yield Static(Content.styled(self.heading, "bold"))
            if not self.items:
                yield Static(Content(pick(i18n.NO_FINDINGS, self.lang)))
            # The message says the figures in words; their ids and raw values are for the
            # report's JSON, not for a reader.
            for item in self.items:
                yield Static(Content.assemble(("! ", "bold $warning"), item.message(self.lang)),
                             classes="finding")
