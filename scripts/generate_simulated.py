"""Generate fixtures/simulated/tinh-mo-phong.json, a simulated province (dữ liệu mô phỏng).

Deterministic: one fixed seed, the standard library only, and only `random()` plus plain
arithmetic (no libm calls), so every platform writes the same bytes. `--check` regenerates in
memory and exits 1 when the committed file differs. The deliberate data-quality cases are listed
in fixtures/README.md and named by the constants below.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEED = 20261101
OUTPUT = Path(__file__).resolve().parent.parent / "fixtures" / "simulated" / "tinh-mo-phong.json"

PUBLISHER = "Dữ liệu mô phỏng (dữ liệu mô phỏng — không phải số liệu thật) — cchc-tui"
TITLE = "Tỉnh Mô Phỏng: chỉ số CCHC và chuyển đổi số theo tháng, 11/2023–10/2026 (dữ liệu mô phỏng)"
GENERATED_AT = "2026-11-01T08:00:00+07:00"

PROVINCE = ("MP", "Tỉnh Mô Phỏng")
DISTRICTS = (("MP01", "Thành phố Hòa An"), ("MP02", "Huyện Đồng Xuân"))
# Ten per district. "Xã Tân Lập" exists in both districts on purpose (an ambiguous name).
COMMUNE_NAMES = {
    "MP01": (
        "Phường Đông Hòa", "Phường Tây Sơn", "Phường Bắc Hà", "Phường Thạch Bàn Mới",
        "Phường Quang Trung", "Phường Định Công", "Phường Hòa Bình", "Phường Nghĩa Lộ",
        "Xã Tân Lập", "Xã Hòa Phú",
    ),
    "MP02": (
        "Thị trấn Xuân Lộc", "Xã Tân Lập", "Xã Đức Thắng", "Xã Đa Lộc", "Xã Xuân Phước",
        "Xã Phú Mỡ", "Xã Long Sơn", "Xã Xuân Quang", "Xã Thượng Lâm", "Xã Ngọc Lĩnh",
    ),
}

FIRST_MONTH = (2023, 11)
N_MONTHS = 36  # 2023-11 .. 2026-10

FLOW_MEASURES = (
    "dossiers_received", "dossiers_received_online", "dossiers_received_direct",
    "dossiers_received_postal", "dossiers_resolved", "dossiers_resolved_early",
    "dossiers_resolved_on_time", "dossiers_resolved_late", "dossiers_fee_bearing",
    "dossiers_paid_online", "dossiers_digitized", "dossiers_e_result", "certifications_total",
    "certifications_electronic", "documents_received", "documents_received_electronic",
    "documents_issued", "documents_issued_electronic", "e_receipts_issued",
    "e_receipts_amount_vnd",
)
STOCK_MEASURES = (
    "procedures_total", "procedures_online_full", "procedures_online_partial", "staff_total",
    "staff_with_email", "email_accounts_issued", "email_accounts_active", "staff_trained_digital",
    "schools_total", "schools_cashless", "business_households_total",
    "business_households_cashless",
)
PROVINCE_MEASURES = ("communes_total", "communes_e_receipts")

# Deliberate data-quality cases (fixtures/README.md).
SILENT_WARD = "MP02007"  # reports no flows in the last SILENT_MONTHS months
SILENT_MONTHS = 2
OVERCOUNT = ("MP01005", "2025-03")  # dossiers_received_online > dossiers_received
MISREPORTED = ("MP01003", "2026-06")  # reported online_dossier_rate off its counts
MISREPORT_OFFSET = 7.5  # points
DISTRICT_STAFF = "MP02"  # own staff_total below the sum of its wards'
DISTRICT_STAFF_FACTOR = 0.82
SATISFACTION_QUARTERS = ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")

# Fewer dossiers around Tết (late January, February), more before the year closes.
SEASON = {1: 0.86, 2: 0.62, 3: 1.02, 4: 1.0, 5: 1.03, 6: 1.05, 7: 1.0, 8: 0.97, 9: 0.98,
          10: 1.02, 11: 1.04, 12: 1.12}


class Draw:
    """Uniform draws built on `random()` alone (its sequence is stable across Python versions)."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def u(self, low: float, high: float) -> float:
        return low + (high - low) * self._rng.random()

    def i(self, low: int, high: int) -> int:
        """An integer in [low, high]."""
        return min(high, low + int((high - low + 1) * self._rng.random()))

    def noise(self, spread: float) -> float:
        return 1.0 + spread * (2.0 * self._rng.random() - 1.0)


