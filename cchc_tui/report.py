"""The headless report: one unit and period as a dict (JSON), table, Markdown or CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cchc_tui.cells import change_against_previous, kpi_row
from cchc_tui.i18n import CHANGE_HEADING, CSV_COLUMNS, pick, reason_label, source_label
from cchc_tui.kpi.engine import Engine, KpiResult
from cchc_tui.kpi.findings import Finding, findings
from cchc_tui.kpi.marks import months_text, value_marks
from cchc_tui.kpi.provenance import sources_shown
from cchc_tui.model.catalogue import INDEX_766, KPIS, MEASURES
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.neutral import markdown_text, printable_tree, spreadsheet_cell
from cchc_tui.text import (
    format_count,
    format_date,
    format_percent,
    format_points,
    round_half_up,
    score_text,
)


def _round(value: float | None) -> float | None:
    return None if value is None else round_half_up(value)


def _rounded(value: Any) -> Any:
    """Every float in a JSON-able structure rounded half up to 2 decimals."""
    if isinstance(value, float):
        return round_half_up(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def kpi_dict(result: KpiResult, rank: tuple[int, int] | None = None) -> dict[str, Any]:
    a, t, r, p = result.assessment, result.target, result.ratio, result.reported
    projection = None
    if a.projection is not None:
        projection = {"slope_per_period": _round(a.projection.slope),
                      "value_at_due": _round(a.projection.value_at_due),
                      "periods_to_target": a.projection.periods_to_target}
    return {
        "id": result.kpi.id,
        "name": {"vi": result.kpi.vi, "en": result.kpi.en},
        "value": _round(result.value),
        "numerator": r.numerator if r else None,
        "denominator": r.denominator if r else None,
        "source": result.source,
        "reported": result.reported.value if result.reported else None,
        "score": p.score if p else None,
        "max_score": p.max_score if p and p.max_score is not None else result.kpi.max_score,
        "change": p.change if p else None,
        "rank": {"place": rank[0], "of": rank[1]} if rank else None,
        "reason": result.reason,
        "target": t.value if t else None,
        "target_due": t.due.isoformat() if t and t.due else None,
        "target_basis": t.basis if t else None,
        "gap": _round(a.gap),
        "status": a.status,
        "pace_needed": _round(a.pace_needed),
        "periods_left": a.periods_left,
        "projection": projection,
        "coverage": {"reporting": r.coverage[0], "of": r.coverage[1]}
        if r and r.coverage else None,
    }


def truth_fields(result: KpiResult, notes: list[Finding], lang: str) -> dict[str, Any]:
    """What the value leaves out and what is said about it: "marks" ("*" partial: units or
    months left out; "†" a note or finding), "notes" (their text), "coverage" with the
    missing units, "months" reported of the period's."""
    r = result.ratio or result.short
    return {
        "marks": value_marks(result, notes) if result.value is not None else "",
        "notes": [f.message(lang) for f in notes],
        "coverage": {"reporting": r.coverage[0], "of": r.coverage[1]}
        if r is not None and r.coverage else None,
        "missing": list(r.missing) if r is not None else [],
        "months": {"reporting": r.months[0], "most": max(r.months[0], r.months_most),
                   "of": r.months[1], "text": months_text(r, lang)}
        if r is not None and r.months else None,
    }


def screen_text(result: KpiResult, notes: list[Finding], engine: Engine,
                lang: str) -> dict[str, str]:
    """The KPI's value, counts and status exactly as the screen writes them (cells.kpi_row),
    so a table, a Markdown page or a CSV says what the dashboard said."""
    row = kpi_row(result, lang, notes, engine)
    return {"value": row.value_text, "counts": row.counts_text, "status": row.status_text,
            "change": row.change_text}


def change_points(result: KpiResult, engine: Engine) -> float | None:
    """Points since the previous period, as the screen's ▲▼ (None: no honest change)."""
    return change_against_previous(engine, result)


