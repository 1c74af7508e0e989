"""`m`: meeting mode for a projector — one unit at a time, four large figures, auto-rotating.

The rotation (`app.meeting_rotation`) runs through the children of the unit meeting mode was
opened on (the unit itself first), all the communes under it, or a saved list of unit codes;
a unit without children rotates through its siblings. `space` freezes it (the rotation line
then says so), `←`/`→` step by hand, `t` switches between the projector theme
(`app.meeting_theme`) and the dashboard's, `escape`/`m` go back to the dashboard on the unit
meeting mode began on, `enter` on the unit on screen. The screen pulls its figures from
`app.engine` on mount, on every step, and when the app's snapshot or language changes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from cchc_tui import i18n, keys
from cchc_tui import navigation as nav
from cchc_tui.cells import KpiRow, unit_kpi_row
from cchc_tui.frame import PANELS
from cchc_tui.i18n import Lang, pick
from cchc_tui.kpi.engine import Engine
from cchc_tui.kpi.marks import NOTE_MARK
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.model.vocabulary import STATUSES
from cchc_tui.text import format_number, printable
from cchc_tui.widgets.bigdigits import BigFigure, big_width
from cchc_tui.widgets.draw import fit, status
from cchc_tui.widgets.themes import PROJECTOR, register_themes

if TYPE_CHECKING:
    from cchc_tui.app import CchcApp

# The four figures a meeting asks for first; a unit that lacks some shows others that it has.
HEADLINE = ("online_dossier_rate", "online_payment_rate", "email_active_rate", "on_time_rate")
CARDS = 4
_ESCAPE = re.compile(r"(\\x[0-9a-f]{2}|\\u[0-9a-f]{4})")  # what `printable` writes
# The footer's room for the app's own `? Trợ giúp q Thoát`, which follow the meeting keys.
_APP_KEYS = 19


def meeting_rows(engine: Engine, unit: str, period: Period, lang: Lang,
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


def figure_text(row: KpiRow, lang: Lang) -> str:
    """What the big face draws: "73,87%" and the value's marks ("*": partial, "†": a note,
    told below), or "—" without a value."""
    if row.value is None:
        return "—"
    return format_number(row.value, lang, 2) + "%" + row.marks


def capitals(name: str) -> str:
    """A name from the feed in capitals, its escapes ("\\x0a") as they are."""
    parts = _ESCAPE.split(printable(name))
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(parts))


class MeetingCard(Vertical):
    """One KPI: a large value, then its name (on narrow screens), counts, target, status."""

    def compose(self) -> ComposeResult:
        yield BigFigure(classes="figure")
        with Vertical(classes="facts"):
            yield Static(classes="name")  # the border title's stand-in when there is no border
            yield Static(classes="counts")
            yield Static(classes="target")
            yield Static(classes="status")

    def show(self, row: KpiRow, lang: Lang) -> None:
        self.border_title = Content(row.name)
        for name in STATUSES:
            self.set_class(row.status == name, f"-{name}")
        has_value = row.value is not None
        self.query_one(BigFigure).update(figure_text(row, lang))
        self.query_one(".name", Static).update(Content.styled(row.name, "bold"))
        counts = row.counts_text if has_value else f"— {row.counts_text}".rstrip()
        noted = [n for n in row.notes if NOTE_MARK in row.marks]
        if noted:
            counts += f" · {NOTE_MARK} {noted[0]}"
        self.query_one(".counts", Static).update(Content(counts))
        target = pick(i18n.TARGET_PREFIX, lang) + row.target_text
        if row.target is not None and row.due_text != "—":
            target += pick(i18n.DUE_PREFIX, lang) + row.due_text
        if row.projection_text != "—":  # "at this pace …"
            target += " · " + row.projection_text
        self.query_one(".target", Static).update(Content.styled(target, "$text-muted"))
        line = status(row.status, row.status_text)
        if row.gap is not None:  # points short of the target; negative: beyond it
            points = format_number(abs(row.gap), lang, 2)
            gap = pick(i18n.POINTS_SHORT if row.gap > 0 else i18n.POINTS_BEYOND,
                       lang).format(points=points)
            line = Content.assemble(line, " · ", gap)
        self.query_one(".status", Static).update(line)


class MeetingScreen(Screen[str | None]):
    """Dismisses with the unit the dashboard should show next."""

    BINDINGS = keys.bindings(keys.MEETING)

    def __init__(self, unit: str, period: Period) -> None:
        super().__init__()
        self.origin = unit  # the unit meeting mode was opened on
        self.shown = unit  # the unit on screen now
        self.period = period  # kept for every unit that has data in it
        self.frozen = False
        self.rotation: tuple[str, ...] = ()
        self.desk_theme = ""  # the dashboard's theme, given back on leaving
        self._timer: Timer | None = None

    @property
    def dashboard(self) -> CchcApp:
        return cast("CchcApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="meeting-title")
        yield Static(id="meeting-rotation")
        with Container(id="meeting-cards"):
            for index in range(1, CARDS + 1):
                yield MeetingCard(id=f"meeting-card-{index}", classes="meeting-card")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        app = self.dashboard
        self.desk_theme = app.theme
        if app.config.app.meeting_theme and not app.no_color:  # NO_COLOR keeps its own theme
            self._set_theme(app.config.app.meeting_theme)
        seconds = app.config.app.meeting_rotate_seconds
        self._timer = self.set_interval(seconds, self.tick, name="meeting-rotate")
        self.watch(self.app, "snapshot", self._snapshot_changed, init=False)
        self.watch(self.app, "lang", self._lang_changed, init=False)
        self._snapshot_changed()
        self._warn_unknown_units()
        self._lang_changed()

    def on_unmount(self) -> None:
        self._give_theme_back()

    def on_resize(self, event: events.Resize) -> None:
        self._relabel(event.size.width)
        self.render_unit()

    # -- themes -----------------------------------------------------------------------------
    def _set_theme(self, name: str) -> None:
        register_themes(self.app)  # idempotent: the app's own themes, by name
        if name in self.app.available_themes:
            self.app.theme = name

    def _give_theme_back(self) -> None:
        if self.desk_theme and self.app.theme != self.desk_theme:
            self.app.theme = self.desk_theme

    def action_switch_theme(self) -> None:
        room = self.dashboard.config.app.meeting_theme or PROJECTOR
        self._set_theme(self.desk_theme if self.app.theme == room else room)

    # -- rotation ---------------------------------------------------------------------------
    def _snapshot_changed(self) -> None:
        engine = self.dashboard.engine
        if engine is None:
            return
        snapshot, app = engine.snapshot, self.dashboard.config.app
        if self.origin not in snapshot.units:  # gone from a new snapshot: start over
            self.origin = nav.initial_unit(snapshot) or self.origin
        self.rotation = nav.meeting_rotation(snapshot, self.origin, app.meeting_rotation,
                                             app.meeting_units) \
            if self.origin in snapshot.units else ()
        if self.shown not in self.rotation:  # gone from a new snapshot, or not in the list
            self.shown = self.rotation[0] if self.rotation else self.origin
        self.render_unit()

    def _warn_unknown_units(self) -> None:
        app, engine = self.dashboard, self.dashboard.engine
        if engine is None or app.config.app.meeting_rotation != "units":
            return
        unknown = [c for c in app.config.app.meeting_units if c not in engine.snapshot.units]
        if unknown:
            codes = ", ".join(unknown)
            self.notify(pick(i18n.MEETING_UNKNOWN_UNITS, app.lang).format(codes=codes),
                        severity="warning", markup=False, timeout=10)

    def tick(self) -> None:
        """The timer's callback: one step, unless frozen."""
        if not self.frozen:
            self.advance()

    def advance(self, step: int = 1) -> None:
        """Show the next (or, with -1, the previous) unit of the rotation."""
        family = self.rotation
        if family:
            index = family.index(self.shown) if self.shown in family else -1
            self.shown = family[(index + step) % len(family)]
        self.render_unit()

    # -- drawing ----------------------------------------------------------------------------
    def _title(self, engine: Engine, period: Period, lang: Lang) -> Content:
        """UNIT · PERIOD in capitals; the unit's name gives way first, the period never."""
        when = describe_period(period, lang).upper()
        name = capitals(engine.snapshot.units[self.shown].name)
        room = max(8, self.size.width - 2 - len(when) - 5)
        return Content.assemble((fit(name, room).rstrip(), "bold"), "  ·  ", (when, "bold"))

    def _rotation_line(self, engine: Engine, lang: Lang) -> Content:
        if self.frozen:
            return Content.styled(pick(i18n.MEETING_PAUSED, lang), "bold")
        parents = " › ".join(printable(u.name) for u in engine.snapshot.path(self.shown)[:-1])
        at = self.rotation.index(self.shown) + 1 if self.shown in self.rotation else 0
        total = len(self.rotation)
        seconds = format_number(self.dashboard.config.app.meeting_rotate_seconds, lang)
        if total > 1:
            moving = pick(i18n.MEETING_ROTATION, lang).format(at=at, total=total,
                                                               seconds=seconds)
        else:
            moving = pick(i18n.MEETING_ONE_UNIT, lang)
        mode = f"{pick(i18n.MEETING_MODE, lang)} · {moving}"
        return Content.assemble((parents + "  ·  " if parents else "", "$text-muted"),
                                (mode, "$text-muted"))

    def render_unit(self) -> None:
        app = self.dashboard
        engine, lang = app.engine, app.lang
        if engine is None or self.shown not in engine.snapshot.units:
            return
        period = nav.period_for(engine, self.shown, self.period) or self.period
        self.query_one("#meeting-title", Static).update(self._title(engine, period, lang))
        self.query_one("#meeting-rotation", Static).update(self._rotation_line(engine, lang))
        rows = meeting_rows(engine, self.shown, period, lang)
        # One width for the four figures, the widest's: the facts line up, and take the rest.
        width = max((big_width(figure_text(row, lang)) for row in rows), default=0)
        for card, row in zip(self.query(MeetingCard), rows, strict=False):
            card.show(row, lang)
            card.query_one(BigFigure).styles.width = width

    def _relabel(self, width: int | None = None) -> None:
        keys.relabel(self, keys.MEETING, self.dashboard.lang,
                     (width or self.size.width or 80) - _APP_KEYS)

    def _lang_changed(self) -> None:
        self._relabel()
        self.render_unit()

    # -- keys -------------------------------------------------------------------------------
    def action_freeze(self) -> None:
        self.frozen = not self.frozen
        self.set_class(self.frozen, "-frozen")
        if not self.frozen and self._timer is not None:
            self._timer.reset()  # a full period on the unit before it moves on
        self.render_unit()

    def action_step(self, step: int) -> None:
        self.advance(step)
        if self._timer is not None:
            self._timer.reset()

    def action_leave(self) -> None:
        self._give_theme_back()
        self.dismiss(self.origin)

    def export_subject(self) -> tuple[str, Period] | None:
        """What `e` exports here: the unit on screen, in the period it is shown in."""
        engine = self.dashboard.engine
        if engine is None or self.shown not in engine.snapshot.units:
            return None
        return self.shown, nav.period_for(engine, self.shown, self.period) or self.period

    def action_open_shown(self) -> None:
        self._give_theme_back()
        self.dismiss(self.shown)
