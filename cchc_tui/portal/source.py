"""The national portal's 766 index as a live source (kind "dvcqg").

Gentle with a public server: the public page first (its cookies), at least `portal_min_gap`
seconds between calls, at most `portal_max_calls` calls in one poll, retries with backoff and
jitter on 403 / 429 / 5xx (the Transport's), gzip, every page of the paginated answers, and an
hour between polls by default. The answers map to feed v1 (mapping.py) and end in the same
`build_snapshot` as every other source; the last good feed is kept on disk.
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import msgspec

from cchc_tui import __version__
from cchc_tui.config import Config, SourceConfig
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.json_feed import decode_json, parse_json
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.portal.answers import merge_pages, read_raw
from cchc_tui.portal.mapping import PeriodUnknown, to_feed
from cchc_tui.portal.records import ENDPOINTS, Capture
from cchc_tui.sources.base import ERROR, ReadResult, SourceFailure, feed_failure
from cchc_tui.sources.cache import CacheMeta, FeedCache
from cchc_tui.sources.failures import public_url
from cchc_tui.sources.transport import Fetched, Transport

PORTAL = "https://dichvucong.gov.vn"
API = "/api/v1/reporting/evaluation/"
PAGE = "/danh-gia-chat-luong-phuc-vu"
VIETNAM = timedelta(hours=7)  # the portal's days are Vietnam's (UTC+7)
_PROVINCE = re.compile(r"^H\d+$")
_CODE = re.compile(r"^H\d+(\.\d+)?$")


class PortalSource:
    """One scope of the portal (the country, or a unit with its agencies and communes)."""

    kind = "dvcqg"

    def __init__(self, config: SourceConfig, *, app_interval: float = 3600.0,
                 cache: FeedCache | None = None,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None,
                 today: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.config = config
        self.base = (config.location or PORTAL).rstrip("/")
        self.scope = config.portal_scope
        self.interval = config.portal_interval or app_interval
        self.cache = (cache or FeedCache()) if config.cache else None
        self._rng = rng or random.Random()
        self._now = today
        headers = {"Accept": "application/json, text/plain, */*",
                   "Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5",
                   "Referer": self.base + PAGE, "Origin": self.base,
                   "User-Agent": f"cchc-tui/{__version__}"}
        own = {name.lower() for name in config.headers}  # source.headers win (a User-Agent …)
        headers = {name: value for name, value in headers.items() if name.lower() not in own}
        self.http = Transport(config, origin=self.base, transport=transport, sleep=sleep,
                              rng=self._rng, retry_403=True, min_gap=config.portal_min_gap,
                              headers=headers)
        self._has_page = False  # the public page was read: its cookies are in the Transport
        self._ids: dict[str, str] = {}  # departmentCode → departmentId, found on the way
        self._digest = ""
        self._budget = 0  # the Transport's call count at which this poll must stop
        self._last_modified = ""  # of this poll's answers: the day they run to
        self.last_snapshot: Snapshot | None = None
        self.consecutive_failures = 0

    @classmethod
    def from_config(cls, config: Config) -> PortalSource:
        return cls(config.source, app_interval=config.app.interval)

    # -- the Source protocol -------------------------------------------------------------------
    def describe(self) -> str:
        scope = self.scope or "cả nước / whole country"
        return f"{public_url(self.base)} (766, {scope}, {self.config.portal_time_type})"

    def read(self, force: bool = False) -> ReadResult:
        self._budget = self.http.calls + self.config.portal_max_calls
        try:
            doc = self._poll()
            result = self._take(doc, force)
        except SourceFailure as failure:
            self.consecutive_failures += 1
            if "403" in failure.reason:
                self._has_page = False  # a refusal: fetch the page (and cookies) again
            cached = self._from_cache(failure) if self.last_snapshot is None else None
            if cached is None:
                raise
            return cached
        self.consecutive_failures = 0
        return result

    def next_delay(self, interval: float) -> float:
        """The portal's own interval (an hour by default). While it fails or refuses: a
        quarter of it, then twice that each time, with jitter, up to four intervals."""
        failures = self.consecutive_failures
        if failures <= 0:
            return self.interval
        longest = max(4 * self.interval, self.config.backoff_max)
        return min(longest, self.interval / 4 * 2.0 ** min(failures - 1, 30)) \
            * self._rng.uniform(0.9, 1.1)

    def close(self) -> None:
        self.http.close()

    # -- the calls -------------------------------------------------------------------------------
    def _poll(self) -> dict[str, Any]:
        self._last_modified = ""
        if not self._has_page:
            self._page()
        body = self._time_body()
        root = self._root_id()
        if root is None:
            answers = {"SERVICE_RESULTS": self._post(
                "SERVICE_RESULTS", {**body, "departmentType": "ADMINISTRATIVE_UNIT"})}
        else:
            answers = {key: self._all_pages(key, {**body, "rootDepartmentId": root})
                       for key in ENDPOINTS}
        return answers

    def _page(self) -> None:
        """The public page, for the cookies a browser would have; its failure is not fatal
        unless the portal cannot be reached at all."""
        self._spend()
        try:
            self.http.get(self.base + PAGE)
        except SourceFailure as failure:
            if failure.state == "offline":
                raise
        self._has_page = True

    def _spend(self) -> None:
        if self.http.calls >= self._budget:
            raise SourceFailure(ERROR, f"stopped after {self.config.portal_max_calls} calls in "
                                       "one poll (source.portal_max_calls): the answers have "
                                       "more pages than that")

    def _post(self, key: str, body: dict[str, Any]) -> dict[str, Any]:
        self._spend()
        got = self.http.post_json(self.base + API + ENDPOINTS[key][0], body)
        self._last_modified = got.last_modified or self._last_modified
        return self._envelope(key, got)

    def _envelope(self, key: str, got: Fetched) -> dict[str, Any]:
        origin = f"{public_url(self.base)} {ENDPOINTS[key][0]}"
        try:
            doc = parse_json(got.body, origin)
        except FeedError as exc:
            raise feed_failure(exc) from None
        if not isinstance(doc, dict) or "data" not in doc:
            raise SourceFailure(ERROR, f"{ENDPOINTS[key][0]}: the portal's answer is not the "
                                       "expected {code, data, message}")
        return doc

    def _all_pages(self, key: str, body: dict[str, Any]) -> dict[str, Any]:
        size = self.config.portal_page_size
        first = self._post(key, {**body, "pageSize": size, "currentPage": 1})
        pagination = (first.get("data") or {}).get("pagination") \
            if isinstance(first.get("data"), dict) else None
        pages = [first]
        total = pagination.get("totalPages") if isinstance(pagination, dict) else None
        if isinstance(total, int):
            for page in range(2, total + 1):
                pages.append(self._post(key, {**body, "pageSize": size, "currentPage": page}))
        return merge_pages(pages) if len(pages) > 1 else first

    def _time_body(self) -> dict[str, Any]:
        today = self._today()
        body: dict[str, Any] = {"timeType": self.config.portal_time_type, "year": today.year}
        if self.config.portal_time_type == "quarter":
            body["quarter"] = (today.month - 1) // 3 + 1
        elif self.config.portal_time_type == "month":
            body["month"] = today.month
        return body

    def _today(self) -> date:
        return (self._now() + VIETNAM).date()

    def _root_id(self) -> str | None:
        """None for the whole country; else the unit's departmentId, looked up by code."""
        scope = self.scope
        if not scope:
            return None
        if not _CODE.match(scope):
            return scope  # an id already
        if scope not in self._ids:
            parent = None if _PROVINCE.match(scope) else self._root_for(scope.split(".")[0])
            self._lookup(parent)
        if scope not in self._ids:
            where = "the provinces" if _PROVINCE.match(scope) else scope.split(".")[0]
            raise SourceFailure(ERROR, f"the portal lists no unit {scope} under {where} "
                                       "(source.portal_scope)")
        return self._ids[scope]

    def _root_for(self, code: str) -> str:
        if code not in self._ids:
            self._lookup(None)
        if code not in self._ids:
            raise SourceFailure(ERROR, f"the portal lists no province {code} "
                                       "(source.portal_scope)")
        return self._ids[code]

    def _lookup(self, root: str | None) -> None:
        """Learn the codes and ids of a root's children from its service-results answer."""
        body = {**self._time_body(),
                **({"rootDepartmentId": root} if root else
                   {"departmentType": "ADMINISTRATIVE_UNIT"})}
        try:
            doc = self._post("SERVICE_RESULTS", body)
        except SourceFailure as failure:  # say what the call was for
            raise SourceFailure(failure.state, f"looking up {self.scope} (source.portal_scope: "
                                f"a departmentId needs no look-up): {failure.reason}",
                                retryable=failure.retryable, issues=failure.issues) from None
        data = doc.get("data") if isinstance(doc.get("data"), dict) else {}
        for item in (data or {}).get("evaluation") or []:
            if isinstance(item, dict) and isinstance(item.get("departmentCode"), str) \
                    and isinstance(item.get("departmentId"), str):
                self._ids[item["departmentCode"]] = item["departmentId"]

    # -- answers → snapshot ----------------------------------------------------------------------
    def _take(self, answers: dict[str, Any], force: bool) -> ReadResult:
        digest = hashlib.sha256(msgspec.json.encode(answers)).hexdigest()
        if digest == self._digest and not force:
            return ReadResult(None)
        data = self._feed_bytes(answers)
        snapshot = self._decode(data)
        self._digest, self.last_snapshot = digest, snapshot
        if self.cache is not None:
            try:
                self.cache.save(self._cache_key(), data,
                                CacheMeta(self.describe(), "", "", time.time()))
            except OSError:
                pass  # a cache that cannot be written must not stop the dashboard
        return ReadResult(snapshot)

    def _feed_bytes(self, answers: dict[str, Any]) -> bytes:
        origin = public_url(self.base)
        try:
            capture = read_raw(answers, origin, complete=len(answers) > 1)
            self._date_capture(capture)
            return msgspec.json.encode(to_feed([(capture, None)]))
        except FeedError as exc:
            raise feed_failure(exc) from None
        except PeriodUnknown as exc:
            raise SourceFailure(ERROR, str(exc)) from None

    def _date_capture(self, capture: Capture) -> None:
        """The day the figures run to: the answer's own (Last-Modified), else today in
        Vietnam. The current year, quarter or month was asked for: the one of that day."""
        day = self._today()
        if self._last_modified:
            try:
                day = (parsedate_to_datetime(self._last_modified) + VIETNAM).date()
            except (TypeError, ValueError, IndexError):
                pass  # an unreadable date: today's
        capture.as_of, capture.year, capture.number = day, day.year, None
        capture.time_type = self.config.portal_time_type

    def _decode(self, data: bytes) -> Snapshot:
        try:
            return build_snapshot([decode_json(data, public_url(self.base))])
        except FeedError as exc:
            raise feed_failure(exc) from None

    def _cache_key(self) -> str:
        return f"{self.base}{API}#{self.scope}:{self.config.portal_time_type}"

    def _from_cache(self, failure: SourceFailure) -> ReadResult | None:
        if self.cache is None:
            return None
        entry = self.cache.load(self._cache_key())
        if entry is None:
            return None
        try:
            snapshot = self._decode(entry.data)
        except SourceFailure:
            return None
        self.last_snapshot = snapshot
        return ReadResult(snapshot, saved_age=entry.age(), failure=failure)
