"""The dashboard App: owns the reactives (snapshot, unit, period, lang) and the poll loop.

The first frame (header and panel frames, from `frame`) is painted before the source is read,
and before the engine, the view-models of the figures and the feed readers are imported: they
are imported by the read and by the first screen of figures, right after. The screens (finder,
periods, findings, help, meeting) and the export are imported inside the actions that open
them. Every import before the first frame delays the first paint (DESIGN §8 measures it
against a bare Textual app).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Container
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from cchc_tui import i18n, keys
from cchc_tui import navigation as nav
from cchc_tui.config import Config, targets_from_config
from cchc_tui.frame import DEFAULT_RANKING_KPI, PANELS, SCREEN_PANELS, header_view
from cchc_tui.i18n import LANGS, Lang, pick
from cchc_tui.model.catalogue import KPIS
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.palette import Palette, SystemCommands, UnitKpiProvider
from cchc_tui.polling import after_read, read_started
from cchc_tui.sources.status import SourceStatus
from cchc_tui.text import printable
from cchc_tui.widgets.footer import SteadyFooter
from cchc_tui.widgets.gaps import DrillDown, GapsPanel, Ranking
from cchc_tui.widgets.header import StatusHeader
from cchc_tui.widgets.kpi_panel import KpiPanel
from cchc_tui.widgets.themes import NO_COLOR as NO_COLOR_THEME
from cchc_tui.widgets.themes import register_themes

if TYPE_CHECKING:
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.model.snapshot import Snapshot
    from cchc_tui.report import Report
    from cchc_tui.sources.base import ReadResult, Source
    from cchc_tui.viewmodel import ScreenViews

    ViewKey = tuple[Engine, str, Period, Lang, str]  # engine, unit, period, lang, ranking KPI


@dataclass(frozen=True, slots=True)
class StartAt:
    """Where the dashboard opens: --unit, --period, --meeting, or the unit last shown."""

    unit: str = ""  # a code or a name, as `report --unit` takes it
    period: Period | None = None
    meeting: bool = False  # a wall display: start in meeting mode
    remembered_unit: str = ""  # a code, used when `unit` is empty


# Up to this many units the panels are computed inline (~5 ms for the bundled fixtures);
# beyond, in a worker, so the UI never waits (a national province: ~0,5 s cold).
INLINE_UNITS = 2_000
PREFETCH_AFTER = 0.3  # seconds after a screen is shown before its neighbours are computed
READY_SCREENS = 8  # screens kept computed ahead


class CchcApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "cchc-tui"
    AUTO_FOCUS = None
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMMANDS = {SystemCommands, UnitKpiProvider}  # Textual's own, matched without diacritics
    # Page keys win over the focused ranking list so the stacked column always scrolls.
    BINDINGS = keys.bindings(keys.DASHBOARD)

    snapshot: reactive[Snapshot | None] = reactive(None, init=False)
    unit: reactive[str | None] = reactive(None, init=False)
    period: reactive[Period | None] = reactive(None, init=False)
    lang: reactive[Lang] = reactive("vi", init=False)
    ranking_kpi: reactive[str] = reactive(DEFAULT_RANKING_KPI, init=False)
    zoomed: reactive[int] = reactive(0, init=False)

    def __init__(self, config: Config, source: Source | None = None,
                 clock: Callable[[], datetime] | None = None,
                 start: StartAt | None = None) -> None:
        super().__init__()
        self.config = config
        self.start = start or StartAt()
        self.source = source
        self.clock = clock or datetime.now
        self.engine: Engine | None = None
        self.status = SourceStatus(kind=source.kind if source is not None else "files")
        self._timer: Timer | None = None  # the next read: one-shot, re-armed after each read
        self._waiting: Timer | None = None  # ticks the header while a read is under way
        self._shown: ViewKey | None = None  # what the panels show now
        self._ahead: dict[ViewKey, ScreenViews] = {}  # screens computed ahead, oldest first
        self._render_pending = False
        self.set_reactive(CchcApp.lang, config.app.lang)
        register_themes(self)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast goes through here: text it quotes (a source's reason, a path) is
        printed inert."""
        super().notify(printable(message), title=printable(title), severity=severity,
                       timeout=timeout, markup=markup)

    def compose(self) -> ComposeResult:
        yield StatusHeader(id="header")
        with Container(id="panels"):
            for key in PANELS:
                yield KpiPanel(key, id=f"panel-{key}", classes="panel")
            yield GapsPanel(id="panel-gaps", classes="panel")
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        if self.no_color:  # every colour turns grey: a theme whose greys all read
            self.theme = NO_COLOR_THEME
        # two panels a row, as many rows as the panels need
        self.query_one("#panels").styles.grid_size_rows = -(-len(SCREEN_PANELS) // 2)
        self._apply_lang_bindings()
        self._frame_titles()
        self._render_now()  # the header, and the panels' titles: the first frame
        # The read starts here, not at load: started at load (before compose and styling) its
        # thread, which holds the GIL for most of its time, delayed the first frame by ~40 %
        # (bench/first_paint.py, 07/12/2026: the frame 2,29x a bare app, 1,67x without the
        # read). Started here it overlaps the first refresh only: no difference measured
        # against starting it after that refresh, and the figures come ~20-40 ms sooner.
        self.read_source(force=True)

    def _apply(self, snapshot: Snapshot, engine: Engine) -> None:
        self.engine = engine
        self.snapshot = snapshot
        first = self.unit is None
        unit = self.unit if self.unit in snapshot.units else nav.initial_unit(snapshot)
        if first:
            unit = self._start_unit(snapshot) or unit
        if unit is not None and (self.period is None or unit != self.unit):
            self.period = nav.initial_period(engine, unit)
        if first and unit is not None and self.start.period is not None:
            self._start_period(engine, unit, self.start.period)
        self.unit = unit
        if first and self.start.meeting and unit is not None:
            self.call_after_refresh(self.action_meeting)

    def _start_unit(self, snapshot: Snapshot) -> str | None:
        """The unit --unit names (a toast when it names none), else the one last shown."""
        if self.start.unit:
            from cchc_tui.model.lookup import UnitLookupError, find_unit

            try:
                return find_unit(snapshot, self.start.unit).code
            except UnitLookupError as exc:
                many = bool(exc.candidates)
                word = pick(i18n.SEVERAL_UNITS_MATCH if many else i18n.NO_UNIT_MATCHES, self.lang)
                self.notify(f"--unit: {word} {self.start.unit!r}", severity="warning",
                            markup=False, timeout=10)
                return None
        return self.start.remembered_unit if self.start.remembered_unit in snapshot.units \
            else None

    def _start_period(self, engine: Engine, unit: str, wanted: Period) -> None:
        if engine.value_count(unit, wanted):
            self.period = wanted
            return
        shown = describe_period(self.period, self.lang) if self.period else "—"
        self.notify(pick(i18n.START_PERIOD_EMPTY, self.lang).format(
            wanted=describe_period(wanted, self.lang), shown=shown),
            severity="warning", markup=False, timeout=10)

    # -- the source: read in a thread; a one-shot timer re-armed when a read ends ----------
    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def read_source(self, force: bool = False) -> tuple[ReadResult, Engine | None]:
        """One read of the source, and an engine for a new snapshot (in a thread)."""
        from cchc_tui.kpi.engine import Engine
        from cchc_tui.sources.base import open_source

        if self.source is None:
            self.source = open_source(self.config)
            self.status = dataclasses.replace(self.status, kind=self.source.kind)
        result = self.source.read(force=force or self.engine is None)
        if result.snapshot is None or (self.engine is not None
                                       and result.snapshot is self.engine.snapshot):
            return result, None  # nothing new: nothing to recompute or repaint
        return result, Engine(result.snapshot, targets_from_config(self.config),
                              self.config.app.min_coverage, self.config.checks.max_count)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "export" and event.state == WorkerState.ERROR:
            self.notify(f"{type(event.worker.error).__name__}: {event.worker.error}",
                        severity="error", markup=False)  # a bug: said, never silent
            return
        if event.worker.group == "views":
            self._views_done(event)
            return
        if event.worker.group != "source":
            return
        if event.state == WorkerState.RUNNING:
            self._read_began()
        elif event.state == WorkerState.SUCCESS:
            self._read_ended(event.worker.result, None)
        elif event.state == WorkerState.ERROR:
            self._read_ended(None, event.worker.error)

    def _read_began(self) -> None:
        quiet = self.status.state == "live"  # a healthy read stays quiet unless it hangs
        self.status = read_started(self.status, self.clock())
        self._waiting = self.set_interval(1, self._tick_waiting)
        if not quiet:
            self._schedule_render()

    def _read_ended(self, got: tuple[ReadResult, Engine | None] | None,
                    error: BaseException | None) -> None:
        """A read is over: its snapshot applied, the status and the next read set."""
        now = self.clock()
        if self._waiting is not None:
            self._waiting.stop()
            self._waiting = None
        result: ReadResult | None = None
        if got is not None:
            result, engine = got
            if engine is not None and result.snapshot is not None:
                self._apply(result.snapshot, engine)
        interval = self.config.app.interval
        outcome = after_read(
            self.status, result=result, error=error, now=now, interval=interval,
            next_delay=self.source.next_delay(interval) if self.source else interval,
            data_time=self.engine.snapshot.generated_at if self.engine else None,
            lang=self.lang)
        self.status = outcome.status
        if outcome.notice is not None:
            self.notify(outcome.notice.text, severity=outcome.notice.severity, markup=False)
        self._schedule_render()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(outcome.delay, self.read_source)

    def _views_done(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            key, views = event.worker.result
            current = (self.engine, self.unit, self.period, self.lang, self.ranking_kpi)
            if key == current:  # not overtaken by a newer key press
                self._show_views(key, views)
        elif event.state == WorkerState.ERROR:
            self.notify(f"{type(event.worker.error).__name__}: {event.worker.error}",
                        severity="error", markup=False)

    def _tick_waiting(self) -> None:
        self.query_one(StatusHeader).show(header_view(
            self.engine, self.unit, self.period, self.lang, self.status, self.clock()))

    def action_refresh(self) -> None:
        # Reads never overlap: one still under way (a slow or hanging source) is let be.
        if any(w.group == "source" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
               for w in self.workers):
            self.notify(pick(i18n.STILL_READING, self.lang), severity="information",
                        markup=False)
            return
        self.read_source(force=True)

    def on_unmount(self) -> None:
        if self.source is not None:
            self.source.close()

    # -- drawing ----------------------------------------------------------------------------
    def _schedule_render(self) -> None:
        if not self._render_pending:
            self._render_pending = True
            self.call_later(self._render_now)

    def watch_snapshot(self) -> None:
        self._schedule_render()

    def watch_unit(self) -> None:
        self._schedule_render()

    def watch_period(self) -> None:
        self._schedule_render()

    def watch_ranking_kpi(self) -> None:
        self._schedule_render()

    def watch_lang(self) -> None:
        self._apply_lang_bindings()
        self._frame_titles()
        self._schedule_render()

    def _frame_titles(self) -> None:
        for panel in self.query(KpiPanel):
            panel.frame(self.lang)
        self.query_one(GapsPanel).frame(self.lang)

    def watch_zoomed(self, zoomed: int) -> None:
        self.query_one("#panels").set_class(zoomed > 0, "-zoomed")
        for index, key in enumerate(SCREEN_PANELS, start=1):
            self.query_one(f"#panel-{key}").display = zoomed in (0, index)

    def _render_now(self) -> None:
        """The header at once; the panels at once for a small feed, else from a worker."""
        self._render_pending = False
        engine, unit, period, lang = self.engine, self.unit, self.period, self.lang
        self.query_one(StatusHeader).show(header_view(
            engine, unit, period, lang, self.status, self.clock()))
        if engine is None or unit is None or period is None:
            return
        wanted = (engine, unit, period, lang, self.ranking_kpi)
        if wanted == self._shown:
            return  # a header-only change (the source's state): the panels stand
        ready = self._ahead.get(wanted)
        if ready is not None:  # computed ahead, while the previous screen was read
            self._show_views(wanted, ready)
        elif len(engine.snapshot.units) <= INLINE_UNITS:
            from cchc_tui.viewmodel import screen_views

            self._show_views(wanted, screen_views(*wanted))
        else:
            self._compute_views(wanted)

    @work(thread=True, exclusive=True, group="views", exit_on_error=False)
    def _compute_views(self, wanted: ViewKey) -> tuple[ViewKey, ScreenViews] | None:
        # A newer key press starts a newer worker and cancels this one, which then stops at
        # the next panel (a thread cannot be interrupted) and its result is not shown.
        from cchc_tui.viewmodel import Superseded, screen_views

        worker = get_current_worker()
        try:
            return wanted, screen_views(*wanted, superseded=lambda: worker.is_cancelled)
        except Superseded:
            return None

    def _keep_ahead(self, key: ViewKey, views: ScreenViews) -> None:
        """A few screens computed ahead; those of an older snapshot are let go."""
        if any(k[0] is not key[0] for k in self._ahead):
            self._ahead.clear()
        self._ahead[key] = views
        while len(self._ahead) > READY_SCREENS:
            self._ahead.pop(next(iter(self._ahead)))

    def _show_views(self, key: ViewKey, views: ScreenViews) -> None:
        self._shown = key
        for panel in self.query(KpiPanel):
            panel.show(views.panels[panel.spec])
        self.query_one(GapsPanel).show(views.gaps)
        ranking = self.query_one(Ranking)
        if self.focused is None and ranking.option_count:
            ranking.focus(scroll_visible=False)
        if len(key[0].snapshot.units) > INLINE_UNITS:
            # once this screen is painted: a computing thread holds the GIL and would slow it
            self.set_timer(PREFETCH_AFTER, lambda: self._prefetch(key))

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch(self, shown: ViewKey) -> None:
        """Compute, while the user reads, the screens `[` and `]` would show next: a cold
        national province takes ~0,5 s; a screen ready ahead shows without a worker."""
        from cchc_tui.viewmodel import screen_views

        engine, unit, period, lang, ranking_kpi = shown
        for step in (1, -1):
            code = nav.sibling(engine.snapshot, unit, step)
            if get_current_worker().is_cancelled or code == unit:
                return
            near = nav.period_for(engine, code, period)
            if near is not None:
                key = (engine, code, near, lang, ranking_kpi)
                self.call_from_thread(self._keep_ahead, key, screen_views(*key))

    def _apply_lang_bindings(self, width: int | None = None) -> None:
        keys.relabel(self, keys.DASHBOARD, self.lang, width or self.size.width)
        keys.relabel_palette(self, self.lang)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands in the language; its "Screenshot" is the export."""
        from cchc_tui.i18n import EXPORT_COMMAND, PALETTE_VI

        vi = self.lang == "vi"
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                title, words = EXPORT_COMMAND[not vi]
                yield SystemCommand(title, words, self.action_export)
            elif vi:
                yield SystemCommand(PALETTE_VI.get(command.title, command.title),
                                    PALETTE_VI.get(command.help, command.help),
                                    command.callback, command.discover)
            else:
                yield command

    def action_command_palette(self) -> None:
        from cchc_tui.i18n import PALETTE_VI

        if self.use_command_palette and not Palette.is_open(self):  # type: ignore[arg-type]
            text = "Search for commands…"
            self.push_screen(Palette(
                id="--command-palette",
                placeholder=pick((PALETTE_VI[text], text), self.lang)))

    def on_resize(self, event: events.Resize) -> None:
        self._apply_lang_bindings(event.size.width)  # as many footer keys as fit

    # -- units ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Over a dialog only the dialog's own keys act (and ctrl+c, and the export of what
        # it shows): a `q` typed in the finder is a letter, so the footer does not offer it
        # there. Over a full screen (meeting mode) `?` and `q` still do.
        if len(self.screen_stack) > 1 and action not in ("force_quit", "command_palette",
                                                         "export"):
            return not isinstance(self.screen, ModalScreen) and action in ("quit", "help")
        return True

    def _say(self, words: tuple[str, str]) -> None:
        self.notify(pick(words, self.lang), markup=False, timeout=4)

    def select_unit(self, code: str | None) -> None:
        if code is None or self.engine is None or code not in self.engine.snapshot.units:
            return
        wanted = self.period
        self.period = nav.period_for(self.engine, code, wanted)
        if wanted is not None and self.period is not None and self.period != wanted:
            name = self.engine.snapshot.units[code].name
            self.notify(pick(i18n.UNIT_PERIOD_EMPTY, self.lang).format(
                name=name, wanted=describe_period(wanted, self.lang),
                shown=describe_period(self.period, self.lang)), markup=False, timeout=4)
        if code != self.unit:
            self.query_one("#panels").scroll_home(animate=False)
        self.unit = code

    def show_kpi(self, kpi_id: str) -> None:
        if not KPIS[kpi_id].reported_only:
            self.ranking_kpi = kpi_id
        panel = next((i for i, k in enumerate(SCREEN_PANELS, 1)
                      if k in PANELS and kpi_id in PANELS[k].kpis), 4)
        self.zoomed = panel

    def action_find(self) -> None:
        from cchc_tui.screens.finder import FinderScreen

        if self.snapshot is None:
            self._say(i18n.NO_FIGURES_YET)
            return
        self.push_screen(FinderScreen(self.snapshot, self.lang), self.select_unit)

    def action_sibling(self, step: int) -> None:
        if self.snapshot is not None and self.unit is not None:
            self.select_unit(nav.sibling(self.snapshot, self.unit, step))

    def action_drill(self) -> None:
        option = self.query_one(Ranking).highlighted_option
        if option is not None:
            self.select_unit(option.id)
        elif self.unit is not None:
            self._say(i18n.NO_SUB_UNITS)

    @on(DrillDown)
    def _drill(self, message: DrillDown) -> None:
        self.select_unit(message.code)

    def action_up(self) -> None:
        if self.snapshot is None or self.unit is None:
            return
        parent = self.snapshot.units[self.unit].parent
        if parent is None:
            self._say(i18n.AT_THE_TOP)
        self.select_unit(parent)

    def action_force_quit(self) -> None:
        self.exit(0)

    def action_ranking_kpi(self) -> None:
        ids = [k for k, kpi in KPIS.items() if not kpi.reported_only]
        self.ranking_kpi = ids[(ids.index(self.ranking_kpi) + 1) % len(ids)]

    # -- periods ----------------------------------------------------------------------------
    def action_pick_period(self) -> None:
        from cchc_tui.screens.period import PeriodScreen

        if self.snapshot is not None and self.unit is not None:
            periods = self.snapshot.unit_periods(self.unit)
            self.push_screen(PeriodScreen(periods, self.period, self.lang), self._set_period)

    def _set_period(self, period: Period | None) -> None:
        if period is not None:
            self.period = period

    def action_shift_period(self, step: int) -> None:
        if self.snapshot is None or self.unit is None or self.period is None:
            return
        shifted = nav.step_period(self.snapshot, self.unit, self.period, step)
        if shifted is None:
            self.notify(pick(i18n.NO_DATA_THAT_WAY, self.lang), timeout=2)
        else:
            self.period = shifted

    def action_granularity(self) -> None:
        if self.period is not None:
            self.period = nav.next_granularity(self.period)

    # -- screens and the rest ---------------------------------------------------------------
    def action_scroll_panels(self, step: int) -> None:
        """A whole panel up or down in the stacked column (small terminals)."""
        box = self.query_one("#panels")
        y = box.scroll_y
        tops = sorted(p.virtual_region.y for p in box.query(".panel") if p.display)
        if step > 0:
            target = next((t for t in tops if t > y + 0.5), box.max_scroll_y)
        else:
            target = next((t for t in reversed(tops) if t < y - 0.5), 0)
        box.scroll_to(y=min(target, box.max_scroll_y), animate=False)

    def action_zoom(self, index: int) -> None:
        self.zoomed = 0 if self.zoomed == index else index

    def action_findings(self) -> None:
        from cchc_tui.kpi.findings import findings
        from cchc_tui.screens.findings import FindingsScreen

        if self.engine is None or self.unit is None or self.period is None:
            return
        title = (f"{self.engine.snapshot.units[self.unit].name} — "
                 f"{describe_period(self.period, self.lang)}")
        items = findings(self.engine, self.unit, self.period)
        self.push_screen(FindingsScreen(title, items, self.lang))

    def action_index_766(self) -> None:
        from cchc_tui.screens.index766 import Index766Screen

        if self.engine is not None and self.unit is not None and self.period is not None:
            self.push_screen(Index766Screen(self.engine, self.unit, self.period, self.lang),
                             self.select_unit)

    def action_meeting(self) -> None:
        from cchc_tui.screens.meeting import MeetingScreen

        if self.engine is not None and self.unit is not None and self.period is not None:
            self.push_screen(MeetingScreen(self.unit, self.period), self.select_unit)

    def action_export(self) -> None:
        """The KPI table (CSV, Markdown) and the screen (SVG, PNG when this machine can draw
        one), stamped, in export_dir: from any screen, of the unit and period it shows."""
        subject = getattr(self.screen, "export_subject", None)
        shown = subject() if callable(subject) else (self.unit, self.period)
        if self.engine is None or shown is None or None in shown:
            from cchc_tui.i18n import NOTHING_TO_EXPORT

            self._say(NOTHING_TO_EXPORT)
            return
        # Toasts are not part of the picture: hidden for the one frame it is taken from.
        racks = [r for r in self.screen.query("#textual-toastrack") if r.display]
        for rack in racks:
            rack.display = False
        self.call_after_refresh(self._export_now, shown[0], shown[1], racks)

    def _export_now(self, unit: str, period: Period, racks: list[Widget]) -> None:
        from cchc_tui.export import stamp_parts
        from cchc_tui.report import build_report
        from cchc_tui.widgets.screenshot import screen_svg

        assert self.engine is not None
        now = self.clock()
        report = build_report(self.engine, unit, period, self.lang)
        try:
            svg = screen_svg(self, stamp_parts(report, self.lang, now))
        finally:
            for rack in racks:
                rack.display = True
        self._write_export(report, svg, now, self.lang)

    @work(thread=True, group="export", exit_on_error=False)
    def _write_export(self, report: Report, svg: str, now: datetime, lang: Lang) -> None:
        """Files and the PNG off the UI thread (a renderer takes a moment)."""
        from cchc_tui.export import base_name, export_dir, png_renderer, write_picture, write_tables
        from cchc_tui.i18n import EXPORT_FAILED_TO, export_toast

        folder = export_dir(self.config.app.export_dir)
        try:
            written = write_tables(folder, report, lang, now)
            picture = write_picture(folder, base_name(report, now), svg, png_renderer())
        except OSError as exc:
            word = pick(EXPORT_FAILED_TO, lang)
            self.call_from_thread(self.notify, f"{word} {folder}: {exc.strerror or exc}",
                                  severity="error", markup=False)
            return
        files = [*written, picture.svg, *([picture.png] if picture.png else [])]
        names = f"{base_name(report, now)} ({' '.join(p.suffix for p in files)})"
        text = export_toast(str(folder), names, picture.renderer, picture.png is not None,
                            picture.problem, lang)
        self.call_from_thread(self.notify, text, markup=False, timeout=10)

    def action_help(self) -> None:
        from cchc_tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.engine, self.unit, self.period, self.lang))

    def action_toggle_lang(self) -> None:
        self.lang = LANGS[1 - LANGS.index(self.lang)]  # the other one

    async def action_quit(self) -> None:
        self.exit(0)


def make_app(config: Config, source: Source | None = None,
             clock: Callable[[], datetime] | None = None,
             start: StartAt | None = None) -> CchcApp:
    """The dashboard for `config`; tests pass their own source and a fixed clock."""
    return CchcApp(config, source=source, clock=clock, start=start)
