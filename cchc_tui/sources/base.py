"""The one contract every source keeps, and the choice of a source from the config.

No Textual and no httpx here: the dashboard, `report`, `validate` and the relay all read a
source through `Source.read()`, whatever its kind. Each kind's module is imported only when
that kind is used (httpx alone costs ~0,15 s at start).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from cchc_tui.config import is_url
from cchc_tui.feed.raw import FeedError, FeedIssue
from cchc_tui.i18n import FEED_FAILURE, Lang, pick, source_reason
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.text import format_count

if TYPE_CHECKING:
    from cchc_tui.config import Config

FailureState = Literal["offline", "error"]
OFFLINE: FailureState = "offline"
ERROR: FailureState = "error"


class SourceFailure(Exception):
    """One failed read of the source.

    `state` is "offline" (the source could not be reached or the connection broke) or
    "error" (it answered, but not with usable figures); `reason` is plain words, safe to show.
    """

    def __init__(self, state: FailureState, reason: str, *, retryable: bool = False,
                 issues: list[FeedIssue] | None = None) -> None:
        super().__init__(reason)
        self.state: FailureState = state
        self.reason = reason
        self.retryable = retryable  # worth another attempt within the same read
        self.issues = issues or []  # the feed's problems (FeedIssue) when a body was rejected

    def text(self, lang: Lang) -> str:
        """The reason in `lang`: a rejected feed's from its issues, others by source_reason."""
        if self.issues and self.reason == issues_line(self.issues, "en"):
            return issues_line(self.issues, lang)
        return source_reason(self.reason, lang)

    def __str__(self) -> str:
        return self.reason

    def __repr__(self) -> str:
        return f"SourceFailure({self.state!r}, {self.reason!r})"


def feed_failure(exc: FeedError) -> SourceFailure:
    """A rejected feed as one line: the first problem, and how many more (all in `issues`)."""
    return SourceFailure(ERROR, issues_line(exc.issues, "en"), issues=exc.issues)


def issues_line(issues: list[FeedIssue], lang: Lang) -> str:
    """The first problem with its place, and how many more, in `lang`."""
    first = issues[0] if issues else None
    if first is None:
        return pick(FEED_FAILURE["invalid"], lang)
    if not first.where or "byte" in first.message:  # the message says where already
        text = first.words(lang)
    else:
        text = pick(FEED_FAILURE["at"], lang).format(message=first.words(lang), where=first.where)
    more = len(issues) - 1
    if more > 0:
        text += pick(FEED_FAILURE["more" if more > 1 else "one_more"], lang).format(
            n=format_count(more, lang) if lang == "vi" else str(more))
    return text


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What one read gave: new figures, or nothing new (`snapshot` None).

    A source that could not be reached may still answer with a saved copy: then `saved_age`
    is its age in seconds and `failure` the failure it stands in for.
    """

    snapshot: Snapshot | None
    saved_age: float | None = None
    failure: SourceFailure | None = None

    @property
    def stale(self) -> bool:
        return self.saved_age is not None


class Source(Protocol):
    """A place figures come from: files, an HTTP feed, the national portal, dossier rows."""

    kind: str  # "files" | "http" | "dvcqg" | "dossiers" (a relay says its source's kind)

    def describe(self) -> str:
        """Where the figures come from, safe to show (no secrets)."""
        ...

    def read(self, force: bool = False) -> ReadResult:
        """New figures, or ReadResult(None) when nothing changed (unless `force`).

        Raises SourceFailure when the source cannot be read and no saved copy can stand in."""
        ...

    def next_delay(self, interval: float) -> float:
        """Seconds until the next read: `interval` when healthy, longer while failing."""
        ...

    def close(self) -> None: ...


# kind → "module:Class"; each class has `from_config(config) -> Source`.
KINDS: dict[str, str] = {
    "files": "cchc_tui.sources.fixtures:FixtureSource",
    "http": "cchc_tui.sources.http:HttpSource",
    "dvcqg": "cchc_tui.portal.source:PortalSource",
    "dossiers": "cchc_tui.dossiers.source:DossierSource",
    # a relay (`serve-feed --source …`): its feed, and its own word on its source's state
    "relay": "cchc_tui.relay.client:RelayedSource",
}
# What a kind needs installed beyond the base package, for a plain message when it is missing.
EXTRAS: dict[str, str] = {"dossiers": "dossiers"}


def infer_kind(location: str) -> str:
    """The kind a location stands for when `[source] kind` is not set."""
    if is_url(location):  # the national portal by its address, any other URL a feed
        host = location.split("//", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1].split(":")[0]
        return "dvcqg" if host.lower().endswith("dichvucong.gov.vn") else "http"
    if location.startswith(("postgresql://", "postgres://")):
        return "dossiers"
    path = Path(location).expanduser()
    if path.suffix.lower() in (".parquet", ".duckdb"):
        return "dossiers"
    if path.is_dir() and any(path.glob("dossiers*.parquet")):
        return "dossiers"
    return "files"


class SourceUnavailable(Exception):
    """The configured kind cannot be used on this installation (a missing extra)."""


def open_source(config: Config) -> Source:
    """The source `[source]` names: by `kind`, else inferred from `location`."""
    kind = config.source.kind or infer_kind(config.source.location)
    module_name, _, class_name = KINDS[kind].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        if kind in EXTRAS or (exc.name or "").split(".")[0] != "cchc_tui":
            extra = EXTRAS.get(kind, kind)
            raise SourceUnavailable(
                f"a source of kind {kind!r} needs packages that are not installed "
                f"({exc.name}): pip install \"cchc-tui[{extra}]\"") from None
        raise SourceUnavailable(f"the source kind {kind!r} is not available in this "
                                f"version of cchc-tui") from None
    source: Source = getattr(module, class_name).from_config(config)
    return source
