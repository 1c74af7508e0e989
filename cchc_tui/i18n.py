"""Words shown to people, in Vietnamese and English (the UI speaks Vietnamese by default):
the sentences of the screen, the report and the findings as (vi, en) pairs, so that one file
holds both languages. Names that belong to a definition stay with it (a KPI's in the
catalogue, a panel's in frame.PANELS, a key's in keys.py) and reach a sentence here as
`Both(vi, en)`.

At the bottom of the layers (it imports only `text`), so that any module may take its words
from here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from cchc_tui.text import format_count, format_percent

if TYPE_CHECKING:
    from cchc_tui.config_errors import ConfigError

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

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


def dossier_problem(kind: str, args: dict[str, str], lang: Lang) -> str:
    """One data problem in words; `args` holds n (a formatted count), codes, month, ids."""
    text = pick(DOSSIER_PROBLEMS[kind], lang).format(**args)
    if args.get("ids"):
        text += pick(DOSSIER_EXAMPLES, lang).format(**args)
    return text


# A feed's own errors and warnings (FeedIssue.kind) in Vietnamese; the English stays the
# message the feed module wrote, so English output is what it always was. Values quoted from a
# feed arrive quoted as in English (repr), so no raw control character reaches a screen.
FEED_ISSUES: dict[str, str] = {
    "stopped": "(dừng sau {n} lỗi)",
    # reading the file (load, json_feed)
    "no_such_file": "không có tệp hoặc thư mục này",
    "no_feed_files": "thư mục không có tệp nguồn dữ liệu nào (*.json hoặc *.csv)",
    "cannot_read": "không đọc được tệp: {why}",
    "empty_file": "tệp rỗng: cần một cchc-kpi-feed (JSON hoặc CSV)",
    "not_utf8": "byte {byte} không phải UTF-8: hãy lưu tệp dưới dạng UTF-8 (trong bảng tính: "
                "xuất 'CSV UTF-8')",
    "json_cut": "JSON bị cắt ở byte {byte} (dừng giữa một giá trị: tải xuống hoặc sao chép bị "
                "gián đoạn?)",
    "json_html": "JSON không hợp lệ ở byte {byte}: đây là HTML hoặc XML, không phải JSON (một "
                 "trang báo lỗi hay trang đăng nhập?)",
    "json_syntax": "JSON không hợp lệ ở byte {byte}: {detail}",
    "json_other": "JSON không hợp lệ: {detail}",
    "too_deep": "không phải cchc-kpi-feed: JSON lồng nhau quá sâu để đọc",
    "not_a_feed_document": "không phải cchc-kpi-feed: tài liệu là {type} JSON, cần một đối "
                           "tượng có \"format\": \"cchc-kpi-feed\"",
    "no_format": "không phải cchc-kpi-feed: thiếu \"format\", cần \"{format}\"",
    "wrong_format": "không phải cchc-kpi-feed: \"format\" là {shown}, cần \"{format}\"",
    "wrong_version": "không hỗ trợ phiên bản nguồn {given}: bản này đọc phiên bản {version}",
    "expected_string": "cần một chuỗi, nhận được {type}",
    "expected_array": "cần một mảng, nhận được {type}",
    "expected_object": "cần một đối tượng, nhận được {type}",
    "expected_measure_names": "cần một mảng tên chỉ số đo",
    "no_units": "thiếu \"units\": nguồn phải liệt kê các đơn vị (code, name, level, parent)",
    "missing_key": "thiếu \"{key}\" (mỗi bản ghi ở đây có {keys})",
    "cube_size": "{values} giá trị cho {units} đơn vị × {periods} kỳ × {measures} chỉ số đo: "
                 "cần {expected}",
    "unpublished_unknown": "chỉ số đo không xác định {name}",
    "unknown_measure": "chỉ số đo không xác định {name} vẫn được giữ (lần đầu ở {at})",
    "unknown_kpi": "KPI không xác định {name} vẫn được giữ (lần đầu ở {at})",
    # CSV (csv_feed)
    "no_header": "không có dòng tiêu đề",
    "header_lacks": "tiêu đề không có cột 'kind', nên mọi dòng phải là một quan sát "
                    "(observation), nhưng thiếu {columns_missing} (xem phần CSV của "
                    "docs/feed-format.md)",
    "cell_count": "{cells} ô nhưng tiêu đề có {columns} cột (dấu phân cách {sep} có bị dùng "
                  "trong một giá trị không có dấu ngoặc kép không?)",
    "bad_kind": "kind {given} không thuộc {kinds}",
    "row_needs": "dòng {row} cần {columns_missing}",
    "not_a_number_eg": "{given} không phải là số (ví dụ đúng: 1109 hoặc {decimal})",
    "not_a_number": "{given} không phải là số",
    # values and units (cube, tree, plain_text)
    "conflict": "trùng lặp mâu thuẫn: {unit} {period} {measure} là {value} ở đây và {old} ở "
                "một bản ghi trước",
    "conflict_at": "trùng lặp mâu thuẫn: {unit} {period} {measure} là {value} ở đây và {old} ở "
                   "{at}",
    "expected_number": "cần một số, nhận được {given}",
    "negative_count": "số đếm âm {given}: số đếm phải từ 0 trở lên",
    "expected_measure": "cần một tên chỉ số đo, nhận được {given}",
    "unknown_parent": "đơn vị cha {parent} của đơn vị {unit} không phải là đơn vị của nguồn này",
    "parent_cycle": "vòng lặp đơn vị cha: {cycle}",
    # records (build, checks)
    "expected_text": "cần một chuỗi không rỗng, nhận được {given}",
    "expected_string_value": "cần một chuỗi, nhận được {given}",
    "source_twice": "mã nguồn {given} được dùng hai lần",
    "unknown_source": "nguồn {source} của đơn vị {unit} không có trong \"sources\"",
    "bad_level": "cấp {given} không thuộc {levels}",
    "expected_unit_code": "cần một mã đơn vị, nhận được {given}",
    "expected_external_id": "cần mã của đơn vị ở nguồn dưới dạng chuỗi, nhận được {given}",
    "unit_differs": "đơn vị {unit} được khai báo khác nhau ở {first} ({old}) và ở đây ({new})",
    "unknown_unit": "đơn vị không xác định {given}: không có trong \"units\"",
    "expected_kpi": "cần một mã KPI, nhận được {given}",
    "percentage": "cần một tỷ lệ phần trăm từ 0 đến 100, nhận được {given}",
    "reported_conflict": "trùng lặp mâu thuẫn: {kpi} công bố của {unit} kỳ {period} là {value} "
                         "ở đây và {old} ở {at}",
    "target_unknown_kpi": "bỏ qua mục tiêu cho KPI không xác định {given}",
    "target_value": "cần một mục tiêu từ 0 đến 100, nhận được {given}",
    "not_a_date": "{given} không phải là ngày: cần dạng YYYY-MM-DD",
    "expected_scope": "cần \"*\", một cấp hoặc một mã đơn vị, nhận được {given}",
    "scope_matches_none": "phạm vi {given} không phải \"*\", một cấp hay một đơn vị của nguồn "
                          "này: mục tiêu không áp dụng cho đơn vị nào",
    "not_a_datetime": "{given} không phải là ngày giờ: cần dạng ISO 8601, ví dụ "
                      "2024-04-23T08:00:00+07:00",
    "no_utc_offset": "{given} không có độ lệch UTC: cần dạng ISO 8601 có độ lệch, ví dụ "
                     "2024-04-23T08:00:00+07:00",
    "negative_extra": "{key} âm {given}: cần từ 0 trở lên",
    "needs_pair": "có {given} thì cần {missing}: giá trị hiển thị là numerator / denominator",
    "max_score_zero": "max_score {given} phải lớn hơn 0",
    "score_over_max": "score {score} vượt quá max_score {top}",
    "ratio_differs": "giá trị {value} khác numerator/denominator {num}/{den} = {shown}: hiển thị "
                     "theo tỷ lệ",
    # the 766 index records (index766)
    "index_conflict": "trùng lặp mâu thuẫn: bản ghi index_766 thứ hai của {unit} kỳ {period} "
                      "với số liệu khác; bản đầu ở {at}",
    "index_score": "cần một điểm từ 0 đến {top} hoặc null, nhận được {given}",
    "index_groups": "cần một đối tượng điểm theo mã nhóm, nhận được {type}",
    "index_group": "nhóm {given} không thuộc {groups}",
    "index_metrics": "cần một mảng tiêu chí, nhận được {type}",
    "metric_twice": "tiêu chí {code} xuất hiện hai lần trong một bản ghi (lần đầu ở {at})",
    "metric_object": "cần một đối tượng tiêu chí, nhận được {type}",
    "unknown_key": "bỏ qua khóa không xác định {given}",
    "metric_missing": "thiếu \"{key}\" (mỗi tiêu chí có {keys})",
    "metric_code": "cần một mã tiêu chí (văn bản thuần), nhận được {given}",
    "metric_count": "cần một số đếm nguyên ≥ 0 hoặc null, nhận được {given}",
    "metric_number": "cần một số ≥ 0 hoặc null, nhận được {given}",
    "metric_text": "cần một văn bản hoặc null, nhận được {type}",
    "metric_unknown": "tiêu chí {given} không thuộc quy tắc 766: được giữ, không chấm điểm",
    # the national portal's answers (portal/answers, portal/records)
    "not_portal": "không phải câu trả lời của cổng: cần bảy câu trả lời 766 (SERVICE_RESULTS, "
                  "TRANSPARENCY, …), một câu trả lời service-results {{code, data}} hoặc một tệp "
                  "chi tiết của trình thu thập {{metadata, unitsDetail}}",
    "portal_not_ok": "cổng không trả lời OK: code {code}, message {said}",
    "portal_no_data": "cổng trả lời không có dữ liệu",
    "portal_no_answer": "không có câu trả lời {key}: các số liệu của nó bị bỏ qua",
    "portal_no_unit": "không câu trả lời nào nêu đơn vị của nó (overview hoặc parent)",
    "portal_month": "cần một tháng 01–12, nhận được {given}",
    "portal_page": "{have} trên {total} đơn vị trong câu trả lời này (một trang trong nhiều "
                   "trang): các đơn vị còn lại bị bỏ qua",
    "expected_number_or_null": "cần một số hoặc null, nhận được {type} {given}",
    "metric_no_code": "một tiêu chí không có \"code\"",
    "nothing_to_publish": "không có tệp nguồn nào để phát hành trong thư mục",
    "no_department_code": "{name}: không câu trả lời nào có departmentCode, bị bỏ qua",
    "control_char": "{what} {given} chứa ký tự điều khiển {char}: {what} phải là văn bản thuần "
                    "(chữ, số, dấu câu)",
}
# JSON's type names (json_feed.json_type) and the texts plain_text refuses, in Vietnamese.
FEED_WORDS = {"null": "null", "boolean": "boolean", "number": "số", "string": "chuỗi",
              "array": "mảng", "object": "đối tượng", "code": "mã", "external id": "mã ngoài",
              "measure name": "tên chỉ số đo", "KPI id": "mã KPI", "scope": "phạm vi",
              "source id": "mã nguồn", "name": "tên", "note": "ghi chú", "basis": "cơ sở"}
FEED_NEAR = " (có phải {near}?)"
# The JSON parser's (msgspec's) own words for a syntax error; one not listed stays as it says.
JSON_DETAILS_VI = {"trailing comma in object": "dấu phẩy thừa trong đối tượng",
                   "trailing comma in array": "dấu phẩy thừa trong mảng",
                   "invalid character": "ký tự không hợp lệ",
                   "expected ':'": "thiếu ':'", "expected ',' or '}'": "thiếu ',' hoặc '}'",
                   "expected ',' or ']'": "thiếu ',' hoặc ']'",
                   "expected '\"'": "thiếu '\"'", "invalid number": "số không hợp lệ",
                   "trailing characters": "còn ký tự thừa sau tài liệu",
                   "object keys must be strings": "khóa của đối tượng phải là chuỗi"}
# The args that are counts: vi-VN digits (1.109) in Vietnamese.
FEED_COUNTS = frozenset({"n", "cells", "columns", "values", "units", "periods", "measures",
                         "expected", "version", "have", "total"})


def _period_problem(given: str, problem: str) -> str:
    """check_period's English problem in Vietnamese."""
    after = re.fullmatch(r"period (.*) begins after the feed was generated \((.*)\)", problem)
    if after:
        return f"kỳ {after[1]} bắt đầu sau ngày nguồn được tạo ({after[2]})"
    kind = re.fullmatch(r"a period must be a string, not (\w+)", problem)
    if kind:
        return f"kỳ phải là một chuỗi, không phải {kind[1]}"
    return period_error_text(given, problem, "vi")


