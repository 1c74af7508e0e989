"""The dashboard's frame: its panels and their titles, and the header (breadcrumb, period,
source and its state) — everything the screen shows before, and besides, any figure.

Kept apart from the view-models of the figures (viewmodel.py, which needs the KPI engine) so
that the first frame is drawn without importing the engine, the cells or the feed readers:
DESIGN §8 measures that first paint against a bare Textual app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cchc_tui import i18n
from cchc_tui.i18n import Lang, pick
from cchc_tui.kpi.provenance import sources_shown
from cchc_tui.model.periods import describe_period
from cchc_tui.text import printable

if TYPE_CHECKING:
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.model.periods import Period
    from cchc_tui.model.snapshot import SourceInfo
    from cchc_tui.model.vocabulary import State
    from cchc_tui.sources.status import SourceStatus


@dataclass(frozen=True, slots=True)
class PanelSpec:
    key: str
    vi: str
    en: str
    kpis: tuple[str, ...]
    counts: tuple[tuple[str, str, str], ...]  # (measure, short vi label, short en label)
    headline: str


PANELS: dict[str, PanelSpec] = {
    "online": PanelSpec(
        "online", "Dịch vụ công trực tuyến", "Online services",
        ("online_service_coverage", "full_process_coverage", "online_dossier_rate",
         "postal_dossier_rate"),
        (("dossiers_received_direct", "trực tiếp", "in person"),
         ("dossiers_received_online", "trực tuyến", "online"),
         ("dossiers_received_postal", "bưu chính", "by post"),
         ("dossiers_received", "tổng hồ sơ", "dossiers")),
        "online_dossier_rate"),
    "cashless": PanelSpec(
        "cashless", "Thanh toán không dùng tiền mặt", "Cashless payments",
        ("online_payment_rate", "e_receipt_commune_coverage", "cashless_school_rate",
         "cashless_household_rate"),
        (("dossiers_paid_online", "hồ sơ TT trực tuyến", "paid online"),
         ("dossiers_fee_bearing", "hồ sơ có phí", "fee-bearing"),
         ("e_receipts_issued", "biên lai ĐT", "e-receipts"),
         ("e_receipts_amount_vnd", "số tiền", "amount"),
         ("cashless_streets", "tuyến phố KDTM", "cashless streets"),
         ("qr_codes", "mã QR", "QR codes"), ("ewallets", "ví ĐT", "e-wallets"),
         ("smartbanking_accounts", "smartbanking", "smart-banking")),
        "online_payment_rate"),
    "email": PanelSpec(
        "email", "Thư công vụ và văn bản điện tử", "Email and e-documents",
        ("email_active_rate", "staff_email_rate", "e_document_rate",
         "staff_digital_training_rate"),
        (("email_accounts_issued", "tài khoản đã cấp", "accounts issued"),
         ("email_accounts_active", "đang dùng", "in use"),
         ("documents_received", "văn bản đến", "documents in"),
         ("documents_issued", "văn bản đi", "documents out")),
        "email_active_rate"),
}
GAPS_TITLE = ("Khoảng cách đến chỉ tiêu", "Target gaps")
# Every panel of the dashboard, in screen order (zoom keys 1…n follow it): the KPI panels
# above, then the target gaps.
SCREEN_PANELS: tuple[str, ...] = (*PANELS, "gaps")
DEFAULT_RANKING_KPI = "online_dossier_rate"


@dataclass(frozen=True, slots=True)
class HeaderView:
    breadcrumb: tuple[str, ...]
    period_text: str
    source_text: str
    state_text: str
    state: State
    # The parts of source_text, so that a narrow header can shorten one and keep another.
    source_name: str = ""  # the publisher, or "dữ liệu mô phỏng" (never dropped)
    data_text: str = ""  # "số liệu ngày 01/11/2026 08:42"
    data_date: str = ""  # "01/11/2026 08:42"
    simulated: bool = False  # the name says "dữ liệu mô phỏng": a narrow header keeps that


def header_view(engine: Engine | None, unit: str | None, period: Period | None, lang: Lang,
                status: SourceStatus, now: datetime) -> HeaderView:
    crumbs: tuple[str, ...] = ()
    source_text = stamp = ""
    data_time = status.data_time
    if engine is not None and unit is not None and unit in engine.snapshot.units:
        crumbs = tuple(u.name for u in engine.snapshot.path(unit))
        shown = sources_shown(engine.snapshot, unit, period) if period is not None else []
        if not shown and (own := engine.snapshot.source_of(unit)) is not None:
            shown = [own]
        if shown:
            source_text = publishers_text(shown, lang)
            stamps = [s.generated_at for s in shown if s.generated_at is not None]
            data_time = max(stamps) if stamps else data_time  # the files shown, in a folder
    name, simulated = source_text, pick(i18n.SIMULATED, lang) in source_text
    if data_time is not None:
        stamp = data_time.strftime("%d/%m/%Y %H:%M")
        source_text += " · " + pick(i18n.DATA_OF, lang).format(stamp=stamp)
    data_text = pick(i18n.DATA_OF, lang).format(stamp=stamp) if stamp else ""
    period_text = describe_period(period, lang) if period is not None else "—"
    # The reason may quote a feed (a whole FeedError): one line, inert, on the second line.
    state_text = " · ".join(printable(line) for line in
                            status_text(status, lang, now).splitlines())
    return HeaderView(crumbs, period_text, source_text, state_text, status.state, name,
                      data_text, stamp, simulated)


def _clock(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "—"
    if when.date() == now.date():
        return when.strftime("%H:%M:%S")
    return when.strftime("%d/%m/%Y %H:%M")


def _waited(status: SourceStatus, now: datetime) -> int | None:
    """Whole seconds a read has been under way, once it has taken a second or more."""
    if not status.reading or status.reading_since is None:
        return None
    seconds = int((now - status.reading_since).total_seconds())
    return seconds if seconds >= 1 else None


def status_text(status: SourceStatus, lang: Lang, now: datetime) -> str:
    """The state (symbol and word), why, and when the figures were read and will be again."""
    words = {k: pick(pair, lang) for k, pair in i18n.HEADER_STATE.items()}
    kind = pick(i18n.KIND_WORDS.get(status.kind, (status.kind, status.kind)), lang)
    read = _clock(status.last_success, now)
    upcoming = _clock(status.next_poll, now)
    waited = _waited(status, now)
    retry = words["retrying"] if status.reading else words["retry"].format(at=upcoming)
    if waited is not None:
        retry += f" ({waited} s)"
    if status.state == "loading":
        if waited is not None:
            return words["waiting"].format(waited=waited, kind=kind)
        return words["reading"]
    if status.state == "live":
        if waited is not None:  # a read that hangs shows from its first second
            return words["live_waiting"].format(waited=waited, read=read, kind=kind)
        return words["live"].format(read=read, next=upcoming, kind=kind)
    aged = words["aged"] if status.aged else ""
    reason = status.reason_text(lang)
    if status.state == "stale":
        return words["stale"].format(saved=_clock(status.saved_at, now), reason=reason,
                                     retry=retry)
    head = words["offline"] if status.state == "offline" else words["error"]
    if status.last_success is None and status.saved_at is None:  # nothing read yet
        return words["nothing_yet"].format(head=head, reason=reason, retry=retry)
    return words["failed"].format(head=head, reason=reason, read=read, aged=aged,
                                  retry=retry)


def publishers_text(sources: Sequence[SourceInfo], lang: Lang, most: int = 2) -> str:
    """"Phòng VH-TT quận Thanh Xuân; UBND phường Thạch Bàn (+1 nguồn)"."""
    names: list[str] = []
    for info in sources:
        name = pick(i18n.SIMULATED, lang) if info.simulated else info.publisher
        if name not in names:
            names.append(name)
    text = "; ".join(names[:most])
    if len(names) > most:
        more = len(names) - most
        text += pick(i18n.MORE_SOURCES, lang).format(more=more)
    return text
