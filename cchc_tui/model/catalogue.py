"""The KPI catalogue of KPIS.md: measures, KPIs and their formulas, as data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a measure aggregates over time (over units every kind sums)."""

    FLOW = "flow"  # sums over the months of a period
    STOCK = "stock"  # the figure at the latest month of the period
    PERIOD_ONLY = "period"  # valid only for the exact period reported


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    kind: Kind
    vi: str
    en: str


@dataclass(frozen=True, slots=True)
class Kpi:
    id: str
    group: str
    numerator: tuple[str, ...]  # measures summed on top
    denominator: tuple[str, ...]  # measures summed below
    higher_is_better: bool
    vi: str
    en: str
    max_score: float | None = None  # a 766 score: its value is the percent of this maximum

    @property
    def reported_only(self) -> bool:
        return not self.denominator

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.numerator + self.denominator

    def formula(self) -> str:
        if self.max_score is not None:
            return f"reported only (766 score, percent of the maximum {self.max_score:g})"
        if self.reported_only:
            return "reported only (survey)"
        top = " + ".join(self.numerator)
        bottom = " + ".join(self.denominator)
        if len(self.numerator) > 1:
            top = f"({top})"
        if len(self.denominator) > 1:
            bottom = f"({bottom})"
        return f"{top} / {bottom}"


F, S, P = Kind.FLOW, Kind.STOCK, Kind.PERIOD_ONLY

MEASURES: dict[str, Measure] = {
    m.name: m
    for m in [
        Measure("procedures_total", S, "TTHC thuộc thẩm quyền", "procedures in scope"),
        Measure("procedures_online_full", S, "TTHC DVC trực tuyến toàn trình",
                "full-process online procedures"),
        Measure("procedures_online_partial", S, "TTHC DVC trực tuyến một phần",
                "partial online procedures"),
        Measure("procedures_with_online_dossiers", P, "DVC trực tuyến có phát sinh hồ sơ",
                "online services with dossiers"),
        Measure("dossiers_received", F, "hồ sơ tiếp nhận", "dossiers received"),
        Measure("dossiers_received_online", F, "tiếp nhận trực tuyến", "received online"),
        Measure("dossiers_received_direct", F, "tiếp nhận trực tiếp", "received in person"),
        Measure("dossiers_received_postal", F, "tiếp nhận qua bưu chính", "received by post"),
        Measure("dossiers_resolved", F, "hồ sơ đã giải quyết", "dossiers resolved"),
        Measure("dossiers_resolved_early", F, "giải quyết trước hạn", "resolved early"),
        Measure("dossiers_resolved_on_time", F, "giải quyết đúng hạn", "resolved on the due date"),
        Measure("dossiers_resolved_late", F, "giải quyết quá hạn", "resolved late"),
        Measure("dossiers_resolved_within_deadline", F, "giải quyết trước và đúng hạn",
                "resolved within the deadline (early or on time)"),
        Measure("dossiers_pending", S, "đang giải quyết, trong hạn", "pending, within deadline"),
        Measure("dossiers_pending_overdue", S, "đang giải quyết, quá hạn", "pending, overdue"),
        Measure("dossiers_fee_bearing", F, "hồ sơ có phí, lệ phí", "fee-bearing dossiers"),
        Measure("dossiers_paid_online", F, "hồ sơ thanh toán trực tuyến", "dossiers paid online"),
        Measure("dossiers_digitized", F, "hồ sơ được số hóa", "dossiers digitised"),
        Measure("dossiers_e_result", F, "hồ sơ có kết quả điện tử", "dossiers with e-results"),
        Measure("certifications_total", F, "việc chứng thực bản sao", "copy certifications"),
        Measure("certifications_electronic", F, "chứng thực bản sao điện tử",
                "electronic certifications"),
        Measure("e_receipts_issued", F, "biên lai điện tử đã phát hành", "e-receipts issued"),
        Measure("e_receipts_amount_vnd", F, "số tiền qua biên lai điện tử (đồng)",
                "amount on e-receipts (VND)"),
        Measure("staff_total", S, "cán bộ, công chức", "staff"),
        Measure("staff_with_email", S, "CBCC có thư công vụ", "staff with official email"),
        Measure("email_accounts_issued", S, "tài khoản thư công vụ đã cấp",
                "email accounts issued"),
        Measure("email_accounts_active", S, "tài khoản thư công vụ đang dùng",
                "email accounts in use"),
        Measure("staff_trained_digital", S, "CBCC được bồi dưỡng kỹ năng số",
                "staff trained in digital skills"),
        Measure("documents_received", F, "văn bản đến", "documents received"),
        Measure("documents_received_electronic", F, "văn bản đến xử lý trên mạng",
                "documents received electronically"),
        Measure("documents_issued", F, "văn bản đi", "documents issued"),
        Measure("documents_issued_electronic", F, "văn bản đi ký số, gửi điện tử",
                "documents issued electronically"),
        Measure("communes_total", S, "đơn vị cấp xã trực thuộc", "communes"),
        Measure("communes_e_receipts", S, "cấp xã dùng biên lai điện tử",
                "communes with e-receipts"),
        Measure("schools_total", S, "trường học", "schools"),
        Measure("schools_cashless", S, "trường thu không dùng tiền mặt", "cashless schools"),
        Measure("business_households_total", S, "hộ kinh doanh", "business households"),
        Measure("business_households_cashless", S, "hộ kinh doanh có tài khoản, mã QR",
                "cashless business households"),
        Measure("cashless_streets", S, "tuyến phố không dùng tiền mặt", "cashless streets"),
        Measure("qr_codes", S, "mã QR thanh toán", "payment QR codes"),
        Measure("ewallets", S, "ví điện tử", "e-wallets"),
        Measure("smartbanking_accounts", S, "tài khoản smartbanking", "smart-banking accounts"),
    ]
}


