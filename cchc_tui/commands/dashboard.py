"""Run the Textual dashboard (imported lazily: `report` and `validate` never load Textual)."""

from __future__ import annotations

import msgspec

from cchc_tui.config import Config
from cchc_tui.model.periods import Period
from cchc_tui.state import Remembered, load_state, save_state


def run_dashboard(config: Config, *, unit: str = "", period: Period | None = None,
                  meeting: bool = False, lang_given: bool = False) -> int:
    from cchc_tui.app import StartAt, make_app

    remembered = load_state() if config.app.remember else Remembered()
    if remembered.lang and not lang_given:  # a flag beats what was remembered
        config = msgspec.structs.replace(
            config, app=msgspec.structs.replace(config.app, lang=remembered.lang))
    app = make_app(config, start=StartAt(unit, period, meeting, remembered.unit))
    if remembered.theme in app.available_themes:
        app.theme = remembered.theme
    app.run()
    if config.app.remember:
        theme = remembered.theme if app.no_color else app.theme  # not NO_COLOR's own
        save_state(Remembered(app.lang, theme, app.unit or remembered.unit))
    return app.return_code or 0
