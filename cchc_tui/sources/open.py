"""Pick the source a config names, and turn config targets into model targets."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_tui.config import Config
from cchc_tui.model.snapshot import Target
from cchc_tui.resources import default_fixtures_dir
from cchc_tui.sources.fixtures import FixtureSource

if TYPE_CHECKING:
    from cchc_tui.sources.http import HttpSource


class SourceError(Exception):
    """The configured source cannot be used at all (as opposed to one failed read)."""


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def open_source(config: Config) -> FixtureSource | HttpSource:
    location = config.source.location
    if not location:
        return FixtureSource(default_fixtures_dir())
    if is_url(location):
        from cchc_tui.sources.http import HttpSource  # httpx only when a URL is used

        return HttpSource(config.source)
    return FixtureSource(Path(location).expanduser())


def targets_from_config(config: Config) -> list[Target]:
    origin = ", ".join(config.files) or "config"
    return [Target(t.kpi, float(t.value), date.fromisoformat(t.due) if t.due else None,
                   t.scope, t.basis, origin) for t in config.targets]
