"""`cchc-tui import-766 FILE… -o FEED.json`: saved portal answers → one feed v1 file."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import msgspec

from cchc_tui.feed.raw import FeedError
from cchc_tui.files import write_atomic


def run_import_766(files: list[Path], output: Path, as_of: str | None) -> int:
    from cchc_tui.feed.build import build_snapshot
    from cchc_tui.feed.json_feed import decode_json
    from cchc_tui.portal.convert import feed_of, read_answer_file

    day = None
    if as_of:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            print(f"cchc-tui import-766: --as-of {as_of!r}: expected a day YYYY-MM-DD",
                  file=sys.stderr)
            return 2
    try:
        captures = [read_answer_file(path) for path in files]
        doc = feed_of(captures, day)
        data = msgspec.json.encode(doc)
        build_snapshot([decode_json(data, str(output))])  # the same checks as any feed
    except FeedError as exc:
        print(f"cchc-tui import-766: cannot import:\n{exc}", file=sys.stderr)
        return 1
    for cap in captures:
        for warning in cap.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    try:
        _write(output, msgspec.json.format(data, indent=1))
    except OSError as exc:
        print(f"cchc-tui import-766: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return 1
    levels = Counter(u["level"] for u in doc["units"])
    shown = ", ".join(f"{n} {level}" for level, n in levels.items())
    print(f"{output}: {len(doc['units'])} units ({shown}), {len(doc['observations'])} counts, "
          f"{len(doc['reported'])} published values")
    return 0


def _write(path: Path, data: bytes) -> None:
    """Beside the target, then renamed: a reader never sees half a feed."""
    write_atomic(path, data)