def lerp(a: float, b: float, p: float) -> float:
    return a + (b - a) * p


def ease(t: float, bend: float) -> float:
    """Progress 0..1 at time t in 0..1; bend > 0 moves early, bend < 0 late (|bend| <= 1)."""
    return t * (1.0 + bend * (1.0 - t))


def months() -> list[tuple[int, int]]:
    year, month = FIRST_MONTH
    out = []
    for _ in range(N_MONTHS):
        out.append((year, month))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def month_label(ym: tuple[int, int]) -> str:
    return f"{ym[0]}-{ym[1]:02d}"


@dataclass(frozen=True)
class Ward:
    code: str
    name: str
    district: str
    urban: bool
    size: float
    growth: float
    online: tuple[float, float, float]  # start, end, bend
    postal: float
    early: tuple[float, float]
    late: tuple[float, float]
    fee_share: float
    pay: tuple[float, float]
    digit: tuple[float, float]
    e_result: tuple[float, float]
    cert: tuple[float, float, float]  # monthly size, electronic share start, end
    doc_in: tuple[float, float, float]
    doc_out: tuple[float, float, float]
    e_receipt_from: int  # month index from which the ward issues e-receipts
    fee_thousand: float  # average fee on a receipt, thousand đồng


def make_wards(d: Draw) -> list[Ward]:
    wards = []
    for district, _ in DISTRICTS:
        for n, name in enumerate(COMMUNE_NAMES[district], start=1):
            urban = not name.startswith("Xã ")
            wards.append(Ward(
                code=f"{district}{n:03d}", name=name, district=district, urban=urban,
                size=d.u(140, 320) if urban else d.u(50, 150),
                growth=d.u(0.0, 0.08),
                online=(d.u(0.25, 0.45), d.u(0.60, 0.90), d.u(-0.6, 1.0)),
                postal=d.u(0.02, 0.08),
                early=(d.u(0.45, 0.65), d.u(0.70, 0.90)),
                late=(d.u(0.02, 0.06), d.u(0.0, 0.012)),
                fee_share=d.u(0.36, 0.44),
                pay=(d.u(0.15, 0.25), d.u(0.60, 0.78)),
                digit=(d.u(0.30, 0.55), d.u(0.85, 1.0)),
                e_result=(d.u(0.20, 0.40), d.u(0.80, 1.0)),
                cert=(d.u(120, 260) if urban else d.u(40, 120), d.u(0.20, 0.50), d.u(0.80, 0.98)),
                doc_in=(d.u(90, 220) if urban else d.u(60, 140), d.u(0.85, 0.95), d.u(0.97, 1.0)),
                doc_out=(d.u(50, 130) if urban else d.u(30, 80), d.u(0.60, 0.80), d.u(0.93, 0.99)),
                # About half use e-receipts from the start, the rest join by mid-2025.
                e_receipt_from=0 if d.u(0, 1) < 0.5 else d.i(2, 20),
                fee_thousand=d.u(18, 55),
            ))
    return wards


