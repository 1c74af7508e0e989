"""The optional `index_766` section of a JSON feed: the national portal's 766 figures metric
by metric, checked field by field (every problem with its place) and kept in the snapshot.

A record: `{"unit", "period", "total"?, "groups"?: {CKMB: 16.5, …}, "radar"?: {…},
"metrics"?: [{"code", "group", "name"?, "numerator"?, "denominator"?, "ratio"?, "score"?,
"max_score"?, "quality"?, "quality_note"?}]}` (docs/feed-format.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from cchc_tui.feed.checks import at, check_period, is_number, period_error
from cchc_tui.feed.json_feed import RECORD_KEYS as _FEED_KEYS
from cchc_tui.feed.json_feed import json_type as _kind
from cchc_tui.feed.raw import Collector
from cchc_tui.model.index766 import Index766, Metric766
from cchc_tui.model.periods import Period
from cchc_tui.portal.rules import GROUP_BY_CODE, METRIC_BY_CODE, PAYMENT_BY_CODE, TOTAL_MAX
from cchc_tui.text import did_you_mean, first_unsafe, near_word, printable

RECORD_KEYS = _FEED_KEYS["index_766"]
METRIC_KEYS = (("code", "group"), ("name", "numerator", "denominator", "ratio", "score",
                                   "max_score", "quality", "quality_note"))
# The service-results radar joins CLGQ and TTTT as ONLINE_SERVICE (22).
RADAR_MAX = {"CKMB": 18.0, "TDGQ": 20.0, "ONLINE_SERVICE": 22.0, "MDHL": 18.0, "MDSH": 22.0}
_SLACK = 0.005  # a published figure rounded to 2 decimals may sit this far above its maximum


def known_metric(code: str) -> bool:
    return code in METRIC_BY_CODE or code in PAYMENT_BY_CODE


class Index766Checker:
    """Checks `index_766` records of one feed file into unit → period → Index766."""

    def __init__(self, out: Collector, generated: datetime | None,
                 known_unit: Callable[[Any, str, Collector], bool]) -> None:
        self.out = out
        self.generated = generated
        self.known_unit = known_unit

    def record(self, rec: Mapping[str, Any], where: str,
               table: dict[str, dict[Period, Index766]], seen: dict[tuple[str, Period], str],
               ) -> None:
        out = self.out
        if not self.known_unit(rec["unit"], where, out):
            return
        period, problem = check_period(rec["period"], self.generated)
        if problem or period is None:
            period_error(rec["period"], problem or "not a period", at(where, "period"), out)
            return
        ok = True
        total = rec.get("total")
        if total is not None and not self._score(total, TOTAL_MAX, at(where, "total")):
            ok = False
        groups = self._scores(rec.get("groups"), at(where, "groups"), GROUP_BY_CODE,
                              lambda c: GROUP_BY_CODE[c].max)
        radar = self._scores(rec.get("radar"), at(where, "radar"), RADAR_MAX, RADAR_MAX.get)
        metrics = self._metrics(rec.get("metrics"), at(where, "metrics"))
        if groups is None or radar is None or metrics is None or not ok:
            return
        unit = rec["unit"]
        new = Index766(float(total) if total is not None else None,
                       {k: (float(v) if v is not None else None) for k, v in groups.items()},
                       metrics, {k: float(v) for k, v in radar.items() if v is not None},
                       out.origin)
        key = (unit, period)
        old = table.get(unit, {}).get(period)
        if old is not None:  # the same figures twice (two files of one capture) are one
            if dataclasses.replace(old, origin="") != dataclasses.replace(new, origin=""):
                out.error(where, f"conflicting duplicate: a second index_766 record of {unit} "
                                 f"for {period} with other figures; the first is at "
                                 f"{seen[key]}", "index_conflict", unit=str(unit),
                          period=str(period), at=str(seen[key]))
            return
        seen[key] = f"{out.origin}: {where}"
        table.setdefault(unit, {})[period] = new

    # -- parts ---------------------------------------------------------------------------------
    def _score(self, value: Any, top: float, where: str) -> bool:
        if not is_number(value) or not 0 <= value <= top + _SLACK:
            self.out.error(where, f"expected a score from 0 to {top:g} or null, got {value!r}",
                           "index_score", top=f"{top:g}", given=repr(value))
            return False
        return True

    def _scores(self, value: Any, where: str, allowed: Mapping[str, Any],
                top: Callable[[str], float | None]) -> dict[str, float | None] | None:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.out.error(where, f"expected an object of scores by group code, got "
                                  f"{_kind(value)}", "index_groups", type=_kind(value))
            return None
        out: dict[str, float | None] = {}
        ok = True
        for code, score in value.items():
            if code not in allowed:
                self.out.error(f"{where}.{code}", f"unknown group {code!r}: expected one of "
                                                  f"{', '.join(allowed)}"
                                                  f"{did_you_mean(code, allowed)}",
                               "index_group", given=repr(code), groups=", ".join(allowed),
                               near=near_word(code, allowed))
                ok = False
                continue
            limit = top(code)
            if score is not None and limit is not None \
                    and not self._score(score, limit, f"{where}.{code}"):
                ok = False
                continue
            out[code] = score
        return out if ok else None

    def _metrics(self, value: Any, where: str) -> tuple[Metric766, ...] | None:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.out.error(where, f"expected an array of metrics, got {_kind(value)}",
                           "index_metrics", type=_kind(value))
            return None
        metrics: list[Metric766] = []
        codes: dict[str, int] = {}
        ok = True
        for i, item in enumerate(value):
            place = f"{where}[{i}]"
            metric = self._metric(item, place)
            if metric is None:
                ok = False
                continue
            if metric.code in codes:
                self.out.error(at(place, "code"), f"metric {metric.code} twice in one record "
                                                  f"(first at {where}[{codes[metric.code]}])",
                               "metric_twice", code=str(metric.code),
                               at=f"{where}[{codes[metric.code]}]")
                ok = False
                continue
            codes[metric.code] = i
            metrics.append(metric)
        return tuple(metrics) if ok else None

    def _metric(self, item: Any, where: str) -> Metric766 | None:
        out = self.out
        if not isinstance(item, dict):
            out.error(where, f"expected a metric object, got {_kind(item)}", "metric_object",
                      type=_kind(item))
            return None
        required, optional = METRIC_KEYS
        for key in item:
            if key not in required + optional:
                out.warn(at(where, key), f"unknown key {key!r} ignored"
                                         f"{did_you_mean(key, required + optional)}",
                         "unknown_key", given=repr(key), near=near_word(key, required + optional))
        missing = [k for k in required if k not in item]
        if missing:
            out.error(where, f"missing \"{missing[0]}\" (a metric has {', '.join(required)})",
                      "metric_missing", key=missing[0], keys=", ".join(required))
            return None
        code, group = item["code"], item["group"]
        if not isinstance(code, str) or not code.strip() or first_unsafe(code) is not None:
            out.error(at(where, "code"), f"expected a metric code (plain text), got {code!r}",
                      "metric_code", given=repr(code))
            return None
        if group not in GROUP_BY_CODE:
            out.error(at(where, "group"), f"group {group!r} is not one of "
                                          f"{', '.join(GROUP_BY_CODE)}"
                                          f"{did_you_mean(str(group), GROUP_BY_CODE)}",
                      "index_group", given=repr(group), groups=", ".join(GROUP_BY_CODE),
                      near=near_word(str(group), GROUP_BY_CODE))
            return None
        ok = True
        counts: dict[str, int | None] = {}
        for key in ("numerator", "denominator"):
            v = item.get(key)
            if v is not None and (not is_number(v) or v < 0 or v != int(v)):
                out.error(at(where, key), f"expected a whole count ≥ 0 or null, got {v!r}",
                          "metric_count", given=repr(v))
                ok = False
            counts[key] = int(v) if v is not None and ok else None
        numbers: dict[str, float | None] = {}
        for key in ("ratio", "score", "max_score"):
            v = item.get(key)
            if v is not None and (not is_number(v) or v < 0):
                out.error(at(where, key), f"expected a number ≥ 0 or null, got {v!r}",
                          "metric_number", given=repr(v))
                ok = False
            numbers[key] = float(v) if v is not None and is_number(v) else None
        score, top = numbers["score"], numbers["max_score"]
        if ok and score is not None and top is not None and score > top + _SLACK:
            out.error(at(where, "score"), f"score {score:g} exceeds max_score {top:g}",
                      "score_over_max", score=f"{score:g}", top=f"{top:g}")
            ok = False
        texts: dict[str, str | None] = {}
        for key in ("name", "quality", "quality_note"):
            v = item.get(key)
            if v is not None and not isinstance(v, str):
                out.error(at(where, key), f"expected a text or null, got {_kind(v)}", "metric_text",
                          type=_kind(v))
                ok = False
            texts[key] = printable(v) if isinstance(v, str) else None
        if not ok:
            return None
        if not known_metric(code):
            out.warn(at(where, "code"), f"metric {code!r} is not one the 766 rules know: kept, "
                                        "not scored", "metric_unknown", given=repr(code))
        return Metric766(code, group, texts["name"] or "", counts["numerator"],
                         counts["denominator"], numbers["ratio"], score, top, texts["quality"],
                         texts["quality_note"])
