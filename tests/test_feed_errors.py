"""Bad feeds: every class of mistake gets its own sentence and a place, never a traceback.

Each case goes through the API (decode_bytes + build_snapshot, and load_paths from disk) and
through the CLI (`cchc-tui validate PATH`: exit 0 valid, 1 invalid, 2 usage error).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes, load_path, load_paths
from cchc_tui.feed.raw import MAX_ERRORS, FeedError, FeedIssue
from cchc_tui.model.periods import parse_period
from cchc_tui.model.snapshot import Snapshot
from tests.helpers import minimal_doc, run_cli, write_feed


# --- helpers ------------------------------------------------------------------------------
def decode(data: bytes, origin: str) -> Snapshot:
    return build_snapshot([decode_bytes(data, origin)])


def decode_error(data: bytes, origin: str) -> FeedError:
    with pytest.raises(FeedError) as info:
        decode(data, origin)
    return info.value


def load_error(*paths: Path) -> FeedError:
    with pytest.raises(FeedError) as info:
        load_paths(list(paths))
    return info.value


def only_issue(exc: FeedError) -> FeedIssue:
    errors = [i for i in exc.issues if i.severity == "error"]
    assert len(errors) == 1, "\n".join(map(str, errors))
    assert "Traceback" not in str(exc)
    return errors[0]


def assert_issue(issue: FeedIssue, origin: str, where: str, words: tuple[str, ...]) -> None:
    assert issue.origin == origin
    assert issue.where == where, str(issue)
    for word in words:
        assert word in issue.message, f"{word!r} not in {issue.message!r}"


def cli_invalid(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Validate `path` on the command line, expecting exit 1; the error lines (prefix cut)."""
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert code == 1, out + err
    assert out == ""
    lines = err.splitlines()
    assert lines[-1] == "invalid"
    assert all(line.startswith("error: ") for line in lines[:-1]), err
    return [line.removeprefix("error: ") for line in lines[:-1]]


