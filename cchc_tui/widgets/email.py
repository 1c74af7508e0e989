"""Official email and electronic documents, staff digital training."""

from __future__ import annotations

from cchc_tui.widgets.kpi_panel import KpiPanel


class EmailPanel(KpiPanel):
    SPEC = "email"
