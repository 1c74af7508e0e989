"""Words shown to people, in Vietnamese and English (the UI speaks Vietnamese by default)."""

from __future__ import annotations

from cchc_tui.model.catalogue import MEASURES, Kpi

# Status: a symbol and a word, never colour alone.
STATUS = {
    "met": ("✓", "đạt", "met"),
    "on_track": ("↗", "đúng tiến độ", "on track"),
    "at_risk": ("!", "có nguy cơ", "at risk"),
    "behind": ("✗", "chậm", "behind"),
    "not_met": ("✗", "chưa đạt", "not met"),
    "partial": ("*", "một phần", "partial"),  # not judged: help and the report's legend say so
    "no_data": ("—", "chưa có số liệu", "no data"),
    "no_target": ("·", "chưa có chỉ tiêu", "no target"),
}

SOURCE = {
    "computed": ("tính từ số liệu", "computed"),
    "derived": ("tính, có tổng suy ra", "derived"),
    "reported": ("số công bố", "reported"),
}

REASON = {
    "no_denominator": ("chưa báo cáo mẫu số", "no denominator reported"),
    "zero_denominator": ("mẫu số bằng 0", "denominator is zero"),
    "not_reported": ("chưa báo cáo cho kỳ này", "not reported for this period"),
    "partial_coverage": ("quá ít đơn vị trực thuộc có số liệu",
                         "too few units below report"),
    "numerator_exceeds_denominator": ("tử số lớn hơn mẫu số: không thể",
                                      "numerator above denominator: impossible"),
    "implausible_count": ("số liệu vô lý (vô hạn hoặc quá lớn)",
                          "implausible count (infinite or absurdly large)"),
    "not_published": ("cổng không công bố", "not published by the portal"),
}

def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "vi" else pair[1]


def status_label(status: str, lang: str) -> str:
    symbol, vi, en = STATUS[status]
    return f"{symbol} {vi if lang == 'vi' else en}"


def reason_label(reason: str | None, lang: str) -> str:
    return pick(REASON[reason], lang) if reason in REASON else ""


def source_label(source: str | None, lang: str) -> str:
    return pick(SOURCE[source], lang) if source in SOURCE else ""


def formula_words(kpi: Kpi, lang: str) -> str:
    """The KPI's formula with the measures' names, not their ids (ids are in the JSON)."""
    if kpi.max_score is not None:
        return pick((f"điểm 766 công bố, tính theo % điểm tối đa {kpi.max_score:g}",
                     f"766 score as published, percent of the maximum {kpi.max_score:g}"),
                    lang)
    if kpi.reported_only:
        return pick(("chỉ có số công bố (khảo sát)", "reported only (survey)"), lang)

    def side(names: tuple[str, ...]) -> str:
        words = " + ".join(pick((MEASURES[m].vi, MEASURES[m].en), lang) for m in names)
        return f"({words})" if len(names) > 1 else words

    return f"{side(kpi.numerator)} / {side(kpi.denominator)}"


# The change against the previous period of the same length, in percentage points:
# "▲ 3,12 điểm" / "▲ 3.12 pts" ("đ" alone would read as đồng).
CHANGE_POINTS = ("điểm", "pts")
CHANGE_HEADING = ("So với kỳ trước", "vs previous")


def change_text(change: float | None, lang: str) -> str:
    """"▲ 3,12 điểm", "▼ 1,05 điểm", "= 0,00 điểm"; "" when there is no honest change."""
    from cchc_tui.text import format_number

    if change is None:
        return ""
    arrow = "▲" if change > 0 else "▼" if change < 0 else "="
    return f"{arrow} {format_number(abs(change), lang, 2)} {pick(CHANGE_POINTS, lang)}"


# The CSV's columns (one figure a column), in order: (key, vi heading, en heading).
CSV_COLUMNS = (
    ("unit", "Mã đơn vị", "unit code"), ("period", "Mã kỳ", "period code"),
    ("kpi", "Mã chỉ số", "KPI code"), ("unit_name", "Đơn vị", "unit"),
    ("period_label", "Kỳ", "period"), ("kpi_name", "Chỉ số", "KPI"),
    ("value", "Giá trị (%)", "value (%)"), ("marks", "Dấu", "marks"),
    ("status", "Mã trạng thái", "status code"), ("status_text", "Trạng thái", "status"),
    ("numerator", "Tử số", "numerator"), ("denominator", "Mẫu số", "denominator"),
    ("reporting", "Số đơn vị có số liệu", "units reporting"),
    ("of", "Số đơn vị trực thuộc", "units below"),
    ("change", "So với kỳ trước (điểm)", "change vs previous (pts)"),
    ("target", "Chỉ tiêu (%)", "target (%)"), ("target_due", "Hạn chỉ tiêu", "target due"),
    ("gap", "Còn thiếu (điểm)", "gap (pts)"), ("score", "Điểm", "score"),
    ("max_score", "Điểm tối đa", "max score"), ("source", "Cách có giá trị", "value from"),
    ("notes", "Ghi chú", "notes"), ("data_time", "Số liệu ngày", "data time"),
)
