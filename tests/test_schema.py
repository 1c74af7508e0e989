"""The JSON Schema of feed v1 agrees with the fixtures and with the decoder."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.vocabulary import LEVELS
from tests.helpers import minimal_doc

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").rglob("*.json"))
SCHEMA_NAME = "cchc-kpi-feed.v1.schema.json"


def schema_text() -> str:
    """The schema, found next to the decoder in the installed `cchc_tui.feed` package."""
    return (files("cchc_tui.feed") / SCHEMA_NAME).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_paths(validator: Draft202012Validator, doc: Any) -> list[str]:
    return sorted(e.json_path for e in validator.iter_errors(doc))


def decoder_issues(doc: Any) -> list[str]:
    """The places of the decoder's errors, or [] when it takes the document."""
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    try:
        build_snapshot([decode_bytes(data, "feed.json")])
    except FeedError as exc:
        assert "Traceback" not in str(exc)
        return [i.where for i in exc.issues]
    return []


# --- the schema itself -----------------------------------------------------------------------
def test_the_schema_ships_in_the_package() -> None:
    import cchc_tui.feed

    package_dir = Path(cchc_tui.feed.__file__).parent
    assert (package_dir / SCHEMA_NAME).is_file()
    assert json.loads((package_dir / SCHEMA_NAME).read_text(encoding="utf-8")) \
        == json.loads(schema_text())


def test_the_schema_is_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["format", "version", "units"]
    assert schema["properties"]["format"] == {"const": "cchc-kpi-feed"}
    assert schema["properties"]["version"] == {"const": 1}
    assert schema["$defs"]["level"]["enum"] == list(LEVELS)
    for section in ("units", "observations", "columns", "reported", "targets"):
        assert schema["properties"][section]["type"] == "array"


def test_the_doc_names_the_schema_file() -> None:
    doc = (ROOT / "docs" / "feed-format.md").read_text(encoding="utf-8")
    assert f"cchc_tui/feed/{SCHEMA_NAME}" in doc


# --- good documents ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_json_fixture_validates(validator: Draft202012Validator, path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []


def test_there_are_fixtures_of_both_json_forms() -> None:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in FIXTURES]
    assert any("observations" in d for d in docs) and any("columns" in d for d in docs)


def columnar() -> dict[str, Any]:
    doc = minimal_doc()
    del doc["observations"]
    doc["columns"] = [{"units": ["058", "01837"], "periods": ["2023-01", "2023-02"],
                       "measures": ["dossiers_received", "dossiers_received_online"],
                       "values": [120, 61, 98, 50, 80, None, 77, 40]}]
    return doc


def full() -> dict[str, Any]:
    doc = minimal_doc()
    doc["title"] = "HĐND thành phố tái giám sát công tác CCHC"
    doc["url"] = "https://backancity.gov.vn"
    doc["observations"] += [
        {"unit": "01837", "period": "2020-11/2021-12", "measure": "e_receipts_issued",
         "value": 322, "note": "từ tháng 11/2020 đến nay"},
        {"unit": "058", "period": "2023-H1", "measure": "e_receipts_amount_vnd",
         "value": 1.5e9},
        {"unit": "06", "period": "1990-Q4", "measure": "dossiers_received", "value": 0},
    ]
    doc["reported"] = [{"unit": "01837", "period": "2023", "kpi": "digitization_rate",
                        "value": 36.15, "note": "36,15%"},
                       {"unit": "06", "period": "2024-04", "kpi": "par_index", "value": 100}]
    doc["targets"] = [{"kpi": "online_dossier_rate", "value": 80, "due": "2030-12-31",
                       "scope": "*", "basis": "Nghị quyết 71/NQ-CP"},
                      {"kpi": "e_document_rate", "value": 0, "scope": "district"},
                      {"kpi": "e_document_rate", "value": 100, "scope": "058"}]
    doc["generated_at"] = "2024-04-23T01:00:00Z"
    return doc