INDEX_766 = "index_766"
# The scores of Decision 766/QĐ-TTg as the national portal publishes them: the total and its
# six groups, each a percent of its maximum (score / max · 100).
_INDEX_766: tuple[tuple[str, float, str, str], ...] = (
    ("total", 100, "Chỉ số 766 (tổng điểm)", "766 index (total score)"),
    ("ckmb", 18, "Công khai, minh bạch", "Publicity and transparency"),
    ("tdgq", 20, "Tiến độ giải quyết", "Progress of handling"),
    ("clgq", 12, "Chất lượng giải quyết", "Quality of handling (online services)"),
    ("tttt", 10, "Thanh toán trực tuyến (điểm 766)", "Online payment (766 score)"),
    ("mdhl", 18, "Mức độ hài lòng", "Satisfaction level (766)"),
    ("mdsh", 22, "Mức độ số hóa", "Level of digitisation"),
)


def _kpi(id_: str, group: str, num: str, den: str, up: bool, vi: str, en: str) -> Kpi:
    return Kpi(id_, group, tuple(num.split()), tuple(den.split()), up, vi, en)


KPIS: dict[str, Kpi] = {
    k.id: k
    for k in [
        _kpi("online_service_coverage", "online_services",
             "procedures_online_full procedures_online_partial", "procedures_total", True,
             "TTHC có DVC trực tuyến", "Online-service coverage"),
        _kpi("full_process_coverage", "online_services", "procedures_online_full",
             "procedures_total", True, "TTHC toàn trình", "Full-process coverage"),
        _kpi("online_dossier_rate", "online_services", "dossiers_received_online",
             "dossiers_received", True, "Hồ sơ trực tuyến", "Online dossiers"),
        _kpi("postal_dossier_rate", "online_services", "dossiers_received_postal",
             "dossiers_received", True, "Hồ sơ qua bưu chính", "Postal dossiers"),
        _kpi("online_payment_rate", "payments", "dossiers_paid_online", "dossiers_fee_bearing",
             True, "Thanh toán trực tuyến", "Online payment"),
        _kpi("e_receipt_commune_coverage", "payments", "communes_e_receipts", "communes_total",
             True, "Xã dùng biên lai điện tử", "Communes with e-receipts"),
        _kpi("cashless_school_rate", "payments", "schools_cashless", "schools_total", True,
             "Trường không dùng tiền mặt", "Cashless schools"),
        _kpi("cashless_household_rate", "payments", "business_households_cashless",
             "business_households_total", True, "Hộ kinh doanh có QR",
             "Cashless business households"),
        _kpi("email_active_rate", "email", "email_accounts_active", "email_accounts_issued",
             True, "Thư công vụ đang dùng", "Email accounts in use"),
        _kpi("staff_email_rate", "email", "staff_with_email", "staff_total", True,
             "CBCC có thư công vụ", "Staff with email"),
        _kpi("e_document_rate", "email",
             "documents_received_electronic documents_issued_electronic",
             "documents_received documents_issued", True, "Văn bản điện tử",
             "Electronic documents"),
        _kpi("staff_digital_training_rate", "email", "staff_trained_digital", "staff_total",
             True, "CBCC bồi dưỡng kỹ năng số", "Staff trained in digital skills"),
        _kpi("on_time_rate", "processing", "dossiers_resolved_within_deadline",
             "dossiers_resolved", True, "Giải quyết đúng hạn", "Resolved on time"),
        _kpi("early_rate", "processing", "dossiers_resolved_early", "dossiers_resolved", True,
             "Giải quyết trước hạn", "Resolved early"),
        _kpi("late_rate", "processing", "dossiers_resolved_late", "dossiers_resolved", False,
             "Giải quyết quá hạn", "Resolved late"),
        _kpi("digitization_rate", "digitization", "dossiers_digitized", "dossiers_received",
             True, "Số hóa hồ sơ", "Digitisation"),
        _kpi("e_result_rate", "digitization", "dossiers_e_result", "dossiers_resolved", True,
             "Kết quả điện tử", "Electronic results"),
        _kpi("e_certification_rate", "digitization", "certifications_electronic",
             "certifications_total", True, "Chứng thực điện tử", "Electronic certification"),
        _kpi("satisfaction_rate", "satisfaction", "", "", True, "Mức độ hài lòng",
             "Satisfaction"),
        *(Kpi(f"index_766_{key}", INDEX_766, (), (), True, vi, en, points)
          for key, points, vi, en in _INDEX_766),
    ]
}

KPI_IDS: tuple[str, ...] = tuple(KPIS)

# Shares of dossiers by channel: published shares of one unit and period should not add up to
# more than 100 %. `direct_dossier_rate` has no formula in KPIS.md but reports publish it.
CHANNEL_SHARE_IDS: tuple[str, ...] = (
    "online_dossier_rate", "postal_dossier_rate", "direct_dossier_rate",
)

# Totals the engine derives from their parts when the total itself is absent (KPIS.md).
DERIVED_TOTALS: dict[str, tuple[str, ...]] = {
    "dossiers_received": (
        "dossiers_received_online", "dossiers_received_direct", "dossiers_received_postal",
    ),
    "dossiers_resolved": ("dossiers_resolved_within_deadline", "dossiers_resolved_late"),
    "dossiers_resolved_within_deadline": ("dossiers_resolved_early", "dossiers_resolved_on_time"),
}

