"""The big face of meeting mode: every glyph five rows, every digit unlike every other."""

from __future__ import annotations

from itertools import combinations

import pytest

from cchc_tui.widgets.bigdigits import _BITMAPS, GLYPHS, ROWS, big_lines, big_width

DIGITS = "0123456789"


def ink(ch: str) -> set[tuple[int, int]]:
    """The inked half-cells of a glyph's bitmap."""
    return {(r, c) for r, row in enumerate(_BITMAPS[ch]) for c, px in enumerate(row) if px == "#"}


def test_every_glyph_is_five_rows_of_one_width() -> None:
    for ch, rows in GLYPHS.items():
        assert len(rows) == ROWS, ch
        assert len({len(r) for r in rows}) == 1, ch
        assert set("".join(rows)) <= set(" ▀▄█"), ch


def test_every_digit_draws_differently() -> None:
    drawn = {ch: GLYPHS[ch] for ch in DIGITS}
    assert len(set(drawn.values())) == len(DIGITS)


@pytest.mark.parametrize(("a", "b"), list(combinations(DIGITS, 2)))
def test_two_digits_differ_by_at_least_three_half_cells(a: str, b: str) -> None:
    # One stray half-cell would be lost on a projector; three is a whole stroke.
    assert len(ink(a) ^ ink(b)) >= 3


def test_seven_is_not_one() -> None:
    seven, one = ink("7"), ink("1")
    assert len(seven ^ one) >= 10
    width = len(_BITMAPS["7"][0])
    assert {(0, c) for c in range(width)} <= seven  # 7: a bar across the top…
    assert not {(0, c) for c in range(width)} <= one  # …which 1 lacks,
    assert {(9, c) for c in range(width)} <= one  # and 1 stands on a base
    assert not {(9, c) for c in range(width)} <= seven


def test_a_figure_with_comma_point_percent_and_minus() -> None:
    lines = big_lines("73,87%")
    assert len(lines) == ROWS and len({len(x) for x in lines}) == 1
    assert big_width("73,87%") == 4 * 5 + 2 + 5 + 5  # glyphs and one-column gaps
    assert big_lines("−1") == big_lines("-1")
    assert big_lines("1.5") != big_lines("1,5")
    assert big_lines("x") == big_lines("—")  # a character the face lacks: a dash
    assert big_lines("") == ("",) * ROWS
