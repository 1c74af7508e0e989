"""The bundled fixture files: well-formed feeds, known names, resolvable units, reproducible."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cchc_tui.model.catalogue import KPIS, MEASURES
from cchc_tui.model.vocabulary import LEVELS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
SIMULATED = FIXTURES / "simulated" / "tinh-mo-phong.json"
SCRIPT = ROOT / "scripts" / "generate_simulated.py"
FILES = sorted(FIXTURES.rglob("*.json"))

# Figures the reports publish that have no measure in the catalogue: kept, listed as findings.
EXTRA_MEASURES = frozenset({
    "community_digital_teams", "community_digital_teams_total", "community_digital_team_members",
    "procedures_reviewed", "procedures_amendments_proposed",
    "dossiers_online_service_level_3_4", "procedures_published_commune_level", "procedures_linked",
    "dossiers_with_appointment", "dossiers_returned_4h_early",
    "procedures_simplified", "procedures_on_city_system",
    "broadband_subscriptions", "mobile_subscriptions_3g4g",
})
# Published percentages without a catalogue formula (the PAR index is in points out of 100).
EXTRA_KPIS = frozenset({"direct_dossier_rate", "par_index"})

PERIOD = re.compile(
    r"^(\d{4})(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$|^\d{4}-(0[1-9]|1[0-2])/\d{4}-(0[1-9]|1[0-2])$"
)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def observations(feed: dict[str, Any]) -> list[dict[str, Any]]:
    """Long-form observations plus the non-null cells of every columnar block."""
    out = list(feed.get("observations", []))
    for block in feed.get("columns", []):
        values = iter(block["values"])
        for unit in block["units"]:
            for period in block["periods"]:
                for measure in block["measures"]:
                    value = next(values)
                    if value is not None:
                        out.append({"unit": unit, "period": period, "measure": measure,
                                    "value": value})
    return out


def value_of(feed: dict[str, Any], unit: str, period: str, measure: str) -> Any:
    found = [o["value"] for o in observations(feed)
             if (o["unit"], o["period"], o["measure"]) == (unit, period, measure)]
    assert len(found) <= 1, (unit, period, measure)
    return found[0] if found else None


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_simulated", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def simulated() -> dict[str, Any]:
    return load(SIMULATED)


def test_the_two_data_sets_are_there() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.json")) == [
        "000-phuong-song-cau.json", "001-quan-thanh-xuan.json", "002-phuong-thach-ban.json",
        "003-quan-binh-thanh.json", "004-tp-tam-ky.json",
    ]
    assert SIMULATED in FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_header(path: Path) -> None:
    feed = load(path)
    assert feed["format"] == "cchc-kpi-feed"
    assert feed["version"] == 1
    assert feed["units"]
    assert TIMESTAMP.match(feed["generated_at"]), feed["generated_at"]
    assert feed["publisher"].strip()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_measures_periods_and_values(path: Path) -> None:
    for obs in observations(load(path)):
        assert obs["measure"] in MEASURES or obs["measure"] in EXTRA_MEASURES, obs
        assert PERIOD.match(obs["period"]), obs
        value = obs["value"]
        assert isinstance(value, int) and not isinstance(value, bool), obs  # counts, đồng
        assert value >= 0, obs


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_reported_and_targets(path: Path) -> None:
    feed = load(path)
    for rec in feed.get("reported", []):
        assert rec["kpi"] in KPIS or rec["kpi"] in EXTRA_KPIS, rec
        assert PERIOD.match(rec["period"]), rec
        assert isinstance(rec["value"], int | float) and 0 <= rec["value"] <= 100, rec
    for target in feed.get("targets", []):
        assert target["kpi"] in KPIS, target
        assert 0 <= target["value"] <= 100, target
        assert target["basis"].strip(), target  # the scope is resolved with the units below


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_columnar_cubes_are_dense(path: Path) -> None:
    for block in load(path).get("columns", []):
        size = len(block["units"]) * len(block["periods"]) * len(block["measures"])
        assert len(block["values"]) == size
        assert len(set(block["units"])) == len(block["units"])
        assert len(set(block["periods"])) == len(block["periods"])
        assert len(set(block["measures"])) == len(block["measures"])


def test_units_resolve_across_files() -> None:
    defined: dict[str, dict[str, Any]] = {}
    for path in FILES:
        for unit in load(path)["units"]:
            assert unit["name"].strip() and unit["level"] in LEVELS, unit
            previous = defined.setdefault(unit["code"], unit)
            assert previous == unit, f"{unit['code']} defined differently in {path.name}"
    for unit in defined.values():
        if "parent" in unit:
            parent = defined[unit["parent"]]
            assert LEVELS.index(parent["level"]) < LEVELS.index(unit["level"]), unit
        else:
            assert unit["level"] == "province", unit
    for path in FILES:
        feed = load(path)
        used = {o["unit"] for o in observations(feed)}
        used |= {r["unit"] for r in feed.get("reported", [])}
        used |= {t["scope"] for t in feed.get("targets", [])} - {"*", *LEVELS}
        assert used <= defined.keys(), (path.name, used - defined.keys())


def test_shared_units_are_identical_in_content() -> None:
    hanoi = [u for p in SEEDS.glob("*.json") for u in load(p)["units"] if u["code"] == "01"]
    assert len(hanoi) == 2
    assert hanoi[0] == hanoi[1]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.json")), ids=lambda p: p.name)
def test_seed_records_quote_their_report(path: Path) -> None:
    feed = load(path)
    assert "dữ liệu mô phỏng" not in feed["publisher"]
    for rec in feed.get("observations", []) + feed.get("reported", []):
        assert rec.get("note", "").strip(), rec
    assert "columns" not in feed


def test_seed_spot_checks() -> None:
    song_cau = load(SEEDS / "000-phuong-song-cau.json")
    assert value_of(song_cau, "01837", "2023", "dossiers_received") == 1109
    assert value_of(song_cau, "01837", "2023", "dossiers_received_online") == 573
    assert value_of(song_cau, "01837", "2024-04", "procedures_total") == 114
    assert song_cau["generated_at"].startswith("2024-04-23")

    thanh_xuan = load(SEEDS / "001-quan-thanh-xuan.json")
    assert value_of(thanh_xuan, "009", "2020-11/2021-12", "e_receipts_amount_vnd") == 317_000_000
    assert thanh_xuan["targets"] == [{"kpi": "satisfaction_rate", "value": 85, "scope": "01",
                                      "basis": "chỉ tiêu chung của Thành phố Hà Nội (trên 85%)"}]

    thach_ban = load(SEEDS / "002-phuong-thach-ban.json")
    parts = [value_of(thach_ban, "00124", "2020-H1", m)
             for m in ("dossiers_received_online", "dossiers_received_direct")]
    assert sum(parts) == value_of(thach_ban, "00124", "2020-H1", "dossiers_received") == 2685

    binh_thanh = load(SEEDS / "003-quan-binh-thanh.json")
    assert value_of(binh_thanh, "765", "2023-H1", "dossiers_received") is None  # derived: 6603
    channels = [value_of(binh_thanh, "765", "2023-H1", f"dossiers_received_{c}")
                for c in ("online", "direct", "postal")]
    assert sum(channels) == 6603

    tam_ky = load(SEEDS / "004-tp-tam-ky.json")
    assert value_of(tam_ky, "502", "2023-Q1", "dossiers_received_online") == 6705
    rates = {r["period"]: r["value"] for r in tam_ky["reported"]}
    assert rates == {"2023-Q1": 48.6, "2023-Q2": 41.21, "2023-06": 2, "2023-H1": 35}


def test_simulated_is_labelled(simulated: dict[str, Any]) -> None:
    assert "dữ liệu mô phỏng" in simulated["publisher"]
    assert "dữ liệu mô phỏng" in simulated["title"]
    assert "observations" not in simulated and "targets" not in simulated


def test_simulated_matches_its_generator(generator: ModuleType,
                                         simulated: dict[str, Any]) -> None:
    feed = generator.build_feed()
    assert feed == simulated
    assert generator.build_feed() == feed  # deterministic
    assert generator.render(feed) == SIMULATED.read_text(encoding="utf-8")
    assert generator.main(["--check"]) == 0


def test_simulated_check_flags_a_stale_file(generator: ModuleType, tmp_path: Path) -> None:
    stale = tmp_path / "stale.json"
    stale.write_text("{}\n", encoding="utf-8")
    assert generator.main(["--check", "--output", str(stale)]) == 1


def test_simulated_shape(simulated: dict[str, Any]) -> None:
    units = simulated["units"]
    by_level = {level: [u for u in units if u["level"] == level] for level in LEVELS}
    assert [len(by_level[level]) for level in ("province", "district", "commune")] == [1, 2, 20]
    assert sum(map(len, by_level.values())) == len(units)
    names = [u["name"] for u in by_level["commune"]]
    assert names.count("Xã Tân Lập") == 2
    tan_lap = [u["parent"] for u in by_level["commune"] if u["name"] == "Xã Tân Lập"]
    assert sorted(tan_lap) == ["MP01", "MP02"]
    place_names = [re.sub(r"^(Phường|Xã|Thị trấn) ", "", n) for n in names]
    assert sum(n.startswith("Đ") for n in place_names) >= 2
    flows = simulated["columns"][0]
    assert flows["periods"][0] == "2023-11" and flows["periods"][-1] == "2026-10"
    assert len(flows["periods"]) == 36
    assert SIMULATED.stat().st_size < 1_500_000


def test_simulated_data_quality_cases(simulated: dict[str, Any]) -> None:
    obs = observations(simulated)
    cells = {(o["unit"], o["period"], o["measure"]): o["value"] for o in obs}
    wards = [u["code"] for u in simulated["units"] if u["level"] == "commune"]

    silent = [w for w in wards if (w, "2026-10", "dossiers_received") not in cells]
    assert silent == ["MP02007"]
    assert ("MP02007", "2026-09", "dossiers_received") not in cells
    assert ("MP02007", "2026-08", "dossiers_received") in cells

    over = [(u, p) for (u, p, m), v in cells.items() if m == "dossiers_received_online"
            and v > cells[(u, p, "dossiers_received")]]
    assert over == [("MP01005", "2025-03")]

    children = [u["code"] for u in simulated["units"] if u.get("parent") == "MP02"]
    for period in simulated["columns"][1]["periods"]:
        own = cells[("MP02", period, "staff_total")]
        assert own < sum(cells[(c, period, "staff_total")] for c in children)

    assert cells[("MP", "2026-09", "communes_total")] == 20
    assert cells[("MP", "2026-09", "communes_e_receipts")] == 20
    assert cells[("MP", "2023-12", "communes_e_receipts")] < 20

    rate = [r for r in simulated["reported"] if r["kpi"] == "online_dossier_rate"]
    assert len(rate) == 1
    unit, period = rate[0]["unit"], rate[0]["period"]
    computed = 100 * cells[(unit, period, "dossiers_received_online")] / cells[
        (unit, period, "dossiers_received")]
    assert abs(rate[0]["value"] - computed) > 5

    satisfaction = {(r["unit"], r["period"]) for r in simulated["reported"]
                    if r["kpi"] == "satisfaction_rate"}
    assert len(satisfaction) == 20 * 4


def test_simulated_counts_add_up_outside_the_planted_cases(simulated: dict[str, Any]) -> None:
    cells = {(o["unit"], o["period"], o["measure"]): o["value"] for o in observations(simulated)}
    for (unit, period, measure), received in cells.items():
        if measure != "dossiers_received" or (unit, period) == ("MP01005", "2025-03"):
            continue
        channels = sum(cells[(unit, period, f"dossiers_received_{c}")]
                       for c in ("online", "direct", "postal"))
        assert channels == received, (unit, period)
        resolved = sum(cells[(unit, period, f"dossiers_resolved_{c}")]
                       for c in ("early", "on_time", "late"))
        assert resolved == cells[(unit, period, "dossiers_resolved")], (unit, period)
        assert cells[(unit, period, "dossiers_paid_online")] <= cells[
            (unit, period, "dossiers_fee_bearing")]
