"""The headless report: one unit and period as a typed `Report`, written as JSON, a table,
Markdown or CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any, cast

from cchc_tui import i18n
from cchc_tui.cells import change_against_previous, kpi_row
from cchc_tui.i18n import (
    CSV_COLUMNS,
    FINDINGS_HEADING,
    REPORT_HEADINGS,
    REPORT_LEGEND,
    Lang,
    pick,
    reason_label,
    source_label,
)
from cchc_tui.kpi.engine import Engine, KpiResult, Ratio
from cchc_tui.kpi.findings import Finding, findings
from cchc_tui.kpi.marks import months_text, value_marks
from cchc_tui.kpi.provenance import sources_shown
from cchc_tui.model.catalogue import INDEX_766, KPIS, MEASURES
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.model.vocabulary import Basis, Level, Reason, Status, ValueSource
from cchc_tui.neutral import markdown_text, spreadsheet_cell
from cchc_tui.text import (
    format_count,
    format_date,
    format_percent,
    format_points,
    printable,
    round_half_up,
    score_text,
)


def _round(value: float | None) -> float | None:
    return None if value is None else round_half_up(value)


@dataclass(frozen=True, slots=True)
class ReportUnit:
    code: str
    name: str
    level: Level
    parent: str | None
    external_id: str | None


@dataclass(frozen=True, slots=True)
class Names:
    vi: str
    en: str


@dataclass(frozen=True, slots=True)
class Rank:
    place: int
    of: int


@dataclass(frozen=True, slots=True)
class Coverage:
    reporting: int  # units below with figures
    of: int


@dataclass(frozen=True, slots=True)
class Months:
    reporting: int  # months with figures (pooled: the fewest a unit below has)
    most: int
    of: int
    text: str


@dataclass(frozen=True, slots=True)
class ReportProjection:
    slope_per_period: float | None
    value_at_due: float | None
    periods_to_target: int | None


@dataclass(frozen=True, slots=True)
class ScreenText:
    """The KPI's value, counts and status exactly as the screen writes them."""

    value: str
    counts: str
    status: str
    change: str  # "▲ 2,58 điểm", "" when there is no honest change


@dataclass(frozen=True, slots=True)
class ReportKpi:
    id: str
    name: Names
    value: float | None
    numerator: float | None
    denominator: float | None
    source: ValueSource | None
    reported: float | None
    score: float | None
    max_score: float | None
    change: float | None
    rank: Rank | None
    reason: Reason | None
    target: float | None
    target_due: date | None
    target_basis: str | None
    gap: float | None
    status: Status
    pace_needed: float | None
    periods_left: int | None
    projection: ReportProjection | None
    # What the value leaves out and what is said about it: "*" partial (units or months
    # left out), "†" a note or finding; the notes' text; the units missing; the months.
    coverage: Coverage | None
    marks: str
    notes: tuple[str, ...]
    missing: tuple[str, ...]
    months: Months | None
    text: ScreenText
    change_points: float | None  # since the previous period, as the screen's ▲▼


@dataclass(frozen=True, slots=True)
class ReportFinding:
    kind: str
    message: str
    kpi: str | None
    figures: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReportData:
    publisher: str | None  # every publisher shown, "; "-joined
    publishers: tuple[str, ...]
    title: str | None
    generated_at: str | None  # ISO 8601, the latest of the sources shown
    simulated: bool


@dataclass(frozen=True, slots=True)
class Stale:
    """The report's figures are a saved copy, because the source failed."""

    saved_at: datetime
    age_seconds: int
    failure: str


@dataclass(frozen=True, slots=True)
class Report:
    """One unit and period: what every format writes (`to_json` is the JSON's shape)."""

    unit: ReportUnit
    period: Period
    period_label: str
    kpis: tuple[ReportKpi, ...]
    counts: dict[str, float]
    counts_basis: dict[str, Basis]
    counts_partial: tuple[str, ...]  # sums over the units below that leave some out (*)
    findings: tuple[ReportFinding, ...]
    data: ReportData
    stale: Stale | None = None


_PARTS = (Report, ReportUnit, Names, Rank, Coverage, Months, ReportProjection, ScreenText,
          ReportKpi, ReportFinding, ReportData, Stale)


