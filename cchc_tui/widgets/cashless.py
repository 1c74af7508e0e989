"""Cashless payments: online payment, e-receipts, schools, households, community counts."""

from __future__ import annotations

from cchc_tui.widgets.kpi_panel import KpiPanel


class CashlessPanel(KpiPanel):
    SPEC = "cashless"
