"""`?`: the keys, and every KPI's formula, target and the basis of that target."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from cchc_tui import keys
from cchc_tui.i18n import pick
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.catalogue import KPIS
from cchc_tui.model.periods import Period
from cchc_tui.text import format_date, format_percent

# What the marks on screen mean (not keys: they are shown after the keys).
LEGEND = (
    ("ctrl+p", "bảng lệnh: đơn vị và chỉ số theo tên", "palette: units and KPIs by name"),
    ("█░ │80%", "thanh: giá trị; │ đánh dấu chỉ tiêu", "bar: the value; │ marks the target"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", show=False)]

    def __init__(self, engine: Engine | None, unit: str | None, period: Period | None,
                 lang: str) -> None:
        super().__init__()
        self.engine, self.unit, self.period, self.lang = engine, unit, period, lang

    def compose(self) -> ComposeResult:
        vi = self.lang == "vi"
        with VerticalScroll(id="help", classes="dialog") as box:
            box.border_title = "Trợ giúp" if vi else "Help"
            box.border_subtitle = "esc: đóng" if vi else "esc: close"
            yield Static(Content.styled("Phím" if vi else "Keys", "bold"))
            lines = [*keys.help_lines(keys.DASHBOARD, self.lang),
                     *((key, pick((v, e), self.lang)) for key, v, e in LEGEND)]
            yield Static(Content("\n").join(
                Content.assemble((f"{key:>10}", "bold $accent"), "  ", text)
                for key, text in lines))
            yield Static(Content.styled("\nChỉ số: công thức, chỉ tiêu, căn cứ" if vi
                                        else "\nKPIs: formula, target, basis", "bold"))
            yield Static(Content("\n").join(self._kpi_lines()))

    def _kpi_lines(self) -> list[Content]:
        out = []
        for kpi in KPIS.values():
            target = None
            if self.engine and self.unit and self.period:
                target = self.engine.result(self.unit, kpi.id, self.period).target
            if target is None:
                goal = "chưa có chỉ tiêu" if self.lang == "vi" else "no target"
            else:
                goal = format_percent(target.value, self.lang, 0)
                if target.due:
                    goal += (" trước " if self.lang == "vi" else " by ") + format_date(
                        target.due, self.lang)
                goal += f" — {target.basis}" if target.basis else ""
            out.append(Content.assemble(
                (pick((kpi.vi, kpi.en), self.lang), "bold"), "  ", (kpi.formula(), "$accent"),
                "\n    ", (goal, "$text-muted")))
        return out
