"""Data-quality findings for one unit and period, each quoting the figures behind it (the
rules; their sentences are in i18n.PHRASES, one pair per kind)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cchc_tui.i18n import (
    DOSSIER_PROBLEMS,
    DOSSIER_SCOPE,
    Both,
    Count,
    Joined,
    Lang,
    Pct,
    Phrase,
    Word,
    dossier_problem,
    pick,
    say,
)
from cchc_tui.kpi.engine import Engine, Missing, Ratio
from cchc_tui.kpi.plausible import implausible
from cchc_tui.model.catalogue import (
    CHANNEL_SHARE_IDS,
    DERIVED_TOTALS,
    KPIS,
    MEASURES,
    Kind,
    Kpi,
    Measure,
)
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.model.snapshot import Reported
from cchc_tui.text import format_count, percent, printable, round_half_up

# Findings about the whole source, the same on every unit and period (validate lists them
# once, as the warnings they come from).
SOURCE_WIDE = frozenset({"data_problem"})
MISMATCH_POINTS = 0.5  # published vs computed: a larger difference is a finding
BASIS_TOLERANCE = 0.01  # a published % "equals" num/den when within this (it is rounded)


@dataclass(frozen=True)
class Finding:
    kind: str
    kpi: str | None = None
    figures: dict[str, Any] = field(default_factory=dict)  # quoted in the report's JSON
    words: Mapping[str, Word] = field(default_factory=dict)  # the fields of its sentence

    def message(self, lang: Lang = "vi") -> str:
        return say(Phrase(self.kind, self.words), lang)


def _name(item: Kpi | Measure) -> Both:
    return Both(item.vi, item.en)


def _period(period: Period) -> Both:
    """A period in words: "Quý II/2023" / "2023 Q2"."""
    return Both(describe_period(period, "vi"), describe_period(period, "en"))


def _measure(name: str) -> Word:
    """A measure's name, or its id when the catalogue has no such measure."""
    m = MEASURES.get(name)
    return _name(m) if m else name


def findings(engine: Engine, unit: str, period: Period) -> list[Finding]:
    out: list[Finding] = []
    out += _reported_mismatches(engine, unit, period)
    out += _channel_sums(engine, unit, period)
    out += _numerators_over_denominators(engine, unit, period)
    out += _children_over_parent(engine, unit, period)
    out += _incomplete_coverage(engine, unit, period)
    out += _period_inconsistencies(engine, unit, period)
    out += _unknown_measures(engine, unit, period)
    out += _partial_periods(engine, unit, period)
    out += _reported_notes(engine, unit, period)
    out += _dossier_problems(engine)
    return out


def _dossier_problems(engine: Engine) -> list[Finding]:
    """The data problems a dossier source found in its rows (unknown units, repeated ids …):
    counts over the whole source, so the same on every unit's screen."""
    out = []
    for warning in engine.snapshot.warnings:
        kind = warning.kind.removeprefix("dossier_")
        if kind == warning.kind or kind not in DOSSIER_PROBLEMS:
            continue
        args = {k: printable(v) for k, v in warning.args}  # ids and codes come from the rows
        n = int(args.get("n") or 0)
        vi, en = (pick(DOSSIER_SCOPE, lang) + dossier_problem(
            kind, {**args, "n": format_count(n, lang)}, lang) for lang in ("vi", "en"))
        out.append(Finding("data_problem", None, {"rows": n}, {"text": Both(vi, en)}))
    return out


def _reported_mismatches(engine: Engine, unit: str, period: Period) -> list[Finding]:
    out = []
    for kpi_id in KPIS:
        ratio = engine.ratio(unit, kpi_id, period)
        published = engine.snapshot.reported_series(unit, kpi_id).get(period)
        if ratio is None or published is None:
            continue
        if published.has_basis:
            out += _other_bases(KPIS[kpi_id], ratio, published)
            continue
        diff = ratio.value - published.value
        if abs(diff) <= MISMATCH_POINTS:
            continue
        num, den = ratio.numerator, ratio.denominator
        basis = _other_basis(engine, unit, period, num, published.value, KPIS[kpi_id].denominator)
        figures: dict[str, Any] = {"computed": round_half_up(ratio.value),
                                   "reported": published.value, "numerator": num,
                                   "denominator": den, "difference": round_half_up(diff)}
        hint: Word = ""
        if basis is not None:
            figures["reported_basis"] = {"measure": basis[0], "value": basis[1]}
            hint = Phrase("reported_mismatch.basis", {
                "num": Count(num), "basis": Count(basis[1]), "measure": _measure(basis[0])})
        out.append(Finding("reported_mismatch", kpi_id, figures, {
            "kpi": _name(KPIS[kpi_id]), "published": Pct(published.value),
            "computed": Pct(ratio.value), "num": Count(num), "den": Count(den), "hint": hint}))
    return out


