"""What the dashboard remembers between runs: language, theme, the last unit (opt-out).

A small JSON file in the user's config directory (CCHC_TUI_STATE_DIR overrides it), written
atomically; a missing, unreadable or foreign file is simply ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

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
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".state-", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(state), f, ensure_ascii=False)
        os.replace(tmp, target)
    except OSError:
        pass
