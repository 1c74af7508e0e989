"""Seeded, realistic dossier rows for trying the dossier source: a simulated province.

Columns are drawn with numpy a month at a time and written as Parquet (one file per month),
so the country's 3.321 communes take memory for one month only. A few data problems are
planted on purpose, so that `validate` has something to report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cchc_tui.model.vocabulary import LEVELS

VIETNAM_US = 7 * 3600 * 1_000_000  # UTC+7 in microseconds
DAY_US = 86400 * 1_000_000
_FIRST = ["An", "Bình", "Hòa", "Phú", "Tân", "Long", "Vĩnh", "Thạnh", "Đông", "Tây", "Nam",
          "Bắc", "Hưng", "Quang", "Minh", "Thuận", "Phước", "Mỹ", "Hải", "Sơn"]
_SECOND = ["Phú", "Lợi", "Hòa", "Thành", "Lộc", "Hưng", "Điền", "Xuân", "Tiến", "Khánh",
           "Thịnh", "Nghĩa", "Trung", "Định", "Lâm", "Giang", "Hiệp", "Quý", "Bảo", "Phong"]
_AGENCIES = ["Sở Tư pháp", "Sở Tài chính", "Sở Xây dựng", "Sở Công Thương", "Sở Y tế",
             "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Nội vụ",
             "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
             "Ban Quản lý các khu công nghiệp", "Sở Dân tộc và Tôn giáo"]
DUE_DAYS = np.array([1, 3, 5, 7, 10, 15, 20])
PLANTED = {"unknown_unit": 15, "duplicate": 20, "bad_channel": 25, "before_received": 8,
           "paid_no_fee": 10}


@dataclass(frozen=True, slots=True)
class Demo:
    units: pa.Table
    rows: int
    files: list[Path]


def _names(count: int, rng: np.random.Generator) -> list[str]:
    pairs = [f"{a} {b}" for a in _FIRST for b in _SECOND if a != b]
    order = rng.permutation(len(pairs))
    return [pairs[order[i % len(pairs)]] + (f" {i // len(pairs) + 1}" if i >= len(pairs) else "")
            for i in range(count)]


def demo_units(communes: int, rng: np.random.Generator) -> pa.Table:
    """A province, its agencies (when the catalogue knows the level), districts, communes."""
    districts = max(1, round(communes / 12))
    rows: list[tuple[str, str, str, str | None]] = [
        ("T01", "Tỉnh Sơn Hà (mô phỏng)", "province", None)]
    if "agency" in LEVELS:
        rows += [(f"S{i + 1:02d}", name, "agency", "T01") for i, name in enumerate(_AGENCIES)]
    names = _names(districts + communes, rng)
    rows += [(f"H{i + 1:03d}", f"Huyện {names[i]}", "district", "T01") for i in range(districts)]
    rows += [(f"X{i + 1:04d}", f"{'Phường' if i % 7 == 0 else 'Xã'} {names[districts + i]}",
              "commune", f"H{i % districts + 1:03d}") for i in range(communes)]
    code, name, level, parent = zip(*rows, strict=True)
    return pa.table({"code": list(code), "name": list(name), "level": list(level),
                     "parent": pa.array(list(parent), pa.string())})


def _month_start_us(index: int) -> int:
    """00:00 of the first day of month `index` in Vietnam, as UTC microseconds."""
    year, month0 = divmod(index, 12)
    days = (np.datetime64(f"{year:04d}-{month0 + 1:02d}-01") - np.datetime64("1970-01-01"))
    return int(days.astype(np.int64)) * DAY_US - VIETNAM_US


def _month_rows(index: int, last: int, units: pa.Table, rate: np.ndarray, online: np.ndarray,
                rng: np.random.Generator, first_id: int) -> pa.Table:
    start, end = _month_start_us(index), _month_start_us(index + 1)
    season = 1.0 + 0.25 * np.sin((index % 12) / 12 * 2 * np.pi)
    counts = rng.poisson(rate * season)
    unit = np.repeat(np.arange(len(rate)), counts)
    n = len(unit)
    # Mostly office hours in Vietnam, some online dossiers late in the evening (the next
    # day in UTC's eyes is still today in Vietnam, and the other way round).
    day = rng.integers(0, (end - start) // DAY_US, n)
    hour = np.where(rng.random(n) < 0.85, rng.uniform(7.5, 17, n), rng.uniform(0, 24, n))
    received = start + day * DAY_US + (hour * 3600e6).astype(np.int64)
    channel_draw = rng.random(n)
    p_online = online[unit]
    channel = np.where(channel_draw < p_online, "online",
                       np.where(channel_draw < p_online + 0.02, "postal", "direct"))
    due_days = DUE_DAYS[rng.integers(0, len(DUE_DAYS), n)]
    # The due time is 17:00 Vietnamese time of the due day.
    due_day_start = (received + VIETNAM_US) // DAY_US * DAY_US - VIETNAM_US + due_days * DAY_US
    due = due_day_start + 17 * 3600 * 1_000_000
    no_deadline = rng.random(n) < 0.05
    # Most are resolved before the due day ends, some late; the newest are still pending.
    spend = rng.gamma(2.0, 0.45, n) * due_days * DAY_US
    resolved = received + spend.astype(np.int64) + 3600 * 1_000_000
    horizon = _month_start_us(last + 1) - DAY_US // 3
    pending = resolved > horizon
    fee = rng.random(n) < 0.3
    paid = fee & (rng.random(n) < np.clip(p_online + 0.1, 0, 1))
    digitized = rng.random(n) < 0.72
    e_result = ~pending & (rng.random(n) < 0.6)
    updated = np.where(pending, received, np.maximum(received, resolved))
    ids = pc.binary_join_element_wise(
        "HS", pc.utf8_lpad(pc.cast(pa.array(np.arange(first_id, first_id + n)), pa.string()),
                           9, "0"), "")
    stamp = pa.timestamp("us", tz="UTC")
    return pa.table({
        "dossier_id": ids,
        "unit_code": pc.take(units["code"], pa.array(unit)),
        "procedure_code": pc.binary_join_element_wise(
            "1.00", pc.cast(pa.array(rng.integers(1000, 1400, n)), pa.string()), ""),
        "channel": pa.array(channel),
        "received_at": pa.array(received, stamp),
        "due_at": pa.array(np.where(no_deadline, 0, due), stamp, mask=no_deadline),
        "resolved_at": pa.array(np.where(pending, 0, resolved), stamp, mask=pending),
        "fee_bearing": pa.array(fee),
        "paid_online": pa.array(paid),
        "digitized": pa.array(digitized),
        "e_result": pa.array(e_result),
        "updated_at": pa.array(updated, stamp),
    })


def _plant(table: pa.Table, rng: np.random.Generator) -> pa.Table:
    """Data problems, so that the checks have something to find."""
    n = table.num_rows
    if n < 200:
        return table
    cols = {name: table[name].to_numpy(zero_copy_only=False).copy()
            if name in ("channel", "unit_code") else table[name] for name in table.column_names}
    pick = rng.choice(n, sum(PLANTED.values()) - PLANTED["duplicate"], replace=False)
    bad, unknown, before, paid = np.split(pick, np.cumsum(
        [PLANTED["bad_channel"], PLANTED["unknown_unit"], PLANTED["before_received"]]))
    cols["channel"][bad] = np.where(np.arange(len(bad)) % 2, "truc_tuyen", "")
    cols["unit_code"][unknown] = "X9999"
    received = table["received_at"].to_numpy().astype("datetime64[us]")
    resolved = table["resolved_at"].to_numpy(zero_copy_only=False).astype("datetime64[us]")
    resolved[before] = received[before] - np.timedelta64(2, "D")
    fee = table["fee_bearing"].to_numpy(zero_copy_only=False).copy()
    paid_online = table["paid_online"].to_numpy(zero_copy_only=False).copy()
    fee[paid], paid_online[paid] = False, True
    stamp = pa.timestamp("us", tz="UTC")
    cols.update(channel=pa.array(cols["channel"]), unit_code=pa.array(cols["unit_code"]),
                resolved_at=pa.array(resolved.astype(np.int64), stamp,
                                     mask=np.isnat(resolved)),
                fee_bearing=pa.array(fee), paid_online=pa.array(paid_online))
    out = pa.table(cols)
    copies = out.take(pa.array(rng.choice(n, PLANTED["duplicate"], replace=False)))
    return pa.concat_tables([out, copies])


def write_demo(folder: Path, communes: int = 100, months: int = 12, seed: int = 1,
               start: str = "2025-01") -> Demo:
    """Write units.csv, procedures.parquet and dossiers-YYYY-MM.parquet into `folder`."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    units = demo_units(communes, rng)
    level = np.array(units["level"].to_pylist())
    base = {"province": 300.0, "agency": 1200.0, "district": 500.0, "commune": 250.0}
    rate = np.array([base[x] for x in level]) * rng.uniform(0.5, 1.5, len(level))
    online = np.clip(rng.normal(0.55, 0.15, len(level)), 0.05, 0.95)
    year, month = (int(x) for x in start.split("-"))
    first = year * 12 + month - 1
    pq.write_table(units, folder / "units.parquet")
    files, total, next_id = [], 0, 1
    for index in range(first, first + months):
        table = _month_rows(index, first + months - 1, units, rate, online, rng, next_id)
        next_id += table.num_rows
        if index == first + months - 1:
            table = _plant(table, rng)
        path = folder / f"dossiers-{index // 12:04d}-{index % 12 + 1:02d}.parquet"
        pq.write_table(table, path)
        files.append(path)
        total += table.num_rows
    pq.write_table(_procedures(units, rng), folder / "procedures.parquet")
    return Demo(units, total, files)


def _procedures(units: pa.Table, rng: np.random.Generator) -> pa.Table:
    per_unit = rng.integers(60, 140, units.num_rows)
    unit = np.repeat(np.arange(units.num_rows), per_unit)
    code = np.concatenate([rng.choice(np.arange(1000, 1400), k, replace=False)
                           for k in per_unit])
    draw = rng.random(len(unit))
    level = np.where(draw < 0.45, "full", np.where(draw < 0.8, "partial", "none"))
    return pa.table({
        "unit_code": pc.take(units["code"], pa.array(unit)),
        "procedure_code": pc.binary_join_element_wise(
            "1.00", pc.cast(pa.array(code), pa.string()), ""),
        "online_level": pa.array(level)})