def _inert(value: Any) -> Any:
    """Every string of the report passed through `printable` (keys too), every float rounded
    half up to 2 decimals, and an infinite or NaN one made None (never a figure)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, Period):  # a NamedTuple, not a list of figures
        return value
    if isinstance(value, float):
        return round_half_up(value) if math.isfinite(value) else None
    if isinstance(value, _PARTS):
        return type(value)(**{f.name: _inert(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, dict):
        return {_inert(k): _inert(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_inert(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_inert(v) for v in value)
    return value


def _coverage(ratio: Ratio | None) -> Coverage | None:
    return Coverage(*ratio.coverage) if ratio is not None and ratio.coverage else None


def report_kpi(result: KpiResult, notes: list[Finding], engine: Engine, lang: Lang,
               rank: tuple[int, int] | None = None) -> ReportKpi:
    a, t, r, p = result.assessment, result.target, result.ratio, result.reported
    projection = None
    if a.projection is not None:
        projection = ReportProjection(_round(a.projection.slope),
                                      _round(a.projection.value_at_due),
                                      a.projection.periods_to_target)
    shown = r or result.short  # what the value leaves out: the ratio, or the one refused
    row = kpi_row(result, lang, notes, engine)  # as the screen writes it
    return ReportKpi(
        id=result.kpi.id,
        name=Names(result.kpi.vi, result.kpi.en),
        value=_round(result.value),
        numerator=r.numerator if r else None,
        denominator=r.denominator if r else None,
        source=result.source,
        reported=p.value if p else None,
        score=p.score if p else None,
        max_score=p.max_score if p and p.max_score is not None else result.kpi.max_score,
        change=p.change if p else None,
        rank=Rank(*rank) if rank else None,
        reason=result.reason,
        target=t.value if t else None,
        target_due=t.due if t else None,
        target_basis=t.basis if t else None,
        gap=_round(a.gap),
        status=a.status,
        pace_needed=_round(a.pace_needed),
        periods_left=a.periods_left,
        projection=projection,
        coverage=_coverage(shown),
        marks=value_marks(result, notes) if result.value is not None else "",
        notes=tuple(f.message(lang) for f in notes),
        missing=tuple(shown.missing) if shown is not None else (),
        months=Months(shown.months[0], max(shown.months[0], shown.months_most),
                      shown.months[1], months_text(shown, lang))
        if shown is not None and shown.months else None,
        text=ScreenText(row.value_text, row.counts_text, row.status_text, row.change_text),
        change_points=change_against_previous(engine, result),
    )


def build_report(engine: Engine, unit_code: str, period: Period, lang: Lang = "vi") -> Report:
    snapshot = engine.snapshot
    unit = snapshot.units[unit_code]
    shown = sources_shown(snapshot, unit_code, period)
    source = shown[0] if shown else None
    counts = engine.counts(unit_code, period)
    found = findings(engine, unit_code, period)
    by_kpi: dict[str, list[Finding]] = {}
    for f in found:
        if f.kpi is not None:
            by_kpi.setdefault(f.kpi, []).append(f)
    ranked = {k for k, kpi in KPIS.items() if kpi.group == INDEX_766}  # ranks are read there
    stamps = [s.generated_at for s in shown if s.generated_at]
    # Every string passes the one sanitiser here, so no format can print a control character.
    return cast(Report, _inert(Report(
        unit=ReportUnit(unit.code, unit.name, unit.level, unit.parent, unit.external_id),
        period=period,
        period_label=describe_period(period, lang),
        kpis=tuple(report_kpi(r, by_kpi.get(r.kpi.id, []), engine, lang,
                              engine.rank(unit_code, r.kpi.id, period)
                              if r.kpi.id in ranked else None)
                   for r in engine.results(unit_code, period)),
        counts={name: value for name, (value, _) in counts.items()},
        counts_basis={name: basis for name, (_, basis) in counts.items()},
        counts_partial=tuple(name for name in counts
                             if engine.count_partial(unit_code, name, period)),
        findings=tuple(ReportFinding(f.kind, f.message(lang), f.kpi, f.figures)
                       for f in found),
        data=ReportData(
            publisher="; ".join(s.publisher for s in shown) if shown else None,
            publishers=tuple(s.publisher for s in shown),
            title=source.title if source else None,
            generated_at=max(stamps).isoformat() if stamps else None,
            simulated=any(s.simulated for s in shown),
        ),
    )))


def with_stale(report: Report, saved_at: datetime, age: float, failure: str) -> Report:
    """The report saying that its figures are a saved copy, because the source failed."""
    return replace(report, stale=Stale(saved_at, round(age), printable(failure)))


def _json_part(part: Any) -> Any:
    """A part of the report as JSON: its fields are the keys, in their order (the digests of
    tests/test_report_json.py hold the shape)."""
    if isinstance(part, _PARTS):
        return {f.name: _json_part(getattr(part, f.name)) for f in fields(part)}
    if isinstance(part, tuple | list):
        return [_json_part(v) for v in part]
    if isinstance(part, dict):
        return {k: _json_part(v) for k, v in part.items()}
    return part


def to_json(report: Report) -> dict[str, Any]:
    """The report as JSON writes it; the one place that knows that shape."""
    out: dict[str, Any] = {
        "unit": _json_part(report.unit),
        "period": str(report.period),
        "period_label": report.period_label,
        "kpis": [_json_part(k) | {
            "name": {"vi": k.name.vi, "en": k.name.en},
            "target_due": k.target_due.isoformat() if k.target_due else None,
        } for k in report.kpis],
        "counts": report.counts,
        "counts_basis": report.counts_basis,
        "counts_partial": list(report.counts_partial),
        "findings": [_json_part(f) for f in report.findings],
        "data": _json_part(report.data),
    }
    if report.stale is not None:
        stale = report.stale
        out["stale"] = {"saved_at": stale.saved_at.isoformat(timespec="seconds"),
                        "age_seconds": stale.age_seconds, "failure": stale.failure}
    return out


def _age(seconds: float, lang: Lang) -> str:
    for unit, words in i18n.AGE_UNITS:
        if seconds >= unit:
            return f"{seconds // unit:.0f} {pick(words, lang)}"
    return f"{seconds:.0f} " + pick(i18n.SECONDS, lang)


def stale_line(report: Report, lang: Lang) -> str:
    """"STALE: …" when the report is a saved copy, else ""."""
    stale = report.stale
    if not stale:
        return ""
    when = stale.saved_at.strftime(pick(i18n.DATE_TIME, lang))
    return pick(i18n.STALE_REPORT, lang).format(when=when, age=_age(stale.age_seconds, lang),
                                                failure=stale.failure)


# -- text formats ---------------------------------------------------------------------------
COLUMNS = tuple(REPORT_HEADINGS)
# CSV cells holding numbers (value, target, gap): a real negative there stays a number.
_NUMERIC = frozenset(("value", "numerator", "denominator", "reporting", "of", "change",
                      "target", "gap", "score", "max_score"))


def _rows(report: Report, lang: Lang) -> list[list[str]]:
    rows = []
    for k in report.kpis:
        counts = ""
        if k.score is not None:
            counts = score_text(k.score, k.max_score, k.change, lang)
            if k.rank:
                counts += f" · {pick(('hạng', 'rank'), lang)} {k.rank.place}/{k.rank.of}"
        elif k.numerator is not None or k.value is None:
            counts = k.text.counts  # as the screen has it: "573/1.109 hồ sơ (3/4)"
        # Without a value the reason is in the counts cell already: said once.
        source = source_label(k.source, lang) or ("" if counts.strip() else
                                                  reason_label(k.reason, lang))
        due = format_date(k.target_due, lang) if k.target_due else ""
        rows.append([
            pick((k.name.vi, k.name.en), lang), k.text.value, counts.strip(), source,
            format_percent(k.target, lang) if k.target is not None else "",
            due, format_points(k.gap, lang) if k.gap is not None else "",
            k.text.change, k.text.status,
        ])
    return rows


def _period_label(report: Report, lang: Lang) -> str:
    """ "Năm 2023", "2026, đến 10/10/2026": in the language asked for now."""
    return describe_period(report.period, lang)


def _title(report: Report, lang: Lang) -> str:
    unit = report.unit
    title = f"{unit.name} ({unit.code}) — {_period_label(report, lang)}"
    if report.data.simulated:
        title += pick(i18n.SIMULATED_TITLE, lang)
    return title


def _legend(report: Report, lang: Lang) -> list[str]:
    """The meaning of the marks that appear in this report."""
    used = "".join(k.marks for k in report.kpis)
    used += "*" if report.counts_partial else ""
    used += "▲" if any(k.change_points is not None for k in report.kpis) else ""
    return [pick(text, lang) for mark, text in REPORT_LEGEND.items() if mark in used]


def _count_lines(report: Report, lang: Lang) -> list[str]:
    out = []
    for name, value in report.counts.items():
        m = MEASURES.get(name)
        label = pick((m.vi, m.en), lang) if m else name
        mark = "*" if name in report.counts_partial else ""
        out.append(f"{label} ({name}): {format_count(value, lang)}{mark}")
    return out


def render_table(report: Report, lang: Lang = "vi") -> str:
    rows = _rows(report, lang)
    head = [pick(REPORT_HEADINGS[c], lang) for c in COLUMNS]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [_title(report, lang), ""]
    if report.stale:
        lines[1:1] = [stale_line(report, lang)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip())
    lines.append("  ".join("─" * w for w in widths))
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    lines += ["", *_legend(report, lang)] if _legend(report, lang) else []
    lines += ["", pick(i18n.COUNTS_HEADING, lang), *("  " + c for c in _count_lines(report, lang))]
    if report.findings:
        lines += ["", pick(FINDINGS_HEADING, lang)]
        lines += [f"  ! {f.message}" for f in report.findings]
    data = report.data
    if data.publisher:
        lines += ["", pick(i18n.SOURCE_PREFIX, lang) + data.publisher
                  + (f" ({data.generated_at[:10]})" if data.generated_at else "")]
    return "\n".join(lines) + "\n"


def render_markdown(report: Report, lang: Lang = "vi") -> str:
    rows = _rows(report, lang)
    head = [pick(REPORT_HEADINGS[c], lang) for c in COLUMNS]

    esc = markdown_text  # also escapes the * that marks partial values
    lines = [f"## {esc(_title(report, lang))}", ""]
    if report.stale:
        lines += [f"> **{esc(stale_line(report, lang))}**", ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    legend = _legend(report, lang)
    lines += ["", *(esc(line) + "  " for line in legend)] if legend else []
    if report.findings:
        lines += ["", "### " + pick(FINDINGS_HEADING, lang), ""]
        lines += [f"- {esc(f.message)}" for f in report.findings]
    return "\n".join(lines) + "\n"


def csv_number(value: float | int | None, lang: Lang) -> str:
    """A number as a spreadsheet in `lang` reads it: "51,67" (vi) / "51.67" (en), no
    thousands separator, no % or unit; whole numbers without decimals ("1109"); "" for none."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if float(value).is_integer():
        return str(int(value))
    text = f"{round_half_up(float(value)):.2f}"
    return text.replace(".", pick(i18n.DECIMAL_POINT, lang))


