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
# The marks on a value and the one rule behind every status word.
MARKS = (
    ("21,15%*", "một phần: thiếu đơn vị trực thuộc (tên ở dòng dưới và trong d) hoặc tháng "
     "của kỳ (4/6 tháng); không đánh giá theo chỉ tiêu",
     "partial: some units below (named on the line below and in d) or months of the period "
     "(4/6 months) are missing; not judged against the target"),
    ("98,00%†", "có ghi chú của nguồn hoặc phát hiện về số liệu: bấm d để đọc",
     "the source's note or a data-quality finding is about it: press d to read it"),
    ("—", "không có giá trị; lý do ở dòng dưới (ví dụ quá ít đơn vị trực thuộc có số liệu: "
     "cần tất cả, xem app.min_coverage)",
     "no value; the reason is on the line below (e.g. too few units below report: all are "
     "needed, see app.min_coverage)"),
    ("80% ┼───", "xu hướng: đường chỉ tiêu ở đúng hàng ghi giá trị chỉ tiêu; giá trị dưới chỉ "
     "tiêu luôn nằm dưới đường; kỳ ghi * (H2/26*) là kỳ một phần",
     "trend: the target line is on the row labelled with the target; a value below the target "
     "is always drawn below the line; a period marked * (H2/26*) is partial"),
    ("✓ ✗", "chỉ tiêu không có hạn: đạt / chưa đạt (dự báo: số kỳ cần theo đà hiện nay)",
     "a target without a due date: met / not met (projection: periods needed at this pace)"),
    ("↗ ! ✗", "chỉ tiêu có hạn: đúng tiến độ khi xu hướng các kỳ đủ số liệu đạt chỉ tiêu "
     "trước hạn (dự báo ≈ giá trị lúc hạn); nếu không: có nguy cơ (thiếu ≤ 5 điểm), chậm",
     "a target with a due date: on track when the trend of the complete periods reaches it "
     "by the due date (projection ≈ value at due); otherwise at risk (≤ 5 points short) or "
     "behind"),
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
            yield Static(Content.styled("\nDấu và trạng thái" if vi else "\nMarks and status",
                                        "bold"))
            yield Static(Content("\n").join(
                Content.assemble((f"{mark:>10}", "bold $accent"), "  ", pick((v, e), self.lang))
                for mark, v, e in MARKS))
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
