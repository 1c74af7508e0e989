"""A feed too large to compute inline: panels come from a worker, keys never wait on it."""

from __future__ import annotations

from cchc_tui.app import INLINE_UNITS, CchcApp, make_app
from cchc_tui.model.observations import ObservationStore
from cchc_tui.model.periods import parse_period
from cchc_tui.model.snapshot import Snapshot, Unit
from cchc_tui.sources.memory import MemorySource
from cchc_tui.viewmodel import Superseded, screen_views
from tests.app_support import FIXED_NOW, config, settle

PROVINCES = 6
COMMUNES = INLINE_UNITS // PROVINCES + 10  # over the inline limit in all


def big_snapshot() -> Snapshot:
    units = {}
    store = ObservationStore()
    months = [parse_period(f"2026-0{m}") for m in (1, 2, 3)]  # a whole quarter
    for p in range(PROVINCES):
        code = f"P{p}"
        units[code] = Unit(code, f"Tỉnh {p}", "province")
        for c in range(COMMUNES):
            commune = f"P{p}C{c:04d}"
            units[commune] = Unit(commune, f"Xã {p}-{c}", "commune", code)
            for month in months:
                store.put(commune, "dossiers_received", month, 100.0)
                store.put(commune, "dossiers_received_online", month, float(10 * (p + 1)))
    return Snapshot(units=units, observations=store.freeze(), reported={})


def online_rate_shown(app: CchcApp) -> str:
    return str(app.query_one("#panel-online .rows").render())


async def test_keys_pressed_quickly_end_on_the_last_unit() -> None:
    snapshot = big_snapshot()
    assert len(snapshot.units) > INLINE_UNITS
    app = make_app(config(), source=MemorySource(snapshot), clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.unit == "P3"
        assert app._shown is not None and app._shown[1] == "P3"
        assert "40,00%" in online_rate_shown(app)  # P3's communes: 40 of 100 online
        await pilot.press("left_square_bracket")  # computed ahead while P3 was read
        await settle(pilot)
        assert app._shown is not None and app._shown[1] == "P2"
        assert "30,00%" in online_rate_shown(app)


def test_a_superseded_computation_stops_between_panels() -> None:
    from cchc_tui.kpi.engine import Engine

    snapshot = big_snapshot()
    engine = Engine(snapshot)
    asked = []

    def superseded() -> bool:
        asked.append(1)
        return len(asked) > 1  # after the first panel

    try:
        screen_views(engine, "P0", parse_period("2026-03"), "vi", "online_dossier_rate",
                     superseded)
    except Superseded:
        pass
    else:
        raise AssertionError("not stopped")
    assert len(asked) == 2