def feed_issue_words(kind: str, args: dict[str, str], message: str, lang: Lang) -> str:
    """A feed issue in `lang`: its kind's template, else (no kind yet, or English) `message`."""
    if lang == "en" or not kind:
        return message
    if kind.startswith("dossier_") and kind[len("dossier_"):] in DOSSIER_PROBLEMS:
        n = format_count(int(args["n"]), lang) if args.get("n", "").isdigit() else args["n"]
        return "vấn đề dữ liệu: " + dossier_problem(kind[len("dossier_"):], {**args, "n": n},
                                                    lang)
    if kind == "conflict" and "at" in args:
        kind = "conflict_at"
    if kind == "source_reason":  # a dossier database's reason, worded as the header words it
        return source_reason(args["reason"], lang)
    if kind == "period":
        return _period_problem(args["given"], args["problem"])
    template = FEED_ISSUES.get(kind)
    if template is None:
        return message
    shown = {k: format_count(int(v), lang) if k in FEED_COUNTS and v.isdigit() else
             FEED_WORDS.get(v, v) if k in ("type", "what") else
             JSON_DETAILS_VI.get(v, v) if k == "detail" else v for k, v in args.items()}
    text = template.format(**shown)
    return text + FEED_NEAR.format(near=shown["near"]) if shown.get("near") else text


def pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "vi" else pair[1]


def words(table: Mapping[str, tuple[str, str]], lang: Lang) -> dict[str, str]:
    """A table of pairs in one language: {key: its words in `lang`}."""
    return {key: pick(pair, lang) for key, pair in table.items()}


def status_label(status: str, lang: Lang) -> str:
    symbol, vi, en = STATUS[status]
    return f"{symbol} {pick((vi, en), lang)}"


def reason_label(reason: str | None, lang: Lang) -> str:
    return pick(REASON[reason], lang) if reason in REASON else ""


def source_label(source: str | None, lang: Lang) -> str:
    return pick(SOURCE[source], lang) if source in SOURCE else ""


# A KPI's formula in words (cells.formula_words).
FORMULA_SCORE = ("điểm 766 công bố, tính theo % điểm tối đa {max:g}",
                 "766 score as published, percent of the maximum {max:g}")
FORMULA_SURVEY = ("chỉ có số công bố (khảo sát)", "reported only (survey)")


# -- sentences with figures in them ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pct:
    value: float | None  # "51,67%" / "51.67%"; None: "—"


@dataclass(frozen=True, slots=True)
class Count:
    value: float
    limit: float | None = None  # above it, or infinite, quoted as it is: 1e+308, inf


@dataclass(frozen=True, slots=True)
class Both:
    """A name in both languages (a KPI's, a measure's)."""

    vi: str
    en: str


@dataclass(frozen=True, slots=True)
class Joined:
    sep: str
    items: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Phrase:
    """The sentence `PHRASES[kind]` with its fields filled, in the language asked for."""

    kind: str
    args: Mapping[str, Word] = field(default_factory=dict)


Word = str | int | Pct | Count | Both | Joined | Phrase


def say(word: Word, lang: Lang) -> str:
    """A word, a figure or a whole sentence in `lang` (vi-VN numbers in Vietnamese)."""
    if isinstance(word, Phrase):
        return pick(PHRASES[word.kind], lang).format(
            **{k: say(v, lang) for k, v in word.args.items()})
    if isinstance(word, Pct):
        return format_percent(word.value, lang)
    if isinstance(word, Count):
        if word.limit is None or (math.isfinite(word.value) and word.value <= word.limit):
            return format_count(word.value, lang)
        return f"{word.value:g}"
    if isinstance(word, Both):
        return pick((word.vi, word.en), lang)
    if isinstance(word, Joined):
        return word.sep.join(say(w, lang) for w in word.items)
    return str(word)


