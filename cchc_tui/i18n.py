"""Words shown to people, in Vietnamese and English (the UI speaks Vietnamese by default)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from cchc_tui.model.catalogue import LEVELS, MEASURES, Kpi

if TYPE_CHECKING:
    from cchc_tui.config_errors import ConfigError

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
                     lang: str) -> str:
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


def period_error_text(given: str, problem: str, lang: str) -> str:
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
                 lang: str) -> str:
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


EXPORT_FAILED = ("Không xuất được vào", "Could not export to")
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
    f'"*", a level ({", ".join(LEVELS)}) or a unit code':
        f'"*", một cấp ({", ".join(LEVELS)}) hoặc một mã đơn vị',
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


def _expected_words(spec: tuple[Any, ...], lang: str) -> str:
    if spec[0] == "one_of":
        return pick(("một trong ", "one of "), lang) + ", ".join(f'"{a}"' for a in spec[1])
    if spec[0] == "describe":
        text = str(spec[1])
        return _DESCRIBED_VI.get(text, text) if lang == "vi" else text
    name, ge, le, gt = spec
    text = pick(_EXPECTED[str(name)], lang)
    if ge is not None and le is not None:
        text += pick((" từ {ge:g} đến {le:g}", " from {ge:g} to {le:g}"), lang).format(ge=ge, le=le)
    elif ge is not None:
        text += f" ≥ {ge:g}"
    elif gt is not None:
        text += f" > {gt:g}"
    return text


def _toml_detail(detail: str, lang: str) -> str:
    if lang != "vi":
        return detail
    for english, vi in _TOML_VI.items():
        if detail == english or ("…" in english and detail.startswith(english.split("(")[0])):
            return vi
    return detail


def config_problem_text(kind: str, fields: dict[str, Any], lang: str) -> str:
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


def config_error_text(error: ConfigError, lang: str) -> str:
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
_SOURCE_REASONS = tuple((re.compile(f"^{en}$"), vi) for en, vi in SOURCE_REASONS_VI)


def source_reason(reason: str, lang: str) -> str:
    """Why a source cannot be read, in `lang` (reasons are made in English)."""
    if lang != "vi":
        return reason
    for pattern, vi in _SOURCE_REASONS:
        if m := pattern.match(reason):
            text = m.expand(vi)
            if "inner" in pattern.groupindex:  # a reason inside a reason: worded in turn
                text = text[: len(text) - len(m["inner"])] + source_reason(m["inner"], lang)
            return text
    return reason


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