def build_report(snapshot: Snapshot, engine: Engine, unit_code: str, period: Period,
                 lang: str = "vi") -> dict[str, Any]:
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
    # Every string passes the one sanitiser here, so no format can print a control character.
    return printable_tree(_rounded({
        "unit": {"code": unit.code, "name": unit.name, "level": unit.level,
                 "parent": unit.parent, "external_id": unit.external_id},
        "period": str(period),
        "period_label": describe_period(period, lang),
        "kpis": [kpi_dict(r, engine.rank(unit_code, r.kpi.id, period)
                          if r.kpi.id in ranked else None)
                 | truth_fields(r, by_kpi.get(r.kpi.id, []), lang)
                 | {"text": screen_text(r, by_kpi.get(r.kpi.id, []), engine, lang),
                    "change_points": change_points(r, engine)}
                 for r in engine.results(unit_code, period)],
        "counts": {name: value for name, (value, _) in counts.items()},
        "counts_basis": {name: basis for name, (_, basis) in counts.items()},
        # Sums over the units below that leave some of them out (marked * in the text forms).
        "counts_partial": [name for name in counts
                           if engine.count_partial(unit_code, name, period)],
        "findings": [{"kind": f.kind, "message": f.message(lang), "kpi": f.kpi,
                      "figures": f.figures} for f in found],
        "data": {
            "publisher": "; ".join(s.publisher for s in shown) if shown else None,
            "publishers": [s.publisher for s in shown],
            "title": source.title if source else None,
            "generated_at": max(stamps).isoformat()
            if (stamps := [s.generated_at for s in shown if s.generated_at]) else None,
            "simulated": any(s.simulated for s in shown),
        },
    }))


def mark_stale(report: dict[str, Any], saved_at: datetime, age: float, failure: str) -> None:
    """Say in the report that its figures are a saved copy, because the source failed."""
    report["stale"] = printable_tree({"saved_at": saved_at.isoformat(timespec="seconds"),
                                      "age_seconds": round(age), "failure": failure})


def _age(seconds: float, lang: str) -> str:
    for unit, vi, en in ((86400, "ngày", "d"), (3600, "giờ", "h"), (60, "phút", "min")):
        if seconds >= unit:
            return f"{seconds // unit:.0f} {vi if lang == 'vi' else en}"
    return f"{seconds:.0f} " + ("giây" if lang == "vi" else "s")


def stale_line(report: dict[str, Any], lang: str) -> str:
    """"STALE: …" when the report is a saved copy, else ""."""
    stale = report.get("stale")
    if not stale:
        return ""
    saved = datetime.fromisoformat(stale["saved_at"])
    when = saved.strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M")
    age = _age(stale["age_seconds"], lang)
    if lang == "vi":
        return (f"DỮ LIỆU CŨ: bản lưu lúc {when} (cách đây {age}); không đọc được nguồn: "
                f"{stale['failure']}")
    return f"STALE: a saved copy from {when} ({age} old); the source is unreachable: " \
           f"{stale['failure']}"


# -- text formats ---------------------------------------------------------------------------
HEADINGS = {
    "kpi": ("Chỉ số", "KPI"), "value": ("Giá trị", "Value"), "counts": ("Tử/Mẫu", "Counts"),
    "source": ("Nguồn", "Source"), "target": ("Chỉ tiêu", "Target"), "due": ("Hạn", "Due"),
    "gap": ("Còn thiếu (điểm)", "Gap (pts)"), "change": CHANGE_HEADING,
    "status": ("Trạng thái", "Status"),
}
COLUMNS = tuple(HEADINGS)
# CSV columns holding numbers: a real negative there stays a number.
_NUMERIC = frozenset(("value", "numerator", "denominator", "reporting", "of", "change",
                      "target", "gap", "score", "max_score"))
FINDINGS_HEADING = ("Phát hiện về chất lượng dữ liệu", "Data-quality findings")