def portal() -> dict[str, Any]:
    """What a source of the national 766 portal writes: nation and agency levels, external
    ids, figures as of a day, published values with their own base, 766 scores."""
    doc = minimal_doc()
    doc["generated_at"] = "2026-10-10T20:00:00+07:00"
    doc["units"] = [
        {"code": "VN", "name": "Cả nước", "level": "nation"},
        {"code": "H21", "name": "Tỉnh Gia Lai", "level": "province", "parent": "VN",
         "external_id": "019d2be3-6a85-74ec-a346-6489e82ae4c7"},
        {"code": "H21.20", "name": "Sở Thử", "level": "agency", "parent": "H21"},
    ]
    doc["observations"] = [
        {"unit": "H21", "period": "2026-01-01/2026-10-10",
         "measure": "dossiers_resolved_within_deadline", "value": 355119}]
    doc["columns"] = [{"units": ["H21.20"], "periods": ["2026-01-01/2026-10-10"],
                       "measures": ["dossiers_resolved"], "values": [0]}]
    doc["reported"] = [
        {"unit": "H21", "period": "2026-01-01/2026-10-10", "kpi": "digitization_rate",
         "value": 22.56, "numerator": 93979, "denominator": 416601},
        {"unit": "H21", "period": "2026-01-01/2026-10-10", "kpi": "index_766_ckmb",
         "value": 65.5, "score": 11.79, "max_score": 18, "change": -0.25}]
    doc["targets"] = [{"kpi": "online_payment_rate", "value": 90, "scope": "agency"}]
    doc["index_766"] = [INDEX_766]
    return doc


INDEX_766 = {"unit": "H21.20", "period": "2026-01-01/2026-10-10", "total": 65.54,
             "groups": {"CKMB": 11.79, "TDGQ": 20, "CLGQ": None},
             "metrics": [{"code": "SO_HOA_GIAY_TO_GIAI_QUYET", "group": "MDSH",
                          "name": "Tỷ lệ hồ sơ thủ tục hành chính thực hiện số hóa hồ sơ",
                          "numerator": 1520, "denominator": 2618, "ratio": 58.06,
                          "score": 2.32, "max_score": 4},
                         {"code": "PAYMENT_PROCEDURES", "group": "TTTT", "numerator": 19,
                          "denominator": 41, "ratio": None, "score": None, "max_score": 2},
                         {"code": "ELECTRONIC_CERTIFIED_COPY", "group": "MDSH",
                          "numerator": None, "denominator": None, "ratio": 100, "score": 2,
                          "max_score": 2, "quality": "NO_NATIONAL_REPORT_DATA",
                          "quality_note": "Chưa có dữ liệu"}]}


@pytest.mark.parametrize("make", [minimal_doc, columnar, full, portal])
def test_good_documents_pass_both(validator: Draft202012Validator,
                                  make: Callable[[], dict[str, Any]]) -> None:
    doc = make()
    assert schema_paths(validator, doc) == []
    assert decoder_issues(doc) == []


def test_a_root_parent_may_be_null(validator: Draft202012Validator) -> None:
    doc = minimal_doc()
    doc["units"][0]["parent"] = None
    assert schema_paths(validator, doc) == [] and decoder_issues(doc) == []