# The data-quality findings (kpi/findings.py), one pair per kind, and the parts they use.
PHRASES: dict[str, tuple[str, str]] = {
    "reported_mismatch": (
        "{kpi}: số công bố {published} khác số tính từ số liệu {computed} ({num}/{den}){hint}",
        "{kpi}: published {published} differs from {computed} computed from counts "
        "({num}/{den}){hint}"),
    "reported_mismatch.basis": (
        "; số công bố bằng {num}/{basis} ({measure}), tức đã chia cho mẫu số khác",
        "; the published figure equals {num}/{basis} ({measure}): divided by another "
        "denominator"),
    "reported_basis_differs": (
        "{kpi}: nguồn công bố {published} = {num}/{den} (mẫu số của nguồn); tính trên "
        "{measures}: {computed} = {cnum}/{cden}. Hiển thị số của nguồn",
        "{kpi}: the source publishes {published} = {num}/{den} (its own base); computed on "
        "{measures}: {computed} = {cnum}/{cden}. The source's figure is shown"),
    "channel_sum": (
        "Tỷ lệ theo kênh tiếp nhận công bố cộng lại vượt 100%: {shares} = {total}",
        "Published channel shares add up to more than 100%: {shares} = {total}"),
    "channel_counts_exceed_total": (
        "Hồ sơ theo kênh ({channels}) nhiều hơn tổng hồ sơ tiếp nhận ({received})",
        "Dossiers by channel ({channels}) exceed dossiers received ({received})"),
    "numerator_exceeds_denominator": (
        "{kpi}: tử số {num} lớn hơn mẫu số {den} ({formula}), tỷ lệ {share} là không thể: "
        "không tính chỉ số",
        "{kpi}: numerator {num} exceeds denominator {den} ({formula}); {share} is "
        "impossible: no value"),
    "implausible_count": (
        "{kpi}: số liệu vô lý ({inputs}tử/mẫu = {num}/{den}), vô hạn hoặc lớn hơn {most}: "
        "không tính chỉ số",
        "{kpi}: implausible counts ({inputs}numerator/denominator = {num}/{den}), infinite "
        "or above {most}: no value"),
    "implausible_count.input": ("{measure} = {value}, ", "{measure} = {value}, "),
    "children_exceed_parent": (
        "{measure}: các đơn vị trực thuộc cộng lại {sum}, nhiều hơn số của chính đơn vị "
        "({own})",
        "{measure}: the units below add up to {sum}, more than the unit's own figure "
        "({own})"),
    "incomplete_coverage": (
        "{kpi}: chỉ {k}/{n} đơn vị trực thuộc có số liệu; thiếu: {missing}{pooled}",
        "{kpi}: only {k} of {n} units below report; missing: {missing}{pooled}"),
    "incomplete_coverage.refused": ("; không tính số chung (—)", "; no pooled value (—)"),
    "incomplete_coverage.pooled": ("; số chung chỉ gồm các đơn vị có số liệu",
                                   "; the pooled value covers only those units"),
    "partial_period": (
        "{period} mới có số liệu {span}/{n} tháng (một phần) cho: {kpis}; các giá trị này "
        "chỉ tính các tháng đó và không được đánh giá theo chỉ tiêu",
        "{period} has figures for {span} of its {n} months (partial) for: {kpis}; these "
        "values cover those months only and are not judged against targets"),
    "reported_note": ("{kpi}: ghi chú của số công bố {published}: {note}",
                      "{kpi}: note on the published {published}: {note}"),
    "period_inconsistent": (
        "{kpi}: số công bố {published} cho {period} nằm ngoài khoảng của các kỳ con "
        "({parts}){implied}",
        "{kpi}: published {published} for {period} lies outside its sub-periods "
        "({parts}){implied}"),
    "period_inconsistent.part": ("{period}: {value}", "{period}: {value}"),
    "period_inconsistent.implied": ("; số liệu các kỳ cho khoảng {value}",
                                    "; the parts' counts imply about {value}"),
    "period_sum_mismatch": (
        "{measure}: số của {period} ({own}) khác tổng các kỳ con ({sum})",
        "{measure}: the figure for {period} ({own}) differs from the sum of its sub-periods "
        "({sum})"),
    "unknown_measure": ("Số liệu ngoài danh mục (được giữ lại): {measures}",
                        "Figures outside the catalogue (kept): {measures}"),
    "unknown_measure.item": ("{measure} = {value}", "{measure} = {value}"),
    "data_problem": ("{text}", "{text}"),  # worded by dossier_problem: DOSSIER_PROBLEMS
}


# -- the KPI's cells (cells.py), on screen and in the report -----------------------------------
NOTE_HINT = ("ghi chú: bấm d", "note: press d")
AT_DUE = ("lúc hạn", "at due")
TREND_FALLING = (" (xu hướng giảm)", " (trend falling)")
REACHED = ("đã đạt", "reached")
REACHED_IN = ("đạt sau {n} kỳ", "in {n} periods")
NOT_AT_THIS_PACE = ("không đạt", "not at this pace")
UNITS = ("đơn vị", "units")
MONTHS = ("tháng", "months")
MISSING = (", thiếu ", ", missing ")
ONLY_UNITS_REPORT = ("chỉ {k}/{n} đơn vị có số liệu", "only {k}/{n} units report")
PER_PERIOD = (" điểm/kỳ", " pts/period")


# -- the report (report.py) and its export (export.py) -------------------------------------
# The change against the previous period of the same length, in percentage points:
# "▲ 3,12 điểm" / "▲ 3.12 pts" ("đ" alone would read as đồng).
CHANGE_POINTS = ("điểm", "pts")
CHANGE_HEADING = ("So với kỳ trước", "vs previous")
REPORT_HEADINGS = {
    "kpi": ("Chỉ số", "KPI"), "value": ("Giá trị", "Value"), "counts": ("Tử/Mẫu", "Counts"),
    "source": ("Nguồn", "Source"), "target": ("Chỉ tiêu", "Target"), "due": ("Hạn", "Due"),
    "gap": ("Còn thiếu (điểm)", "Gap (pts)"), "change": CHANGE_HEADING,
    "status": ("Trạng thái", "Status"),
}
FINDINGS_HEADING = ("Phát hiện về chất lượng dữ liệu", "Data-quality findings")
REPORT_LEGEND = {
    "*": ("* một phần: thiếu đơn vị trực thuộc hoặc tháng của kỳ; không đánh giá theo chỉ tiêu",
          "* partial: some units below or months of the period are missing; not judged"),
    "†": ("† có ghi chú hoặc phát hiện về số liệu (xem phần phát hiện)",
          "† a note or a data-quality finding is about it (see the findings)"),
    "▲": ("▲ ▼ so với kỳ trước cùng độ dài, theo điểm phần trăm; để trống khi một trong hai kỳ "
          "không có giá trị, là giá trị một phần hoặc khác cách có giá trị",
          "▲ ▼ change against the previous period of the same length, in percentage points; "
          "empty when either period has no value, is partial or has its value another way"),
}
COUNTS_HEADING = ("Số liệu", "Counts")
SOURCE_PREFIX = ("Nguồn: ", "Source: ")
SIMULATED_TITLE = (" — dữ liệu mô phỏng", " — simulated data (dữ liệu mô phỏng)")
CSV_DELIMITER = (";", ",")  # what a spreadsheet in each language expects
DECIMAL_POINT = (",", ".")  # a CSV number: "51,67" / "51.67"
DATE_TIME = ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M")  # strftime
AGE_UNITS = ((86400, ("ngày", "d")), (3600, ("giờ", "h")), (60, ("phút", "min")))
SECONDS = ("giây", "s")
# The export's stamp (export.stamp_parts), beside the figures in the picture and the files.
EXPORT_STAMP = {"data_of": ("số liệu ngày ", "data of "), "exported": ("xuất lúc ", "exported "),
                "source": ("nguồn: ", "source: "),
                "simulated": ("dữ liệu mô phỏng", "simulated data")}
STALE_REPORT = ("DỮ LIỆU CŨ: bản lưu lúc {when} (cách đây {age}); không đọc được nguồn: "
                "{failure}",
                "STALE: a saved copy from {when} ({age} old); the source is unreachable: "
                "{failure}")


# -- the header (frame.header_view, frame.status_text) -------------------------------------
SIMULATED = ("dữ liệu mô phỏng", "simulated data")
DATA_OF = ("số liệu ngày {stamp}", "data of {stamp}")
MORE_SOURCES = (" (+{more} nguồn)", " (+{more} more)")
# Each kind of source in words, as the header names it.
KIND_WORDS = {"files": ("tệp", "files"), "http": ("HTTP", "HTTP"),
              "dvcqg": ("Cổng DVCQG", "national portal DVCQG"),
              "dossiers": ("CSDL hồ sơ", "dossier database")}
HEADER_STATE = {
    "retrying": ("đang thử lại…", "retrying…"),
    "retry": ("thử lại {at}", "retry {at}"),
    "waiting": ("⧗ đang chờ nguồn ({waited} s, {kind})",
                "⧗ waiting for the source ({waited} s, {kind})"),
    "reading": ("… đang đọc nguồn", "… reading the source"),
    "live_waiting": ("⧗ đang chờ nguồn ({waited} s) · số liệu đọc lúc {read} ({kind})",
                     "⧗ waiting for the source ({waited} s) · figures read {read} ({kind})"),
    "live": ("● trực tiếp · đọc lúc {read} · lần sau {next} ({kind})",
             "● live · read {read} · next {next} ({kind})"),
    "aged": (" · DỮ LIỆU CŨ", " · STALE"),
    "stale": ("◷ DỮ LIỆU CŨ: bản lưu lúc {saved} ({reason}) · {retry}",
              "◷ STALE: saved copy from {saved} ({reason}) · {retry}"),
    "offline": ("▲ MẤT KẾT NỐI", "▲ OFFLINE"),
    "error": ("✗ LỖI NGUỒN", "✗ SOURCE ERROR"),
    "nothing_yet": ("{head}: {reason} — chưa có số liệu · {retry}",
                    "{head}: {reason} — no figures yet · {retry}"),
    "failed": ("{head}: {reason} — số liệu đọc lúc {read}{aged} · {retry}",
               "{head}: {reason} — figures read {read}{aged} · {retry}"),
}
# The notice when the source's state changes (polling.py).
SOURCE_CHANGES = {"offline": ("Mất kết nối nguồn dữ liệu", "Source offline"),
                  "stale": ("Đang hiện bản lưu trên máy", "Showing the saved copy"),
                  "error": ("Lỗi nguồn dữ liệu", "Source error"),
                  "live": ("Đã đọc lại được nguồn", "Source back")}

