"""cchc-tui: a terminal dashboard for administrative-reform and digital-transformation KPIs."""

__version__ = "0.1.0"
