"""The cells of one KPI as people read them — value with its marks, counts, status,
target, gap, pace, projection — shared by the screen and the report, so an export says
exactly what the screen said."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from cchc_tui import i18n
from cchc_tui.i18n import (
    FORMULA_SCORE,
    FORMULA_SURVEY,
    Lang,
    change_text,
    pick,
    reason_label,
    source_label,
    status_label,
)
from cchc_tui.kpi.engine import Engine, KpiResult, Ratio
from cchc_tui.kpi.findings import Finding, findings, missing_names
from cchc_tui.kpi.marks import NOTE_MARK, PARTIAL_KINDS, months_span, value_marks
from cchc_tui.model.catalogue import KPIS, MEASURES, Kpi
from cchc_tui.model.periods import Period
from cchc_tui.model.vocabulary import Status
from cchc_tui.text import (
    format_count,
    format_date,
    format_percent,
    format_points,
    round_half_up,
    score_text,
)

# What the denominator counts, to read "573/1.109 hồ sơ".
_NOUNS = {
    "procedures": ("TTHC", "procedures"), "dossiers": ("hồ sơ", "dossiers"),
    "certifications": ("việc", "certifications"), "staff": ("CBCC", "staff"),
    "email": ("tài khoản", "accounts"), "documents": ("văn bản", "documents"),
    "communes": ("xã", "communes"), "schools": ("trường", "schools"),
    "business": ("hộ", "households"),
}
@dataclass(frozen=True, slots=True)
class KpiRow:
    kpi_id: str
    name: str
    value: float | None
    value_text: str
    counts_text: str  # "573/1.109 hồ sơ", or why there is no value
    target: float | None
    target_text: str
    gap: float | None
    gap_text: str
    due_text: str
    status: Status
    status_text: str  # symbol and word: "✓ đạt"
    pace_text: str
    projection_text: str
    marks: str = ""  # PARTIAL_MARK and/or NOTE_MARK, also at the end of value_text
    lang: Lang = "vi"
    notes: tuple[str, ...] = ()  # the notes and findings about this KPI, in full
    change: float | None = None  # points since the previous period (change_against_previous)
    change_text: str = ""  # "▲ 3,12 điểm"; "" when there is no honest change

    @property
    def note_hint(self) -> str:
        """" · † ghi chú: bấm d" after the counts when a note or finding is about the KPI."""
        if NOTE_MARK not in self.marks:
            return ""
        return f" · {NOTE_MARK} " + pick(i18n.NOTE_HINT, self.lang)


def _noun(kpi_id: str, lang: Lang) -> str:
    den = KPIS[kpi_id].denominator
    if not den:
        return ""
    return pick(_NOUNS.get(den[0].split("_")[0], ("", "")), lang)


def _projection_text(result: KpiResult, lang: Lang) -> str:
    """Worded from the same figures as the status: a dated target by the trend's value at the
    due date, an undated one by the periods the trend needs from the value."""
    proj, a = result.assessment.projection, result.assessment
    if proj is None or result.target is None:
        return "—"
    if proj.value_at_due is not None:
        due = format_percent(proj.value_at_due, lang, 1)
        text = f"≈{due} " + pick(i18n.AT_DUE, lang)
        if a.status == "met" and a.gap is not None and \
                (result.target.value - proj.value_at_due) * (
                    1 if result.kpi.higher_is_better else -1) > 0:
            text += pick(i18n.TREND_FALLING, lang)
        return text
    if proj.periods_to_target == 0:
        return pick(i18n.REACHED, lang)
    if proj.periods_to_target is not None:
        n = proj.periods_to_target
        return pick(i18n.REACHED_IN, lang).format(n=n)
    return pick(i18n.NOT_AT_THIS_PACE, lang)


def coverage_text(engine: Engine | None, ratio: Ratio, lang: Lang) -> str:
    """"1/2 đơn vị, thiếu Quận Thanh Xuân" · "4/6 tháng"; "" when nothing is left out."""
    parts = []
    if ratio.coverage is not None and ratio.coverage[0] < ratio.coverage[1]:
        k, n = ratio.coverage
        text = f"{k}/{n} " + pick(i18n.UNITS, lang)
        if engine is not None and ratio.missing:
            text += pick(i18n.MISSING, lang) + missing_names(engine, ratio.missing, 2)
        parts.append(text)
    return "; ".join(parts)


def partial_reason(engine: Engine | None, ratio: Ratio, lang: Lang) -> str:
    """Why a parent shows "—": "chỉ 1/2 đơn vị có số liệu, thiếu Quận Thanh Xuân"."""
    k, n = ratio.coverage or (0, 0)
    text = pick(i18n.ONLY_UNITS_REPORT, lang).format(k=k, n=n)
    if engine is not None and ratio.missing:
        text += pick(i18n.MISSING, lang) + missing_names(
            engine, ratio.missing, 2)
    return text


def partial_status(ratio: Ratio, lang: Lang) -> str:
    """"* một phần: 4/6 tháng" / "* partial: 1/2 units": the status of a partial value."""
    if ratio.months is not None and ratio.months[0] < ratio.months[1]:
        what = f"{months_span(ratio)}/{ratio.months[1]} " + pick(i18n.MONTHS, lang)
    elif ratio.coverage is not None:
        what = f"{ratio.coverage[0]}/{ratio.coverage[1]} " + pick(i18n.UNITS, lang)
    else:
        return status_label("partial", lang)
    return f"{status_label('partial', lang)}: {what}"


_last_notes: list[tuple[weakref.ref[Engine], str, Period, dict[str, tuple[Finding, ...]]]] = []


def kpi_notes(engine: Engine, unit: str, period: Period) -> dict[str, tuple[Finding, ...]]:
    """The findings of the unit and period, by the KPI they are about. The last answer is
    kept (every panel, the gaps table and the meeting cards ask for the same one) through a
    weak reference: an old engine and its snapshot are never kept alive here."""
    if _last_notes:
        ref, last_unit, last_period, notes = _last_notes[0]
        if ref() is engine and last_unit == unit and last_period == period:
            return notes
    out: dict[str, list[Finding]] = {}
    for finding in findings(engine, unit, period):
        if finding.kpi is not None:
            out.setdefault(finding.kpi, []).append(finding)
    notes = {k: tuple(v) for k, v in out.items()}
    _last_notes[:] = [(weakref.ref(engine), unit, period, notes)]
    return notes


def change_against_previous(engine: Engine | None, result: KpiResult) -> float | None:
    """Points since the previous period of the same length (a month against the month
    before, a quarter against the quarter before, figures to a day against the same days a
    year before), from the two values as shown (rounded), so a reader's subtraction agrees.

    None where a change would mislead: either value missing; either value partial (`*`:
    fewer units or months on one side, so the bases differ); one side computed from counts
    and the other only published; a range (no previous of the same kind); a 766 score (the
    portal publishes its own change beside it)."""
    period, kpi = result.period, result.kpi
    if engine is None or result.value is None or not period.has_steps \
            or kpi.max_score is not None or (result.ratio is not None and result.ratio.partial):
        return None
    before = period.shift(-1)
    value = engine.value(result.unit, kpi.id, before)
    if value is None or engine.is_partial(result.unit, kpi.id, before):
        return None
    if (engine.ratio(result.unit, kpi.id, before) is None) != (result.ratio is None):
        return None
    return round_half_up(round_half_up(result.value) - round_half_up(value))


def kpi_row(result: KpiResult, lang: Lang, notes: Sequence[Finding] = (),
            engine: Engine | None = None) -> KpiRow:
    kpi, a, t, r = result.kpi, result.assessment, result.target, result.ratio
    published = result.reported
    if result.value is None:
        counts = reason_label(result.reason, lang)
        if result.short is not None:  # refused: say how many reported and who is missing
            counts = partial_reason(engine, result.short, lang)
    elif published is not None and published.score is not None:
        counts = score_text(published.score, published.max_score or kpi.max_score,
                            published.change, lang)
    elif r is not None:
        counts = f"{format_count(r.numerator, lang)}/{format_count(r.denominator, lang)}"
        counts += f" {_noun(kpi.id, lang)}".rstrip()
        left_out = coverage_text(engine, r, lang)
        if left_out:
            counts += f" · {left_out}"
        elif r.coverage:
            counts += f" ({r.coverage[0]}/{r.coverage[1]})"
    else:
        counts = source_label(result.source, lang)
    marks = value_marks(result, notes)
    pace = "—"
    if a.pace_needed is not None and a.status not in ("met", "no_target", "no_data"):
        pace = format_points(a.pace_needed, lang) + pick(i18n.PER_PERIOD, lang)
    return KpiRow(
        kpi_id=kpi.id, name=pick((kpi.vi, kpi.en), lang), value=result.value,
        value_text=format_percent(result.value, lang) + (marks if result.value is not None
                                                         else ""),
        counts_text=counts,
        target=t.value if t else None,
        target_text=format_percent(t.value, lang, 0) if t else "—",
        gap=a.gap, gap_text=format_points(a.gap, lang) if a.gap is not None else "—",
        due_text=format_date(t.due, lang) if t and t.due else "—",
        status=a.status, pace_text=pace,
        status_text=partial_status(r, lang) if a.status == "partial" and r is not None
        else status_label(a.status, lang),
        projection_text=_projection_text(result, lang), marks=marks, lang=lang,
        change=(change := change_against_previous(engine, result)),
        change_text=change_text(change, lang),
        # The notes first, then what the partial mark already says.
        notes=tuple(f.message(lang) for f in sorted(notes, key=lambda f: f.kind in PARTIAL_KINDS)))


def unit_kpi_row(engine: Engine, unit: str, kpi_id: str, period: Period, lang: Lang) -> KpiRow:
    """The row of one KPI with its marks and notes."""
    notes = kpi_notes(engine, unit, period).get(kpi_id, ())
    return kpi_row(engine.result(unit, kpi_id, period), lang, notes, engine)


def formula_words(kpi: Kpi, lang: Lang) -> str:
    """The KPI's formula with the measures' names, not their ids (ids are in the JSON)."""
    if kpi.max_score is not None:
        return pick(FORMULA_SCORE, lang).format(max=kpi.max_score)
    if kpi.reported_only:
        return pick(FORMULA_SURVEY, lang)

    def side(names: tuple[str, ...]) -> str:
        words = " + ".join(pick((MEASURES[m].vi, MEASURES[m].en), lang) for m in names)
        return f"({words})" if len(names) > 1 else words

    return f"{side(kpi.numerator)} / {side(kpi.denominator)}"