# -- the panels (viewmodel.py, widgets/) ------------------------------------------------------
KPI_HEADING = ("Chỉ số", "KPI")
NO_SUB_UNITS_SHORT = ("không có đơn vị trực thuộc", "no sub-units")
TREND_PREFIX = ("xu hướng: ", "trend: ")
NO_DATA = ("chưa có số liệu", "no data")
PARTIAL_MONTHS = ("một phần: {span}/{n} tháng", "partial: {span}/{n} months")  # kpi/marks.py
PERIOD_TO = ("đến", "to")  # "2026, đến 10/10/2026" (model/periods.py)
# A period's label by its granularity (model/periods.describe_period).
PERIOD_LABELS = {
    "year": ("Năm {year}", "{year}"),
    "half": ("6 tháng {first_or_last} năm {year}", "{year} H{half}"),
    "quarter": ("Quý {roman}/{year}", "{year} Q{quarter}"),
    "month": ("Tháng {month:02d}/{year}", "{abbr} {year}"),
    "range": ("Từ {month:02d}/{year} đến {end_month:02d}/{end_year}",
              "{year}-{month:02d} to {end_year}-{end_month:02d}"),
    "days": ("Từ {first} đến {last}", "{first} to {last}"),
}
HALF_WORDS = ("đầu", "cuối")  # "6 tháng đầu năm 2023", "6 tháng cuối năm 2023"
RANKING_TITLE = ("Đơn vị trực thuộc theo khoảng cách · ", "Sub-units by gap · ")
CURRENCY = (" đ", " VND")

# -- demo-dossiers and import-766 (commands/) -----------------------------------------------
TOOL_WORDS = {
    "needs_extra": ("cần các gói tùy chọn: {install}", "needs the optional packages: {install}"),
    "not_a_folder": ("-o {path}: đã có và không phải là thư mục",
                     "-o {path}: exists and is not a folder"),
    "cannot_write_into": ("không ghi được vào {path}: {why}", "cannot write into {path}: {why}"),
    "demo_written": ("đã ghi {rows} hồ sơ của {units} đơn vị, {months} tháng từ {start}, vào "
                     "{path} ({seconds} giây); thử: cchc-tui --source {path}",
                     "wrote {rows} dossiers of {units} units, {months} months from {start}, "
                     "into {path} ({seconds} s); try: cchc-tui --source {path}"),
    "bad_as_of": ("--as-of {value}: cần một ngày dạng YYYY-MM-DD",
                  "--as-of {value}: expected a day YYYY-MM-DD"),
    "cannot_import": ("không nhập được:", "cannot import:"),
    "warning": ("cảnh báo: ", "warning: "),
    "cannot_write": ("không ghi được {path}: {why}", "cannot write {path}: {why}"),
    "imported": ("{path}: {units} đơn vị ({levels}), {counts} số đếm, {published} giá trị công bố",
                 "{path}: {units} units ({levels}), {counts} counts, {published} published values"),
}
LEVEL_WORDS = {"nation": ("cả nước", "nation"), "province": ("tỉnh", "province"),
               "agency": ("sở, ngành", "agency"), "district": ("huyện", "district"),
               "commune": ("xã", "commune")}


def tool_says(key: str, lang: Lang, **fields: object) -> str:
    """A line of demo-dossiers or import-766 in the command line's language."""
    return pick(TOOL_WORDS[key], lang).format(**fields)


# -- the dashboard's notices (app.py) ----------------------------------------------------------
SEVERAL_UNITS_MATCH = ("Nhiều đơn vị khớp với", "Several units match")
NO_UNIT_MATCHES = ("Không có đơn vị nào khớp với", "No unit matches")
START_PERIOD_EMPTY = ("--period: {wanted} không có số liệu; đang hiện {shown}",
                      "--period: no figures for {wanted}; showing {shown}")
UNIT_PERIOD_EMPTY = ("{name} không có số liệu {wanted}: đang hiện {shown}",
                     "{name} has no figures for {wanted}: showing {shown}")
STILL_READING = ("Đang đọc nguồn, xin chờ", "Still reading the source")
NO_FIGURES_YET = ("Chưa có số liệu: nguồn chưa đọc được", "No figures loaded yet")
NO_SUB_UNITS = ("Đơn vị này không có đơn vị trực thuộc", "This unit has no sub-units")
AT_THE_TOP = ("Đã ở cấp cao nhất", "Already at the top")
NO_DATA_THAT_WAY = ("Không còn số liệu theo hướng này", "No data that way")

# -- the dialogs and meeting mode (screens/) -------------------------------------------------
ESC_CLOSE = ("esc: đóng", "esc: close")
NO_FINDINGS = ("Không có phát hiện nào.", "No findings.")
FINDER_TITLE = ("Tìm đơn vị", "Find a unit")
FINDER_PLACEHOLDER = ("tên hoặc mã, không cần dấu", "name or code, diacritics optional")
MATCHES = ("kết quả", "matches")
PERIOD_TITLE = ("Chọn kỳ", "Choose a period")
PERIOD_PLACEHOLDER = ("lọc: 2025, q3, tháng 6…", "filter: 2025, q3, jun…")
PERIODS = ("kỳ", "periods")
NO_PERIOD_MATCHES = ("không có kỳ nào khớp", "no period matches")
HELP_TITLE = ("Trợ giúp", "Help")
HELP_SUBTITLE = ("gõ để lọc · ↑↓ PgUp PgDn: cuộn · esc: đóng",
                 "type to filter · ↑↓ PgUp PgDn: scroll · esc: close")
HELP_PLACEHOLDER = ("lọc: phím, chỉ số, ký hiệu…", "filter: keys, KPIs, marks…")
NOTHING_MATCHES = ("không có mục nào khớp", "nothing matches")
HELP_SECTIONS = (("Phím", "Keys"), ("Chế độ họp (m)", "Meeting mode (m)"),
                 ("Ký hiệu", "Marks on screen"),
                 ("Dấu trên giá trị và quy tắc trạng thái", "Marks on a value and the status rule"),
                 ("Chỉ số: công thức, chỉ tiêu, căn cứ", "KPIs: formula, target, basis"))
NO_TARGET = ("chưa có chỉ tiêu", "no target")
BY_DATE = (" trước ", " by ")
TARGET_PREFIX = ("chỉ tiêu: ", "target: ")
DUE_PREFIX = (" · hạn ", " · due ")
POINTS_SHORT = ("còn thiếu {points} điểm", "{points} pts short")
POINTS_BEYOND = ("vượt {points} điểm", "{points} pts beyond")
MEETING_UNKNOWN_UNITS = ("app.meeting_units: không có đơn vị {codes} trong số liệu",
                         "app.meeting_units: no unit {codes} in the data")
MEETING_PAUSED = ("ĐANG DỪNG — bấm phím cách để tiếp tục", "PAUSED — press space to resume")
MEETING_ROTATION = ("đơn vị {at}/{total} · tự chuyển sau mỗi {seconds} giây",
                    "unit {at}/{total} · next unit every {seconds} s")
MEETING_ONE_UNIT = ("chỉ một đơn vị", "one unit only")
MEETING_MODE = ("CHẾ ĐỘ HỌP", "MEETING MODE")

# -- the 766 view (screens/index766.py) -------------------------------------------------------
VIEW_766 = {
    "title": ("Chỉ số 766 (QĐ 766/QĐ-TTg)", "766 index (Decision 766)"),
    "subtitle": ("tab: nhóm / đơn vị · enter: mở · w: kém nhất trước · t: sở / xã · esc: đóng",
                 "tab: groups / units · enter: open · w: worst first · t: agencies / communes"
                 " · esc: close"),
    "total_column": ("Tổng", "Total"),
    "kind_column": ("Loại", "Kind"),
    "code_column": ("Mã", "Code"),
    "unit_column": ("Đơn vị", "Unit"),
    "empty": ("Không có điểm 766 cho đơn vị và kỳ này.", "No 766 scores for this unit and period."),
    "total": ("Tổng điểm ", "Total "),
    "rank": ("hạng {place}/{of} trong các đơn vị cùng cấp",
             "rank {place} of {of} among its siblings"),
    "change": ("thay đổi ", "change "),
    "by_month": ("Theo tháng (cổng) ", "By month (portal) "),
    "only_all": ("tất cả", "all"),
    "only_agency": ("sở, ngành", "agencies"),
    "only_commune": ("xã, phường", "communes"),
    "worst_first": ("kém nhất trước", "worst first"),
    "best_first": ("tốt nhất trước", "best first"),
    "children": ("Đơn vị trực thuộc ({shown}, {order}): {n}",
                 "Units below ({shown}, {order}): {n}"),
    "no_metrics": ("Nguồn này không có số liệu từng chỉ tiêu của nhóm.",
                   "This source has no metric-by-metric figures for the group."),
    "constant": ("(cố định)", "(constant)"),
    "portal": ("cổng ", "portal "),
    "same_as_portal": ("  = cổng", "  = portal"),
    "group_score_only": ("  (tính từ số liệu, cổng chỉ công bố điểm nhóm)",
                         "  (computed: the portal publishes the group's score only)"),
    "portal_says": ("cổng ghi ", "portal: "),
    "group_subtitle": ("↑↓: cuộn · esc: quay lại", "↑↓: scroll · esc: back"),
    "group_score": ("Điểm nhóm ", "Group score "),
    "computed_from": ("tính từ số liệu ", "computed from the counts "),
    "as_published": ("giữ điểm cổng công bố *", "as published *"),
    "kept_note": ("* cổng không công bố số liệu: giữ điểm công bố",
                  "* no counts published: the portal's score is kept"),
    "levers": ("Cách tăng điểm (nhiều điểm nhất cho mỗi việc trước)",
               "Levers (most points per item first)"),
    "blocked": ("Đơn vị không tự nâng được", "Not the unit's own levers"),
    "children_moving": ("Đơn vị con nâng điểm tỉnh nhiều nhất (đạt đủ điểm nhóm này)",
                        "Children that move the province most (full points in this group)"),
}

