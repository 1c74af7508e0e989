"""Words shown to people, in Vietnamese and English (the UI speaks Vietnamese by default):
the sentences of the screen, the report and the findings as (vi, en) pairs, so that one file
holds both languages. Names that belong to a definition stay with it (a KPI's in the
catalogue, a panel's in viewmodel.PANELS, a key's in keys.py) and reach a sentence here as
`Both(vi, en)`.

At the bottom of the layers (it imports only `text`), so that any module may take its words
from here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from cchc_tui.text import format_count, format_percent

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


# -- the header (viewmodel.header_view, viewmodel.status_text) -----------------------------
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
