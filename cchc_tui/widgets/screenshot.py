"""The screen as an SVG with its stamp drawn inside the picture, under the screen: a title
bar's text is cut at both ends when it is long, and a picture pasted into a report must say
by itself whose figures it shows, of when, exported when."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.app import App

STAMP_STYLE = "bold #ffffff on #1f3a5f"  # a band that reads on a light or a dark screen


def stamp_rows(parts: list[str], width: int) -> list[str]:
    """The stamp's parts joined by " · " on as few rows of `width` cells as they take; a
    part longer than a row is wrapped, never cut."""
    rows: list[str] = []
    line = ""
    for part in parts:
        joined = f"{line} · {part}" if line else part
        if len(joined) + 2 <= width:
            line = joined
            continue
        if line:
            rows.append(line)
        line = part
        while len(line) + 2 > width and width > 3:
            rows.append(line[: width - 2])
            line = line[width - 2:]
    if line:
        rows.append(line)
    return rows


def screen_svg(app: App[Any], stamp: list[str]) -> str:
    """What `App.export_screenshot` draws (the current screen over those below it), then
    the stamp's rows; the SVG's own title is the app's name only."""
    width, height = app.size
    rows = stamp_rows(stamp, width)
    console = Console(width=width, height=height + len(rows), file=io.StringIO(),
                      force_terminal=True, color_system="truecolor", record=True,
                      legacy_windows=False, safe_box=False)
    # The same private calls as Textual's export_screenshot: there is no public way to
    # render the screen into a console of our own.
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True))
    # The screen's last row ends without a line break: the stamp starts with one.
    band = Text("\n").join(Text(f" {row}".ljust(width), style=STAMP_STYLE) for row in rows)
    console.print(Text("\n") + band, no_wrap=True, overflow="crop")
    return console.export_svg(title=app.title)
