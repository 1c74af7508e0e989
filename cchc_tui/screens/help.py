"""`?`: the keys, what the marks on screen mean, and every KPI's formula, target and basis.

Type to filter (without diacritics, like the finder); ↑ ↓ PgUp PgDn Home End scroll.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cchc_tui import i18n, keys
from cchc_tui.cells import formula_words
from cchc_tui.i18n import STATUS, Lang, pick
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.catalogue import KPIS
from cchc_tui.model.periods import Period
from cchc_tui.text import fold, format_date, format_percent, printable

# What the marks on screen mean, after the status symbols (which come from i18n.STATUS).
LEGEND = (
    ("█░ │80%", "thanh: giá trị; │ đánh dấu chỉ tiêu (80%)",
     "bar: the value; │ marks the target (80%)"),
    ("(2/3)", "số đơn vị trực thuộc có số liệu / tổng số, khi cộng gộp từ cấp dưới",
     "sub-units with figures / all sub-units, when pooled from below"),
    ("573/1.109", "tử số / mẫu số: mọi tỷ lệ tính từ số liệu gốc",
     "numerator / denominator: every ratio comes from raw counts"),
    ("số công bố", "giá trị do đơn vị công bố (không có số liệu gốc để tính)",
     "reported: the value as published (no counts to compute it from)"),
    ("tính từ số liệu", "giá trị tính từ số liệu gốc; lệch số công bố > 0,5 điểm là phát hiện",
     "computed from counts; > 0,5 points from a published value is a finding"),
    ("ctrl+p", "bảng lệnh: đơn vị và chỉ số theo tên", "palette: units and KPIs by name"),
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
    ("▲ 2,58 điểm", "thay đổi so với kỳ trước cùng độ dài (tháng trước, quý trước; số liệu "
     "đến một ngày: cùng ngày năm trước), theo điểm phần trăm; không ghi khi một trong hai kỳ "
     "không có giá trị, là giá trị một phần (*) hoặc khác cách có giá trị (số công bố / tính "
     "từ số liệu)",
     "change against the previous period of the same length (the month, quarter before; "
     "figures to a day: the same days a year before), in percentage points; not shown when "
     "either period has no value, is partial (*) or has its value another way (published / "
     "computed)"),
    ("✓ ✗", "chỉ tiêu không có hạn: đạt / chưa đạt (dự báo: số kỳ cần theo đà hiện nay)",
     "a target without a due date: met / not met (projection: periods needed at this pace)"),
    ("↗ ! ✗", "chỉ tiêu có hạn: đúng tiến độ khi xu hướng các kỳ đủ số liệu đạt chỉ tiêu "
     "trước hạn (dự báo ≈ giá trị lúc hạn); nếu không: có nguy cơ (thiếu ≤ 5 điểm), chậm",
     "a target with a due date: on track when the trend of the complete periods reaches it "
     "by the due date (projection ≈ value at due); otherwise at risk (≤ 5 points short) or "
     "behind"),
)
Line = tuple[str, Content]  # (folded text to filter on, what is shown)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", show=False),
        Binding("up", "scroll(-1)", show=False, priority=True),
        Binding("down", "scroll(1)", show=False, priority=True),
        Binding("pageup", "scroll(-10)", show=False, priority=True),
        Binding("pagedown", "scroll(10)", show=False, priority=True),
        Binding("home", "scroll_to(0)", show=False, priority=True),
        Binding("end", "scroll_to(-1)", show=False, priority=True),
    ]

    def __init__(self, engine: Engine | None, unit: str | None, period: Period | None,
                 lang: Lang) -> None:
        super().__init__()
        self.engine, self.unit, self.period, self.lang = engine, unit, period, lang
        self._sections = self._build()

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog") as box:
            box.border_title = pick(i18n.HELP_TITLE, self.lang)
            box.border_subtitle = pick(i18n.HELP_SUBTITLE, self.lang)
            yield Input(placeholder=pick(i18n.HELP_PLACEHOLDER, self.lang), id="help-filter")
            with VerticalScroll(id="help-body", can_focus=False):
                yield Static(id="help-text")

    def on_mount(self) -> None:
        self._show("")
        self.query_one("#help-filter", Input).focus()

    @on(Input.Changed, "#help-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        words = fold(query).split()
        parts: list[Content] = []
        for title, lines in self._sections:
            kept = [shown for text, shown in lines if all(w in text for w in words)]
            if kept:
                parts.append(Content.styled(title, "bold"))
                parts.extend(kept)
                parts.append(Content(""))
        if not parts:
            parts = [Content(pick(i18n.NOTHING_MATCHES, self.lang))]
        self.query_one("#help-text", Static).update(Content("\n").join(parts))
        self.query_one("#help-body", VerticalScroll).scroll_home(animate=False)

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False)

    def action_scroll_to(self, where: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.max_scroll_y if where < 0 else 0, animate=False)

    # -- the text -----------------------------------------------------------------------------
    def _build(self) -> list[tuple[str, list[Line]]]:
        key_lines = [self._line(key, text) for key, text in
                     keys.help_lines(keys.DASHBOARD, self.lang)]
        # "hop" / "meeting" finds the whole section
        meeting = [(f"{found} che do hop meeting", shown) for found, shown in
                   (self._line(key, text) for key, text in
                    keys.help_lines(keys.MEETING, self.lang))]
        marks = [self._line(symbol, pick((v, e), self.lang)) for symbol, v, e in STATUS.values()]
        marks += [self._line(mark, pick((v, e), self.lang)) for mark, v, e in LEGEND]
        truth = [self._line(mark, pick((v, e), self.lang)) for mark, v, e in MARKS]
        titles = [pick(pair, self.lang) for pair in i18n.HELP_SECTIONS]
        return list(zip(titles, [key_lines, meeting, marks, truth, self._kpi_lines()],
                        strict=True))

    def _line(self, key: str, text: str) -> Line:
        shown = Content.assemble((f"{key:>12}", "bold $accent"), "  ", text)
        return fold(f"{key} {text}"), shown

    def _kpi_lines(self) -> list[Line]:
        out = []
        for kpi in KPIS.values():
            target = None
            if self.engine and self.unit and self.period:
                target = self.engine.result(self.unit, kpi.id, self.period).target
            if target is None:
                goal = pick(i18n.NO_TARGET, self.lang)
            else:
                goal = format_percent(target.value, self.lang, 0)
                if target.due:
                    goal += pick(i18n.BY_DATE, self.lang) + format_date(
                        target.due, self.lang)
                goal += f" — {printable(target.basis)}" if target.basis else ""
            name = pick((kpi.vi, kpi.en), self.lang)
            words = formula_words(kpi, self.lang)
            shown = Content.assemble((name, "bold"), "  ", (words, "$accent"),
                                     "\n    ", (goal, "$text-muted"))
            out.append((fold(f"{name} {kpi.id} {kpi.formula()} {words} {goal}"), shown))
        return out
