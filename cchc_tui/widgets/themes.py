"""The app's own themes: a light, high-contrast one for projectors, and one for NO_COLOR.

Under NO_COLOR Textual turns every colour into its grey: a red ✗ on a dark background
becomes a dim grey. The NO_COLOR theme gives every status a light colour, so its grey is
bright; the symbol and the word tell the statuses apart, as they always must.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

PROJECTOR = "cchc-projector"
NO_COLOR = "cchc-no-color"

THEMES = (
    # Black on white; status colours dark enough to read on a washed-out projector image.
    Theme(name=PROJECTOR, primary="#0b3d91", secondary="#1f5fbf", accent="#6a1b9a",
          warning="#8a4b00", error="#b00020", success="#006b1a", foreground="#000000",
          background="#ffffff", surface="#ffffff", panel="#e4e8f0", dark=False,
          variables={"footer-key-foreground": "#0b3d91", "text-muted": "#3c3c3c"}),
    Theme(name=NO_COLOR, primary="#e0e0e0", secondary="#e0e0e0", accent="#ffffff",
          warning="#f0f0f0", error="#ffffff", success="#f0f0f0", foreground="#ffffff",
          background="#000000", surface="#000000", panel="#303030", dark=True),
)


def register_themes(app: App[Any]) -> None:
    for theme in THEMES:
        app.register_theme(theme)
