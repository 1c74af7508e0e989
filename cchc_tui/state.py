"""What the dashboard remembers between runs: language, theme, the last unit (opt-out).

A small JSON file in the user's config directory (CCHC_TUI_STATE_DIR overrides it), written
atomically; a missing, unreadable or foreign file is simply ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from cchc_tui.files import write_atomic

STATE_ENV = "CCHC_TUI_STATE_DIR"


@dataclass(frozen=True, slots=True)
class Remembered:
    lang: Literal["", "vi", "en"] = ""  # "" when none was remembered
    theme: str = ""
    unit: str = ""  # a unit code


def state_file() -> Path:
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override) / "state.json"
    from platformdirs import user_config_dir

    return Path(user_config_dir("cchc-tui")) / "state.json"


def load_state(path: Path | None = None) -> Remembered:
    try:
        data = json.loads((path or state_file()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Remembered()
    if not isinstance(data, dict):
        return Remembered()

    def text(key: str) -> str:
        value = data.get(key, "")
        return value if isinstance(value, str) else ""

    lang = text("lang")
    return Remembered("vi" if lang == "vi" else "en" if lang == "en" else "", text("theme"),
                      text("unit"))


def save_state(state: Remembered, path: Path | None = None) -> None:
    """Best effort: a state that cannot be written is not worth an error on the way out."""
    target = path or state_file()
    try:
        write_atomic(target, json.dumps(asdict(state), ensure_ascii=False).encode("utf-8"),
                     private=True)
    except OSError:
        pass