def cli_valid(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, out, err = run_cli(["validate", str(path), *extra], capsys)
    assert code == 0, out + err
    assert err == ""
    return out


def place(origin: Path | str, where: str) -> str:
    """How an issue starts when printed: "FILE: WHERE: " (or "FILE: " without a place)."""
    return f"{origin}: {where}: " if where else f"{origin}: "


def dotted(n: int) -> str:
    """1024 -> "1.024", as the messages write byte offsets."""
    return f"{n:,}".replace(",", ".")


def byte_where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"byte {dotted(offset)} (line {line}, column {column})"


# --- JSON documents with one mistake ----------------------------------------------------------
Mutate = Callable[[dict[str, Any]], None]


def set_obs(key: str, value: Any) -> Mutate:
    def mutate(doc: dict[str, Any]) -> None:
        doc["observations"][0][key] = value
    return mutate


def set_unit(index: int, key: str, value: Any) -> Mutate:
    def mutate(doc: dict[str, Any]) -> None:
        doc["units"][index][key] = value
    return mutate


def set_top(key: str, value: Any) -> Mutate:
    def mutate(doc: dict[str, Any]) -> None:
        doc[key] = value
    return mutate


def drop(*keys: str) -> Mutate:
    def mutate(doc: dict[str, Any]) -> None:
        for key in keys:
            del doc[key]
    return mutate


def add(section: str, record: dict[str, Any]) -> Mutate:
    def mutate(doc: dict[str, Any]) -> None:
        doc.setdefault(section, []).append(record)
    return mutate


def reported(value: Any) -> dict[str, Any]:
    return {"unit": "01837", "period": "2023", "kpi": "digitization_rate", "value": value}


def target(**fields: Any) -> dict[str, Any]:
    return {"kpi": "online_dossier_rate", "value": 80, **fields}


OBS0 = "$.observations[0]"
JSON_CASES: list[tuple[str, Mutate, str, tuple[str, ...]]] = [
    # id, change to minimal_doc(), expected place, words the message must hold
    ("value-not-a-number", set_obs("value", "abc"), f"{OBS0}.value",
     ("expected a number", "'abc'")),
    ("value-null", set_obs("value", None), f"{OBS0}.value", ("expected a number", "None")),
    ("value-boolean", set_obs("value", True), f"{OBS0}.value", ("expected a number", "True")),
    ("value-huge", set_obs("value", 10**400), f"{OBS0}.value", ("expected a number",)),
    ("negative-count", set_obs("value", -5), f"{OBS0}.value",
     ("negative count -5", "counts are 0 or more")),
    ("unknown-unit", set_obs("unit", "01838"), f"{OBS0}.unit",
     ("unknown unit '01838'", "not in \"units\"", "did you mean '01837'?")),
    ("unit-not-a-string", set_obs("unit", ["01837"]), f"{OBS0}.unit",
     ("unknown unit ['01837']",)),
    ("measure-not-a-string", set_obs("measure", {"a": 1}), f"{OBS0}.measure",
     ("expected a measure name",)),
    ("unknown-parent", set_unit(1, "parent", "006"), "$.units[1].parent",
     ("parent '006' of unit '058' is not a unit of this feed", "did you mean '06'?")),
    ("parent-cycle", set_unit(0, "parent", "058"), "$.units[0]",
     ("parent cycle: 06 → 058 → 06",)),
    ("unknown-level", set_unit(2, "level", "comune"), "$.units[2].level",
     ("level 'comune' is not one of nation, province, agency, district, commune",
      "did you mean 'commune'?")),
    ("bad-level-of-a-parent", set_unit(1, "level", "ward"), "$.units[1].level",  # only that
     ("level 'ward' is not one of",)),  # error: no "parent '058' … is not a unit" for 01837
    ("empty-code", add("units", {"code": " ", "name": "X", "level": "commune"}),
     "$.units[3].code", ("expected a non-empty string",)),
    ("parent-not-a-string", add("units", {"code": "X", "name": "X", "level": "commune",
                                          "parent": ["06"]}),
     "$.units[3].parent", ("expected a unit code", "['06']")),
    ("month-13", set_obs("period", "2023-13"), f"{OBS0}.period",
     ("'2023-13'", "there is no month 13 (01–12)")),
    ("month-00", set_obs("period", "2023-00"), f"{OBS0}.period", ("there is no month 00",)),
    ("quarter-5", set_obs("period", "2023-Q5"), f"{OBS0}.period",
     ("'2023-Q5'", "there is no quarter 5 (Q1–Q4)")),
    ("half-3", set_obs("period", "2023-H3"), f"{OBS0}.period",
     ("'2023-H3'", "there is no half 3 (H1 or H2)")),
    ("year-1800", set_obs("period", "1800"), f"{OBS0}.period",
     ("'1800'", "year 1800 is outside 1990–2100")),
    ("range-backwards", set_obs("period", "2021-12/2020-11"), f"{OBS0}.period",
     ("'2021-12/2020-11'", "the range ends before it starts")),
    ("range-from-a-year", set_obs("period", "2020/2021-12"), f"{OBS0}.period",
     ("a range runs from a month to a month",)),
    ("period-gibberish", set_obs("period", "Q2 2023"), f"{OBS0}.period",
     ("'Q2 2023' is not a period", "YYYY-Q1…Q4")),
    ("period-a-number", set_obs("period", 2023), f"{OBS0}.period",
     ("a period must be a string",)),
    ("period-an-array", set_obs("period", ["2023"]), f"{OBS0}.period",
     ("a period must be a string",)),
    ("period-after-generated", set_obs("period", "2024-05"), f"{OBS0}.period",
     ("period 2024-05 begins after the feed was generated (2024-04-23)",)),
    ("year-after-generated", set_obs("period", "2025"), f"{OBS0}.period",
     ("period 2025 begins after the feed was generated",)),
    ("conflicting-duplicate",
     add("observations", {"unit": "01837", "period": "2023", "measure": "dossiers_received",
                          "value": 1110}),
     "$.observations[1]",
     ("conflicting duplicate: 01837 2023 dossiers_received is 1110 here and 1109 at ",
      ": $.observations[0]")),
    ("conflicting-duplicate-later",
     lambda doc: doc["observations"].extend([
         {"unit": "01837", "period": "2023-06", "measure": "dossiers_pending", "value": 3},
         {"unit": "01837", "period": "2023-06", "measure": "dossiers_pending", "value": 4}]),
     "$.observations[2]", ("2023-06 dossiers_pending is 4 here and 3 at ",
                           ": $.observations[1]")),
    ("wrong-format", set_top("format", "other-feed"), "$.format",
     ("not a cchc-kpi-feed", "\"format\" is 'other-feed'", "expected \"cchc-kpi-feed\"")),
    ("missing-format", drop("format"), "$.format",
     ("not a cchc-kpi-feed", "\"format\" is missing")),
    ("wrong-version", set_top("version", 2), "$.version",
     ("feed version 2 is not supported", "reads version 1")),
    ("version-string", set_top("version", "1"), "$.version", ("feed version '1' is not",)),
    ("missing-units", drop("units", "observations"), "$",
     ("missing \"units\"",)),
    ("units-not-an-array", set_top("units", {"06": "Tỉnh Bắc Kạn"}), "$.units",
     ("expected an array, got object",)),
    ("record-not-an-object", set_top("observations", [1109]), "$.observations[0]",
     ("expected an object, got number",)),
    ("missing-value", lambda doc: doc["observations"][0].pop("value"), OBS0,
     ("missing \"value\"", "unit, period, measure, value")),
    ("publisher-not-a-string", set_top("publisher", 7), "$.publisher",
     ("expected a string, got number",)),
    ("generated-at-not-a-date", set_top("generated_at", "hôm qua"), "$.generated_at",
     ("'hôm qua' is not a date-time", "2024-04-23T08:00:00+07:00")),
    ("generated-at-without-offset", set_top("generated_at", "2024-04-23T08:00:00"),
     "$.generated_at", ("has no UTC offset",)),
    ("reported-over-100", add("reported", reported(136.15)), "$.reported[0].value",
     ("expected a percentage from 0 to 100, got 136.15",)),
    ("reported-negative", add("reported", reported(-1)), "$.reported[0].value",
     ("expected a percentage from 0 to 100, got -1",)),
    ("reported-conflict",
     lambda doc: doc.update(reported=[reported(36.15), reported(37)]), "$.reported[1]",
     ("conflicting duplicate: published digitization_rate of 01837 for 2023",
      "is 37 here and 36.15 at ", ": $.reported[0]")),
    ("target-over-100", add("targets", target(value=120)), "$.targets[0].value",
     ("expected a target from 0 to 100, got 120",)),
    ("target-due-month-13", add("targets", target(due="2030-13-31")), "$.targets[0].due",
     ("'2030-13-31' is not a date: expected YYYY-MM-DD",)),
    ("target-due-31-feb", add("targets", target(due="2030-02-31")), "$.targets[0].due",
     ("'2030-02-31' is not a date",)),
    ("target-due-vi-style", add("targets", target(due="31/12/2030")), "$.targets[0].due",
     ("'31/12/2030' is not a date: expected YYYY-MM-DD",)),
    ("target-due-compact", add("targets", target(due="20301231")), "$.targets[0].due",
     ("'20301231' is not a date",)),
    ("target-due-a-number", add("targets", target(due=20301231)), "$.targets[0].due",
     ("20301231 is not a date",)),
    ("target-scope-empty", add("targets", target(scope="")), "$.targets[0].scope",
     ("expected \"*\", a level or a unit code",)),
    ("columns-wrong-length",
     add("columns", {"units": ["01837"], "periods": ["2023-01", "2023-02"],
                     "measures": ["dossiers_received"], "values": [1, 2, 3]}),
     "$.columns[0].values",
     ("3 values for 1 units × 2 periods × 1 measures: expected 2",)),
    ("columns-bad-value",
     add("columns", {"units": ["01837"], "periods": ["2023-01", "2023-02"],
                     "measures": ["dossiers_received"], "values": [1, "x"]}),
     "$.columns[0].values[1] (unit 01837, period 2023-02, measure dossiers_received).value",
     ("expected a number, got 'x'",)),
    ("columns-bad-period",
     add("columns", {"units": ["01837"], "periods": ["2023-Q5"],
                     "measures": ["dossiers_received"], "values": [1]}),
     "$.columns[0].values[0] (unit 01837, period 2023-Q5, measure dossiers_received).period",
     ("there is no quarter 5",)),
]


@pytest.mark.parametrize(("mutate", "where", "words"),
                         [pytest.param(m, w, ws, id=i) for i, m, w, ws in JSON_CASES])
def test_json_mistake_through_the_api(tmp_path: Path, mutate: Mutate, where: str,
                                      words: tuple[str, ...]) -> None:
    doc = minimal_doc()
    mutate(doc)
    path = write_feed(tmp_path, "feed.json", doc)
    assert_issue(only_issue(decode_error(path.read_bytes(), "feed.json")), "feed.json", where,
                 words)
    assert_issue(only_issue(load_error(path)), str(path), where, words)


@pytest.mark.parametrize(("mutate", "where", "words"),
                         [pytest.param(m, w, ws, id=i) for i, m, w, ws in JSON_CASES])
def test_json_mistake_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      mutate: Mutate, where: str,
                                      words: tuple[str, ...]) -> None:
    doc = minimal_doc()
    mutate(doc)
    path = write_feed(tmp_path, "feed.json", doc)
    (line,) = cli_invalid(path, capsys)
    assert line.startswith(place(path, where)), line
    for word in words:
        assert word in line