def _other_bases(kpi: Kpi, ratio: Ratio, published: Reported) -> list[Finding]:
    """The source divides by its own base (shown); the counts divide by another (cross-check)."""
    num, den = published.numerator or 0.0, published.denominator or 0.0
    if (num, den) == (ratio.numerator, ratio.denominator):
        return []
    shown = percent(num, den) if den else None
    figures: dict[str, Any] = {
        "reported": None if shown is None else round_half_up(shown),
        "reported_numerator": num, "reported_denominator": den,
        "computed": round_half_up(ratio.value), "numerator": ratio.numerator,
        "denominator": ratio.denominator, "denominator_measures": list(kpi.denominator)}
    return [Finding("reported_basis_differs", kpi.id, figures, {
        "kpi": _name(kpi), "published": Pct(shown), "num": Count(num), "den": Count(den),
        "measures": Joined(" + ", tuple(_measure(name) for name in kpi.denominator)),
        "computed": Pct(ratio.value), "cnum": Count(ratio.numerator),
        "cden": Count(ratio.denominator)})]


def _other_basis(engine: Engine, unit: str, period: Period, numerator: float,
                 published: float, used: tuple[str, ...]) -> tuple[str, float] | None:
    """A count of the unit that, as denominator, reproduces the published percentage."""
    families = {m.split("_")[0] for m in used}  # dossiers_* for a dossier KPI, and so on
    for name, spec in MEASURES.items():
        if name in used or spec.kind is not Kind.FLOW or name.split("_")[0] not in families:
            continue
        count = engine.figures.count(unit, name, period)
        if count is not None and count.value > 0 and \
                abs(numerator / count.value * 100 - published) <= BASIS_TOLERANCE:
            return name, count.value
    return None


def _channel_sums(engine: Engine, unit: str, period: Period) -> list[Finding]:
    out = []
    shares = {k: r.value for k in CHANNEL_SHARE_IDS
              if (r := engine.snapshot.reported_series(unit, k).get(period)) is not None}
    total = sum(shares.values())
    if len(shares) >= 2 and total > 100 + MISMATCH_POINTS:
        out.append(Finding(
            "channel_sum", None, {"shares": shares, "sum": round_half_up(total)},
            {"shares": Joined(" + ", tuple(Pct(v) for v in shares.values())),
             "total": Pct(total)}))
    received = engine.figures.measure(unit, "dossiers_received", period)
    channels = {m: v for m in DERIVED_TOTALS["dossiers_received"]
                if (v := engine.figures.measure(unit, m, period)) is not None}
    if received is not None and channels and sum(channels.values()) > received:
        ch = sum(channels.values())
        out.append(Finding(
            "channel_counts_exceed_total", "online_dossier_rate",
            {"channels": channels, "received": received},
            {"channels": Count(ch), "received": Count(received)}))
    return out


def _numerators_over_denominators(engine: Engine, unit: str, period: Period) -> list[Finding]:
    """Counts that cannot make the KPI (above 100 %, infinite, absurd): quoted, never shown
    as a figure (the KPI has no value, and says why)."""
    out = []
    for kpi_id, kpi in KPIS.items():
        published = engine.snapshot.reported_series(unit, kpi_id).get(period)
        if published is not None and published.has_basis:  # the source's own base
            sums: tuple[float, float, bool] | Missing = (published.numerator or 0.0,
                                                     published.denominator or 0.0, False)
        elif kpi.reported_only or engine.ratio(unit, kpi_id, period) is not None:
            continue  # a ratio was made, so its counts were possible
        else:
            sums = engine.own_sums(unit, kpi, period)
        if isinstance(sums, Missing):
            continue
        num, den, _ = sums
        why = implausible(num, den, engine.max_count)
        if why == "numerator_exceeds_denominator":
            out.append(Finding(why, kpi_id, {"numerator": num, "denominator": den}, {
                "kpi": _name(kpi), "num": Count(num), "den": Count(den),
                "formula": kpi.formula(), "share": Pct(num / den * 100)}))
        elif why == "implausible_count":
            inputs = {m: c.value for m in kpi.inputs
                      if (c := engine.figures.count(unit, m, period)) is not None}
            out.append(_implausible_finding(kpi, inputs, num, den, engine.max_count))
    return out