def _rows(report: dict[str, Any], lang: str) -> list[list[str]]:
    from datetime import date

    rows = []
    for k in report["kpis"]:
        counts = ""
        if k["score"] is not None:
            counts = score_text(k["score"], k["max_score"], k["change"], lang)
            if k["rank"]:
                counts += f" · {pick(('hạng', 'rank'), lang)} {k['rank']['place']}/" \
                          f"{k['rank']['of']}"
        elif k["numerator"] is not None or k["value"] is None:
            counts = k["text"]["counts"]  # as the screen has it: "573/1.109 hồ sơ (3/4)"
        # Without a value the reason is in the counts cell already: said once.
        source = source_label(k["source"], lang) or ("" if counts.strip() else
                                                     reason_label(k["reason"], lang))
        due = format_date(date.fromisoformat(k["target_due"]), lang) if k["target_due"] else ""
        rows.append([
            k["name"][lang], k["text"]["value"], counts.strip(), source,
            format_percent(k["target"], lang) if k["target"] is not None else "",
            due, format_points(k["gap"], lang) if k["gap"] is not None else "",
            k["text"].get("change", ""), k["text"]["status"],
        ])
    return rows


def _period_label(report: dict[str, Any], lang: str) -> str:
    """ "Năm 2023", "2026, đến 10/10/2026": in the language asked for now."""
    from cchc_tui.model.periods import parse_period

    return describe_period(parse_period(report["period"]), lang)


def _title(report: dict[str, Any], lang: str) -> str:
    unit = report["unit"]
    title = f"{unit['name']} ({unit['code']}) — {_period_label(report, lang)}"
    data = report["data"]
    if data["simulated"]:
        title += " — dữ liệu mô phỏng" if lang == "vi" else " — simulated data (dữ liệu mô phỏng)"
    return title


LEGEND = {"*": ("* một phần: thiếu đơn vị trực thuộc hoặc tháng của kỳ; không đánh giá theo "
                 "chỉ tiêu",
                 "* partial: some units below or months of the period are missing; not judged"),
          "†": ("† có ghi chú hoặc phát hiện về số liệu (xem phần phát hiện)",
                "† a note or a data-quality finding is about it (see the findings)"),
          "▲": ("▲ ▼ so với kỳ trước cùng độ dài, theo điểm phần trăm; để trống khi một trong "
                "hai kỳ không có giá trị, là giá trị một phần hoặc khác cách có giá trị",
                "▲ ▼ change against the previous period of the same length, in percentage "
                "points; empty when either period has no value, is partial or has its value "
                "another way")}


def _legend(report: dict[str, Any], lang: str) -> list[str]:
    """The meaning of the marks that appear in this report."""
    used = "".join(k.get("marks", "") for k in report["kpis"])
    used += "*" if report.get("counts_partial") else ""
    used += "▲" if any(k.get("change_points") is not None for k in report["kpis"]) else ""
    return [pick(text, lang) for mark, text in LEGEND.items() if mark in used]


def _count_lines(report: dict[str, Any], lang: str) -> list[str]:
    out = []
    for name, value in report["counts"].items():
        m = MEASURES.get(name)
        label = pick((m.vi, m.en), lang) if m else name
        mark = "*" if name in report.get("counts_partial", ()) else ""
        out.append(f"{label} ({name}): {format_count(value, lang)}{mark}")
    return out


def render_table(report: dict[str, Any], lang: str = "vi") -> str:
    rows = _rows(report, lang)
    head = [pick(HEADINGS[c], lang) for c in COLUMNS]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [_title(report, lang), ""]
    if report.get("stale"):
        lines[1:1] = [stale_line(report, lang)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip())
    lines.append("  ".join("─" * w for w in widths))
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    lines += ["", *_legend(report, lang)] if _legend(report, lang) else []
    lines += ["", "Số liệu" if lang == "vi" else "Counts", *("  " + c for c in
                                                             _count_lines(report, lang))]
    if report["findings"]:
        lines += ["", pick(FINDINGS_HEADING, lang)]
        lines += [f"  ! {f['message']}" for f in report["findings"]]
    data = report["data"]
    if data["publisher"]:
        lines += ["", ("Nguồn: " if lang == "vi" else "Source: ") + data["publisher"]
                  + (f" ({data['generated_at'][:10]})" if data["generated_at"] else "")]
    return "\n".join(lines) + "\n"