# -- score-766 (portal/score_report.py) and the levers (portal/levers.py) --------------------
LEVEL_766 = {"province": ("tỉnh", "province"), "agency": ("sở, ngành", "agency"),
             "commune": ("xã, phường", "commune")}
SCORE_766 = {
    "total": ("tổng điểm", "total"),
    "published_by": ("cổng công bố", "portal"),
    "group": ("Nhóm", "Group"),
    "computed": ("Tính", "Computed"),
    "published": ("Công bố", "Published"),
    "max": ("Tối đa", "Max"),
    "metric": ("Chỉ tiêu", "Metric"),
    "counts": ("Số liệu", "Counts"),
    "ratio": ("Tỷ lệ", "Ratio"),
    "score": ("Điểm", "Score"),
    "as_published": ("giữ điểm cổng công bố (không có số liệu để tính)",
                     "taken as published (no counts to compute from)"),
    "levers": ("Cách tăng điểm", "Levers"),
    "blocked": ("Đơn vị không tự nâng được", "Not the unit's own levers"),
    "headroom": ("còn", "headroom"),
    "children": ("Đơn vị con nâng điểm tỉnh nhiều nhất (nếu đạt đủ điểm các chỉ tiêu hồ sơ)",
                 "Children that move the province most (at full points on their dossier "
                 "counts)"),
    "code": ("Mã", "Code"),
    "unit": ("Đơn vị", "Unit"),
    "gain": ("+điểm", "+points"),
    "best_lever": ("Cách tăng điểm hiệu quả nhất", "Best lever"),
    "agreement": ("Tính lại khớp cổng (sai lệch ≤ 0,01): {metrics} điểm chỉ tiêu, {groups} điểm "
                  "nhóm, {totals} tổng điểm đơn vị con",
                  "Recomputed and equal to the portal's (within 0.01): {metrics} metric scores, "
                  "{groups} group scores, {totals} children's totals"),
    "units": ("đơn vị", "units"),
    "findings": ("Phát hiện", "Findings"),
}
LEVER_766 = {
    "new_on_time": ("+{step} hồ sơ mới giải quyết đúng hạn",
                    "+{step} new dossiers handled on time"),
    "of": ("{after}/{of} {items} (hiện {now})", "{after} of {of} {items} (now {now})"),
    "full": ("đạt đủ {top} điểm", "for the full {top} points of"),
    "one_more": ("thêm 1 điểm", "for one more point of"),
    "more": ("thêm {gain} điểm", "for {gain} more points of"),
    "lever": ("{change}: {gain} {short} ({scores})", "{change} {gain} {short} ({scores})"),
}




def change_text(change: float | None, lang: Lang) -> str:
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


# The command line in Vietnamese (`--help`, argparse's own errors), for --lang vi / app.lang.
# argparse's texts, as Python's argparse writes them (its gettext messages).
ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ (cần %(type)s): %(value)r",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn không rõ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
}
# The project's own help texts: English as written in cli.py → Vietnamese.
CLI_HELP_VI = {
    "Bảng theo dõi chỉ số CCHC và chuyển đổi số — a terminal dashboard of "
    "administrative-reform and digital-transformation KPIs.":
        "Bảng theo dõi chỉ số cải cách hành chính (CCHC) và chuyển đổi số trên terminal.",
    "%(choices)s (default: %(default)s)": "%(choices)s (mặc định: %(default)s)",
    "feed file, directory of feed files, or URL (default: the bundled fixtures)":
        "tệp số liệu, thư mục tệp số liệu hoặc URL (mặc định: số liệu mẫu kèm theo)",
    "a TOML file layered over config/*.toml": "tệp TOML đặt chồng lên config/*.toml",
    "language (default: vi)": "ngôn ngữ (mặc định: vi)",
    "send 'Authorization: Bearer $NAME' to an HTTP source (the variable's name, never its "
    "value)": "gửi 'Authorization: Bearer $NAME' tới nguồn HTTP (tên biến môi trường, không "
              "bao giờ là giá trị)",
    "seconds between polls of the source": "số giây giữa hai lần đọc nguồn",
    "the unit to open on, code or name ('song cau')":
        "đơn vị mở đầu, mã hoặc tên ('song cau')",
    "the period to open on: 2023, 2023-H1, 2023-Q2, 2023-06 …":
        "kỳ mở đầu: 2023, 2023-H1, 2023-Q2, 2023-06 …",
    "start in meeting mode (a wall display)": "mở ở chế độ họp (màn hình treo tường)",
    "where `e` writes its files (app.export_dir)":
        "thư mục phím `e` ghi tệp xuất (app.export_dir)",
    "print the KPIs of one unit and period": "in các chỉ số của một đơn vị, một kỳ",
    "check feed files; exit 1 if any is invalid":
        "kiểm tra tệp số liệu; mã thoát 1 nếu có tệp sai",
    "the catalogue of measures, KPIs and targets": "danh mục số liệu, chỉ số và chỉ tiêu",
    "the relay: read one source, publish it to any number of viewers":
        "trạm chuyển tiếp: đọc một nguồn, phát cho nhiều người xem",
    "the dashboard in a browser (needs cchc-tui[web])":
        "bảng điều khiển trong trình duyệt (cần cchc-tui[web])",
    "turn saved answers of the national portal's 766 index into a feed file":
        "chuyển các trả lời đã lưu của chỉ số 766 trên Cổng DVCQG thành tệp số liệu",
    "answer the portal's 766 endpoints from saved answers, with faults on demand (for tests)":
        "trả lời các điểm 766 của Cổng từ bản lưu, có lỗi giả lập khi cần (để kiểm thử)",
    "write seeded dossier rows (Parquet) of a simulated province":
        "ghi hồ sơ giả lập (Parquet) của một tỉnh mô phỏng",
    "the portal's 766 score from its counts: check and levers":
        "điểm 766 của Cổng tính từ số liệu: đối chiếu và cách tăng điểm",
    "unit code or name, diacritics optional ('song cau')":
        "mã hoặc tên đơn vị, không cần dấu ('song cau')",
    "2023, 2023-H1, 2023-Q2, 2023-06 … (default: the latest with data)":
        "2023, 2023-H1, 2023-Q2, 2023-06 … (mặc định: kỳ mới nhất có số liệu)",
    "when the source is down, print its saved copy (marked as such) instead of exiting 3":
        "khi nguồn hỏng, in bản lưu (có ghi rõ) thay vì thoát với mã 3",
    "feed files, directories or http(s) URLs": "tệp số liệu, thư mục hoặc URL http(s)",
    "print errors only": "chỉ in lỗi",
    "a TOML file layered over config/*.toml (for URL settings)":
        "tệp TOML đặt chồng lên config/*.toml (cho thiết lập URL)",
    "bearer token variable for URLs": "biến môi trường chứa mã truy cập cho URL",
    "a TOML file layered over config/*.toml (its targets are listed)":
        "tệp TOML đặt chồng lên config/*.toml (liệt kê cả chỉ tiêu của nó)",
    "a feed file or folder to publish (or use --source)":
        "tệp hoặc thư mục số liệu để phát (hoặc dùng --source)",
    "address to listen on (default: 127.0.0.1, this machine only)":
        "địa chỉ lắng nghe (mặc định: 127.0.0.1, chỉ máy này)",
    "seconds between reads of the source": "số giây giữa hai lần đọc nguồn",
    "allow --host to be an address other machines can reach":
        "cho phép --host là địa chỉ máy khác truy cập được",
    "ask browsers for the 'user:password' held in this environment variable (HTTP basic "
    "auth; the variable's name, never its value)":
        "yêu cầu trình duyệt nhập 'user:password' lưu trong biến môi trường này (HTTP basic; "
        "tên biến, không bao giờ là giá trị)",
    "browser sessions open at once (default: 20)":
        "số phiên trình duyệt mở cùng lúc (mặc định: 20)",
    "the unit every session opens on": "đơn vị mở đầu của mọi phiên",
    "the period every session opens on": "kỳ mở đầu của mọi phiên",
    "every session starts in meeting mode": "mọi phiên mở ở chế độ họp",
    "raw answers (raw_*_detail_*.json, the national service-results answer) or the "
    "crawler's details_* files": "các trả lời gốc (raw_*_detail_*.json, kết quả dịch vụ "
                                 "toàn quốc) hoặc tệp details_* của trình thu thập",
    "the day the figures run to, when neither the answer nor the file name says":
        "ngày chốt số liệu, khi cả trả lời lẫn tên tệp không ghi",
    "folder of saved answers": "thư mục các trả lời đã lưu",
    "communes (default 100)": "số xã (mặc định 100)",
    "months (default 12)": "số tháng (mặc định 12)",
    "random seed (default 1)": "hạt giống ngẫu nhiên (mặc định 1)",
    "first month (default 2025-01)": "tháng đầu (mặc định 2025-01)",
    "the portal's seven answers of one capture, or a crawler details file":
        "bảy trả lời của Cổng trong một lần lấy, hoặc một tệp details của trình thu thập",
    "one unit (default: every unit)": "một đơn vị (mặc định: mọi đơn vị)",
    "a TOML file layered over config/*.toml: its [source] is read when --source names no file":
        "tệp TOML đặt chồng lên config/*.toml: đọc phần [source] của nó khi --source không "
        "ghi tệp nào",
    "the portal's seven answers of one capture, a crawler details file, a feed written by "
    "import-766, or a source's address (the portal's, with [source] kind = \"dvcqg\" in "
    "--config)": "bảy trả lời của Cổng trong một lần lấy, một tệp details của trình thu thập, "
                 "một tệp số liệu do import-766 ghi, hoặc địa chỉ một nguồn (của Cổng, với "
                 "[source] kind = \"dvcqg\" trong --config)",
}


