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
        "Kỳ {period} mới có số liệu {span}/{n} tháng (một phần) cho: {kpis}; các giá trị "
        "này chỉ tính các tháng đó và không được đánh giá theo chỉ tiêu",
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
        "{measure}: số của kỳ {period} ({own}) khác tổng các kỳ con ({sum})",
        "{measure}: the figure for {period} ({own}) differs from the sum of its sub-periods "
        "({sum})"),
    "unknown_measure": ("Số liệu ngoài danh mục (được giữ lại): {measures}",
                        "Figures outside the catalogue (kept): {measures}"),
    "unknown_measure.item": ("{measure} = {value}", "{measure} = {value}"),
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
REPORT_HEADINGS = {
    "kpi": ("Chỉ số", "KPI"), "value": ("Giá trị", "Value"), "counts": ("Tử/Mẫu", "Counts"),
    "source": ("Nguồn", "Source"), "target": ("Chỉ tiêu", "Target"), "due": ("Hạn", "Due"),
    "gap": ("Còn thiếu (điểm)", "Gap (pts)"), "status": ("Trạng thái", "Status"),
}
FINDINGS_HEADING = ("Phát hiện về chất lượng dữ liệu", "Data-quality findings")
REPORT_LEGEND = {
    "*": ("* một phần: thiếu đơn vị trực thuộc hoặc tháng của kỳ; không đánh giá theo chỉ tiêu",
          "* partial: some units below or months of the period are missing; not judged"),
    "†": ("† có ghi chú hoặc phát hiện về số liệu (xem phần phát hiện)",
          "† a note or a data-quality finding is about it (see the findings)"),
}
COUNTS_HEADING = ("Số liệu", "Counts")
SOURCE_PREFIX = ("Nguồn: ", "Source: ")
SIMULATED_TITLE = (" — dữ liệu mô phỏng", " — simulated data (dữ liệu mô phỏng)")
CSV_DELIMITER = (";", ",")  # what a spreadsheet in each language expects
DATE_TIME = ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M")  # strftime
AGE_UNITS = ((86400, ("ngày", "d")), (3600, ("giờ", "h")), (60, ("phút", "min")))
SECONDS = ("giây", "s")
EXPORT_STAMP = ("Nguồn: {publisher} · số liệu ngày {when} · xuất lúc {now}",
                "Source: {publisher} · data of {when} · exported {now}")
SIMULATED_STAMP = (" · dữ liệu mô phỏng", " · simulated data")
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
EXPORT_FAILED = ("Không xuất được vào {folder}: {why}", "Could not export to {folder}: {why}")
EXPORTED = ("Đã xuất {folder}: {names}", "Exported {folder}: {names}")

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
