"""What a decoder hands to the snapshot builder: records with their places in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from cchc_tui.i18n import Lang, feed_issue_words

MAX_ERRORS = 50  # stop collecting after this many errors in one feed
# Optional numbers of a published value: its own counts, and a 766 score with its maximum and
# its change since the previous period.
REPORTED_EXTRAS = ("numerator", "denominator", "score", "max_score", "change")


@dataclass(frozen=True, slots=True)
class FeedIssue:
    """One problem in a feed file, with where it is."""

    origin: str  # file path or URL
    where: str  # "$.observations[3].value", "line 12", "byte 1.024 (line 40)" or ""
    message: str
    severity: str = "error"  # error | warning
    kind: str = ""  # for a warning a screen words itself (e.g. "dossier_duplicate") …
    args: tuple[tuple[str, str], ...] = ()  # … and the values it needs

    def __str__(self) -> str:
        return self.text("en")

    def words(self, lang: Lang) -> str:
        """The message in `lang`: worded by i18n from `kind` and `args` when it has a kind."""
        return feed_issue_words(self.kind, dict(self.args), self.message, lang)

    def text(self, lang: Lang) -> str:
        """The whole line in `lang`; the place stays as it is in both languages."""
        place = f"{self.origin}: {self.where}: " if self.where else f"{self.origin}: "
        return place + self.words(lang)


class FeedError(Exception):
    """A feed that cannot be used; carries every issue found (up to MAX_ERRORS)."""

    def __init__(self, issues: list[FeedIssue], truncated: bool = False) -> None:
        self.issues = issues
        self.truncated = truncated
        super().__init__(str(issues[0]) if issues else "invalid feed")

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: Lang) -> str:
        """Every issue, one a line, in `lang`."""
        lines = [i.text(lang) for i in self.issues]
        if self.truncated:
            lines.append(feed_issue_words("stopped", {"n": str(len(self.issues))},
                                          f"(stopped after {len(self.issues)} errors)", lang))
        return "\n".join(lines)


@dataclass
class Collector:
    """Gathers issues for one file; raises FeedError once too many errors are found."""

    origin: str
    errors: list[FeedIssue] = field(default_factory=list)
    warnings: list[FeedIssue] = field(default_factory=list)

    def error(self, where: str, message: str, kind: str = "", **args: str) -> None:
        """One error; with a `kind` (and its `args`) i18n words it in Vietnamese too."""
        self.errors.append(FeedIssue(self.origin, where, message, "error", kind,
                                     tuple(args.items())))
        if len(self.errors) >= MAX_ERRORS:
            raise FeedError(self.errors, truncated=True)

    def warn(self, where: str, message: str, kind: str = "", **args: str) -> None:
        self.warnings.append(FeedIssue(self.origin, where, message, "warning", kind,
                                       tuple(args.items())))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise FeedError(self.errors)


class CubeBlock(NamedTuple):
    """A dense cube of the columnar form: values[(u·len(periods) + p)·len(measures) + m]."""

    units: list[Any]
    periods: list[Any]
    measures: list[Any]
    values: list[Any]
    where: str  # its place in the file, "$.columns[0]"
    counts_checked: bool = False  # every value is already known to be null or a count ≥ 0


# The records of a decoded feed, each with its place in the file (`where`). Their fields are
# as decoded (Any): checking them is the builder's job, which names the place of each error.
class UnitRecord(NamedTuple):
    code: Any
    name: Any
    level: Any
    parent: Any
    external_id: Any
    where: str


class Observation(NamedTuple):
    unit: Any
    period: Any
    measure: Any
    value: Any
    where: str


# The long form's observations (millions in a national feed) are kept as plain tuples of
# Observation's fields, read by unpacking in that order: a NamedTuple costs four times a
# tuple to build (0,3 µs against 0,08 µs a record, measured), 0,4 s more on the ingest of a
# 1,8 M-observation feed.
ObservationRow = tuple[Any, Any, Any, Any, str]


class ReportedRecord(NamedTuple):
    unit: Any
    period: Any
    kpi: Any
    value: Any
    note: Any
    # The optional numbers of REPORTED_EXTRAS present ({"numerator": 93979, …}).
    extras: dict[str, Any]
    where: str


class TargetRecord(NamedTuple):
    kpi: Any
    value: Any
    due: Any
    scope: Any
    basis: Any
    where: str


class SourceRecord(NamedTuple):
    """Where some units' figures come from, in a feed that merges several (serve-feed)."""

    id: Any
    publisher: Any
    generated_at: Any
    title: Any
    url: Any
    where: str


@dataclass
class RawFeed:
    """A decoded but not yet cross-checked feed file: its records, and the dense cubes of the
    columnar form (whose places are made lazily: building 1,7 M strings would dominate the
    decode)."""

    origin: str
    meta: dict[str, Any] = field(default_factory=dict)
    units: list[UnitRecord] = field(default_factory=list)
    observations: list[ObservationRow] = field(default_factory=list)
    blocks: list[CubeBlock] = field(default_factory=list)
    reported: list[ReportedRecord] = field(default_factory=list)
    targets: list[TargetRecord] = field(default_factory=list)
    warnings: list[FeedIssue] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)  # units name one with "source"
    unit_source: dict[str, tuple[Any, str]] = field(default_factory=dict)  # code → (id, where)
    # (record, where): the portal's 766 figures metric by metric, checked in feed/index766.py
    index_766: list[tuple[dict[str, Any], str]] = field(default_factory=list)