def cli_help_vi(text: str) -> str:
    """A help text of the command line in Vietnamese; "port (default: 8765; 0 = any)" too."""
    import re

    if text in CLI_HELP_VI:
        return CLI_HELP_VI[text]
    if text in ARGPARSE_VI:  # a default help argparse fills in itself (--version's)
        return ARGPARSE_VI[text]
    port = re.fullmatch(r"port \(default: (\d+); 0 = any\)", text)
    if port:
        return f"cổng (mặc định: {port.group(1)}; 0 = bất kỳ)"
    return text


def unit_lookup_text(query: str, candidates: int, named: bool, lines: list[str],
                     lang: Lang) -> str:
    """Why `--unit QUERY` names no unit, or several, with the candidates (vi or en)."""
    if lang != "vi":
        return ""  # the English text is the error's own
    if not candidates:
        head = f"không có đơn vị nào khớp với {query!r}"
    elif not named:
        head = (f"không có đơn vị nào tên {query!r}; các đơn vị có tên hoặc cấp trên chứa "
                "các từ này (hãy ghi mã hoặc đúng tên đơn vị):")
    else:
        head = f"{candidates} đơn vị khớp với {query!r}; hãy ghi mã hoặc tên dài hơn:"
    more = [f"  … và {candidates - 20} đơn vị khác"] if candidates > 20 else []
    return "\n".join([head, *lines, *more])


PERIOD_FORMS_VI = ("cần YYYY, YYYY-H1/H2, YYYY-Q1…Q4, YYYY-MM, khoảng tháng YYYY-MM/YYYY-MM "
                   "hoặc khoảng ngày YYYY-MM-DD/YYYY-MM-DD")


_PERIOD_DETAILS_VI = (  # PeriodError's details (model/periods.py) → Vietnamese
    (r"there is no quarter (\w+) \(Q1–Q4\)", r"không có quý \1 (Q1–Q4)"),
    (r"there is no half (\w+) \(H1 or H2\)", r"không có nửa năm \1 (H1 hoặc H2)"),
    (r"there is no month (\w+) \(01–12\)", r"không có tháng \1 (01–12)"),
    (r"year (\d+) is outside (\d+)–(\d+)", r"năm \1 nằm ngoài \2–\3"),
    (r"the range ends before it starts", "khoảng kết thúc trước khi bắt đầu"),
    (r"a range runs from a month to a month.*", "khoảng phải đi từ tháng đến tháng "
                                               "(YYYY-MM/YYYY-MM)"),
)


def period_error_text(given: str, problem: str, lang: Lang) -> str:
    """`--period` that is no period, in `lang`: "'2023-Q7': không có quý 7 (Q1–Q4)"."""
    import re

    if lang != "vi":
        return problem
    for pattern, words in _PERIOD_DETAILS_VI:
        found = re.search(pattern, problem)
        if found:
            return f"{given!r}: {found.expand(words)}"
    return f"{given!r} không phải một kỳ hợp lệ: {PERIOD_FORMS_VI}"


# Textual's own words in the command palette (ctrl+p), in Vietnamese.
PALETTE_VI = {
    "palette": "lệnh",
    "Open the command palette": "Mở bảng lệnh",
    "Search for commands…": "Tìm lệnh, đơn vị, chỉ số…",
    "Theme": "Bảng màu",
    "Change the current theme": "Đổi bảng màu",
    "Quit": "Thoát",
    "Quit the application as soon as possible": "Thoát ngay",
    "Keys": "Phím",
    "Show help for the focused widget and a summary of available keys":
        "Hiện các phím dùng được ở đây",
    "Hide the keys and widget help panel": "Ẩn bảng phím",
    "Maximize": "Phóng to",
    "Maximize the focused widget": "Phóng to phần đang chọn",
    "Minimize": "Thu nhỏ",
    "Minimize the widget and restore to normal size": "Thu về cỡ thường",
}
NO_MATCHES = ("Không có gì khớp", "No matches found")
# Textual's "Screenshot" is replaced by the export (stamped, named after the unit).
EXPORT_COMMAND = (("Xuất", "xuất bảng chỉ số và màn hình (CSV, Markdown, SVG, PNG)"),
                  ("Export", "export the KPI table and the screen (CSV, Markdown, SVG, PNG)"))


def export_toast(folder: str, names: str, renderer: str | None, drawn: bool, problem: str,
                 lang: Lang) -> str:
    """What `e` wrote, where (the absolute folder), and who drew the PNG or why none."""
    vi = lang == "vi"
    if drawn:
        png = f"PNG vẽ bằng {renderer}" if vi else f"PNG by {renderer}"
    elif renderer is not None:
        png = (f"không vẽ được PNG ({renderer}: {problem})" if vi
               else f"no PNG ({renderer}: {problem})")
    else:
        png = ("không có PNG: máy này thiếu rsvg-convert (gói librsvg2-bin) và cairosvg" if vi
               else "no PNG: this machine has neither rsvg-convert (librsvg2-bin) nor cairosvg")
    return (f"Đã xuất vào {folder}: {names}; {png}" if vi
            else f"Exported to {folder}: {names}; {png}")


EXPORT_FAILED_TO = ("Không xuất được vào", "Could not export to")
NOTHING_TO_EXPORT = ("Chưa có số liệu để xuất", "No figures to export yet")


# --- config mistakes (config_errors.ConfigError: a kind and its fields) --------------------
# Each kind's sentence as (vi, en) templates over the error's fields; the place and the
# pieces (what was expected, what was given, "did you mean") are worded below.
CONFIG_PROBLEMS = {
    "unknown_key": ("`{key}` không phải là khóa hợp lệ; các khóa được dùng ở đây là {known}.",
                    "`{key}` is not a known key; the keys allowed here are {known}."),
    "missing_key": ("`{key}` thiếu khóa bắt buộc `{field}`.",
                    "`{key}` lacks the required key `{field}`."),
    "wrong_value": ("`{key}` phải là {expected}, nhưng đang là {given}.",
                    "`{key}` must be {expected}, but it is {given}."),
    "header_name": ("'{name}' trong `source.{table}` không phải tên header HTTP (chỉ gồm chữ, "
                    "số và dấu -).",
                    "'{name}' in `source.{table}` is not an HTTP header name (letters, digits "
                    "and - only)."),
    "header_value": ("giá trị của header `{name}` có ký tự {char} ở vị trí {position}; giá trị "
                     "header HTTP chỉ gồm ký tự ASCII thường.",
                     "the value of the header `{name}` has the character {char} at position "
                     "{position}; HTTP header values are plain ASCII."),
    "secret_header": ("header `{name}` chứa thông tin bí mật; hãy ghi tên biến môi trường "
                      "chứa nó vào `source.header_env`.",
                      "the header `{name}` carries a secret; name the environment variable "
                      "holding it in `source.header_env` instead."),
    "unit_twice": ('`app.meeting_units` ghi "{code}" hai lần; mỗi đơn vị chỉ xuất hiện một '
                   "lần trong vòng trình chiếu.",
                   '`app.meeting_units` names "{code}" twice; a unit comes once in a '
                   "rotation."),
    "target_kpi": ('`targets[{i}].kpi` là "{kpi}", không phải mã chỉ số; các mã chỉ số là '
                   "{ids}.",
                   '`targets[{i}].kpi` is "{kpi}", which is not a KPI id; the KPI ids are '
                   "{ids}."),
    "target_due": ('`targets[{i}].due` là "{due}", không phải ngày có thật; hãy viết dạng '
                   '"YYYY-MM-DD".',
                   '`targets[{i}].due` is "{due}", which is not a real date; write it as '
                   '"YYYY-MM-DD".'),
    "target_repeat": ("`targets[{i}]` trùng với `targets[{first}]` (cùng kpi, scope và due); "
                      "hãy giữ một mục.",
                      "`targets[{i}]` repeats `targets[{first}]` (same kpi, scope and due); "
                      "keep one of them."),
    "url_invalid": ("'{location}' không phải URL hợp lệ ({detail}); {example}.",
                    "'{location}' is not a valid URL ({detail}); {example}."),
    "url_no_host": ("'{location}' không có tên máy chủ; {example}.",
                    "'{location}' names no host; {example}."),
    "url_unrequestable": ("'{location}' có tên máy chủ hoặc cổng không thể truy cập; "
                          "{example}.",
                          "'{location}' has a host or port that cannot be requested; "
                          "{example}."),
    "at_key": ("`{at}`: {inner}", "`{at}`: {inner}"),
    "env_unset": ("biến {var} (do `{key}` chỉ định) chưa được đặt hoặc rỗng; hãy export nó "
                  "trước khi chạy.",
                  "the variable {var} (named by `{key}`) is not set or is empty; export it "
                  "before starting."),
    "env_bad_char": ("biến {var} (do `{key}` chỉ định) có ký tự {char} ở vị trí {position}; "
                     "token hay giá trị header chỉ gồm ký tự ASCII thường.",
                     "the variable {var} (named by `{key}`) has the character {char} at "
                     "position {position}; a token or header value is plain ASCII."),
    "not_utf8": ("tệp không phải văn bản UTF-8; hãy lưu lại dưới dạng UTF-8.",
                 "the file is not UTF-8 text; save it as UTF-8."),
    "unreadable": ("không đọc được tệp ({reason}).", "the file cannot be read ({reason})."),
    "not_toml": ("đây không phải TOML hợp lệ: {detail}{column}.",
                 "this is not valid TOML: {detail}{column}."),
    "flag_clash": ("`{key}` xung đột với `{parent}`.", "`{key}` clashes with `{parent}`."),
    "no_config_dir": ("thư mục cấu hình này không tồn tại.",
                      "this config directory does not exist."),
    "rotation_empty": ('`app.meeting_rotation` là "units" nhưng `app.meeting_units` rỗng; hãy '
                       'liệt kê mã đơn vị ở đó, ví dụ meeting_units = ["01837"], hoặc chọn '
                       '"children" hay "communes".',
                       '`app.meeting_rotation` is "units" but `app.meeting_units` is empty; '
                       'list unit codes there, e.g. meeting_units = ["01837"], or choose '
                       '"children" or "communes".'),
}
CONFIG_ERROR = ("Lỗi cấu hình trong {place}: {problem}", "Config error in {place}: {problem}")
CONFIG_LINE = ("{where}, dòng {line}", "{where}, line {line}")
CONFIG_PLACES_VI = {"the command line": "dòng lệnh", "the environment": "biến môi trường",
                    "the defaults": "giá trị mặc định"}
