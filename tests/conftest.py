"""The fixtures every test gets (pytest reads this file); the helpers are in tests/helpers.py."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """What the dashboard remembers between runs stays out of the user's own config."""
    monkeypatch.setenv("CCHC_TUI_STATE_DIR", str(tmp_path_factory.mktemp("state")))
