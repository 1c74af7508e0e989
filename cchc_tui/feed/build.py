"""Cross-check decoded feed files and merge them into one immutable Snapshot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from cchc_tui.feed.checks import (
    at,
    canonical,
    check_period,
    check_reported_extras,
    is_number,
    period_error,
    timestamp,
)
from cchc_tui.feed.cube import Conflict, bad_value, conflict, store_cube
from cchc_tui.feed.gc_pause import gc_paused
from cchc_tui.feed.index766 import Index766Checker
from cchc_tui.feed.plain_text import check_text_fields, printable_snapshot
from cchc_tui.feed.raw import (
    MAX_ERRORS,
    Collector,
    FeedError,
    FeedIssue,
    Observation,
    ObservationRow,
    RawFeed,
)
from cchc_tui.feed.tree import check_tree
from cchc_tui.model.catalogue import KPIS, MEASURES
from cchc_tui.model.index766 import Index766
from cchc_tui.model.observations import ObservationStore
from cchc_tui.model.periods import Period
from cchc_tui.model.snapshot import Reported, Snapshot, SourceInfo, Target, Unit, Warning_
from cchc_tui.model.vocabulary import LEVELS
from cchc_tui.text import did_you_mean, near_word

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Builder:
    def __init__(self, feeds: list[RawFeed]) -> None:
        self.feeds = feeds
        self.units: dict[str, Unit] = {}
        self.unit_where: dict[str, tuple[str, str]] = {}  # code → (origin, where)
        self.rejected_units: set[str] = set()  # codes of unit records with errors of their own
        self.unit_sources: dict[str, int] = {}  # unit → the file that defines it
        self.data_sources: dict[str, int] = {}  # unit → the first file with its figures
        self.store = ObservationStore()
        self.reported: dict[str, dict[str, dict[Period, Reported]]] = {}
        self.reported_where: dict[tuple[str, str, Period], str] = {}  # → "origin: where"
        self.targets: list[Target] = []
        self.sources: list[SourceInfo] = []
        self.unknown_measures: dict[str, str] = {}  # measure → first place
        self.unknown_kpis: dict[str, str] = {}
        self.conflicts: list[Conflict] = []
        self.index_766: dict[str, dict[Period, Index766]] = {}
        self.index_766_where: dict[tuple[str, Period], str] = {}
        self.errors: list[FeedIssue] = []
        self.warnings: list[FeedIssue] = []

    def build(self) -> Snapshot:
        outs = []
        for index, feed in enumerate(self.feeds):
            out = Collector(feed.origin)
            out.warnings.extend(feed.warnings)
            self.sources.append(self._source(feed, out))
            self._units(feed, index, out)
            check_text_fields(feed, out)
            outs.append(out)
        check_tree(self.units, self.unit_where, self.rejected_units, outs)
        for index, (feed, out) in enumerate(zip(self.feeds, outs, strict=True)):
            generated = self.sources[index].generated_at
            for unit, period, measure, value, where in feed.observations:
                if self._observation(unit, period, measure, value, where, generated, out):
                    self.data_sources.setdefault(unit, index)
            for block in feed.blocks:
                for unit in store_cube(block, generated, out, known=self.units,
                                       known_unit=self._unit,
                                       store=self.store,
                                       unknown_measures=self.unknown_measures,
                                       conflicts=self.conflicts):
                    self.data_sources.setdefault(unit, index)
            for unit in self._reported(feed, generated, out):
                self.data_sources.setdefault(unit, index)
            checker = Index766Checker(out, generated, self._unit)
            for rec, where in feed.index_766:
                checker.record(rec, where, self.index_766, self.index_766_where)
            self._targets(feed, out)
        explicit = {}
        for feed, out in zip(self.feeds, outs, strict=True):
            explicit.update(self._provenance(feed, out))
        for out in outs:
            self.errors.extend(out.errors)
            self.warnings.extend(out.warnings)
        self._explain_conflicts()
        if self.errors:
            raise FeedError(self.errors[:50], truncated=len(self.errors) > 50)
        warnings = [Warning_(w.kind or "feed", str(w), w.args, w.text("en").removesuffix(
            w.words("en")), w.message) for w in self.warnings]
        warnings += [Warning_("unknown_measure", text, (("name", repr(m)), ("at", w)), "",
                              text)
                     for m, w in self.unknown_measures.items()
                     for text in [f"unknown measure {m!r} kept (first at {w})"]]
        warnings += [Warning_("unknown_kpi", text, (("name", repr(k)), ("at", w)), "", text)
                     for k, w in self.unknown_kpis.items()
                     for text in [f"unknown KPI {k!r} kept (first at {w})"]]
        return printable_snapshot(Snapshot(
            units=self.units, observations=self.store.freeze(), reported=self.reported,
            targets=tuple(self.targets), sources=tuple(self.sources),
            unit_sources={**self.unit_sources, **self.data_sources, **explicit},
            unknown_measures=frozenset(self.unknown_measures),
            unknown_kpis=frozenset(self.unknown_kpis), warnings=tuple(warnings),
            index_766=self.index_766))

    # -- meta and units ---------------------------------------------------------------------
    def _source(self, feed: RawFeed, out: Collector) -> SourceInfo:
        generated = timestamp(feed.meta.get("generated_at"), at("$", "generated_at"), out)
        return SourceInfo(feed.origin, str(feed.meta.get("publisher") or ""), generated,
                          str(feed.meta.get("title") or ""), str(feed.meta.get("url") or ""),
                          frozenset(feed.meta.get("unpublished_measures") or ()))

    def _provenance(self, feed: RawFeed, out: Collector) -> dict[str, int]:
        """The feed's own list of sources (a merged feed): unit → index in self.sources."""
        ids: dict[str, int] = {}
        for sid, publisher, generated_at, title, url, where in feed.sources:
            if not isinstance(sid, str) or not sid:
                out.error(at(where, "id"), f"expected a non-empty string, got {sid!r}",
                          "expected_text", given=repr(sid))
                continue
            if sid in ids:
                out.error(at(where, "id"), f"source id {sid!r} is used twice", "source_twice",
                          given=repr(sid))
                continue
            texts = {"publisher": publisher, "generated_at": generated_at, "title": title,
                     "url": url}
            bad = [k for k, v in texts.items() if v is not None and not isinstance(v, str)]
            for key in bad:
                out.error(at(where, key), f"expected a string, got {texts[key]!r}",
                          "expected_string_value", given=repr(texts[key]))
            if bad:
                continue
            stamp = timestamp(generated_at, at(where, "generated_at"), out)
            ids[sid] = len(self.sources)
            self.sources.append(SourceInfo(f"{feed.origin} ({sid})", publisher or "", stamp,
                                           title or "", url or ""))
        explicit: dict[str, int] = {}
        for code, (sid, where) in feed.unit_source.items():
            if sid in ids:
                explicit[code] = ids[sid]
            else:
                out.error(where, f"source {sid!r} of unit {code!r} is not in \"sources\""
                                 f"{did_you_mean(str(sid), ids)}", "unknown_source",
                          source=repr(sid), unit=repr(code), near=near_word(str(sid), ids))
        return explicit

    def _units(self, feed: RawFeed, index: int, out: Collector) -> None:
        for code, name, level, parent, external_id, where in feed.units:
            ok = True
            for key, value in (("code", code), ("name", name)):
                if not isinstance(value, str) or not value.strip():
                    out.error(at(where, key), f"expected a non-empty string, got {value!r}",
                              "expected_text", given=repr(value))
                    ok = False
            if level not in LEVELS:
                out.error(at(where, "level"), f"level {level!r} is not one of "
                          f"{', '.join(LEVELS)}{did_you_mean(str(level), LEVELS)}", "bad_level",
                          given=repr(level), levels=", ".join(LEVELS),
                          near=near_word(str(level), LEVELS))
                ok = False
            if parent is not None and (not isinstance(parent, str) or not parent.strip()):
                out.error(at(where, "parent"), f"expected a unit code, got {parent!r}",
                          "expected_unit_code", given=repr(parent))
                ok = False
            if external_id is not None and (not isinstance(external_id, str)
                                            or not external_id.strip()):
                out.error(at(where, "external_id"),
                          f"expected the source's id of the unit as a string, got {external_id!r}",
                          "expected_external_id", given=repr(external_id))
                ok = False
            if not ok:
                if isinstance(code, str):
                    self.rejected_units.add(code.strip())
                continue
            unit = Unit(code.strip(), name.strip(), level, parent.strip() if parent else None,
                        external_id.strip() if external_id else None)
            known = self.units.get(unit.code)
            # Units are keyed by code: an external id may be re-issued, the first one is kept.
            if known is not None and known.external_id != unit.external_id:
                unit = Unit(unit.code, unit.name, unit.level, unit.parent, known.external_id)
            if known is not None and known != unit:
                first_origin, first_where = self.unit_where[unit.code]
                out.error(where, f"unit {unit.code!r} is defined differently at {first_origin}: "
                                 f"{first_where} ({known.name}, {known.level}, parent "
                                 f"{known.parent}) and here ({unit.name}, {unit.level}, parent "
                                 f"{unit.parent})", "unit_differs", unit=repr(unit.code),
                          first=f"{first_origin}: {first_where}",
                          old=f"{known.name}, {known.level}, {known.parent}",
                          new=f"{unit.name}, {unit.level}, {unit.parent}")
                continue
            if known is None:
                self.units[unit.code] = unit
                self.unit_where[unit.code] = (feed.origin, where)
                self.unit_sources[unit.code] = index

    # -- figures ----------------------------------------------------------------------------
    def _observations(self, feed: RawFeed) -> Iterator[ObservationRow]:
        yield from feed.observations
        for units, periods, measures, values, where, _ in feed.blocks:
            n_p, n_m = len(periods), len(measures)
            for u, unit in enumerate(units):
                for p, period in enumerate(periods):
                    base = (u * n_p + p) * n_m
                    for m, measure in enumerate(measures):
                        value = values[base + m]
                        if value is not None:
                            yield Observation(
                                unit, period, measure, value,
                                f"{where}.values[{base + m}] (unit {unit}, period {period}, "
                                f"measure {measure})")

    def _period(self, text: Any, where: str, generated: datetime | None,
                out: Collector) -> Period | None:
        period, problem = check_period(text, generated)
        if problem:
            period_error(text, problem, at(where, "period"), out)
        return period

    def _unit(self, code: Any, where: str, out: Collector) -> bool:
        if isinstance(code, str) and code in self.units:
            return True
        if isinstance(code, str) and code in self.rejected_units:
            return False  # its unit record has an error of its own already
        out.error(at(where, "unit"), f"unknown unit {code!r}: it is not in \"units\""
                                      f"{did_you_mean(str(code), self.units)}",
                  "unknown_unit", given=repr(code), near=near_word(str(code), self.units))
        return False

    def _observation(self, unit: Any, text: Any, measure: Any, value: Any, where: str,
                     generated: datetime | None, out: Collector) -> bool:
        """Check and store one count; False when it was rejected."""
        if not self._unit(unit, where, out):
            return False
        period = self._period(text, where, generated, out)
        if not isinstance(measure, str) or not measure:
            out.error(at(where, "measure"), f"expected a measure name, got {measure!r}",
                      "expected_measure", given=repr(measure))
            return False
        if not is_number(value) or value < 0:
            bad_value(value, where, out)
            return False
        if period is None:
            return False
        if measure not in MEASURES and measure not in self.unknown_measures:
            self.unknown_measures[measure] = f"{out.origin}: {where}"
        old = self.store.put(unit, measure, period, value)
        if old is not None:
            self.conflicts.append(conflict(unit, period, measure, value, old, where, out))
            return False
        return True

    def _reported(self, feed: RawFeed, generated: datetime | None,
                  out: Collector) -> Iterator[str]:
        """Check and store published values, yielding the units they belong to."""
        for unit, text, kpi, value, note, extras, where in feed.reported:
            if not self._unit(unit, where, out):
                continue
            period = self._period(text, where, generated, out)
            if not isinstance(kpi, str) or not kpi:
                out.error(at(where, "kpi"), f"expected a KPI id, got {kpi!r}", "expected_kpi",
                          given=repr(kpi))
                continue
            if not is_number(value) or not 0 <= value <= 100:
                out.error(at(where, "value"),
                          f"expected a percentage from 0 to 100, got {value!r}", "percentage",
                          given=repr(value))
                continue
            numbers = check_reported_extras(extras, value, where, out)
            if period is None or numbers is None:
                continue
            if kpi not in KPIS and kpi not in self.unknown_kpis:
                self.unknown_kpis[kpi] = f"{out.origin}: {where}"
            new = Reported(float(value), note if isinstance(note, str) else None, out.origin,
                           **numbers)
            series = self.reported.setdefault(unit, {}).setdefault(kpi, {})
            old = series.get(period)
            if old is not None and _figures(old) != _figures(new):
                first = self.reported_where[(unit, kpi, period)]
                out.error(where, f"conflicting duplicate: published {kpi} of {unit} for "
                                 f"{period} is {_shown(new)} here and {_shown(old)} at {first}",
                          "reported_conflict", kpi=str(kpi), unit=str(unit), period=str(period),
                          value=_shown(new), old=_shown(old), at=first)
                continue
            series[period] = new
            self.reported_where.setdefault((unit, kpi, period), f"{out.origin}: {where}")
            yield unit

    def _targets(self, feed: RawFeed, out: Collector) -> None:
        for kpi, value, due, scope, basis, where in feed.targets:
            if not isinstance(kpi, str) or kpi not in KPIS:
                out.warn(at(where, "kpi"),
                         f"target for unknown KPI {kpi!r} ignored{did_you_mean(str(kpi), KPIS)}",
                         "target_unknown_kpi", given=repr(kpi), near=near_word(str(kpi), KPIS))
                continue
            if not is_number(value) or not 0 <= value <= 100:
                out.error(at(where, "value"), f"expected a target from 0 to 100, got {value!r}",
                          "target_value", given=repr(value))
                continue
            due_date = None
            if due is not None:
                try:
                    if not isinstance(due, str) or not _DATE.fullmatch(due):
                        raise ValueError(due)
                    due_date = date.fromisoformat(due)
                except ValueError:
                    out.error(at(where, "due"), f"{due!r} is not a date: expected YYYY-MM-DD",
                              "not_a_date", given=repr(due))
                    continue
            if not isinstance(scope, str) or not scope:
                out.error(at(where, "scope"), f"expected \"*\", a level or a unit code, "
                                               f"got {scope!r}", "expected_scope",
                          given=repr(scope))
                continue
            if scope != "*" and scope not in LEVELS and scope not in self.units:
                out.warn(at(where, "scope"), f"scope {scope!r} is neither \"*\", a level nor "
                                              f"a unit of this feed: the target applies to none",
                         "scope_matches_none", given=repr(scope))
            self.targets.append(Target(kpi, float(value), due_date, scope, str(basis or ""),
                                       out.origin))

    def _explain_conflicts(self) -> None:
        """Name the first place of each conflicting duplicate (found again only on error).

        One pass over the records, for the conflicts that will be shown (at most MAX_ERRORS):
        a scan per conflict took minutes when two big files disagree everywhere.
        """
        shown = self.conflicts[:max(0, MAX_ERRORS - len(self.errors))]
        wanted = {(unit, measure, period) for unit, period, measure, _issue in shown}
        first: dict[tuple[str, str, str], str] = {}
        for feed in self.feeds if wanted else ():
            for u, p, m, _v, where in self._observations(feed):
                if isinstance(u, str) and isinstance(m, str) and isinstance(p, str):
                    key = (u, m, canonical(p))
                    if key in wanted and key not in first:
                        first[key] = f"{feed.origin}: {where}"
            if len(first) == len(wanted):
                break
        for unit, period, measure, issue in self.conflicts:
            place = first.get((unit, measure, period))
            message = issue.message if place is None else \
                issue.message.replace("in an earlier record", f"at {place}")
            args = issue.args + ((("at", place),) if place is not None else ())
            self.errors.append(FeedIssue(issue.origin, issue.where, message, "error",
                                         issue.kind, args))


def _figures(r: Reported) -> tuple[float | None, ...]:
    return r.value, r.numerator, r.denominator, r.score, r.max_score, r.change


def _shown(r: Reported) -> str:
    basis = f" ({r.numerator:g}/{r.denominator:g})" if r.has_basis else ""
    score = f" (score {r.score:g})" if r.score is not None else ""
    return f"{r.value:g}{basis}{score}"


def build_snapshot(feeds: list[RawFeed]) -> Snapshot:
    """Merge decoded feed files into one Snapshot; raises FeedError listing every problem."""
    with gc_paused():
        return _Builder(feeds).build()
