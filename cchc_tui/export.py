"""What the secretary takes to the monthly report: the KPI table (every exported format of
report.FORMATS), the screen as SVG and, when this machine can draw one, as PNG, all named
after the unit and stamped with the unit, the period in words, the data date and the
export time.

File names are ASCII: the unit's name without its diacritics ("Phường Sông Cầu" ->
"Phuong-Song-Cau"). A Vietnamese name would be kept letter for letter only on some systems:
macOS stores it decomposed (NFD), so a name typed on another machine no longer matches;
Windows' zip and many mail clients mangle non-ASCII names; a shell over SSH with a non-UTF-8
locale shows escapes. The name in full, with its diacritics, is inside every file.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_tui import i18n
from cchc_tui.files import write_atomic
from cchc_tui.i18n import DATE_TIME, Lang, pick
from cchc_tui.model.periods import describe_period
from cchc_tui.report import FORMATS, Report

DEFAULT_DIR = "cchc-tui-exports"
NAME_LIMIT = 60  # characters of the unit's name in a file name (the whole stays < 120)
RENDER_SECONDS = 60  # a PNG renderer that takes longer is stopped
_D = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_NOT_SAFE = re.compile(r"[^A-Za-z0-9]+")


def export_dir(configured: str) -> Path:
    """The configured folder (`--export-dir`, `app.export_dir`), or `cchc-tui-exports` in
    the current directory; absolute, so the toast says exactly where the files are."""
    return Path(configured or DEFAULT_DIR).expanduser().absolute()


def safe_name(text: str, limit: int = NAME_LIMIT) -> str:
    """`text` as a file-name part in any file system: Vietnamese letters without their
    marks (đ -> d), every other run of characters (separators, controls, dots, spaces) one
    `-`, at most `limit` characters cut at a word's end; "x" when nothing is left."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = [w for w in _NOT_SAFE.split(ascii_text) if w]
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > limit:
            out = out or word[:limit]
            break
        out = joined
    return out or "x"


def base_name(report: Report, now: datetime) -> str:
    """Phuong-Song-Cau_01837_2023_20261122-084205: the unit's name, its code (two units may
    share a name), the period and when."""
    unit = report.unit
    return (f"{safe_name(unit.name)}_{safe_name(unit.code, 30)}_"
            f"{safe_name(str(report.period), 30)}_{now:%Y%m%d-%H%M%S}")


def _data_time(report: Report, lang: Lang) -> str:
    stamp = report.data.generated_at
    if not stamp:
        return "—"
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return str(stamp)
    return when.strftime(pick(DATE_TIME, lang))


def stamp_parts(report: Report, lang: Lang, now: datetime) -> list[str]:
    """Unit, period in words, data date, export time, source, "simulated": the stamp."""
    unit, data = report.unit, report.data
    period = describe_period(report.period, lang)
    words = i18n.words(i18n.EXPORT_STAMP, lang)
    parts = [f"{unit.name} ({unit.code})", period,
             words["data_of"] + _data_time(report, lang),
             words["exported"] + now.strftime(pick(DATE_TIME, lang))]
    if data.publisher:
        parts.append(words["source"] + data.publisher)
    if data.simulated:
        parts.append(words["simulated"])
    return parts


def stamp(report: Report, lang: Lang, now: datetime) -> str:
    """The stamp on one line, for the text formats."""
    return " · ".join(stamp_parts(report, lang, now))


def write_tables(directory: Path, report: Report, lang: Lang,
                 now: datetime) -> list[Path]:
    """The KPI table in every exported format of report.FORMATS (CSV with a BOM for
    spreadsheets, Markdown with the stamp under it), with the user's permissions;
    returns the absolute paths; raises OSError."""
    directory = directory.absolute()
    base = base_name(report, now)
    written = []
    for fmt in FORMATS.values():
        if not fmt.exported:
            continue
        path = directory / f"{base}{fmt.suffix}"
        text = fmt.render(report, lang)
        if fmt.footer is not None:
            text += "\n" + fmt.footer(stamp(report, lang, now)) + "\n"
        write_atomic(path, (("\ufeff" if fmt.bom else "") + text).encode("utf-8"))
        written.append(path)
    return written


# -- the picture as PNG ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Renderer:
    """A way this machine turns an SVG into a PNG."""

    name: str  # as the toast names it
    render: Callable[[bytes], bytes]


def _rsvg(svg: bytes) -> bytes:
    done = subprocess.run(["rsvg-convert", "--format", "png"], input=svg, capture_output=True,
                          timeout=RENDER_SECONDS, check=True)
    return done.stdout


def _cairosvg(svg: bytes) -> bytes:
    import cairosvg

    png: bytes = cairosvg.svg2png(bytestring=svg)
    return png


def png_renderer() -> Renderer | None:
    """The first of rsvg-convert (Debian's librsvg2-bin) and the cairosvg package that this
    machine has; None when it has neither."""
    if shutil.which("rsvg-convert"):
        return Renderer("rsvg-convert", _rsvg)
    if importlib.util.find_spec("cairosvg") is not None:
        return Renderer("cairosvg", _cairosvg)
    return None


@dataclass(frozen=True, slots=True)
class Picture:
    svg: Path
    png: Path | None  # None: no renderer, or it failed (`problem` says why)
    renderer: str | None
    problem: str = ""


def write_picture(directory: Path, base: str, svg: str,
                  renderer: Renderer | None = None) -> Picture:
    """The screen as `<base>.svg` and, with a renderer, `<base>.png` beside it. A renderer
    that fails costs the PNG only (its reason is kept); a folder that cannot be written
    raises OSError."""
    directory = directory.absolute()
    svg_path = directory / f"{base}.svg"
    data = svg.encode("utf-8")
    write_atomic(svg_path, data)
    if renderer is None:
        return Picture(svg_path, None, None)
    try:
        png = renderer.render(data)
    except Exception as exc:  # whatever a renderer raises costs the PNG, never the export
        detail = getattr(exc, "stderr", b"") or b""
        reason = detail.decode("utf-8", "replace").strip().splitlines()[:1] or [str(exc)]
        return Picture(svg_path, None, renderer.name, reason[0])
    png_path = directory / f"{base}.png"
    write_atomic(png_path, png)
    return Picture(svg_path, png_path, renderer.name)
