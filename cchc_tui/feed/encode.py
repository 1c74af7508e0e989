"""Write a Snapshot back out as one long-form cchc-kpi-feed JSON document."""

from __future__ import annotations

from typing import Any

import msgspec

from cchc_tui.feed.json_feed import FORMAT, VERSION
from cchc_tui.model.periods import format_period
from cchc_tui.model.snapshot import Snapshot


def encode_snapshot(snapshot: Snapshot, *, title: str = "") -> bytes:
    """The snapshot as feed JSON: units, observations, reported values and targets.

    Several source files merge into one document: the newest `generated_at`, the distinct
    publishers joined by "; ". Per-file provenance and feed-level warnings are not kept.
    """
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if snapshot.generated_at is not None:
        doc["generated_at"] = snapshot.generated_at.isoformat()
    publishers = list(dict.fromkeys(s.publisher for s in snapshot.sources if s.publisher))
    if publishers:
        doc["publisher"] = "; ".join(publishers)
    titles = list(dict.fromkeys(s.title for s in snapshot.sources if s.title))
    if title or titles:
        doc["title"] = title or "; ".join(titles)
    urls = list(dict.fromkeys(s.url for s in snapshot.sources if s.url))
    if len(urls) == 1:
        doc["url"] = urls[0]
    doc["units"] = [
        {"code": u.code, "name": u.name, "level": u.level,
         **({"parent": u.parent} if u.parent is not None else {})}
        for u in snapshot.units.values()]
    doc["observations"] = [
        {"unit": unit, "period": format_period(period), "measure": measure, "value": value}
        for unit, measures in snapshot.observations.items()
        for measure, series in measures.items()
        for period, value in sorted(series.items())]
    reported = [
        {"unit": unit, "period": format_period(period), "kpi": kpi, "value": r.value,
         **({"note": r.note} if r.note is not None else {})}
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
    return msgspec.json.encode(doc)