DID_YOU_MEAN = (" Có phải ý bạn là `{near}`?", " Did you mean `{near}`?")
URL_EXAMPLE = ("hãy viết như https://example.gov.vn/feed.json hoặc http://[::1]:8765/feed.json",
               "write it like https://example.gov.vn/feed.json or http://[::1]:8765/feed.json")
_EXPECTED = {  # config_errors._expected()'s type names
    "number": ("một số", "a number"), "whole": ("một số nguyên", "a whole number"),
    "string": ("một chuỗi", "a string"), "bool": ("true hoặc false", "true or false"),
    "table": ("một bảng", "a table"), "tables": ("một mảng bảng", "an array of tables"),
    "strings": ("một mảng chuỗi", "an array of strings"),
}
_GIVEN = {  # config_errors._given()'s kinds
    "secret": ("một giá trị khác (không hiển thị, phòng khi là bí mật)",
               "something else (not shown, in case it is a secret)"),
    "string": ('chuỗi "{value}"', 'the string "{value}"'), "number": ("{value}", "{value}"),
    "bool": ("{value}", "{value}"), "table": ("một bảng", "a table"),
    "array": ("một mảng", "an array"), "other": ("một giá trị khác", "another value"),
}
_DESCRIBED_VI = {  # config.py's Meta descriptions
    "the NAME of an environment variable (letters, digits, _)":
        "TÊN của một biến môi trường (chữ, số, _)",
    '"" or the NAME of an environment variable (letters, digits, _)':
        '"" hoặc TÊN của một biến môi trường (chữ, số, _)',
    'a date written "YYYY-MM-DD"': 'một ngày viết dạng "YYYY-MM-DD"',
    "a unit code": "một mã đơn vị",
    '"" (the whole country), a departmentCode such as "H21" or "H21.227", or a departmentId '
    '(uuid)': '"" (cả nước), một departmentCode như "H21" hay "H21.227", hoặc một '
              "departmentId (uuid)",
}
# tomllib's messages (Python 3.11) → Vietnamese; others are shown as the parser wrote them.
_TOML_VI = {
    "Invalid value": "giá trị không hợp lệ",
    "Invalid statement": "câu lệnh không hợp lệ",
    "Expected '=' after a key in a key/value pair": "thiếu '=' sau khóa",
    "Expected newline or end of document after a statement":
        "cần xuống dòng hoặc hết tệp sau một câu lệnh",
    "Unclosed array": "mảng chưa đóng",
    "Unclosed inline table": "bảng nội tuyến chưa đóng",
    "Unterminated string": "chuỗi chưa đóng",
    "Invalid initial character for a key part": "ký tự đầu của khóa không hợp lệ",
    "Expected ']' at the end of a table declaration": "thiếu ']' ở cuối khai báo bảng",
    "Expected ']]' at the end of an array declaration": "thiếu ']]' ở cuối khai báo mảng",
    "Illegal character in string": "ký tự không hợp lệ trong chuỗi",
    "Cannot overwrite a value": "không thể ghi đè một giá trị",
    "Cannot declare ('…') twice": "khai báo hai lần",
    "Invalid date or datetime": "ngày hoặc giờ không hợp lệ",
}
_URL_DETAIL_VI = (  # urllib.parse's ValueErrors → Vietnamese
    (r"Invalid IPv6 URL", "địa chỉ IPv6 sai"),
    (r"Port could not be cast to integer value as (.*)", r"cổng \1 không phải là số"),
    (r"Port out of range 0-65535", "cổng ngoài khoảng 0-65535"),
)
_ERRNO_VI = {2: "không có tệp này", 13: "không có quyền đọc", 21: "đây là một thư mục",
             20: "một phần của đường dẫn không phải thư mục"}


def _expected_words(spec: tuple[Any, ...], lang: Lang) -> str:
    if spec[0] == "one_of":
        return pick(("một trong ", "one of "), lang) + ", ".join(f'"{a}"' for a in spec[1])
    if spec[0] == "describe":
        text = str(spec[1])
        if lang != "vi":
            return text
        levels = re.fullmatch(r'"\*", a level \((.+)\) or a unit code', text)  # config._SCOPE
        if levels:
            return f'"*", một cấp ({levels[1]}) hoặc một mã đơn vị'
        return _DESCRIBED_VI.get(text, text)
    name, ge, le, gt = spec
    text = pick(_EXPECTED[str(name)], lang)
    if ge is not None and le is not None:
        text += pick((" từ {ge:g} đến {le:g}", " from {ge:g} to {le:g}"), lang).format(ge=ge, le=le)
    elif ge is not None:
        text += f" ≥ {ge:g}"
    elif gt is not None:
        text += f" > {gt:g}"
    return text


def _toml_detail(detail: str, lang: Lang) -> str:
    if lang != "vi":
        return detail
    for english, vi in _TOML_VI.items():
        if detail == english or ("…" in english and detail.startswith(english.split("(")[0])):
            return vi
    return detail


def config_problem_text(kind: str, fields: dict[str, Any], lang: Lang) -> str:
    """A ConfigError's problem (no place) in `lang`."""
    f = dict(fields)
    if kind == "at_key":
        inner = config_problem_text(str(f["inner"]), dict(f["inner_fields"]), lang)
        return pick(CONFIG_PROBLEMS[kind], lang).format(at=f["at"], inner=inner)
    if kind == "wrong_value":
        given_kind, value = f["given"]
        f["expected"] = _expected_words(f["expected"], lang)
        f["given"] = pick(_GIVEN[given_kind], lang).format(value=value)
    if kind.startswith("url_"):
        f["example"] = pick(URL_EXAMPLE, lang)
    if kind == "url_invalid" and lang == "vi":
        for pattern, vi in _URL_DETAIL_VI:
            f["detail"] = re.sub(f"^{pattern}$", vi, str(f["detail"]))
    if kind == "not_toml":
        f["detail"] = _toml_detail(str(f["detail"]), lang)
        column = f.get("column")
        f["column"] = pick((" (cột {c})", " (column {c})"), lang).format(c=column) if column else ""
    if kind == "unreadable" and lang == "vi":
        f["reason"] = _ERRNO_VI.get(f.get("errno") or 0, f["reason"])
    text = pick(CONFIG_PROBLEMS[kind], lang).format(**f)
    if f.get("near"):
        text += pick(DID_YOU_MEAN, lang).format(near=f["near"])
    return text


def config_error_text(error: ConfigError, lang: Lang) -> str:
    """'Lỗi cấu hình trong site.toml, dòng 3: …' — a ConfigError in `lang`."""
    where, line = error.where, error.line
    if lang == "vi":
        where = CONFIG_PLACES_VI.get(where, where)
    place = where if line is None else pick(CONFIG_LINE, lang).format(where=where, line=line)
    problem = config_problem_text(error.kind, error.fields, lang)
    return pick(CONFIG_ERROR, lang).format(place=place, problem=problem)


