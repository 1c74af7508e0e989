"""The header at every width: unit, period, data date and the simulated marker stay; the
state, the publisher and the parents give way; a control character never breaks a line."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from cchc_tui.app import CchcApp
from cchc_tui.frame import HeaderView
from cchc_tui.sources.fixtures import FixtureSource
from cchc_tui.widgets.header import StatusHeader, first_line, second_line
from tests.app_support import app, settle

SIZES = [(60, 20), (80, 24), (120, 36)]


def lines(dashboard: CchcApp) -> list[str]:
    return dashboard.query_one(StatusHeader).render().plain.split("\n")


def view(**changes: object) -> HeaderView:
    base: dict[str, object] = dict(
        breadcrumb=("Tỉnh Bắc Kạn", "Thành phố Bắc Kạn", "Phường Sông Cầu"),
        period_text="Quý III/2026", state="live",
        source_text="Cổng TTĐT thành phố Bắc Kạn (backancity.gov.vn) · số liệu ngày "
                    "23/04/2024 08:00",
        state_text="● trực tiếp · đọc lúc 08:42:00 · lần sau 08:43:00 (tệp)",
        source_name="Cổng TTĐT thành phố Bắc Kạn (backancity.gov.vn)",
        data_text="số liệu ngày 23/04/2024 08:00", data_date="23/04/2024 08:00")
    base.update(changes)
    return HeaderView(**base)


@pytest.mark.parametrize("width", [40, 50, 58, 78, 118])
def test_what_always_stays(width: int) -> None:
    first, second = first_line(view(), width).plain, second_line(view(), width).plain
    assert len(first) <= width and len(second) <= width
    assert "Sông Cầu" in first and first.endswith("Quý III/2026")
    assert second.startswith("●") and "23/04/2024" in second


def test_the_order_things_give_way() -> None:
    v = view()
    assert first_line(v, 118).plain == ("Tỉnh Bắc Kạn › Thành phố Bắc Kạn › Phường Sông Cầu"
                                         "  ·  Quý III/2026")
    assert first_line(v, 58).plain == "Tỉnh Bắc Kạn › … › Phường Sông Cầu  ·  Quý III/2026"
    assert first_line(v, 40).plain == "… › Phường Sông Cầu  ·  Quý III/2026"
    assert first_line(v, 20).plain == "Phườ… · Quý III/2026"
    assert second_line(v, 140).plain == f"{v.state_text}  ·  {v.source_text}"
    # the state's times go first, then its word, then the publisher is cut
    assert second_line(v, 100).plain == f"● trực tiếp  ·  {v.source_text}"
    assert second_line(v, 58).plain == "● Cổng TTĐT thành phố… · số liệu ngày 23/04/2024 08:00"
    assert second_line(v, 40).plain == "● số liệu ngày 23/04/2024 08:00"
    assert second_line(v, 25).plain == "● 23/04/2024 08:00"


def test_a_cut_name_does_not_end_in_a_space() -> None:
    v = view(source_name="Cổng TTĐT thành phố Bắc Kạn (backancity.gov.vn)")
    cut = second_line(v, 59).plain
    assert "…" in cut and " …" not in cut


def test_the_simulated_marker_is_never_cut() -> None:
    v = view(source_name="dữ liệu mô phỏng", simulated=True,
             source_text="dữ liệu mô phỏng · số liệu ngày 01/11/2026 08:00",
             data_text="số liệu ngày 01/11/2026 08:00", data_date="01/11/2026 08:00")
    assert second_line(v, 58).plain == "● dữ liệu mô phỏng · số liệu ngày 01/11/2026 08:00"
    assert second_line(v, 44).plain == "● dữ liệu mô phỏng · 01/11/2026 08:00"


def test_an_error_keeps_its_word_while_it_fits() -> None:
    v = view(state="error", state_text="✗ LỖI NGUỒN: HTTP 500 — số liệu đọc lúc 08:40:00 · "
                                       "thử lại 08:45:00")
    # why it fails stays longer than the publisher's name
    assert second_line(v, 78).plain == ("✗ LỖI NGUỒN: HTTP 500  ·  Cổng TTĐT thành phố… · "
                                        "số liệu ngày 23/04/2024 08:00")
    assert second_line(v, 58).plain == "✗ LỖI NGUỒN: HTTP 500  ·  số liệu ngày 23/04/2024 08:00"
    assert second_line(v, 46).plain == "✗ LỖI NGUỒN: HTTP 500  ·  23/04/2024 08:00"
    assert second_line(v, 40).plain == "✗ LỖI NGUỒN  ·  23/04/2024 08:00"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_unit_period_date_and_simulated_marker_at_every_size(
        size: tuple[int, int], lang: str) -> None:
    dashboard = app(lang)
    async with dashboard.run_test(size=size) as pilot:
        await settle(pilot)
        dashboard.select_unit("MP01001")
        await pilot.pause()
        first, second = lines(dashboard)
        width = size[0] - 2  # the header's padding
        assert len(first) <= width and len(second) <= width
        assert "Phường Đông Hòa" in first
        assert first.endswith("Quý III/2026" if lang == "vi" else "2026 Q3")
        assert ("dữ liệu mô phỏng" if lang == "vi" else "simulated data") in second
        assert "01/11/2026" in second or "2026" in second.split("·")[-1]
        assert "…" not in second.split("·")[-1]  # the date is whole


async def test_a_newline_or_control_character_in_a_name_stays_on_its_line(
        tmp_path: Path) -> None:
    doc = {"format": "cchc-kpi-feed", "version": 1, "generated_at": "2026-10-31T08:00:00+07:00",
           "publisher": "UBND\ntỉnh\x1b[31m Đỏ",
           "units": [{"code": "P", "name": "Tỉnh\nHai Dòng", "level": "province"},
                     {"code": "C1", "name": "Xã\rMột\x07", "level": "commune", "parent": "P"}],
           "observations": [
               {"unit": "C1", "period": "2025-12", "measure": "dossiers_received", "value": 10},
               {"unit": "C1", "period": "2025-12", "measure": "dossiers_received_online",
                "value": 5}]}
    (tmp_path / "feed.json").write_text(json.dumps(doc), encoding="utf-8")
    dashboard = app(source=FixtureSource(tmp_path))
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        dashboard.select_unit("C1")
        await pilot.pause()
        header = dashboard.query_one(StatusHeader)
        text = header.render().plain
        assert text.count("\n") == 1  # two lines, whatever the names hold
        first, second = text.split("\n")
        assert "Tỉnh\\x0aHai Dòng" in first and "Xã\\x0dMột\\x07" in first
        assert "UBND\\x0atỉnh\\x1b[31m Đỏ" in second
        assert "\x1b" not in text and "\x07" not in text and "\r" not in text
        assert header.region.height == 2


def test_header_view_gives_the_parts() -> None:
    from cchc_tui.feed.load import load_paths
    from cchc_tui.frame import header_view
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.model.periods import parse_period
    from cchc_tui.resources import default_fixtures_dir
    from cchc_tui.sources.status import SourceStatus

    engine = Engine(load_paths([default_fixtures_dir()]))
    status = SourceStatus(kind="files", state="live")
    now = datetime(2026, 11, 1, 8, 42)
    sim = header_view(engine, "MP01001", parse_period("2026-Q3"), "vi", status, now)
    assert sim.simulated and sim.source_name == "dữ liệu mô phỏng"
    assert sim.data_text == f"số liệu ngày {sim.data_date}" and sim.data_date
    assert sim.source_text == f"{sim.source_name} · {sim.data_text}"
    real = header_view(engine, "01837", parse_period("2023"), "en", status, now)
    assert not real.simulated and real.source_name.startswith("Cổng TTĐT")
    assert real.data_text == f"data of {real.data_date}"


@pytest.mark.parametrize("state,state_text", [
    ("live", "● trực tiếp · đọc lúc 08:42:00 · lần sau 08:43:00 (tệp)"),
    ("error", "✗ LỖI NGUỒN: HTTP 500 — số liệu đọc lúc 08:40:00 · thử lại 08:45:00"),
    ("offline", "▲ OFFLINE: connection refused — figures read 08:40:00 · retry 08:45:00")])
def test_no_orphan_separator_after_a_lone_symbol(state: str, state_text: str) -> None:
    """Once the state's word is dropped, its symbol leads the source: never "● ·"."""
    for width in range(16, 150):
        second = second_line(view(state=state, state_text=state_text), width).plain
        assert not re.match(r"^\S\s+·", second), (width, second)
        assert not second.rstrip().endswith("·"), (width, second)


def test_no_unit_yet_leaves_no_orphan_separator() -> None:
    v = view(breadcrumb=(), period_text="—")
    assert first_line(v, 80).plain == "—"
