"""Online services: coverage, online dossiers, postal, channel mix."""

from __future__ import annotations

from cchc_tui.widgets.kpi_panel import KpiPanel


class OnlinePanel(KpiPanel):
    SPEC = "online"