# --- why a source cannot be read (SourceFailure.reason, SourceStatus.reason) ---------------
# A reason is made in English where the failure happens (a relay sends it on as text); the
# edge words it here by its form: each (English pattern, Vietnamese) is one kind of failure,
# its groups the fields. A reason of no known form is shown as it is.
SOURCE_REASONS_VI: tuple[tuple[str, str], ...] = (
    (r"connection refused", "máy chủ từ chối kết nối"),
    (r"TLS: the certificate of (.+) is not trusted \(set source\.ca_path to the CA bundle "
     r"that signed it\)", r"TLS: chứng chỉ của \1 không được tin cậy (đặt source.ca_path là "
     r"bộ CA đã ký nó)"),
    (r"cannot find the host (.+) \(DNS\)", r"không tìm thấy máy chủ \1 (DNS)"),
    (r"cannot connect to (.+)", r"không kết nối được tới \1"),
    (r"timed out after (.+) s", r"hết thời gian chờ sau \1 s"),
    (r"too many redirects \(more than (\d+)\)", r"chuyển hướng quá nhiều lần (hơn \1)"),
    (r"connection cut off before the whole response arrived",
     "kết nối bị cắt trước khi nhận đủ câu trả lời"),
    (r"the server closed the connection unexpectedly", "máy chủ đóng kết nối bất ngờ"),
    (r"connection lost while reading the response", "mất kết nối khi đang đọc câu trả lời"),
    (r"(.+): not an http:// or https:// URL", r"\1: không phải URL http:// hay https://"),
    (r"(.+): not a valid URL", r"\1: không phải URL hợp lệ"),
    (r"request failed \((\w+)\)", r"yêu cầu thất bại (\1)"),
    (r"(.+): cannot send the request \((\w+)\)", r"\1: không gửi được yêu cầu (\2)"),
    (r"HTTP 403: the server refused the request \(it may be limiting how often it is asked\)",
     "HTTP 403: máy chủ từ chối yêu cầu (có thể do hỏi quá thường xuyên)"),
    (r"(\d+): check the token in (\w+)", r"HTTP \1: hãy kiểm tra token trong \2"),
    (r"(\d+): check the headers taken from (.+)", r"HTTP \1: hãy kiểm tra các header lấy từ \2"),
    (r"(\d+): the feed needs credentials: name the variable holding a token in "
     r"source\.token_env", r"HTTP \1: nguồn cần thông tin xác thực: ghi tên biến chứa token "
     r"vào source.token_env"),
    (r"HTTP 404 \(nothing at this URL: check source\.location\)",
     "HTTP 404 (không có gì ở URL này: hãy kiểm tra source.location)"),
    (r"HTTP 304 without a previous response", "HTTP 304 mà chưa có câu trả lời trước đó"),
    (r"HTTP 429: the server asks to be called less often",
     "HTTP 429: máy chủ yêu cầu hỏi thưa hơn"),
    (r"response larger than (\d+) bytes \((source\.max_bytes|checks\.max_feed_bytes)\)",
     r"câu trả lời lớn hơn \1 byte (\2)"),
    (r"the response could not be decompressed \(damaged gzip or deflate data\)",
     "không giải nén được câu trả lời (dữ liệu gzip hoặc deflate hỏng)"),
    (r"the server sent the body as (.+), which this client did not ask for and cannot decode",
     r"máy chủ gửi nội dung dạng \1, là dạng không được yêu cầu và không giải mã được"),
    (r"the environment variable (\w+) \(for the header (.+) in source\.header_env\) is not set",
     r"biến môi trường \1 (cho header \2 trong source.header_env) chưa được đặt"),
    (r"the environment variable (\w+) \(source\.token_env\) is not set: it should hold the "
     r"bearer token", r"biến môi trường \1 (source.token_env) chưa được đặt: nó cần chứa "
     r"bearer token"),
    (r"the value of the header (.+) \(from the environment\) must be plain ASCII on one line",
     r"giá trị của header \1 (lấy từ biến môi trường) phải là ASCII thường, trên một dòng"),
    (r"source\.ca_path (.+): cannot load the CA bundle \((\w+)\)",
     r"source.ca_path \1: không nạp được bộ CA (\2)"),
    (r"(.+): no such file or directory", r"\1: không có tệp hay thư mục này"),
    (r"the source has not been read yet", "nguồn chưa được đọc lần nào"),
    # dossier databases (dossiers/backends.py, dossiers/source.py)
    (r"(.+): the server refused the login \(check the password in \$(\w+)\)",
     r"\1: máy chủ từ chối đăng nhập (hãy kiểm tra mật khẩu trong $\2)"),
    (r"(.+): the server refused the login \(set source\.password_env to the variable holding "
     r"the password\)", r"\1: máy chủ từ chối đăng nhập (đặt source.password_env là biến chứa "
     r"mật khẩu)"),
    (r"(.+): the query ran longer than source\.query_timeout \((.+) s\)",
     r"\1: truy vấn chạy lâu hơn source.query_timeout (\2 s)"),
    (r"(.+): cannot connect \((.+)\)", r"\1: không kết nối được (\2)"),
    (r"(.+): cannot read \((.+)\)", r"\1: không đọc được (\2)"),
    (r"(.+): no table (.+) \((\w+) of DOSSIERS\.md\)",
     r"\1: không có bảng \2 (bảng \3 của DOSSIERS.md)"),
    # the national portal (portal/source.py)
    (r"stopped after (\d+) calls in one poll \(source\.portal_max_calls\): the answers have "
     r"more pages than that", r"dừng sau \1 lần gọi trong một lượt (source.portal_max_calls): "
     r"các câu trả lời có nhiều trang hơn thế"),
    (r"(.+): the portal's answer is not the expected \{code, data, message\}",
     r"\1: câu trả lời của cổng không có dạng {code, data, message} như mong đợi"),
    (r"the portal lists no unit (.+) under the provinces \(source\.portal_scope\)",
     r"cổng không có đơn vị \1 trong danh sách tỉnh (source.portal_scope)"),
    (r"the portal lists no unit (.+) under (.+) \(source\.portal_scope\)",
     r"cổng không có đơn vị \1 trực thuộc \2 (source.portal_scope)"),
    (r"the portal lists no province (.+) \(source\.portal_scope\)",
     r"cổng không có tỉnh \1 (source.portal_scope)"),
    (r"looking up (.+) \(source\.portal_scope: a departmentId needs no look-up\): "
     r"(?P<inner>.+)", r"khi tra cứu \1 (source.portal_scope: một departmentId không cần tra "
     r"cứu): \g<inner>"),
)
@cache
def _source_reasons() -> tuple[tuple[re.Pattern[str], str], ...]:
    # Compiled when a reason is first worded, not at import: the ~50 patterns took ~5 ms of
    # every start, before the first frame.
    return tuple((re.compile(f"^{en}$"), vi) for en, vi in SOURCE_REASONS_VI)


def source_reason(reason: str, lang: Lang) -> str:
    """Why a source cannot be read, in `lang` (reasons are made in English)."""
    if lang != "vi":
        return reason
    for pattern, vi in _source_reasons():
        if m := pattern.match(reason):
            text = m.expand(vi)
            if "inner" in pattern.groupindex:  # a reason inside a reason: worded in turn
                text = text[: len(text) - len(m["inner"])] + source_reason(m["inner"], lang)
            return text
    return reason


# A rejected feed as the header and the toasts say it (sources.base.issues_line).
FEED_FAILURE = {"invalid": ("nguồn dữ liệu không hợp lệ", "invalid feed"),
                "at": ("{message} (tại {where})", "{message} (at {where})"),
                "one_more": (" (và {n} vấn đề khác)", " (and {n} more problem)"),
                "more": (" (và {n} vấn đề khác)", " (and {n} more problems)")}
CANNOT_READ_SOURCE = ("không đọc được nguồn", "cannot read the source")
STALE_REFUSED = ("không tới được nguồn: {reason}; có bản lưu lúc {saved}, dùng --allow-stale "
                 "để in bản đó",
                 "source unreachable: {reason}; a saved copy from {saved} exists, use "
                 "--allow-stale to print it")
STALE_PRINTED = ("cảnh báo: không tới được nguồn: {reason}; đang in bản lưu lúc {saved}",
                 "warning: source unreachable: {reason}; printing a saved copy from {saved}")


# --- `cchc-tui validate` ----------------------------------------------------------------------
VALIDATE = {
    "error": ("lỗi", "error"), "warning": ("cảnh báo", "warning"),
    "finding": ("phát hiện", "finding"), "invalid": ("không hợp lệ", "invalid"),
    "more": ("… và {n} phát hiện nữa", "… and {n} more findings"),
    "valid": ("hợp lệ: {files} tệp, {units} đơn vị, {obs} quan sát, {warnings} cảnh báo, "
              "{findings} phát hiện",
              "valid: {files} file(s), {units} units, {obs} observations, {warnings} warnings, "
              "{findings} findings"),
    "file_too_large": ("{size} byte, vượt checks.max_feed_bytes ({limit}): hãy chia nhỏ nguồn "
                       "hoặc nâng giới hạn",
                       "{size} bytes, more than checks.max_feed_bytes ({limit}): split the feed "
                       "or raise the limit"),
    "files_too_large": ("{files} tệp nguồn cộng lại {size} byte, vượt checks.max_feed_bytes "
                        "({limit}): hãy kiểm tra từng phần hoặc nâng giới hạn",
                        "the {files} feed files add up to {size} bytes, more than "
                        "checks.max_feed_bytes ({limit}): validate them in parts or raise the "
                        "limit"),
    "count_high": ("số đếm {value} vượt checks.max_count ({bound}): gõ nhầm hay cộng sai?",
                   "count {value} is above checks.max_count ({bound}): a typo or a sum gone "
                   "wrong?"),
    "block_count_high": ("(đơn vị {unit}, kỳ {period}, chỉ tiêu đo {measure}): số đếm {value} "
                         "vượt checks.max_count ({bound})",
                         "(unit {unit}, period {period}, measure {measure}): count {value} is "
                         "above checks.max_count ({bound})"),
}
