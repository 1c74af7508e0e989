"""Figures five rows tall, for a projector: each glyph reads right from the back of a room.

Textual's 3-row `Digits` draws 7 as a stem with a small flag, which reads as 1 from afar.
Here every glyph is a bitmap ten half-rows tall, drawn with half blocks (▀ ▄ █) so that
horizontal and vertical strokes are equally thick: 7 has a full top bar and a slanted stem,
1 a flag and a base.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

ROWS = 5  # terminal rows; each holds two bitmap rows
GAP = 1  # blank columns between glyphs

# "#" is ink; every bitmap is 10 rows of equal width.
_BITMAPS: dict[str, tuple[str, ...]] = {
    "0": ("#####", "#...#", "#...#", "#...#", "#...#",
          "#...#", "#...#", "#...#", "#...#", "#####"),
    "1": ("..#..", ".##..", "#.#..", "..#..", "..#..",
          "..#..", "..#..", "..#..", "..#..", "#####"),
    "2": ("#####", "....#", "....#", "....#", "#####",
          "#....", "#....", "#....", "#....", "#####"),
    "3": ("#####", "....#", "....#", "....#", ".####",
          "....#", "....#", "....#", "....#", "#####"),
    "4": ("#...#", "#...#", "#...#", "#...#", "#####",
          "....#", "....#", "....#", "....#", "....#"),
    "5": ("#####", "#....", "#....", "#....", "#####",
          "....#", "....#", "....#", "....#", "#####"),
    "6": ("#####", "#....", "#....", "#....", "#####",
          "#...#", "#...#", "#...#", "#...#", "#####"),
    "7": ("#####", "....#", "....#", "...#.", "...#.",
          "..#..", "..#..", "..#..", "..#..", "..#.."),
    "8": ("#####", "#...#", "#...#", "#...#", "#####",
          "#...#", "#...#", "#...#", "#...#", "#####"),
    "9": ("#####", "#...#", "#...#", "#...#", "#####",
          "....#", "....#", "....#", "....#", "#####"),
    ",": ("..", "..", "..", "..", "..", "..", "##", "##", ".#", "#."),
    ".": ("..", "..", "..", "..", "..", "..", "..", "..", "##", "##"),
    "%": ("##..#", "##..#", "...#.", "...#.", "..#..",
          "..#..", ".#...", ".#...", "#..##", "#..##"),
    "-": ("....", "....", "....", "....", "####", "####", "....", "....", "....", "...."),
    "—": (".....", ".....", ".....", ".....", "#####",
          "#####", ".....", ".....", ".....", "....."),
    # the marks a value may carry: partial (*) and a note (†), small and high like an index
    "*": ("#.#", ".#.", "#.#", "...", "...", "...", "...", "...", "...", "..."),
    "†": (".#.", "###", ".#.", ".#.", ".#.", "...", "...", "...", "...", "..."),
    " ": ("..",) * 10,
}
_BITMAPS["−"] = _BITMAPS["-"]  # the minus sign draws as the hyphen
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
_UNKNOWN = "—"


def _draw(bitmap: tuple[str, ...]) -> tuple[str, ...]:
    """Ten bitmap rows → five rows of half blocks."""
    return tuple("".join(_HALVES[(top[i] == "#", bottom[i] == "#")] for i in range(len(top)))
                 for top, bottom in zip(bitmap[0::2], bitmap[1::2], strict=True))


GLYPHS: dict[str, tuple[str, ...]] = {ch: _draw(b) for ch, b in _BITMAPS.items()}


def glyph(ch: str) -> tuple[str, ...]:
    """The five rows of one character; a character the face lacks draws as a dash."""
    return GLYPHS.get(ch, GLYPHS[_UNKNOWN])


def big_lines(text: str) -> tuple[str, ...]:
    """`text` as five rows of half blocks, glyphs one column apart."""
    if not text:
        return ("",) * ROWS
    pad = " " * GAP
    return tuple(pad.join(glyph(ch)[row] for ch in text) for row in range(ROWS))


def big_width(text: str) -> int:
    return len(big_lines(text)[0])


class BigFigure(Widget):
    """A figure such as "73,87%" in the big face, in the widget's own colour."""

    DEFAULT_CSS = """
    BigFigure { width: auto; height: 5; }
    """

    value: reactive[str] = reactive("", layout=True)

    def __init__(self, value: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.set_reactive(BigFigure.value, value)

    def update(self, value: str) -> None:
        self.value = value

    def render(self) -> Content:
        return Content("\n".join(big_lines(self.value)))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return big_width(self.value)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return ROWS