def _implausible_finding(kpi: Kpi, inputs: dict[str, float], num: float, den: float,
                         max_count: float) -> Finding:
    """Absurd or infinite counts, quoted as they are (1e+308, inf), the KPI left without value."""
    quoted = tuple(Phrase("implausible_count.input", {"measure": m, "value": Count(v, max_count)})
                   for m, v in inputs.items())
    return Finding(
        "implausible_count", kpi.id,
        {"counts": {m: _json_number(v) for m, v in inputs.items()},
         "numerator": _json_number(num), "denominator": _json_number(den)},
        {"kpi": _name(kpi), "inputs": Joined("", quoted), "num": Count(num, max_count),
         "den": Count(den, max_count), "most": f"{max_count:g}"})


def _json_number(value: float) -> float | str:
    """inf stays visible in a report's JSON (which has no such number) as the text "inf"."""
    return value if math.isfinite(value) else str(value)


def _children_over_parent(engine: Engine, unit: str, period: Period) -> list[Finding]:
    out: list[Finding] = []
    children = engine.snapshot.children_of(unit)
    if not children:
        return out
    for name, spec in MEASURES.items():
        own = engine.figures.measure(unit, name, period)
        if own is None:
            continue
        values = [t[0] for c in children if (t := engine.total(c, name, period)) is not None]
        if values and sum(values) > own:
            out.append(Finding(
                "children_exceed_parent", None,
                {"measure": name, "own": own, "children_sum": sum(values),
                 "children_reporting": len(values)},
                {"measure": _name(spec), "sum": Count(sum(values)), "own": Count(own)}))
    return out


def _incomplete_coverage(engine: Engine, unit: str, period: Period) -> list[Finding]:
    out = []
    for kpi_id, kpi in KPIS.items():
        ratio = engine.ratio(unit, kpi_id, period) or engine.shortfall(unit, kpi_id, period)
        if ratio is None or ratio.coverage is None or ratio.coverage[0] == ratio.coverage[1]:
            continue
        k, n = ratio.coverage
        shown = missing_names(engine, ratio.missing)
        refused = engine.ratio(unit, kpi_id, period) is None
        out.append(Finding(
            "incomplete_coverage", kpi_id,
            {"reporting": k, "of": n, "missing": list(ratio.missing), "pooled": not refused},
            {"kpi": _name(kpi), "k": k, "n": n, "missing": shown,
             "pooled": Phrase("incomplete_coverage.refused" if refused
                              else "incomplete_coverage.pooled")}))
    return out


def missing_names(engine: Engine, codes: tuple[str, ...], most: int = 5) -> str:
    """"Quận Thanh Xuân, Phường A (+3)": the units a pooled value leaves out."""
    names = [engine.snapshot.units[c].name for c in codes]
    return ", ".join(names[:most]) + (f" (+{len(names) - most})" if len(names) > most else "")


def _partial_periods(engine: Engine, unit: str, period: Period) -> list[Finding]:
    """Values over only some months of the period (the months reported so far): one finding
    per number of months, naming the KPIs."""
    groups: dict[tuple[int, int, int], list[str]] = {}
    for kpi_id in KPIS:
        ratio = engine.ratio(unit, kpi_id, period)
        if ratio is None or ratio.months is None or ratio.months[0] >= ratio.months[1]:
            continue
        k, n = ratio.months
        groups.setdefault((k, max(k, ratio.months_most), n), []).append(kpi_id)
    out = []
    for (k, most, n), ids in groups.items():
        span = f"{k}–{most}" if most > k else f"{k}"
        out.append(Finding(
            "partial_period", ids[0] if len(ids) == 1 else None,
            {"months": k, "months_most": most, "of": n, "kpis": ids},
            {"period": _period(period), "span": span, "n": n,
             "kpis": Joined(", ", tuple(_name(KPIS[i]) for i in ids))}))
    return out