def flows(d: Draw, w: Ward, index: int, ym: tuple[int, int]) -> list[int]:
    """One month of flow figures, in FLOW_MEASURES order."""
    t = index / (N_MONTHS - 1)
    season = SEASON[ym[1]]
    trend = 1.0 + w.growth * index / 12
    received = round(w.size * season * trend * d.noise(0.12))
    received = max(40, min(400, received))

    share = lerp(w.online[0], w.online[1], ease(t, w.online[2])) + d.u(-0.03, 0.03)
    online = round(received * max(0.05, min(0.95, share)))
    postal = min(round(received * w.postal * d.noise(0.3)), received - online)
    direct = received - online - postal

    resolved = round(received * d.u(0.93, 1.04))
    late = round(resolved * lerp(w.late[0], w.late[1], t) * d.noise(0.5))
    early = min(round(resolved * lerp(w.early[0], w.early[1], t) * d.noise(0.05)),
                resolved - late)
    on_time = resolved - early - late

    fee = round(received * w.fee_share * d.noise(0.08))
    paid = min(fee, round(fee * lerp(w.pay[0], w.pay[1], t) * d.noise(0.08)))
    digitized = min(received, round(received * lerp(w.digit[0], w.digit[1], t) * d.noise(0.04)))
    e_result = min(resolved,
                   round(resolved * lerp(w.e_result[0], w.e_result[1], t) * d.noise(0.04)))

    cert_total = round(w.cert[0] * season * d.noise(0.15))
    cert_e = min(cert_total, round(cert_total * lerp(w.cert[1], w.cert[2], t) * d.noise(0.05)))
    doc_mild = 1.0 + (season - 1.0) * 0.5
    doc_in = round(w.doc_in[0] * doc_mild * d.noise(0.12))
    doc_in_e = min(doc_in, round(doc_in * lerp(w.doc_in[1], w.doc_in[2], t)))
    doc_out = round(w.doc_out[0] * doc_mild * d.noise(0.12))
    doc_out_e = min(doc_out, round(doc_out * lerp(w.doc_out[1], w.doc_out[2], t)))

    receipts = round(fee * d.u(0.85, 1.0)) if index >= w.e_receipt_from else 0
    amount = round(receipts * w.fee_thousand * d.noise(0.1)) * 1000

    if (w.code, month_label(ym)) == OVERCOUNT:
        online = received + round(received * 0.18)  # a double-counted online figure
    return [received, online, direct, postal, resolved, early, on_time, late, fee, paid,
            digitized, e_result, cert_total, cert_e, doc_in, doc_in_e, doc_out, doc_out_e,
            receipts, amount]


def stocks(d: Draw, w: Ward, quarter_months: list[int]) -> list[list[int]]:
    """Quarter-end stock figures, one row per quarter-end month, in STOCK_MEASURES order."""
    procedures = d.i(100, 130)
    full = (d.u(0.28, 0.45), d.u(0.60, 0.80), d.u(-0.5, 1.0))
    partial = (d.u(0.18, 0.28), d.u(0.10, 0.18))
    staff = d.i(15, 30)
    email = (d.u(0.80, 0.95), d.u(-0.3, 1.0))
    spare_accounts = d.i(1, 4)
    active = (d.u(0.55, 0.80), d.u(0.90, 1.0))
    trained = (d.u(0.25, 0.50), d.u(0.85, 1.0), d.u(-0.5, 1.0))
    schools = d.i(2, 6) if w.urban else d.i(1, 4)
    schools_from = d.u(0.0, 0.5)
    households = d.u(300, 900) if w.urban else d.u(80, 300)
    cashless = (d.u(0.25, 0.45), d.u(0.80, 0.95))

    rows = []
    for index in quarter_months:
        t = index / (N_MONTHS - 1)
        if d.u(0, 1) < 0.25:  # the procedure list is revised now and then
            procedures = max(100, min(130, procedures + d.i(-3, 3)))
        if d.u(0, 1) < 0.15:
            staff = max(15, min(30, staff + d.i(-1, 1)))
        n_full = round(procedures * lerp(full[0], full[1], ease(t, full[2])))
        n_partial = min(procedures - n_full, round(procedures * lerp(partial[0], partial[1], t)))
        with_email = min(staff, round(staff * lerp(email[0], 1.0, ease(t, email[1]))))
        issued = with_email + spare_accounts
        n_active = min(issued, round(issued * lerp(active[0], active[1], t)))
        n_trained = min(staff, round(staff * lerp(trained[0], trained[1], ease(t, trained[2]))))
        n_schools_cashless = min(schools, round(schools * lerp(schools_from, 1.0, ease(t, 0.5))))
        households *= d.u(1.0, 1.02)
        n_households = round(households)
        n_cashless = round(n_households * lerp(cashless[0], cashless[1], t))
        rows.append([procedures, n_full, n_partial, staff, with_email, issued, n_active,
                     n_trained, schools, n_schools_cashless, n_households, n_cashless])
    return rows


