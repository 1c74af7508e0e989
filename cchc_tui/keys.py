"""The keys, one table per screen: read by the bindings, the footer and the help screen."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from cchc_tui.frame import SCREEN_PANELS
from cchc_tui.i18n import LANGS, Lang


@dataclass(frozen=True, slots=True)
class Key:
    keys: str  # Textual key names, comma-separated
    action: str  # "": a key of a widget, listed in help only
    label: str  # how help writes the key
    footer: tuple[str, str] | None  # (vi, en) words in the footer; None: not in the footer
    help: tuple[str, str]  # (vi, en) what it does, for help
    priority: bool = False  # wins over the focused widget's own binding


# Filled in by help_lines from report.FORMATS, the one table of formats: the report (and the
# engine under it) is not imported before the first frame.
_FORMATS = "{formats}"


def _export_help() -> tuple[str, str]:
    return (f"xuất bảng chỉ số ({_FORMATS}) và màn hình (SVG, PNG), ở mọi màn hình "
            "(ctrl+e khi đang gõ)",
            f"export the KPI table ({_FORMATS}) and the screen (SVG, PNG), from any screen "
            "(ctrl+e while typing)")


def _exported_formats() -> str:
    from cchc_tui.report import FORMATS

    return ", ".join(f.label for f in FORMATS.values() if f.exported)


def _zoom_keys() -> tuple[Key, ...]:
    last = len(SCREEN_PANELS)
    return tuple(Key(str(i), f"zoom({i})", f"1–{last}", None,
                     ("phóng to một khung (bấm lại để thu)", "zoom a panel (again to unzoom)"))
                 for i in range(1, last + 1))


DASHBOARD: tuple[Key, ...] = (
    # `?` and `q` first: a narrow footer is cut from the right, and these two must stay
    Key("question_mark", "help", "?", ("Trợ giúp", "Help"),
        ("trợ giúp: phím, công thức, chỉ tiêu", "help: keys, formulas, targets")),
    Key("q", "quit", "q", ("Thoát", "Quit"), ("thoát", "quit")),
    Key("ctrl+c", "force_quit", "ctrl+c", None, ("thoát, ở bất kỳ màn hình nào",
                                                 "quit, from any screen"), priority=True),
    Key("slash", "find", "/", ("Tìm", "Find"), ("tìm đơn vị", "find a unit")),
    Key("p", "pick_period", "p", ("Kỳ", "Period"), ("chọn kỳ", "choose a period")),
    Key("comma", "shift_period(-1)", ",", ("Kỳ trước", "Prev"),
        ("kỳ trước", "previous period")),
    Key("full_stop", "shift_period(1)", ".", ("Kỳ sau", "Next"), ("kỳ sau", "next period")),
    Key("g", "granularity", "g", ("Tháng/Quý/Năm", "Month/Quarter/Year"),
        ("đổi độ dài kỳ: tháng → quý → 6 tháng → năm", "month → quarter → half → year")),
    Key("left_square_bracket", "sibling(-1)", "[", None,
        ("đơn vị cùng cấp trước", "previous sibling")),
    Key("right_square_bracket", "sibling(1)", "]", None,
        ("đơn vị cùng cấp sau", "next sibling")),
    Key("enter", "drill", "enter", None,
        ("xem đơn vị trực thuộc đang chọn", "drill into the highlighted sub-unit")),
    Key("backspace", "up", "backspace", ("Lên", "Up"),
        ("lên đơn vị cấp trên", "up to the parent")),
    Key("c", "ranking_kpi", "c", None, ("đổi chỉ số xếp hạng", "change the ranking KPI")),
    Key("j,k,home,end", "", "j k home end", None,
        ("di chuyển trong danh sách đơn vị trực thuộc", "move in the list of sub-units")),
    *_zoom_keys(),
    Key("m", "meeting", "m", ("Chế độ họp", "Meeting"),
        ("chế độ họp: số lớn, tự chuyển đơn vị (phím cách: dừng; ← →: chuyển)",
         "meeting mode: large figures, units rotate (space: pause; ← →: step)")),
    Key("d", "findings", "d", ("Phát hiện", "Findings"),
        ("phát hiện về dữ liệu", "data-quality findings")),
    Key("i", "index_766", "i", ("766", "766"),
        ("chỉ số 766: tổng điểm, hạng, 6 nhóm, đơn vị trực thuộc (w: kém nhất trước; "
         "t: sở / xã)", "766 index: total, rank, six groups, units below (w: worst first; "
                        "t: agencies / communes)")),
    Key("l", "toggle_lang", "l", ("English", "Tiếng Việt"),
        ("tiếng Việt / English", "Vietnamese / English")),
    Key("r", "refresh", "r", None, ("đọc lại nguồn ngay", "re-read the source now")),
    Key("e", "export", "e", None, _export_help()),
    # where `e` is a letter (help's filter, the finder): ctrl+e, ahead of the text field's own
    Key("ctrl+e", "export", "ctrl+e", None, _export_help(), priority=True),
    # At 80×24 the panels stack in one scrolling column: page through it from the keyboard.
    Key("pagedown", "scroll_panels(1)", "pgdn", None,
        ("cuộn xuống khi màn hình nhỏ", "scroll down on a small screen"), priority=True),
    Key("pageup", "scroll_panels(-1)", "pgup", None,
        ("cuộn lên khi màn hình nhỏ", "scroll up on a small screen"), priority=True),
)

_BACK = ("về bảng điều khiển, ở đơn vị lúc mở", "back to the dashboard, on the unit it began on")
MEETING: tuple[Key, ...] = (
    # Short words, the most needed first: `?` and `q` (the app's) follow in the footer.
    Key("space", "freeze", "space", ("Dừng", "Pause"),
        ("dừng / tiếp tục tự chuyển", "pause / resume the rotation")),
    Key("escape", "leave", "esc", ("Về bảng", "Back"), _BACK),
    Key("m", "leave", "m", None, _BACK),
    Key("left", "step(-1)", "←", ("Trước", "Prev"), ("đơn vị trước", "previous unit")),
    Key("right", "step(1)", "→", ("Sau", "Next"), ("đơn vị sau", "next unit")),
    Key("t", "switch_theme", "t", ("Màu", "Colours"),
        ("màu máy chiếu / màu thường", "projector colours / the usual colours")),
    Key("enter", "open_shown", "enter", None,
        ("về bảng điều khiển, ở đơn vị đang hiện", "back to the dashboard, on the unit shown")),
)


INDEX_766: tuple[Key, ...] = (
    Key("tab,shift+tab", "switch", "tab", None,
        ("chuyển giữa các nhóm (enter: mở nhóm) và các đơn vị",
         "switch between the groups (enter: open one) and the units")),
    Key("w", "worst_first", "w", None,
        ("xếp kém nhất trước / tốt nhất trước", "worst first / best first")),
    Key("t", "filter", "t", None,
        ("tất cả → sở, ngành → xã, phường", "all → agencies → communes")),
    Key("escape,i,q", "dismiss", "esc", None, ("đóng", "close")),
    # A dialog keeps the app's keys from acting: `e` is bound here again.
    Key("e", "app.export", "e", None, _export_help()),
)


GROUP_766: tuple[Key, ...] = (
    Key("escape,q", "dismiss", "esc", None, ("quay lại", "back")),
    Key("e", "app.export", "e", None, _export_help()),
)


def _lang_index(lang: Lang) -> int:
    return LANGS.index(lang)


def bindings(keys: tuple[Key, ...], lang: Lang = "vi") -> list[BindingType]:
    """Textual bindings for a key table, their footer words in `lang`."""
    i = _lang_index(lang)
    return [Binding(k.keys, k.action, k.footer[i] if k.footer else "",
                    show=k.footer is not None, priority=k.priority) for k in keys if k.action]


# The command palette's hint docked at the footer's right end ("▏^p palette"), with a margin.
_PALETTE_HINT = 14


def relabel(node: DOMNode, keys: tuple[Key, ...], lang: Lang, width: int | None = None) -> None:
    """The footer words of `node`'s bindings in `lang`, as many as fit in `width` columns.

    Keys are offered in table order until the footer is full: a footer that overflows
    leaves stray letters of the hidden keys beside the palette hint. Textual has no public
    call to change a binding's description, so this is the one place that rewrites the
    node's binding map (the bindings Textual adds itself are kept)."""
    i = _lang_index(lang)
    # (key, action) → words: Textual's own bindings for the same action (ctrl+q) stay as they are
    words = {(name, k.action): k.footer[i] for k in keys if k.footer
             for name in k.keys.split(",")}
    room = (width - _PALETTE_HINT) if width else 10**6
    table = node._bindings.key_to_bindings
    for k in keys:  # in table order, so the first keys are the ones that stay
        for name in k.keys.split(",") if k.footer else ():
            bound = table.get(name, [])
            for n, b in enumerate(bound):
                if (b.key, b.action) in words:
                    word = words[(b.key, b.action)]
                    cost = len(node.app.get_key_display(b)) + len(word) + 2
                    show = cost <= room
                    room -= cost if show else 0
                    bound[n] = dataclasses.replace(b, description=word, show=show)
    node.refresh_bindings()


def relabel_palette(node: DOMNode, lang: Lang) -> None:
    """The palette's hint in the footer ("^p lệnh") in `lang`: Textual adds that binding
    itself, in English."""
    from cchc_tui.i18n import PALETTE_VI, pick

    for bound in node._bindings.key_to_bindings.values():
        for n, b in enumerate(bound):
            if b.action in ("command_palette", "app.command_palette"):
                word, tip = "palette", "Open the command palette"
                bound[n] = dataclasses.replace(
                    b, description=pick((PALETTE_VI[word], word), lang),
                    tooltip=pick((PALETTE_VI[tip], tip), lang))
    node.refresh_bindings()


def help_lines(keys: tuple[Key, ...], lang: Lang) -> list[tuple[str, str]]:
    """(key as written, what it does) for help; keys that do the same thing share a line."""
    i = _lang_index(lang)
    lines: list[tuple[str, str]] = []
    for k in keys:
        text = k.help[i]
        if _FORMATS in text:
            text = text.replace(_FORMATS, _exported_formats())
        if lines and lines[-1][1] == text:
            if lines[-1][0] != k.label:
                lines[-1] = (f"{lines[-1][0]} {k.label}", text)
            continue
        lines.append((k.label, text))
    return lines
