"""`m`: meeting mode for a projector — one unit at a time, four large figures, auto-rotating.

The rotation runs through the children of the unit meeting mode was opened on (the unit itself
first, then each child), or through its siblings when it has no children. `space` freezes it,
`←`/`→` step by hand, `escape`/`m` go back to the dashboard on the unit that is on screen.
The screen pulls its figures from `app.engine` on mount, on every step, and when the app's
snapshot or language changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Static

from cchc_tui import keys
from cchc_tui import navigation as nav
from cchc_tui.cells import KpiRow, unit_kpi_row
from cchc_tui.kpi.engine import Engine
from cchc_tui.kpi.marks import NOTE_MARK
from cchc_tui.kpi.targets import STATUSES
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.text import format_number
from cchc_tui.viewmodel import PANELS
from cchc_tui.widgets.draw import status

if TYPE_CHECKING:
    from cchc_tui.app import CchcApp

# The four figures a meeting asks for first; a unit that lacks some shows others that it has.
HEADLINE = ("online_dossier_rate", "online_payment_rate", "email_active_rate", "on_time_rate")
CARDS = 4
BANNER = ("ĐANG DỪNG — bấm phím cách để tiếp tục", "PAUSED — press space to resume")


def meeting_rows(engine: Engine, unit: str, period: Period, lang: str,
                 count: int = CARDS) -> tuple[KpiRow, ...]:
    """The headline KPIs; those without a value give their place to the first panel KPIs
    that have one, and stay (showing "—" and why) only when nothing else has a value."""
    rows = [unit_kpi_row(engine, unit, k, period, lang) for k in HEADLINE]
    shown = [r for r in rows if r.value is not None]
    if len(shown) < count:
        for kpi_id in (k for spec in PANELS.values() for k in spec.kpis if k not in HEADLINE):
            row = unit_kpi_row(engine, unit, kpi_id, period, lang)
            if row.value is not None:
                shown.append(row)
                if len(shown) == count:
                    break
    shown += [r for r in rows if r.value is None]
    return tuple(shown[:count])


class MeetingCard(Vertical):
    """One KPI: a large value, then its counts, target, and status (symbol and word)."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="figure"):
            yield Digits("")
            yield Static("%", classes="percent")
        with Vertical(classes="facts"):
            yield Static(classes="counts")
            yield Static(classes="target")
            yield Static(classes="status")

    def show(self, row: KpiRow, lang: str) -> None:
        vi = lang == "vi"
        self.border_title = Content(row.name)
        for name in STATUSES:
            self.set_class(row.status == name, f"-{name}")
        has_value = row.value is not None
        self.query_one(Digits).update(format_number(row.value, lang, 2) if has_value else "-")
        percent = self.query_one(".percent", Static)
        percent.display = has_value
        percent.update("%" + row.marks)  # "*": partial; "†": a note (its text below)
        counts = row.counts_text if has_value else f"— {row.counts_text}".rstrip()
        noted = [n for n in row.notes if NOTE_MARK in row.marks]
        if noted:
            counts += f" · {NOTE_MARK} {noted[0]}"
        self.query_one(".counts", Static).update(Content(counts))
        target = ("chỉ tiêu: " if vi else "target: ") + row.target_text
        if row.target is not None and row.due_text != "—":
            target += (" · hạn " if vi else " · due ") + row.due_text
        if row.projection_text != "—":  # "at this pace …"
            target += " · " + row.projection_text
        self.query_one(".target", Static).update(Content.styled(target, "$text-muted"))
        line = status(row.status, row.status_text)
        if row.gap is not None:  # points short of the target; negative: beyond it
            points = format_number(abs(row.gap), lang, 2)
            gap = ((f"còn thiếu {points} điểm" if vi else f"{points} pts short") if row.gap > 0
                   else (f"vượt {points} điểm" if vi else f"{points} pts beyond"))
            line = Content.assemble(line, " · ", gap)
        self.query_one(".status", Static).update(line)