# --- bad documents: both refuse them, at the same place -----------------------------------------
def change(path: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    """Set (or, for value DELETE, remove) the item at a dotted path such as units.1.level."""
    *parents, last = path.split(".")

    def mutate(doc: dict[str, Any]) -> Any:
        node: Any = doc
        for step in parents:
            node = node[int(step)] if step.isdigit() else node[step]
        key: Any = int(last) if last.isdigit() else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = value
        return doc
    return mutate


DELETE = object()
REPORTED = {"unit": "01837", "period": "2023", "kpi": "digitization_rate", "value": 36.15}
TARGET = {"kpi": "online_dossier_rate", "value": 80, "due": "2030-12-31"}
BLOCK = {"units": ["01837"], "periods": ["2023-01", "2023-02"],
         "measures": ["dossiers_received"], "values": [1, 2]}

def index_766(**changes: Any) -> Callable[[dict[str, Any]], Any]:
    """The portal document with its index_766 record changed (metric 0 with `metric`)."""
    metric = changes.pop("metric", None)

    def mutate(doc: dict[str, Any]) -> Any:
        portal_doc = portal()
        doc.clear()
        doc.update(portal_doc)
        rec = json.loads(json.dumps(INDEX_766))
        rec.update(changes)
        for k in [k for k, v in changes.items() if v is DELETE]:
            del rec[k]
        if metric is not None:
            rec["metrics"][0] = {**rec["metrics"][0], **metric}
            for k in [k for k, v in metric.items() if v is DELETE]:
                del rec["metrics"][0][k]
        doc["index_766"] = [rec]
        return doc
    return mutate


BAD: list[tuple[str, Callable[[dict[str, Any]], Any], str | tuple[str, str]]] = [
    ("index-766-object", change("index_766", {}), "$.index_766"),
    ("index-766-no-period", index_766(period=DELETE), "$.index_766[0]"),
    ("index-766-bad-period", index_766(period="2026-13"), "$.index_766[0].period"),
    ("index-766-total-over", index_766(total=101), "$.index_766[0].total"),
    ("index-766-group-over", index_766(groups={"CKMB": 18.5}), "$.index_766[0].groups.CKMB"),
    ("index-766-unknown-group", index_766(groups={"XYZ": 1}),
     ("$.index_766[0].groups", "$.index_766[0].groups.XYZ")),
    ("index-766-metrics-object", index_766(metrics={}), "$.index_766[0].metrics"),
    ("metric-fraction", index_766(metric={"numerator": 2.5}),
     "$.index_766[0].metrics[0].numerator"),
    ("metric-negative", index_766(metric={"denominator": -1}),
     "$.index_766[0].metrics[0].denominator"),
    ("metric-ratio-string", index_766(metric={"ratio": "58,06"}),
     "$.index_766[0].metrics[0].ratio"),
    ("metric-no-group", index_766(metric={"group": DELETE}), "$.index_766[0].metrics[0]"),
    ("metric-bad-group", index_766(metric={"group": "ONLINE"}),
     "$.index_766[0].metrics[0].group"),
    ("metric-blank-code", index_766(metric={"code": ""}), "$.index_766[0].metrics[0].code"),
    ("metric-name-number", index_766(metric={"name": 7}), "$.index_766[0].metrics[0].name"),
    # id, change to minimal_doc(), the place both name (schema json_path = decoder where), or
    # (the schema's place, the decoder's place) where they differ
    ("format", change("format", "cchc-feed"), "$.format"),
    ("no-format", change("format", DELETE), "$"),
    ("version-2", change("version", 2), "$.version"),
    ("version-true", change("version", True), "$.version"),
    ("version-string", change("version", "1"), "$.version"),
    ("no-units", change("units", DELETE), "$"),
    ("units-object", change("units", {}), "$.units"),
    ("level", change("units.2.level", "ward"), "$.units[2].level"),
    ("level-case", change("units.0.level", "Province"), "$.units[0].level"),
    ("blank-code", change("units.0.code", " "), "$.units[0].code"),
    ("code-number", change("units.0.code", 6), "$.units[0].code"),
    ("blank-name", change("units.0.name", ""), "$.units[0].name"),
    ("blank-parent", change("units.1.parent", ""), "$.units[1].parent"),
    ("no-value", change("observations.0.value", DELETE), "$.observations[0]"),
    ("value-string", change("observations.0.value", "1109"), "$.observations[0].value"),
    ("value-abc", change("observations.0.value", "abc"), "$.observations[0].value"),
    ("value-null", change("observations.0.value", None), "$.observations[0].value"),
    ("value-negative", change("observations.0.value", -1), "$.observations[0].value"),
    ("measure-number", change("observations.0.measure", 7), "$.observations[0].measure"),
    ("month-13", change("observations.0.period", "2023-13"), "$.observations[0].period"),
    ("quarter-5", change("observations.0.period", "2023-Q5"), "$.observations[0].period"),
    ("half-3", change("observations.0.period", "2023-H3"), "$.observations[0].period"),
    ("year-1800", change("observations.0.period", "1800"), "$.observations[0].period"),
    ("year-2101", change("observations.0.period", "2101"), "$.observations[0].period"),
    ("period-number", change("observations.0.period", 2023), "$.observations[0].period"),
    ("period-words", change("observations.0.period", "Q2/2023"), "$.observations[0].period"),
    ("range-from-year", change("observations.0.period", "2020/2021-12"),
     "$.observations[0].period"),
    ("reported-over-100", change("reported", [{**REPORTED, "value": 100.5}]),
     "$.reported[0].value"),
    ("reported-negative", change("reported", [{**REPORTED, "value": -0.5}]),
     "$.reported[0].value"),
    ("reported-no-kpi", change("reported", [{k: v for k, v in REPORTED.items() if k != "kpi"}]),
     "$.reported[0]"),
    ("target-over-100", change("targets", [{**TARGET, "value": 101}]), "$.targets[0].value"),
    ("target-due-month-13", change("targets", [{**TARGET, "due": "2030-13-01"}]),
     "$.targets[0].due"),
    ("target-due-vi", change("targets", [{**TARGET, "due": "31/12/2030"}]), "$.targets[0].due"),
    ("target-due-compact", change("targets", [{**TARGET, "due": "20301231"}]),
     "$.targets[0].due"),
    ("target-due-number", change("targets", [{**TARGET, "due": 20301231}]),
     "$.targets[0].due"),
    ("target-due-31-feb", change("targets", [{**TARGET, "due": "2030-02-31"}]),
     "$.targets[0].due"),
    ("target-scope-blank", change("targets", [{**TARGET, "scope": ""}]), "$.targets[0].scope"),
    ("generated-at-words", change("generated_at", "hôm nay"), "$.generated_at"),
    ("generated-at-no-offset", change("generated_at", "2024-04-23T08:00:00"),
     "$.generated_at"),
    ("generated-at-date-only", change("generated_at", "2024-04-23"), "$.generated_at"),
    ("publisher-number", change("publisher", 1), "$.publisher"),
    ("columns-negative", change("columns", [{**BLOCK, "values": [1, -2]}]),
     "$.columns[0].values[1]"),
    ("columns-string", change("columns", [{**BLOCK, "values": ["1", 2]}]),
     "$.columns[0].values[0]"),
    ("columns-bad-period", change("columns", [{**BLOCK, "periods": ["2023-01", "2023-14"]}]),
     ("$.columns[0].periods[1]", "$.columns[0].values[1]")),  # the decoder: the value's place
    ("columns-not-an-array", change("columns", [{**BLOCK, "units": "01837"}]),
     "$.columns[0].units"),
    ("columns-no-values", change("columns", [{k: v for k, v in BLOCK.items() if k != "values"}]),
     "$.columns[0]"),
    ("observation-not-object", change("observations", ["01837;2023;1109"]),
     "$.observations[0]"),
    ("level-agencie", change("units.2.level", "agencie"), "$.units[2].level"),
    ("external-id-number", change("units.1.external_id", 42), "$.units[1].external_id"),
    ("external-id-blank", change("units.1.external_id", ""), "$.units[1].external_id"),
    ("day-period-short", change("observations.0.period", "2023-1-01/2023-10-10"),
     "$.observations[0].period"),
    ("day-period-one-day", change("observations.0.period", "2023-10-10"),
     "$.observations[0].period"),
    ("numerator-negative", change("reported", [{**REPORTED, "numerator": -1,
                                                "denominator": 5}]),
     "$.reported[0].numerator"),
    ("denominator-string", change("reported", [{**REPORTED, "numerator": 1,
                                                "denominator": "5"}]),
     "$.reported[0].denominator"),
    ("numerator-alone", change("reported", [{**REPORTED, "numerator": 1}]),
     ("$.reported[0]", "$.reported[0].denominator")),
    ("score-negative", change("reported", [{**REPORTED, "score": -1}]), "$.reported[0].score"),
    ("max-score-zero", change("reported", [{**REPORTED, "max_score": 0}]),
     "$.reported[0].max_score"),
    ("change-string", change("reported", [{**REPORTED, "change": "+0,5"}]),
     "$.reported[0].change"),
]


@pytest.mark.parametrize(("mutate", "where"), [pytest.param(m, w, id=i) for i, m, w in BAD])
def test_bad_documents_fail_both(validator: Draft202012Validator,
                                 mutate: Callable[[dict[str, Any]], Any],
                                 where: str | tuple[str, str]) -> None:
    in_schema, in_decoder = (where, where) if isinstance(where, str) else where
    doc = minimal_doc()
    mutate(doc)
    from_schema = schema_paths(validator, doc)
    from_decoder = decoder_issues(doc)
    assert from_schema, "the schema takes it"
    assert from_decoder, "the decoder takes it"
    assert any(p == in_schema or p.startswith((in_schema + ".", in_schema + "["))
               for p in from_schema), from_schema
    assert any(w == in_decoder or w.startswith((in_decoder + ".", in_decoder + " "))
               for w in from_decoder), from_decoder


@pytest.mark.parametrize("doc", [[], [minimal_doc()], 1, "cchc-kpi-feed", None],
                         ids=["array", "array-of-feed", "number", "string", "null"])
def test_a_document_that_is_not_an_object(validator: Draft202012Validator, doc: Any) -> None:
    assert schema_paths(validator, doc) == ["$"]
    assert decoder_issues(doc) == ["$"]


# --- what only the decoder can tell -------------------------------------------------------------
def cycle(doc: dict[str, Any]) -> None:
    doc["units"][0]["parent"] = "01837"


def unknown_unit(doc: dict[str, Any]) -> None:
    doc["observations"][0]["unit"] = "99999"


def unknown_parent(doc: dict[str, Any]) -> None:
    doc["units"][1]["parent"] = "99"


def backwards_range(doc: dict[str, Any]) -> None:
    doc["observations"][0]["period"] = "2021-12/2020-11"


def after_generated(doc: dict[str, Any]) -> None:
    doc["observations"][0]["period"] = "2024-05"


def conflict(doc: dict[str, Any]) -> None:
    doc["observations"].append({**doc["observations"][0], "value": 1})


def short_block(doc: dict[str, Any]) -> None:
    doc["columns"] = [{**BLOCK, "values": [1, 2, 3]}]


def no_such_day(doc: dict[str, Any]) -> None:
    doc["observations"][0]["period"] = "2023-02-01/2023-02-30"


def backwards_days(doc: dict[str, Any]) -> None:
    doc["observations"][0]["period"] = "2023-10-10/2023-01-01"


def score_over_max(doc: dict[str, Any]) -> None:
    doc["reported"] = [{**REPORTED, "score": 19, "max_score": 18}]


@pytest.mark.parametrize("mutate", [cycle, unknown_unit, unknown_parent, backwards_range,
                                    after_generated, conflict, short_block, no_such_day,
                                    backwards_days, score_over_max])
def test_rules_beyond_the_schema(validator: Draft202012Validator,
                                 mutate: Callable[[dict[str, Any]], None]) -> None:
    """The schema describes a document; cross-references and sums are the decoder's to check
    (the schema's description lists these rules)."""
    doc = minimal_doc()
    mutate(doc)
    assert schema_paths(validator, doc) == []
    assert decoder_issues(doc)