def build_feed() -> dict[str, Any]:
    """The whole simulated feed, as a JSON-ready dict (columnar form)."""
    d = Draw(SEED)
    wards = make_wards(d)
    all_months = months()
    labels = [month_label(ym) for ym in all_months]
    quarter_idx = [i for i, ym in enumerate(all_months) if ym[1] % 3 == 0]
    quarter_labels = [labels[i] for i in quarter_idx]

    units: list[dict[str, str]] = [{"code": PROVINCE[0], "name": PROVINCE[1], "level": "province"}]
    units += [{"code": code, "name": name, "level": "district", "parent": PROVINCE[0]}
              for code, name in DISTRICTS]
    units += [{"code": w.code, "name": w.name, "level": "commune", "parent": w.district}
              for w in wards]

    flow_values: list[int | None] = []
    counts: dict[tuple[str, str], list[int]] = {}
    for w in wards:
        for index, ym in enumerate(all_months):
            row = flows(d, w, index, ym)
            counts[(w.code, labels[index])] = row
            if w.code == SILENT_WARD and index >= N_MONTHS - SILENT_MONTHS:
                flow_values += [None] * len(FLOW_MEASURES)
            else:
                flow_values += row

    stock_values: list[int | None] = []
    staff_by_district: dict[str, list[int]] = {}
    for w in wards:
        rows = stocks(d, w, quarter_idx)
        for row in rows:
            stock_values += row
        staff = [row[STOCK_MEASURES.index("staff_total")] for row in rows]
        previous = staff_by_district.get(w.district, [0] * len(rows))
        staff_by_district[w.district] = [a + b for a, b in zip(previous, staff, strict=True)]

    district_staff = [round(total * DISTRICT_STAFF_FACTOR)
                      for total in staff_by_district[DISTRICT_STAFF]]
    province_values: list[int | None] = []
    for index in quarter_idx:
        province_values += [len(wards), sum(1 for w in wards if w.e_receipt_from <= index)]

    reported: list[dict[str, Any]] = []
    for w in wards:
        level = d.u(84.0, 95.0)
        for quarter in SATISFACTION_QUARTERS:
            level = min(99.5, level + d.u(-1.5, 2.0))
            reported.append({"unit": w.code, "period": quarter, "kpi": "satisfaction_rate",
                             "value": round(level, 2)})
    unit, period = MISREPORTED
    row = counts[(unit, period)]
    computed = 100 * row[1] / row[0]
    reported.append({
        "unit": unit, "period": period, "kpi": "online_dossier_rate",
        "value": round(computed + MISREPORT_OFFSET, 2),
        "note": "tỷ lệ do đơn vị tự công bố trong báo cáo tháng (mô phỏng), lệch so với số hồ sơ",
    })

    ward_codes = [w.code for w in wards]
    return {
        "format": "cchc-kpi-feed",
        "version": 1,
        "generated_at": GENERATED_AT,
        "publisher": PUBLISHER,
        "title": TITLE,
        "units": units,
        "columns": [
            {"units": ward_codes, "periods": labels, "measures": list(FLOW_MEASURES),
             "values": flow_values},
            {"units": ward_codes, "periods": quarter_labels, "measures": list(STOCK_MEASURES),
             "values": stock_values},
            {"units": [DISTRICT_STAFF], "periods": quarter_labels, "measures": ["staff_total"],
             "values": list(district_staff)},
            {"units": [PROVINCE[0]], "periods": quarter_labels,
             "measures": list(PROVINCE_MEASURES), "values": province_values},
        ],
        "reported": reported,
    }


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(feed: dict[str, Any]) -> str:
    """The feed as text: one unit, one unit × period row of a block, one record per line."""
    parts = []
    for key, value in feed.items():
        if key == "units" or key == "reported":
            body = ",\n".join(f"  {_dump(item)}" for item in value)
            parts.append(f"{_dump(key)}: [\n{body}\n]")
        elif key == "columns":
            blocks = []
            for block in value:
                width = len(block["measures"])
                values = block["values"]
                rows = ",\n".join(
                    "    " + ", ".join(_dump(v) for v in values[i:i + width])
                    for i in range(0, len(values), width)
                )
                head = ", ".join(f"{_dump(k)}: {_dump(block[k])}"
                                 for k in ("units", "periods", "measures"))
                blocks.append(f"  {{{head},\n   \"values\": [\n{rows}\n  ]}}")
            parts.append(f"{_dump(key)}: [\n" + ",\n".join(blocks) + "\n]")
        else:
            parts.append(f"{_dump(key)}: {_dump(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the committed file differs from a fresh generation")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="file to write or check")
    args = parser.parse_args(argv)

    feed = build_feed()
    text = render(feed)
    if json.loads(text) != feed:  # the hand-made layout must stay plain JSON
        raise AssertionError("render() does not round-trip")
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{args.output} is out of date: run scripts/generate_simulated.py",
                  file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
