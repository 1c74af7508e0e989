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
