"""`import-766` and `--source` on saved portal answers, through `report` (the issue's figures)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_cli

DATA = Path(__file__).parent / "data" / "portal"
RAW_PATH = DATA / "raw" / "2026" / "gia_lai" / "raw_GiaLai_detail_year_2026_10102026.json"
RAW: dict[str, Any] = json.loads(RAW_PATH.read_text(encoding="utf-8"))
DETAILS = DATA / "gia_lai" / "agencies_detail_GiaLai_10102026.json"


def half_up(n: float, d: float) -> float:
    return float(Decimal(100 * n / d).quantize(Decimal("0.01"), ROUND_HALF_UP))


def child(key: str, code: str) -> dict[str, Any]:
    data = RAW[key]["data"]
    return next(c for c in data.get("children") or data["evaluation"]
                if c.get("departmentCode") == code)


def metric(item: dict[str, Any], code: str) -> dict[str, Any]:
    return next(m for m in item["metrics"] if m["code"] == code)


def report(capsys: pytest.CaptureFixture[str], source: Path, unit: str,
           fmt: str = "json", *extra: str) -> tuple[int, Any, str]:
    code, out, err = run_cli(["report", "--source", str(source), "--unit", unit, "--format",
                              fmt, *extra], capsys)
    return code, json.loads(out) if fmt == "json" and out else out, err


@pytest.fixture(scope="module")
def gl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("feed") / "gl.json"
    done = subprocess.run([sys.executable, "-m", "cchc_tui", "import-766", str(RAW_PATH),
                           "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (f"{out}: 150 đơn vị (1 tỉnh, 14 sở, ngành, 135 xã), 907 số đếm, "
            "1.821 giá trị công bố") in done.stdout  # Vietnamese by default
    return out


def kpis(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k["id"]: k for k in doc["kpis"]}


def test_van_canh_as_the_portal_publishes_it(gl: Path, capsys: pytest.CaptureFixture[str],
                                             ) -> None:
    code, doc, _ = report(capsys, gl, "H21.227")
    assert code == 0 and doc["period"] == "2026-01-01/2026-10-10"
    got = kpis(doc)
    digitized = metric(child("DIGITIZED", "H21.227"), "SO_HOA_GIAY_TO_GIAI_QUYET")
    payment, progress = child("PAYMENT", "H21.227"), child("PROGRESS", "H21.227")
    for kpi, n, d in (
            ("digitization_rate", digitized["numerator"], digitized["denominator"]),
            ("online_payment_rate", payment["totalDossierOnlinePaymentSuccess"],
             payment["totalDossierFinancialObligation"]),
            ("on_time_rate", progress["totalOnTime"], progress["totalReceived"])):
        assert (got[kpi]["value"], got[kpi]["numerator"], got[kpi]["denominator"]) == (
            half_up(n, d), n, d)
    assert (got["digitization_rate"]["value"], got["online_payment_rate"]["value"],
            got["on_time_rate"]["value"]) == (58.06, 92.59, 97.19)  # the figures
    total = child("SERVICE_RESULTS", "H21.227")["totalScore"]
    assert got["index_766_total"]["value"] == total == 75.25
    assert got["index_766_total"]["rank"]["of"] == len(RAW["SERVICE_RESULTS"]["data"][
        "evaluation"])


def test_the_province_with_its_differing_bases(gl: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _, doc, _ = report(capsys, gl, "H21")
    got = kpis(doc)
    progress = RAW["PROGRESS"]["data"]["parent"]
    payment = RAW["PAYMENT"]["data"]["parent"]
    so_hoa = metric(RAW["DIGITIZED"]["data"]["overview"], "SO_HOA_GIAY_TO_GIAI_QUYET")
    assert got["on_time_rate"]["value"] == half_up(progress["totalOnTime"],
                                                   progress["totalReceived"]) == 85.89
    assert (got["digitization_rate"]["value"], got["digitization_rate"]["numerator"],
            got["digitization_rate"]["denominator"]) == (22.56, so_hoa["numerator"],
                                                         so_hoa["denominator"])
    assert got["online_payment_rate"]["value"] == half_up(
        payment["totalDossierOnlinePaymentSuccess"],
        payment["totalDossierFinancialObligation"]) == 90.62
    assert got["index_766_total"]["value"] == 66.14
    text = " ".join(f["message"] for f in doc["findings"])
    channels = RAW["ONLINE"]["data"]["parent"]["channelTotalSum"]
    bases = [f"{b:,}".replace(",", ".")
             for b in (progress["totalReceived"], so_hoa["denominator"], channels)]
    assert " / ".join(bases) in text  # one finding: 413.480 / 416.601 / 413.437
    assert doc["period_label"] == "2026, đến 10/10/2026"


def test_the_report_says_year_to_date(gl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, vi, _ = report(capsys, gl, "H21", "table")
    assert "2026, đến 10/10/2026" in vi
    _, en, _ = report(capsys, gl, "H21", "table", "--lang", "en")
    assert "2026, to 10/10/2026" in en


def test_no_dossiers_no_on_time_rate(gl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert child("PROGRESS", "H21.20")["ratio"] == 0  # the portal prints 0 for 0/0
    _, doc, _ = report(capsys, gl, "H21.20")
    on_time = kpis(doc)["on_time_rate"]
    assert on_time["value"] is None and on_time["reason"] == "zero_denominator"


def test_what_the_portal_does_not_publish_says_so(gl: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _, doc, _ = report(capsys, gl, "H21")
    for kpi in ("staff_email_rate", "cashless_school_rate", "early_rate"):
        assert kpis(doc)[kpi]["value"] is None
        assert kpis(doc)[kpi]["reason"] == "not_published"
    _, table, _ = report(capsys, gl, "H21", "table")
    assert "cổng không công bố" in table
    _, table_en, _ = report(capsys, gl, "H21", "table", "--lang", "en")
    assert "not published by the portal" in table_en


def test_source_takes_the_raw_file_directly(gl: Path, capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    _, via_import, _ = report(capsys, gl, "H21.227")
    copy = tmp_path / RAW_PATH.name  # the day comes from the crawler's file name
    shutil.copy(RAW_PATH, copy)
    code, direct, err = report(capsys, copy, "H21.227")
    assert code == 0, err
    assert kpis(direct) == kpis(via_import)


def test_the_crawler_details_file_imports_too(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "agencies.json"
    code, _, err = run_cli(["import-766", str(DETAILS), "-o", str(out)], capsys)
    assert code == 0, err
    doc = json.loads(DETAILS.read_text(encoding="utf-8"))
    first = doc["agenciesDetail"][0]
    tdgq = first["componentIndicators"]["TDGQ_TienDoGiaiQuyet"]
    _, rep, _ = report(capsys, out, first["departmentCode"])
    assert kpis(rep)["on_time_rate"]["value"] == half_up(tdgq["totalOnTime"],
                                                         tdgq["totalReceived"])
    assert kpis(rep)["index_766_total"]["value"] == first["totalScore"]


def test_as_of_names_the_day_when_nothing_else_does(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    nameless = tmp_path / "answers.json"
    shutil.copy(RAW_PATH, nameless)
    out = tmp_path / "feed.json"
    code, _, err = run_cli(["import-766", str(nameless), "-o", str(out)], capsys)
    assert code == 1 and "--as-of" in err and "Traceback" not in err
    code, _, err = run_cli(["import-766", str(nameless), "-o", str(out), "--as-of",
                            "2026-10-05"], capsys)
    assert code == 0, err
    _, doc, _ = report(capsys, out, "H21")
    assert doc["period"] == "2026-01-01/2026-10-05"
    code, _, err = run_cli(["import-766", str(nameless), "-o", str(out), "--as-of", "5/10"],
                           capsys)
    assert code == 2 and "--as-of '5/10': cần một ngày dạng YYYY-MM-DD" in err
    code, _, err = run_cli(["--lang", "en", "import-766", str(nameless), "-o", str(out),
                            "--as-of", "5/10"], capsys)
    assert code == 2 and "--as-of '5/10': expected a day YYYY-MM-DD" in err


def test_the_summary_follows_the_language(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "agencies.json"
    code, text, err = run_cli(["--lang", "en", "import-766", str(DETAILS), "-o", str(out)],
                              capsys)
    assert code == 0, err
    units = len(json.loads(out.read_text(encoding="utf-8"))["units"])
    assert text.startswith(f"{out}: {units} units (") and "published values" in text
    code, text, err = run_cli(["import-766", str(DETAILS), "-o", str(out)], capsys)
    assert code == 0 and text.startswith(f"{out}: {units} đơn vị (")
    assert "giá trị công bố" in text and "units" not in text


def test_broken_files_are_located_without_a_traceback(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      ) -> None:
    cut = tmp_path / "raw_X_detail_year_2026_10102026.json"
    cut.write_bytes(RAW_PATH.read_bytes()[:5000])
    code, _, err = run_cli(["import-766", str(cut), "-o", str(tmp_path / "o.json")], capsys)
    assert code == 1 and "JSON bị cắt ở byte 5.000" in err  # the UI's language, vi by default
    code, _, err = run_cli(["--lang", "en", "import-766", str(cut), "-o",
                            str(tmp_path / "o.json")], capsys)
    assert code == 1 and "JSON cut off at byte 5.000" in err
    bad = json.loads(RAW_PATH.read_text(encoding="utf-8"))
    bad["PAYMENT"]["data"]["children"][2]["totalDossierFinancialObligation"] = "nhiều"
    cut.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli(["import-766", str(cut), "-o", str(tmp_path / "o.json")], capsys)
    assert code == 1
    assert "$.PAYMENT.data.children[2].totalDossierFinancialObligation" in err
    code, _, err = report(capsys, cut, "H21")
    assert code == 1 and "totalDossierFinancialObligation" in err and "Traceback" not in err
    assert not (tmp_path / "o.json").exists()