def test_the_minimal_doc_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_feed(tmp_path, "feed.json", minimal_doc())
    snapshot = load_path(path)
    assert set(snapshot.units) == {"06", "058", "01837"}
    out = cli_valid(path, capsys)
    assert out.splitlines()[-1].startswith("valid: 1 file(s), 3 units, 1 observations")
    assert cli_valid(path, capsys, "--quiet") == ""


def test_a_parent_cycle_of_two_units(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["units"] += [{"code": "a", "name": "A", "level": "district", "parent": "b"},
                     {"code": "b", "name": "B", "level": "district", "parent": "a"}]
    issue = only_issue(load_error(write_feed(tmp_path, "feed.json", doc)))
    assert issue.where == "$.units[3]"
    assert issue.message == "parent cycle: a → b → a"


def test_an_identical_duplicate_is_accepted_once(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["observations"].append(dict(doc["observations"][0]))
    doc["reported"] = [reported(36.15), reported(36.15)]
    path = write_feed(tmp_path, "feed.json", doc)
    snapshot = load_path(path)
    assert snapshot.observations["01837"]["dossiers_received"] == {parse_period("2023"): 1109}
    assert snapshot.reported["01837"]["digitization_rate"][parse_period("2023")].value == 36.15
    assert "1 observations" in cli_valid(path, capsys)


def test_a_conflicting_duplicate_across_files_names_both(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    first = write_feed(tmp_path, "dir/a.json", minimal_doc())
    doc = minimal_doc()
    doc["observations"][0]["value"] = 1200
    second = write_feed(tmp_path, "dir/b.json", doc)
    issue = only_issue(load_error(tmp_path / "dir"))
    assert_issue(issue, str(second), "$.observations[0]",
                 (f"is 1200 here and 1109 at {first}: $.observations[0]",))
    (line,) = cli_invalid(tmp_path / "dir", capsys)
    assert line.startswith(place(second, "$.observations[0]")) and str(first) in line


def test_mistakes_are_all_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["observations"] += [
        {"unit": "01837", "period": "2023-13", "measure": "dossiers_received", "value": 1},
        {"unit": "01837", "period": "2023", "measure": "dossiers_resolved", "value": -1},
        {"unit": "zz", "period": "2023", "measure": "dossiers_resolved", "value": 1},
    ]
    path = write_feed(tmp_path, "feed.json", doc)
    wheres = [i.where for i in load_error(path).issues]
    assert wheres == ["$.observations[1].period", "$.observations[2].value",
                      "$.observations[3].unit"]
    assert len(cli_invalid(path, capsys)) == 3


# --- bytes that are not a feed at all ---------------------------------------------------------
def test_truncated_json_says_where_it_was_cut(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    whole = write_feed(tmp_path, "whole.json", minimal_doc()).read_bytes()
    for cut in (len(whole) // 2, len(whole) - 2):
        data = whole[:cut]
        path = write_feed(tmp_path, f"cut-{cut}.json", data)
        issue = only_issue(load_error(path))
        assert issue.where == byte_where(data, len(data))
        assert f"JSON cut off at byte {len(data)} (" in issue.message
        assert "ends in the middle of a value" in issue.message
        (line,) = cli_invalid(path, capsys)
        assert line.startswith(place(path, byte_where(data, len(data))))
        assert f"cut off at byte {len(data)} (" in line


def test_truncated_large_json_writes_the_offset_with_a_thousands_dot(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["observations"] = [{"unit": "01837", "period": f"2023-{m:02d}",
                            "measure": "dossiers_received", "value": m} for m in range(1, 13)]
    data = json.dumps(doc, indent=2).encode()[:-40]
    assert len(data) > 1000
    issue = only_issue(decode_error(data, "big.json"))
    assert f"JSON cut off at byte {dotted(len(data))} (" in issue.message
    assert issue.where == byte_where(data, len(data))
    assert ", column " in issue.where  # the thousands dot does not touch the comma


@pytest.mark.parametrize("name", ["page.json", "page"])
def test_html_instead_of_json(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              name: str) -> None:
    data = b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>\n"
    path = write_feed(tmp_path, name, data)
    issue = only_issue(load_error(path))
    assert_issue(issue, str(path), "byte 0 (line 1, column 1)",
                 ("not valid JSON", "this is HTML or XML, not JSON", "error page"))
    (line,) = cli_invalid(path, capsys)
    assert "HTML or XML, not JSON" in line


def test_html_from_a_url_without_a_json_name() -> None:
    issue = only_issue(decode_error(b"  <html><body>Login</body></html>",
                                    "https://example.invalid/feed?id=1"))
    assert "HTML or XML, not JSON" in issue.message


@pytest.mark.parametrize(("data", "kind"), [(b"[1, 2, 3]", "array"), (b"42", "number"),
                                            (b'"cchc-kpi-feed"', "string"), (b"null", "null")])
def test_top_level_is_not_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    data: bytes, kind: str) -> None:
    path = write_feed(tmp_path, "feed.json", data)
    issue = only_issue(load_error(path))
    assert_issue(issue, str(path), "$", (f"not a cchc-kpi-feed: the document is a JSON {kind}",
                                         "expected an object"))
    (line,) = cli_invalid(path, capsys)
    assert line.startswith(place(path, "$")) and f"is a JSON {kind}" in line


@pytest.mark.parametrize("name", ["feed.json", "feed.csv"])
@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                       data: bytes) -> None:
    path = write_feed(tmp_path, name, data)
    issue = only_issue(load_error(path))
    assert_issue(issue, str(path), "", ("the file is empty", "expected a cchc-kpi-feed"))
    (line,) = cli_invalid(path, capsys)
    assert line == f"{path}: {issue.message}"


@pytest.mark.parametrize("name", ["feed.json", "feed.csv"])
def test_bytes_that_are_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 name: str) -> None:
    text = json.dumps(minimal_doc(), ensure_ascii=False, indent=2) + "\n" \
        if name.endswith("json") \
        else "unit,period,measure,value\n01837,2023,dossiers_received,1109\n"
    head, tail = text.encode("utf-8"), "Đà".encode("cp1258") + b" Lat"  # Windows-1258
    data = head + tail
    offset = len(head)
    lines = text.count("\n") + 1
    path = write_feed(tmp_path, name, data)
    issue = only_issue(load_error(path))
    assert issue.where == byte_where(data, offset)
    assert f"(line {lines}, column 1)" in issue.where
    assert issue.message.startswith(f"byte 0x{data[offset]:02X} is not UTF-8")
    assert "save the file as UTF-8" in issue.message
    (line,) = cli_invalid(path, capsys)
    assert line.startswith(place(path, byte_where(data, offset)))


def test_not_valid_json_syntax(tmp_path: Path) -> None:
    data = b'{"format": "cchc-kpi-feed",\n "version": 1,\n "units": [,]}'
    issue = only_issue(load_error(write_feed(tmp_path, "feed.json", data)))
    assert issue.where.startswith("byte ") and "(line 3, column " in issue.where
    assert issue.message.startswith("not valid JSON at byte ")


def test_nan_is_not_json(tmp_path: Path) -> None:
    data = json.dumps(minimal_doc()).replace("1109", "NaN").encode()
    issue = only_issue(load_error(write_feed(tmp_path, "feed.json", data)))
    assert issue.where == byte_where(data, data.index(b"NaN"))
    assert issue.message.startswith("not valid JSON")


def test_deeply_nested_json(tmp_path: Path) -> None:
    data = b"[" * 100_000 + b"]" * 100_000
    issue = only_issue(load_error(write_feed(tmp_path, "feed.json", data)))
    assert "nested too deeply" in issue.message


# --- directories and paths --------------------------------------------------------------------
def test_a_unit_defined_differently_in_two_files(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    first = write_feed(tmp_path, "dir/a.json", minimal_doc())
    doc = minimal_doc()
    doc["units"][2]["name"] = "Phường Sông Cầu Mới"
    doc["observations"] = []
    second = write_feed(tmp_path, "dir/b.json", doc)
    issue = only_issue(load_error(tmp_path / "dir"))
    assert_issue(issue, str(second), "$.units[2]",
                 ("unit '01837' is defined differently", f"at {first}: $.units[2]",
                  "(Phường Sông Cầu, commune, parent 058)",
                  "(Phường Sông Cầu Mới, commune, parent 058)"))
    (line,) = cli_invalid(tmp_path / "dir", capsys)
    assert line.startswith(place(second, "$.units[2]"))


def test_identical_units_in_two_files_are_fine(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    write_feed(tmp_path, "dir/a.json", minimal_doc())
    doc = minimal_doc()
    doc["units"] = doc["units"][:2] + [{"code": "01840", "name": "Phường Đức Xuân",
                                         "level": "commune", "parent": "058"}]
    doc["observations"][0]["unit"] = "01840"
    write_feed(tmp_path, "dir/sub/b.json", doc)
    snapshot = load_path(tmp_path / "dir")
    assert set(snapshot.units) == {"06", "058", "01837", "01840"}
    assert "valid: 2 file(s), 4 units, 2 observations" in cli_valid(tmp_path / "dir", capsys)


def test_a_parent_in_another_file(tmp_path: Path) -> None:
    doc = minimal_doc()
    write_feed(tmp_path, "dir/tree.json", {**doc, "units": doc["units"][:2],
                                           "observations": []})
    write_feed(tmp_path, "dir/commune.json", {**doc, "units": doc["units"][2:]})
    assert load_path(tmp_path / "dir").units["01837"].parent == "058"
    issue = only_issue(load_error(tmp_path / "dir" / "commune.json"))
    assert issue.where == "$.units[0].parent"
    assert "parent '058' of unit '01837' is not a unit of this feed" in issue.message


def test_naive_and_aware_generated_at_in_one_directory(tmp_path: Path) -> None:
    """A stamp without offset is refused (mixing it with one that has one cannot be ordered)."""
    write_feed(tmp_path, "dir/a.json", minimal_doc())
    doc = minimal_doc()
    doc["generated_at"] = "2024-04-24"
    second = write_feed(tmp_path, "dir/b.json", doc)
    issue = only_issue(load_error(tmp_path / "dir"))
    assert_issue(issue, str(second), "$.generated_at", ("'2024-04-24' has no UTC offset",))


def test_a_directory_without_feed_files(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a feed")
    write_feed(tmp_path, "empty/.hidden/feed.json", minimal_doc())
    issue = only_issue(load_error(folder))
    assert_issue(issue, str(folder), "", ("the directory holds no feed files",
                                          "(*.json or *.csv)"))
    assert cli_invalid(folder, capsys) == [f"{folder}: {issue.message}"]


def test_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere" / "feed.json"
    issue = only_issue(load_error(missing))
    assert_issue(issue, str(missing), "", ("no such file or directory",))
    assert cli_invalid(missing, capsys) == [f"{missing}: no such file or directory"]


def test_the_cli_reports_every_bad_path(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    good = write_feed(tmp_path, "good.json", minimal_doc())
    bad = write_feed(tmp_path, "bad.json", b"")
    code, out, err = run_cli(["validate", str(good), str(tmp_path / "gone"), str(bad)], capsys)
    assert code == 1 and out == ""
    assert err.splitlines() == [f"error: {tmp_path / 'gone'}: no such file or directory",
                                f"error: {bad}: the file is empty: expected a cchc-kpi-feed "
                                "(JSON or CSV)", "invalid"]


@pytest.mark.parametrize("argv", [["validate"], ["validate", "--quiet"],
                                  ["validate", "--no-such-option", "x.json"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run_cli(argv, capsys)
    assert code == 2
    assert out == ""
    assert "cách dùng: cchc-tui" in err and "lỗi:" in err  # Vietnamese by default
    code, out, err = run_cli([*argv, "--lang", "en"], capsys)
    assert code == 2 and "usage: cchc-tui" in err and "error:" in err


# --- too many errors --------------------------------------------------------------------------
def test_more_than_50_errors_stop_early(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["observations"] = [{"unit": "01837", "period": f"2023-{m % 12 + 1:02d}",
                            "measure": f"measure_{m}", "value": -1} for m in range(80)]
    path = write_feed(tmp_path, "feed.json", doc)
    exc = load_error(path)
    assert exc.truncated
    assert len(exc.issues) == MAX_ERRORS
    assert str(exc).splitlines()[-1] == f"(stopped after {MAX_ERRORS} errors)"
    lines = cli_invalid(path, capsys)
    assert len(lines) == MAX_ERRORS + 1
    assert lines[0].startswith(place(path, "$.observations[0].value"))
    assert lines[-1] == f"(stopped after {MAX_ERRORS} errors)"


def test_more_than_50_errors_while_decoding(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["observations"] = [{"unit": "01837", "period": "2023"}] * 70
    path = write_feed(tmp_path, "feed.json", doc)
    exc = load_error(path)
    assert exc.truncated and len(exc.issues) == MAX_ERRORS
    assert all("missing \"measure\"" in i.message or "missing \"value\"" in i.message
               for i in exc.issues)
    assert cli_invalid(path, capsys)[-1] == f"(stopped after {MAX_ERRORS} errors)"


def test_50_errors_across_files_stop_too(tmp_path: Path) -> None:
    for name in ("a", "b"):
        doc = minimal_doc()
        doc["observations"] = [{"unit": "nope", "period": "2023", "measure": "m",
                                "value": i} for i in range(30)]
        write_feed(tmp_path, f"dir/{name}.json", doc)
    exc = load_error(tmp_path / "dir")
    assert exc.truncated and len(exc.issues) == MAX_ERRORS
    assert str(exc).endswith(f"(stopped after {MAX_ERRORS} errors)")


def test_two_big_files_that_disagree_everywhere(tmp_path: Path) -> None:
    """12.000 conflicting cells: 50 are named, each with both places, and quickly."""
    units = [{"code": f"U{i:02d}", "name": f"Xã {i}", "level": "commune"} for i in range(20)]
    periods = [f"2023-{m:02d}" for m in range(1, 13)]
    measures = [f"measure_{i}" for i in range(50)]
    size = len(units) * len(periods) * len(measures)
    for name, value in (("a", 1), ("b", 2)):
        write_feed(tmp_path, f"dir/{name}.json", {
            "format": "cchc-kpi-feed", "version": 1, "units": units,
            "columns": [{"units": [u["code"] for u in units], "periods": periods,
                         "measures": measures, "values": [value] * size}]})
    started = time.perf_counter()
    exc = load_error(tmp_path / "dir")
    assert time.perf_counter() - started < 5  # it was a scan of every record per conflict
    assert exc.truncated and len(exc.issues) == MAX_ERRORS
    first = exc.issues[0]
    assert first.origin == str(tmp_path / "dir" / "b.json")
    assert first.where == "$.columns[0].values[0] (unit U00, period 2023-01, measure measure_0)"
    assert first.message == (f"conflicting duplicate: U00 2023-01 measure_0 is 2 here and 1 at "
                             f"{tmp_path / 'dir' / 'a.json'}: {first.where}")
    assert all(" here and 1 at " in i.message for i in exc.issues)


# --- CSV ---------------------------------------------------------------------------------------
HEADER = "kind,unit,name,level,parent,period,measure,kpi,value,note"
UNITS = ("unit,06,Tỉnh Bắc Kạn,province,,,,,,\n"
         "unit,058,Thành phố Bắc Kạn,district,06,,,,,\n"
         "unit,01837,Phường Sông Cầu,commune,058,,,,,\n")


def csv_doc(*rows: str, sep: str = ",") -> str:
    """The header, the three units of minimal_doc() (lines 2–4), then `rows` (line 5 on)."""
    return (HEADER + "\n" + UNITS).replace(",", sep) + "".join(row + "\n" for row in rows)


CSV_CASES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("unknown-kind", csv_doc("observaton,01837,,,,2023,dossiers_received,,1109,"), "line 5",
     ("kind 'observaton' is not one of meta, unit, observation, reported, target",
      "did you mean 'observation'?")),
    ("empty-kind", csv_doc(",01837,,,,2023,dossiers_received,,1109,"), "line 5",
     ("is not one of meta, unit, observation, reported, target",)),
    ("missing-period", csv_doc("observation,01837,,,,,dossiers_received,,1109,"), "line 5",
     ("observation row needs period",)),
    ("missing-cells", csv_doc("observation,01837"), "line 5",
     ("observation row needs period, measure, value",)),
    ("missing-unit-name", csv_doc("unit,01840,,commune,058,,,,,"), "line 5",
     ("unit row needs name",)),
    ("too-many-cells", csv_doc("observation,01837,,,,2023,dossiers_received,,1,109,Năm 2023"),
     "line 5", ("11 cells but the header has 10 columns", "separator ','")),
    ("not-a-number", csv_doc("observation,01837,,,,2023,dossiers_received,,abc,"),
     "line 5, column value", ("'abc' is not a number", "1109 or 51.67")),
    ("vi-number-with-comma-separator",
     csv_doc('observation,01837,,,,2023,dossiers_received,,"1.109,5",'),
     "line 5, column value", ("'1.109,5' is not a number",)),
    ("dot-decimal-with-semicolon", csv_doc("reported;01837;;;;2023;;digitization_rate;51.67;",
                                           sep=";"),
     "line 5, column value", ("'51.67' is not a number", "51,67 (',' decimal mark)")),
    ("bad-thousands-group", csv_doc("observation;01837;;;;2023;dossiers_received;;1.10;",
                                    sep=";"),
     "line 5, column value", ("'1.10' is not a number",)),
    ("negative", csv_doc("observation;01837;;;;2023;dossiers_received;;-1.109;", sep=";"),
     "line 5, column value", ("negative count -1109",)),
    ("unknown-unit", csv_doc("observation,01873,,,,2023,dossiers_received,,1109,"),
     "line 5, column unit", ("unknown unit '01873'", "did you mean '01837'?")),
    ("bad-period", csv_doc("observation,01837,,,,2023-Q5,dossiers_received,,1109,"),
     "line 5, column period", ("there is no quarter 5",)),
    ("bad-level", csv_doc("unit,01840,Phường Đức Xuân,ward,058,,,,,"), "line 5, column level",
     ("level 'ward' is not one of",)),
    ("unknown-parent", csv_doc("unit,01840,Phường Đức Xuân,commune,59,,,,,"),
     "line 5, column parent", ("parent '59' of unit '01840' is not a unit",)),
    ("reported-over-100", csv_doc("reported,01837,,,,2023,,digitization_rate,136,"),
     "line 5, column value", ("expected a percentage from 0 to 100, got 136",)),
    ("conflict", csv_doc("observation,01837,,,,2023,dossiers_received,,1109,",
                         "observation,01837,,,,2023,dossiers_received,,1110,"),
     "line 6", ("is 1110 here and 1109 at ", "feed.csv: line 5")),
    ("line-after-a-multi-line-note",
     csv_doc('observation,01837,,,,2023,dossiers_received,,1109,"Năm 2023:\n1.109 hồ sơ"',
             "observation,01837,,,,2023,dossiers_resolved,,abc,"),
     "line 7, column value", ("'abc' is not a number",)),
    ("no-kind-and-no-value", "unit,period,measure\n01837,2023,dossiers_received\n", "line 1",
     ("no 'kind' column", "lacks value")),
]


@pytest.mark.parametrize(("text", "where", "words"),
                         [pytest.param(t, w, ws, id=i) for i, t, w, ws in CSV_CASES])
def test_csv_mistake(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str,
                     words: tuple[str, ...]) -> None:
    assert_issue(only_issue(decode_error(text.encode(), "feed.csv")), "feed.csv", where, words)
    path = write_feed(tmp_path, "feed.csv", text)
    assert_issue(only_issue(load_error(path)), str(path), where, words)
    (line,) = cli_invalid(path, capsys)
    assert line.startswith(place(path, where))


def test_csv_target_due(tmp_path: Path) -> None:
    text = ("kind,kpi,value,due,scope,basis\n"
            "target,online_dossier_rate,80,2030-12-31,*,Nghị quyết 71/NQ-CP\n"
            "target,online_dossier_rate,80,31/12/2030,*,\n")
    issue = only_issue(decode_error(text.encode(), "t.csv"))
    assert_issue(issue, "t.csv", "line 3, column due", ("'31/12/2030' is not a date",))


def one_value(text: str, origin: str = "feed.csv") -> float:
    snapshot = decode(text.encode("utf-8"), origin)
    (series,) = [s for per in snapshot.observations.values() for s in per.values()]
    (value,) = series.values()
    return value


@pytest.mark.parametrize(("cell", "value"), [("1109", 1109), ("1.109", 1109), ("51,67", 51.67),
                                             ("1.109,5", 1109.5), ("1.234.567", 1234567),
                                             ("0", 0), ("\u00a01.109 ", 1109)])
def test_semicolon_csv_takes_vi_vn_numbers(cell: str, value: float) -> None:
    text = csv_doc(f"observation;01837;;;;2023;dossiers_received;;{cell};", sep=";")
    got = one_value(text)
    assert got == value
    assert type(got) is type(value)  # "1.109" is the integer 1109, not 1.109


@pytest.mark.parametrize(("cell", "value"), [("1109", 1109), ("51.67", 51.67), ("0", 0)])
def test_comma_csv_takes_plain_numbers(cell: str, value: float) -> None:
    assert one_value(csv_doc(f"observation,01837,,,,2023,dossiers_received,,{cell},")) == value


def test_csv_with_a_byte_order_mark_and_crlf(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    text = "\ufeff" + csv_doc("observation;01837;;;;2023;dossiers_received;;1.109;", sep=";")
    path = write_feed(tmp_path, "feed.csv", text.replace("\n", "\r\n"))
    snapshot = load_path(path)
    assert snapshot.observations["01837"]["dossiers_received"] == {parse_period("2023"): 1109}
    assert "valid: 1 file(s), 3 units, 1 observations" in cli_valid(path, capsys)


def test_csv_with_a_bom_reports_the_right_lines() -> None:
    text = "\ufeff" + csv_doc("observation,01837,,,,2023,dossiers_received,,x,")
    issue = only_issue(decode_error(text.encode(), "bom.csv"))
    assert issue.where == "line 5, column value"


def test_observation_only_csv_takes_units_from_json(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["observations"] = []
    write_feed(tmp_path, "dir/units.json", doc)
    counts = write_feed(tmp_path, "dir/counts.csv",
                        "unit;period;measure;value\n"
                        "01837;2023;dossiers_received;1.109\n"
                        "01837;2023;dossiers_received_online;451\n")
    snapshot = load_path(tmp_path / "dir")
    assert snapshot.observations["01837"] == {
        "dossiers_received": {parse_period("2023"): 1109},
        "dossiers_received_online": {parse_period("2023"): 451},
    }
    assert "valid: 2 file(s), 3 units, 2 observations" in cli_valid(tmp_path / "dir", capsys)
    # alone, the same file has no units
    issue = load_error(counts).issues[0]
    assert_issue(issue, str(counts), "line 2, column unit", ("unknown unit '01837'",))


def test_csv_unknown_columns_and_meta_fields_are_warnings() -> None:
    text = ("kind,field,unit,name,level,value,colour\n"
            "meta,publisher,,,,Sở Nội vụ,red\n"
            "meta,publsher,,,,Sở Nội vụ,\n"
            "unit,,06,Tỉnh Bắc Kạn,province,,\n")
    snapshot = decode(text.encode(), "feed.csv")
    assert snapshot.sources[0].publisher == "Sở Nội vụ"
    messages = [w.message for w in snapshot.warnings]
    assert any("line 1: unknown column 'colour' ignored" in m for m in messages)
    assert any("line 3: unknown meta field 'publsher' ignored (did you mean 'publisher'?)" in m
               for m in messages)


def test_no_message_is_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every case above, printed together: sentences only."""
    for i, (_, mutate, _, _) in enumerate(JSON_CASES):
        doc = minimal_doc()
        mutate(doc)
        write_feed(tmp_path, f"json/{i:02d}.json", doc)
    for i, (_, text, _, _) in enumerate(CSV_CASES):
        write_feed(tmp_path, f"csv/{i:02d}.csv", text)
    for folder in ("json", "csv"):
        code, out, err = run_cli(["validate", str(tmp_path / folder)], capsys)
        assert code == 1
        assert "Traceback" not in out + err and "Error:" not in err
        assert all(line.startswith("error: ") for line in err.splitlines()[:-1])
