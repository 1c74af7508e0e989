"""Write a Snapshot back out as one long-form cchc-kpi-feed JSON document."""

from __future__ import annotations

from typing import Any

import msgspec

from cchc_tui.feed.json_feed import FORMAT, VERSION
from cchc_tui.feed.raw import REPORTED_EXTRAS
from cchc_tui.model.index766 import Index766, Metric766
from cchc_tui.model.periods import Period, format_period
from cchc_tui.model.snapshot import Snapshot


def encode_snapshot(snapshot: Snapshot, *, title: str = "") -> bytes:
    """The snapshot as one feed JSON: units, observations, reported values and targets.

    Several source files merge into one document that keeps, per unit, where its figures come
    from (`sources` + each unit's `source`), so a simulated set stays labelled as such.
    """
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if snapshot.generated_at is not None:
        doc["generated_at"] = snapshot.generated_at.isoformat()
    if len(snapshot.sources) == 1:
        only = snapshot.sources[0]
        doc |= {k: v for k, v in (("publisher", only.publisher), ("title", title or only.title),
                                  ("url", only.url)) if v}
        if only.unpublished:  # what the source never publishes stays said (serve-feed relay)
            doc["unpublished_measures"] = sorted(only.unpublished)
    elif snapshot.sources:
        doc["publisher"] = f"cchc-tui: {len(snapshot.sources)} nguồn gộp lại (merged sources)"
        if title:
            doc["title"] = title
        doc["sources"] = [
            {"id": f"s{i}", **{k: v for k, v in (
                ("publisher", s.publisher), ("title", s.title), ("url", s.url),
                ("generated_at", s.generated_at.isoformat() if s.generated_at else "")) if v}}
            for i, s in enumerate(snapshot.sources)]
    merged = len(snapshot.sources) > 1
    doc["units"] = [
        {"code": u.code, "name": u.name, "level": u.level,
         **({"parent": u.parent} if u.parent is not None else {}),
         **({"external_id": u.external_id} if u.external_id is not None else {}),
         **({"source": f"s{snapshot.unit_sources[u.code]}"}
            if merged and u.code in snapshot.unit_sources else {})}
        for u in snapshot.units.values()]
    doc["observations"] = [
        {"unit": unit, "period": format_period(period), "measure": measure, "value": value}
        for unit, measures in snapshot.observations.items()
        for measure, series in measures.items()
        for period, value in sorted(series.items())]
    reported = [
        {"unit": unit, "period": format_period(period), "kpi": kpi, "value": r.value,
         **({"note": r.note} if r.note is not None else {}),
         **{k: getattr(r, k) for k in REPORTED_EXTRAS if getattr(r, k) is not None}}
        for unit, kpis in snapshot.reported.items()
        for kpi, rseries in kpis.items()
        for period, r in sorted(rseries.items())]
    if reported:
        doc["reported"] = reported
    targets = [
        {"kpi": t.kpi, "value": t.value, "scope": t.scope,
         **({"due": t.due.isoformat()} if t.due is not None else {}),
         **({"basis": t.basis} if t.basis else {})}
        for t in snapshot.targets]
    if targets:
        doc["targets"] = targets
    index = [_index_766(unit, period, figures)
             for unit, by_period in snapshot.index_766.items()
             for period, figures in sorted(by_period.items())]
    if index:  # the portal's figures metric by metric go through a relay too
        doc["index_766"] = index
    return msgspec.json.encode(doc)


def _index_766(unit: str, period: Period, figures: Index766) -> dict[str, Any]:
    out: dict[str, Any] = {"unit": unit, "period": format_period(period),
                           "total": figures.total, "groups": dict(figures.groups),
                           "metrics": [_metric(m) for m in figures.metrics]}
    if figures.radar:
        out["radar"] = dict(figures.radar)
    return out


def _metric(m: Metric766) -> dict[str, Any]:
    out: dict[str, Any] = {"code": m.code, "group": m.group}
    if m.name:
        out["name"] = m.name
    out |= {"numerator": m.numerator, "denominator": m.denominator, "ratio": m.ratio,
            "score": m.score, "max_score": m.max_score}
    out |= {k: v for k, v in (("quality", m.quality), ("quality_note", m.quality_note)) if v}
    return out
