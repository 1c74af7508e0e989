"""Run the Textual dashboard (imported lazily: `report` and `validate` never load Textual)."""

from __future__ import annotations

import sys

from cchc_tui.config import Config


def run_dashboard(config: Config) -> int:
    try:
        from cchc_tui.app import make_app
    except ImportError:
        print("cchc-tui: the dashboard is not part of this build yet; use "
              "`cchc-tui report --unit NAME`", file=sys.stderr)
        return 2
    app = make_app(config)
    app.run()
    return app.return_code or 0
