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

# The data problems of a dossier source (DOSSIERS.md), for `validate` and the findings screen:
# {n} rows, {codes} unknown unit codes, {month} the open month.
DOSSIER_PROBLEMS = {
    "unknown_unit": ("{n} hồ sơ thuộc đơn vị không có trong bảng đơn vị ({codes}); không được "
                     "tính cho đơn vị nào",
                     "{n} dossiers belong to units that are not in the units table ({codes}); "
                     "they count for no unit"),
    "duplicate": ("{n} dòng lặp lại một mã hồ sơ đã có; mỗi hồ sơ chỉ được tính một lần",
                  "{n} rows repeat a dossier id already seen; each dossier is counted once"),
    "bad_channel": ("{n} hồ sơ có kênh tiếp nhận khác trực tuyến, trực tiếp, bưu chính công ích;"
                    " được tính vào số hồ sơ tiếp nhận nhưng không vào kênh nào",
                    "{n} dossiers have a channel other than online, direct or postal; they "
                    "count in dossiers_received but in no channel"),
    "before_received": ("{n} hồ sơ có kết quả trước ngày tiếp nhận",
                        "{n} dossiers are resolved before they were received"),
    "paid_no_fee": ("{n} hồ sơ thanh toán trực tuyến nhưng không có phí, lệ phí",
                    "{n} dossiers are paid online but not fee-bearing"),
    "no_received": ("{n} hồ sơ không có ngày tiếp nhận; không được tính vào tháng nào",
                    "{n} dossiers have no received_at; they count in no month"),
    "future": ("{n} hồ sơ tiếp nhận hoặc có kết quả sau tháng này ({month}); các tháng đó được "
               "bỏ qua",
               "{n} dossiers are received or resolved after this month ({month}); those "
               "months are left out"),
}
DOSSIER_EXAMPLES = (" (ví dụ: {ids})", " (e.g. {ids})")
DOSSIER_SCOPE = ("Dữ liệu hồ sơ, toàn nguồn: ", "Dossier rows, whole source: ")


def dossier_problem(kind: str, args: dict[str, str], lang: str) -> str:
    """One data problem in words; `args` holds n (a formatted count), codes, month, ids."""
    text = pick(DOSSIER_PROBLEMS[kind], lang).format(**args)
    if args.get("ids"):
        text += pick(DOSSIER_EXAMPLES, lang).format(**args)
    return text


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