class MeetingScreen(Screen[str | None]):
    """Dismisses with the unit on screen, so the dashboard can go on from there."""

    BINDINGS = keys.bindings(keys.MEETING)

    def __init__(self, unit: str, period: Period) -> None:
        super().__init__()
        self.origin = unit  # the unit meeting mode was opened on
        self.shown = unit  # the unit on screen now
        self.period = period  # kept for every unit that has data in it
        self.frozen = False
        self._timer: Timer | None = None

    @property
    def dashboard(self) -> CchcApp:
        return cast("CchcApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="meeting-head")
        yield Static(id="meeting-banner")
        with Container(id="meeting-cards"):
            for index in range(1, CARDS + 1):
                yield MeetingCard(id=f"meeting-card-{index}", classes="meeting-card")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        seconds = self.dashboard.config.app.meeting_rotate_seconds
        self._timer = self.set_interval(seconds, self.tick, name="meeting-rotate")
        self.watch(self.app, "snapshot", self.render_unit, init=False)
        self.watch(self.app, "lang", self._lang_changed, init=False)
        self._lang_changed()

    # -- rotation ---------------------------------------------------------------------------
    def _rotation(self) -> tuple[str, ...]:
        """The origin and its children, or () to step through the origin's siblings."""
        engine = self.dashboard.engine
        if engine is None or self.origin not in engine.snapshot.units:
            return ()
        children = engine.snapshot.children_of(self.origin)
        return (self.origin, *children) if children else ()

    def _position(self) -> tuple[int, int]:
        engine = self.dashboard.engine
        if engine is None or self.shown not in engine.snapshot.units:
            return 0, 0
        family = self._rotation()
        if not family:
            snapshot = engine.snapshot
            parent = snapshot.units[self.shown].parent
            family = snapshot.children_of(parent) if parent is not None else snapshot.roots
        return (family.index(self.shown) + 1 if self.shown in family else 0), len(family)

    def tick(self) -> None:
        """The timer's callback: one step, unless frozen."""
        if not self.frozen:
            self.advance()

    def advance(self, step: int = 1) -> None:
        """Show the next (or, with -1, the previous) unit of the rotation."""
        engine = self.dashboard.engine
        if engine is None:
            return
        family = self._rotation()
        if family:
            index = family.index(self.shown) if self.shown in family else -1
            self.shown = family[(index + step) % len(family)]
        elif self.shown in engine.snapshot.units:
            self.shown = nav.sibling(engine.snapshot, self.shown, step)
        self.render_unit()

    # -- drawing ----------------------------------------------------------------------------
    def render_unit(self) -> None:
        app = self.dashboard
        engine, lang = app.engine, app.lang
        if engine is None:
            return
        units = engine.snapshot.units
        if self.shown not in units:  # gone from a new snapshot: start over
            self.shown = self.origin if self.origin in units else (
                nav.initial_unit(engine.snapshot) or self.shown)
            if self.shown not in units:
                return
        vi = lang == "vi"
        period = nav.period_for(engine, self.shown, self.period) or self.period
        crumbs = Content(" › ").join(
            Content.styled(u.name, "bold") for u in engine.snapshot.path(self.shown))
        first = Content.assemble(crumbs, "  ·  ", (describe_period(period, lang), "bold $accent"))
        at, total = self._position()
        seconds = format_number(app.config.app.meeting_rotate_seconds, lang)
        second = Content.styled(
            (f"CHẾ ĐỘ HỌP · đơn vị {at}/{total} · tự chuyển sau mỗi {seconds} giây" if vi
             else f"MEETING MODE · unit {at}/{total} · next unit every {seconds} s"),
            "$text-muted")
        self.query_one("#meeting-head", Static).update(Content("\n").join([first, second]))
        for card, row in zip(self.query(MeetingCard), meeting_rows(engine, self.shown, period,
                                                                   lang), strict=False):
            card.show(row, lang)

    def _lang_changed(self) -> None:
        lang = self.dashboard.lang
        keys.relabel(self, keys.MEETING, lang)
        self.query_one("#meeting-banner", Static).update(
            Content(BANNER[lang != "vi"]))
        self.render_unit()

    # -- keys -------------------------------------------------------------------------------
    def action_freeze(self) -> None:
        self.frozen = not self.frozen
        self.set_class(self.frozen, "-frozen")
        if not self.frozen and self._timer is not None:
            self._timer.reset()  # a full period on the unit before it moves on

    def action_step(self, step: int) -> None:
        self.advance(step)
        if self._timer is not None:
            self._timer.reset()

    def action_leave(self) -> None:
        self.dismiss(self.shown)
