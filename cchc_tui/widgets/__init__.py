"""Dashboard widgets: one module per panel, plus the header, trend and shared drawing."""
