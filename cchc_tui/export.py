"""What the analyst takes to the monthly report: the KPI table as CSV and Markdown, stamped."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime
from pathlib import Path

from cchc_tui.i18n import DATE_TIME, EXPORT_STAMP, SIMULATED_STAMP, Lang, pick
from cchc_tui.report import FORMATS, Report

DEFAULT_DIR = "cchc-tui-exports"


def export_dir(configured: str) -> Path:
    """The configured folder, or `cchc-tui-exports` in the current directory."""
    return Path(configured or DEFAULT_DIR).expanduser()


def base_name(report: Report, now: datetime) -> str:
    """cchc_01837_2023_20261122-0842: unit, period and when, safe in any file system."""
    period = re.sub(r"[^0-9A-Za-z-]", "_", str(report.period))
    unit = re.sub(r"[^0-9A-Za-z-]", "_", report.unit.code)
    return f"cchc_{unit}_{period}_{now:%Y%m%d-%H%M%S}"


def stamp(report: Report, lang: Lang, now: datetime) -> str:
    """One line saying whose figures, of when, exported when."""
    data = report.data
    when, publisher = data.generated_at or "—", data.publisher or "—"
    text = pick(EXPORT_STAMP, lang).format(publisher=publisher, when=when,
                                           now=now.strftime(pick(DATE_TIME, lang)))
    return text + (pick(SIMULATED_STAMP, lang) if data.simulated else "")


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tables(directory: Path, report: Report, lang: Lang,
                 now: datetime) -> list[Path]:
    """The KPI table in every exported format of report.FORMATS (CSV with a BOM for
    spreadsheets, Markdown with the stamp under it); raises OSError."""
    directory.mkdir(parents=True, exist_ok=True)
    base = base_name(report, now)
    written = []
    for fmt in FORMATS.values():
        if not fmt.exported:
            continue
        path = directory / f"{base}{fmt.suffix}"
        text = fmt.render(report, lang)
        if fmt.footer is not None:
            text += "\n" + fmt.footer(stamp(report, lang, now)) + "\n"
        write_atomic(path, ("\ufeff" if fmt.bom else "") + text)
        written.append(path)
    return written