def _csv_cells(report: Report, k: ReportKpi, lang: Lang) -> dict[str, str]:
    coverage = k.coverage
    num = {"value": k.value, "numerator": k.numerator, "denominator": k.denominator,
           "reporting": coverage.reporting if coverage else None,
           "of": coverage.of if coverage else None, "change": k.change_points,
           "target": k.target, "gap": k.gap, "score": k.score,
           "max_score": k.max_score if k.score is not None else None}
    return {name: csv_number(value, lang) for name, value in num.items()} | {
        "unit": report.unit.code, "period": str(report.period), "kpi": k.id,
        "unit_name": report.unit.name, "period_label": _period_label(report, lang),
        "kpi_name": pick((k.name.vi, k.name.en), lang), "marks": k.marks, "status": k.status,
        "status_text": k.text.status,
        "target_due": k.target_due.isoformat() if k.target_due else "",
        "source": source_label(k.source, lang) or reason_label(k.reason, lang),
        "notes": " | ".join(k.notes), "data_time": report.data.generated_at or ""}


def render_csv(report: Report, lang: Lang = "vi") -> str:
    """For spreadsheets: one row a KPI, one column a figure (value, numerator, denominator,
    units reporting and below, change, target, gap, score), numbers as the language's
    spreadsheet reads them (vi: `;`-separated, "51,67"; en: `,`, "51.67"), empty where
    there is none; the marks (* partial, † note) and the status in columns of their own."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=pick(i18n.CSV_DELIMITER, lang), lineterminator="\n")
    if report.stale:  # first, where neither a person nor a parser can miss it
        writer.writerow([spreadsheet_cell("# " + stale_line(report, lang))])
    writer.writerow([pick((vi, en), lang) for _, vi, en in CSV_COLUMNS])
    for k in report.kpis:
        cells = _csv_cells(report, k, lang)
        writer.writerow([spreadsheet_cell(cells[name], name in _NUMERIC)
                         for name, _, _ in CSV_COLUMNS])
    return buffer.getvalue()


def render_json(report: Report, lang: Lang = "vi") -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True, slots=True)
class ReportFormat:
    """One way to write a report: for `report --format`, the `e` export and help."""

    render: Callable[[Report, Lang], str]
    label: str  # as people call it
    suffix: str  # the file name's ending when exported
    exported: bool = False  # written by `e` beside the screenshot
    bom: bool = False  # a UTF-8 byte-order mark, so spreadsheets read Vietnamese right
    footer: Callable[[str], str] | None = None  # the export stamp, as this format writes text


# Adding a format is one entry here: the command line, the export and help read this table.
FORMATS: dict[str, ReportFormat] = {
    "table": ReportFormat(render_table, "text table", ".txt"),
    "json": ReportFormat(render_json, "JSON", ".json"),
    "csv": ReportFormat(render_csv, "CSV", ".csv", exported=True, bom=True),
    "md": ReportFormat(render_markdown, "Markdown", ".md", exported=True,
                       footer=markdown_text),
}


def render(report: Report, fmt: str, lang: Lang = "vi") -> str:
    return FORMATS[fmt].render(report, lang)
