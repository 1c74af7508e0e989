"""Text helpers shared by the CLI and the UI: diacritic folding and vi-VN / en number formats."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # i18n imports text; the languages are a type here
    from cchc_tui.i18n import Lang

# `đ`/`Đ` (and the look-alike `Ð`, U+00D0) have no Unicode decomposition: map them first.
_D_TABLE = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})


def fold(text: str) -> str:
    """Lower-case `text` without diacritics: "Phường Đống Đa" -> "phuong dong da"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().translate(_D_TABLE).split())


# Words that name a unit's type; "song cau" should find "Phường Sông Cầu".
_TYPE_WORDS = ("thanh pho", "thi xa", "thi tran", "phuong", "quan", "huyen", "tinh", "xa", "tp")


def bare_name(folded: str) -> str:
    """A folded name without its type word: "phuong song cau" -> "song cau"."""
    for word in _TYPE_WORDS:
        if folded.startswith(word + " "):
            return folded[len(word) + 1:]
    return folded


# What must never reach a terminal or a file from a feed: C0 controls (NUL, ESC, newline, tab…),
# DEL, C1 controls (CSI U+009B, OSC U+009D, NEL…), the bidi embeddings, overrides, isolates and
# marks (which reorder what follows them), and the line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text from a feed made safe to print: every control, bidi or separator character shown
    as a visible escape ("\\x1b", "\\u202e"), so it can neither steer the terminal, reorder
    the line nor start a new one. The one sanitiser of every output."""
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def first_unsafe(text: str) -> str | None:
    """The first character `printable` would escape, or None: for fields with a grammar."""
    found = _UNSAFE.search(text)
    return found.group() if found else None


def _group(int_digits: str, sep: str) -> str:
    out = []
    while len(int_digits) > 3:
        out.append(int_digits[-3:])
        int_digits = int_digits[:-3]
    out.append(int_digits)
    return sep.join(reversed(out))


def round_half_up(value: float, decimals: int = 2) -> float:
    """Half up on the exact value of the double, as the portal and Vietnamese reports round:
    58/64 = 90,625 -> 90,63; 12,2 * 2 / 80 = 0,30499999… (as a double) -> 0,3."""
    if not math.isfinite(value):
        return value
    return float(_half_up(value, decimals))


_WIDE = Context(prec=400)  # room for any finite double's digits to the left of the point


def _half_up(value: float, decimals: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, _WIDE)


def percent(numerator: float, denominator: float) -> float:
    """100 · n / d, in the order the portal computes it (the same double, the same rounding)."""
    return 100.0 * numerator / denominator


# The languages' number and date conventions (their words are in i18n.py, above this module).
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # thousands, decimal point
_DATE_FORMATS = {"vi": "%d/%m/%Y", "en": "%Y-%m-%d"}


def format_number(value: float | int | None, lang: Lang = "vi", decimals: int = 0) -> str:
    """1109 -> "1.109" (vi) / "1,109" (en); None -> "—". Rounded half up."""
    if value is None:
        return "—"
    thousands, point = _SEPARATORS[lang]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    rounded = _half_up(value, decimals) if isinstance(value, float) else Decimal(value)
    negative = rounded < 0
    text = f"{abs(rounded):.{decimals}f}"
    int_part, _, frac = text.partition(".")
    body = _group(int_part, thousands) + (point + frac if frac else "")
    return ("-" if negative else "") + body


def format_count(value: float | int | None, lang: Lang = "vi") -> str:
    """A count: integers without decimals, anything else with up to 2; an absurd one (above
    10^15, which no count reaches) in scientific form rather than 300 digits."""
    if value is None:
        return "—"
    if math.isfinite(value) and abs(value) >= 1e15:
        return f"{value:.3g}"
    if float(value).is_integer():
        return format_number(int(value), lang)
    return format_number(value, lang, 2)


def format_percent(value: float | None, lang: Lang = "vi", decimals: int = 2) -> str:
    """51.668 -> "51,67%" (vi) / "51.67%" (en)."""
    if value is None:
        return "—"
    return format_number(value, lang, decimals) + "%"


def format_points(value: float | None, lang: Lang = "vi", decimals: int = 2) -> str:
    """A signed difference in percentage points: "+3,20" / "-1,05"."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    return sign + format_number(value, lang, decimals)


def score_text(score: float, top: float | None, change: float | None, lang: Lang = "vi") -> str:
    """A score out of its maximum: "11,79/18"; with its change: "11,79/18 (+0,25)"."""
    text = format_number(score, lang, 2) + (f"/{format_count(top, lang)}" if top else "")
    return text + (f" ({format_points(change, lang)})" if change is not None else "")


def format_date(value: date | datetime | None, lang: Lang = "vi") -> str:
    """dd/mm/yyyy in Vietnamese, ISO in English."""
    if value is None:
        return "—"
    return value.strftime(_DATE_FORMATS[lang])


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to a mistyped word, or None when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def near_word(word: str, choices: Iterable[str]) -> str:
    """The closest choice quoted ("'timeout'"), or '': what did_you_mean names, for i18n."""
    near = closest(word, choices)
    return repr(near) if near else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'timeout'?)' for the closest choice, or '' when none is close."""
    near = closest(word, choices)
    return f" (did you mean {near!r}?)" if near else ""
