"""`cchc-tui import-766 FILE… -o FEED.json`: saved portal answers → one feed v1 file."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import msgspec

from cchc_tui.feed.raw import FeedError
from cchc_tui.files import write_atomic
from cchc_tui.i18n import LEVEL_WORDS, Lang, pick, tool_says
from cchc_tui.text import format_count, printable


def run_import_766(files: list[Path], output: Path, as_of: str | None,
                   lang: Lang = "vi") -> int:
    def say(key: str, **fields: object) -> str:
        return printable("cchc-tui import-766: " + tool_says(key, lang, **fields))

    from cchc_tui.feed.build import build_snapshot
    from cchc_tui.feed.json_feed import decode_json
    from cchc_tui.portal.convert import feed_of, read_answer_file

    day = None
    if as_of:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            print(say("bad_as_of", value=repr(as_of)), file=sys.stderr)
            return 2
    try:
        captures = [read_answer_file(path) for path in files]
        doc = feed_of(captures, day)
        data = msgspec.json.encode(doc)
        build_snapshot([decode_json(data, str(output))])  # the same checks as any feed
    except FeedError as exc:
        print(say("cannot_import") + "\n" + printable(exc.text(lang)), file=sys.stderr)
        return 1
    for cap in captures:
        for warning in cap.warnings:
            print(printable(tool_says("warning", lang) + warning.text(lang)), file=sys.stderr)
    try:
        _write(output, msgspec.json.format(data, indent=1))
    except OSError as exc:
        print(say("cannot_write", path=output, why=exc.strerror), file=sys.stderr)
        return 1
    levels = Counter(u["level"] for u in doc["units"])
    shown = ", ".join(f"{format_count(n, lang)} "
                      f"{pick(LEVEL_WORDS.get(level, (level, level)), lang)}"
                      for level, n in levels.items())
    print(printable(tool_says("imported", lang, path=output,
                              units=format_count(len(doc["units"]), lang), levels=shown,
                              counts=format_count(len(doc["observations"]), lang),
                              published=format_count(len(doc["reported"]), lang))))
    return 0


def _write(path: Path, data: bytes) -> None:
    """Beside the target, then renamed: a reader never sees half a feed."""
    write_atomic(path, data)