def render_markdown(report: dict[str, Any], lang: str = "vi") -> str:
    rows = _rows(report, lang)
    head = [pick(HEADINGS[c], lang) for c in COLUMNS]

    esc = markdown_text  # also escapes the * that marks partial values
    lines = [f"## {esc(_title(report, lang))}", ""]
    if report.get("stale"):
        lines += [f"> **{esc(stale_line(report, lang))}**", ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    legend = _legend(report, lang)
    lines += ["", *(esc(line) + "  " for line in legend)] if legend else []
    if report["findings"]:
        lines += ["", "### " + pick(FINDINGS_HEADING, lang), ""]
        lines += [f"- {esc(f['message'])}" for f in report["findings"]]
    return "\n".join(lines) + "\n"


def csv_number(value: float | int | None, lang: str) -> str:
    """A number as a spreadsheet in `lang` reads it: "51,67" (vi) / "51.67" (en), no
    thousands separator, no % or unit; whole numbers without decimals ("1109"); "" for none."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if float(value).is_integer():
        return str(int(value))
    text = f"{round_half_up(float(value)):.2f}"
    return text.replace(".", ",") if lang == "vi" else text


def _csv_cells(report: dict[str, Any], k: dict[str, Any], lang: str) -> dict[str, str]:
    coverage = k.get("coverage") or {}
    num = {"value": k["value"], "numerator": k["numerator"],
           "denominator": k["denominator"], "reporting": coverage.get("reporting"),
           "of": coverage.get("of"), "change": k.get("change_points"), "target": k["target"],
           "gap": k["gap"], "score": k["score"],
           "max_score": k["max_score"] if k["score"] is not None else None}
    return {name: csv_number(value, lang) for name, value in num.items()} | {
        "unit": report["unit"]["code"], "period": report["period"], "kpi": k["id"],
        "unit_name": report["unit"]["name"], "period_label": _period_label(report, lang),
        "kpi_name": k["name"][lang], "marks": k.get("marks", ""), "status": k["status"],
        "status_text": k["text"]["status"], "target_due": k["target_due"] or "",
        "source": source_label(k["source"], lang) or reason_label(k["reason"], lang),
        "notes": " | ".join(k.get("notes", [])),
        "data_time": report["data"]["generated_at"] or ""}


def render_csv(report: dict[str, Any], lang: str = "vi") -> str:
    """For spreadsheets: one row a KPI, one column a figure (value, numerator, denominator,
    units reporting and below, change, target, gap, score), numbers as the language's
    spreadsheet reads them (vi: `;`-separated, "51,67"; en: `,`, "51.67"), empty where
    there is none; the marks (* partial, † note) and the status in columns of their own."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "vi" else ",", lineterminator="\n")
    if report.get("stale"):  # first, where neither a person nor a parser can miss it
        writer.writerow([spreadsheet_cell("# " + stale_line(report, lang))])
    writer.writerow([pick((vi, en), lang) for _, vi, en in CSV_COLUMNS])
    for k in report["kpis"]:
        cells = _csv_cells(report, k, lang)
        writer.writerow([spreadsheet_cell(cells[name], name in _NUMERIC)
                         for name, _, _ in CSV_COLUMNS])
    return buffer.getvalue()


def render_json(report: dict[str, Any], lang: str = "vi") -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True, slots=True)
class ReportFormat:
    """One way to write a report: for `report --format`, the `e` export and help."""

    render: Callable[[dict[str, Any], str], str]
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


def render(report: dict[str, Any], fmt: str, lang: str = "vi") -> str:
    return FORMATS[fmt].render(report, lang)
