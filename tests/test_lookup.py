"""Finding units by code or by a name typed without diacritics."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_tui.feed.load import load_path
from cchc_tui.model.lookup import UnitLookupError, find_unit, search_units
from cchc_tui.model.snapshot import Snapshot

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fixtures() -> Snapshot:
    return load_path(ROOT / "fixtures")


@pytest.mark.parametrize("query, code", [
    ("song cau", "01837"), ("Sông Cầu", "01837"), ("phuong song cau", "01837"),
    ("SONG CAU", "01837"), ("01837", "01837"), ("thach ban", "00124"),
    ("binh thanh", "765"), ("tam ky", "502"), ("ha noi", "01"),
])
def test_find_unit(fixtures: Snapshot, query: str, code: str) -> None:
    assert find_unit(fixtures, query).code == code


def test_d_matches_dj(fixtures: Snapshot) -> None:
    names = [u.name for u in search_units(fixtures, "đ")]
    # Names with a d come first; units below a matching parent follow.
    assert names and all("đ" in n.lower() or "d" in n.lower() for n in names[:5])
    assert search_units(fixtures, "d")[:3] == search_units(fixtures, "đ")[:3]


def test_ambiguous_name_lists_candidates_with_codes_and_parents(fixtures: Snapshot) -> None:
    same = [u for u in fixtures.units.values() if u.name == "Xã Tân Lập"]
    assert len(same) == 2
    with pytest.raises(UnitLookupError) as info:
        find_unit(fixtures, "tan lap")
    text = str(info.value)
    for unit in same:
        assert unit.code in text
        assert fixtures.units[unit.parent].name in text


def test_unknown_name(fixtures: Snapshot) -> None:
    with pytest.raises(UnitLookupError, match="no unit matches"):
        find_unit(fixtures, "khong co dau")


def test_parent_names_narrow_the_search(fixtures: Snapshot) -> None:
    tan_lap = search_units(fixtures, "tan lap dong xuan")
    assert len(tan_lap) == 1 and tan_lap[0].parent == "MP02"
