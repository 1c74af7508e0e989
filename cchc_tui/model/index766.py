"""The national portal's Decision 766 figures of one unit and period, metric by metric.

Kept in the snapshot beside the KPI figures so that the score can be recomputed from the counts
(cchc_tui.portal.scoring) wherever the snapshot comes from: saved answers, a feed written by
`import-766`, the live portal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Metric766:
    """One indicator as published: its counts, its ratio (percent), its score and maximum.

    `code` is the portal's (SO_HOA_GIAY_TO_GIAI_QUYET …) or, where the portal publishes no
    metric object, ours: ON_TIME (the progress tree), the three PAYMENT_* components (counts
    only: the portal publishes the payment group's score, not its parts) and CLGQ (the
    online-services group, no counts for children)."""

    code: str
    group: str  # CKMB | TDGQ | CLGQ | TTTT | MDHL | MDSH
    name: str = ""  # the portal's own wording, when it sent one
    numerator: int | None = None
    denominator: int | None = None
    ratio: float | None = None
    score: float | None = None
    max_score: float | None = None
    quality: str | None = None  # the portal's dataQualityStatus
    quality_note: str | None = None  # its dataQualityMessage


@dataclass(frozen=True, slots=True)
class Index766:
    """A unit's 766 figures for one period: the published total and group scores, and every
    metric with its counts. `radar` is the service-results summary of the root (CKMB, TDGQ,
    ONLINE_SERVICE = CLGQ + TTTT, MDHL, MDSH), which may come from another moment."""

    total: float | None = None
    groups: Mapping[str, float | None] = field(default_factory=dict)
    metrics: tuple[Metric766, ...] = ()
    radar: Mapping[str, float] = field(default_factory=dict)
    origin: str = ""

    def metric(self, code: str) -> Metric766 | None:
        return next((m for m in self.metrics if m.code == code), None)
