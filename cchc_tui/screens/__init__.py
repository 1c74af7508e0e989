"""Screens pushed over the dashboard: finder, period picker, findings, help."""