def _reported_notes(engine: Engine, unit: str, period: Period) -> list[Finding]:
    """The feed's own note on a published value travels with it."""
    out = []
    for kpi_id, kpi in KPIS.items():
        published = engine.snapshot.reported_series(unit, kpi_id).get(period)
        if published is None or not published.note:
            continue
        out.append(Finding(  # the note is the message itself
            "reported_note", kpi_id, {"reported": published.value},
            {"kpi": _name(kpi), "published": Pct(published.value), "note": published.note}))
    return out


def _period_inconsistencies(engine: Engine, unit: str, period: Period) -> list[Finding]:
    """A published % outside the range of its sub-periods' (a pooled ratio lies between its
    parts'); a flow reported for the period that differs from the sum of its sub-periods."""
    out = []
    parts = _tiling(period)
    for kpi_id, kpi in KPIS.items():
        published = engine.snapshot.reported_series(unit, kpi_id).get(period)
        if published is None or not parts:
            continue
        values = [engine.value(unit, kpi_id, p) for p in parts]
        if any(v is None for v in values):
            continue
        vals = [v for v in values if v is not None]
        low, high = min(vals), max(vals)
        if low - MISMATCH_POINTS <= published.value <= high + MISMATCH_POINTS:
            continue
        figures: dict[str, Any] = {"reported": published.value,
                                   "parts": {str(p): v for p, v in zip(parts, vals, strict=True)}}
        implied = _implied_rate(engine, unit, kpi_id, parts, vals)
        extra: Word = ""
        if implied is not None:
            figures["implied"] = round_half_up(implied)
            extra = Phrase("period_inconsistent.implied", {"value": Pct(implied)})
        shown = tuple(Phrase("period_inconsistent.part", {"period": _period(p), "value": Pct(v)})
                      for p, v in zip(parts, vals, strict=True))
        out.append(Finding("period_inconsistent", kpi_id, figures, {
            "kpi": _name(kpi), "published": Pct(published.value), "period": _period(period),
            "parts": Joined(", ", shown), "implied": extra}))
    for name, spec in MEASURES.items():
        if spec.kind is not Kind.FLOW:
            continue
        own = engine.snapshot.series(unit, name).get(period)
        if own is None or not parts:
            continue
        sub = [engine.figures.measure(unit, name, p) for p in parts]
        if any(v is None for v in sub):
            continue
        total = sum(v for v in sub if v is not None)
        if abs(total - own) > 0.5:
            out.append(Finding(
                "period_sum_mismatch", None,
                {"measure": name, "reported": own, "sum_of_parts": total},
                {"measure": _name(spec), "period": _period(period), "own": Count(own),
                 "sum": Count(total)}))
    return out


def _tiling(period: Period) -> list[Period]:
    """The next finer periods that tile `period` (a quarter's months, a year's halves)."""
    parts = list(period.children())
    return parts if len(parts) > 1 else []


def _implied_rate(engine: Engine, unit: str, kpi_id: str, parts: list[Period],
                  values: list[float]) -> float | None:
    """From each part's numerator and published %, the denominator it implies, pooled."""
    kpi = KPIS[kpi_id]
    num_total = den_total = 0.0
    for part, value in zip(parts, values, strict=True):
        nums = [engine.figures.count(unit, m, part) for m in kpi.numerator]
        if not kpi.numerator or any(n is None for n in nums) or value <= 0:
            return None
        num = sum(n.value for n in nums if n is not None)
        num_total += num
        den_total += num / value * 100
    return num_total / den_total * 100 if den_total > 0 else None


def _unknown_measures(engine: Engine, unit: str, period: Period) -> list[Finding]:
    extras = {m: v for m in sorted(engine.snapshot.unknown_measures)
              if (v := engine.figures.measure(unit, m, period)) is not None}
    if not extras:
        return []
    items = tuple(Phrase("unknown_measure.item", {"measure": m, "value": Count(v)})
                  for m, v in extras.items())
    return [Finding("unknown_measure", None, {"measures": extras},
                    {"measures": Joined(", ", items)})]
