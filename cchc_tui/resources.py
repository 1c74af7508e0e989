"""Where the bundled config and fixtures live: inside an installed wheel, or at the repo's top."""

from __future__ import annotations

from pathlib import Path

import cchc_tui


def _bundled(name: str) -> Path:
    # A wheel carries `config/` and `fixtures/` as `cchc_tui/_data/…` (see pyproject.toml);
    # a source checkout keeps them beside the package.
    installed = Path(cchc_tui.__file__).parent / "_data" / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[1] / name


def default_config_dir() -> Path:
    """The directory holding `default.toml` and any other bundled `*.toml`."""
    return _bundled("config")


def default_fixtures_dir() -> Path:
    """The directory of the bundled fixture feeds (real seeds and the simulated province)."""
    return _bundled("fixtures")
