"""The portal's Decision 766 scoring rules, as data.

Inferred from the portal's own answers (docs: shared SCORING-766.md) and reproduced exactly on
another day. A metric scores `r2(min(M, 100·n/d · M / T))`; what a zero denominator gives, and
whether the unit itself can move the metric, differ per metric and are spelled out here.
Vietnamese metric names are the portal's own (`name` of its metric objects); for the on-time
figure and the payment components the portal publishes no metric object, and the names are ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from cchc_tui.i18n import Lang, pick

# What a zero denominator gives (the portal's own answers for units with no dossiers):
ZERO_NULL = "null"        # ratio and score null, counted 0 in the group
ZERO_ZERO = "zero"        # ratio 0, score 0
ZERO_FULL = "full"        # ratio 0, full points (no petitions: nothing handled late)
CONSTANT = "constant"     # no counts published: always ratio 100 and full points
AS_PUBLISHED = "as_published"  # no counts published for children: the portal's score is kept
UNSCORED = "unscored"     # classification only, maximum 0

# Who can move the metric:
UNIT = "unit"             # the unit's own counts
PROVINCE = "province"     # the province's figures, copied to every child (the province's own lever)
FIXED = "constant"        # nothing to move
NOT_MODELLED = "published"  # no counts published: the portal's score is taken as it is


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    max: float
    name_vi: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Metric:
    code: str
    group: str
    max: float
    target: float | None      # percent at or above which the metric earns full points
    zero: str                 # ZERO_* / CONSTANT / AS_PUBLISHED / UNSCORED
    control: str              # UNIT / PROVINCE / FIXED / NOT_MODELLED
    sums_children: bool       # the province's counts are the sum of its children's
    name_vi: str
    name_en: str
    short_vi: str             # "số hóa hồ sơ" in "… điểm số hóa hồ sơ"
    short_en: str
    items_vi: str             # what the numerator counts: "hồ sơ số hóa"
    items_en: str
    of_vi: str = ""           # what the denominator counts, when levers speak "33 of 41 …"
    of_en: str = ""

    @property
    def scored(self) -> bool:
        return self.zero != UNSCORED


@dataclass(frozen=True, slots=True)
class PaymentComponent:
    """One part of the payment group: `min(cap, weight · p / target)` with `p = r2(100·a/b)`."""

    code: str
    weight: float
    target: float
    numerator: str            # field of the payment answer
    denominator: str
    sums_children: bool
    name_vi: str
    name_en: str
    short_vi: str
    short_en: str
    items_vi: str
    items_en: str
    of_vi: str = ""
    of_en: str = ""


GROUPS: tuple[Group, ...] = (
    Group("CKMB", 18, "Công khai, minh bạch", "Transparency"),
    Group("TDGQ", 20, "Tiến độ giải quyết", "Handling progress"),
    Group("CLGQ", 12, "Dịch vụ trực tuyến", "Online services"),
    Group("TTTT", 10, "Thanh toán trực tuyến", "Online payment"),
    Group("MDHL", 18, "Mức độ hài lòng", "Satisfaction"),
    Group("MDSH", 22, "Số hóa hồ sơ", "Digitisation"),
)
GROUP_BY_CODE = {g.code: g for g in GROUPS}
TOTAL_MAX = sum(g.max for g in GROUPS)

# The code of the on-time figure (progress tree), of the whole online-services group (no counts
# for children) and of the three payment components: the portal has no metric object for them.
ON_TIME = "ON_TIME"
CLGQ_PUBLISHED = "CLGQ"

_M = Metric
METRICS: tuple[Metric, ...] = (
    _M("PUBLISH_ON_TIME", "CKMB", 6, 100, ZERO_NULL, PROVINCE, False,
       "Tỷ lệ TTHC công bố đúng hạn", "Procedures published on time",
       "công bố đúng hạn", "publishing on time", "TTHC công bố đúng hạn",
       "procedures published on time", "TTHC", "procedures"),
    _M("PUBLIC_UPDATE_ON_TIME", "CKMB", 4, 100, ZERO_NULL, PROVINCE, False,
       "Tỷ lệ TTHC cập nhật, công khai đúng hạn", "Procedures updated and published on time",
       "cập nhật đúng hạn", "updating on time", "TTHC cập nhật đúng hạn",
       "procedures updated on time", "TTHC", "procedures"),
    _M("PUBLIC_CONTENT_FULL", "CKMB", 2, 100, ZERO_NULL, PROVINCE, False,
       "Tỷ lệ TTHC công khai đầy đủ nội dung", "Procedures published in full",
       "công khai đầy đủ", "full publication", "TTHC công khai đầy đủ",
       "procedures published in full", "TTHC", "procedures"),
    _M("DOSSIER_SYNC", "CKMB", 6, 100, ZERO_NULL, UNIT, True,
       "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG", "Dossiers synced to the national portal",
       "đồng bộ hồ sơ", "dossier sync", "hồ sơ đồng bộ", "synced dossiers"),
    _M(ON_TIME, "TDGQ", 20, 100, ZERO_ZERO, UNIT, True,
       "Tỷ lệ hồ sơ giải quyết đúng hạn", "Dossiers handled on time",
       "tiến độ giải quyết", "handling on time", "hồ sơ giải quyết đúng hạn",
       "dossiers handled on time"),
    _M(CLGQ_PUBLISHED, "CLGQ", 12, None, AS_PUBLISHED, NOT_MODELLED, False,
       "Dịch vụ trực tuyến", "Online services",
       "dịch vụ trực tuyến", "online services", "", ""),
    _M("DOSSIER_RECEIVING_SATISFACTION", "MDHL", 6, 90, ZERO_ZERO, UNIT, True,
       "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC",
       "Satisfaction with receiving and handling", "hài lòng", "satisfaction",
       "hồ sơ hài lòng", "satisfied dossiers"),
    _M("PETITION_PROCESSING_ON_TIME", "MDHL", 6, 100, ZERO_FULL, UNIT, False,
       "Tỷ lệ PAKN xử lý đúng hạn", "Petitions handled on time",
       "xử lý PAKN đúng hạn", "petitions on time", "PAKN xử lý đúng hạn",
       "petitions handled on time", "PAKN", "petitions"),
    _M("PETITION_HANDLING_SATISFACTION", "MDHL", 6, 100, ZERO_FULL, UNIT, False,
       "Tỷ lệ hài lòng trong xử lý PAKN", "Satisfaction with petition handling",
       "hài lòng với xử lý PAKN", "petition satisfaction", "PAKN được hài lòng",
       "petitions with a satisfied answer", "PAKN", "petitions"),
    _M("PETITION_CLASSIFICATION_TTHC", "MDHL", 0, None, UNSCORED, FIXED, False,
       "Tỷ lệ PAKN về quy định, thủ tục hành chính",
       "Petitions about rules and procedures (not scored)", "", "", "", ""),
    _M("PETITION_CLASSIFICATION_STAFF", "MDHL", 0, None, UNSCORED, FIXED, False,
       "Tỷ lệ PAKN về hành vi cán bộ, công chức, viên chức",
       "Petitions about staff conduct (not scored)", "", "", "", ""),
    _M("ORIGINAL_RESULT_AVAILABLE", "MDSH", 6, 100, ZERO_NULL, UNIT, True,
       "Tỷ lệ hồ sơ thủ tục hành chính có cấp kết quả giải quyết thủ tục hành chính điện tử",
       "Dossiers with an electronic result", "kết quả điện tử", "electronic results",
       "hồ sơ có kết quả điện tử", "dossiers with an electronic result"),
    _M("SO_HOA_GIAY_TO_GIAI_QUYET", "MDSH", 4, 100, ZERO_NULL, UNIT, True,
       "Tỷ lệ hồ sơ thủ tục hành chính thực hiện số hóa hồ sơ", "Dossiers digitised",
       "số hóa hồ sơ", "digitisation", "hồ sơ số hóa", "digitised dossiers"),
    _M("REUSED_DIGITIZED_DATA", "MDSH", 2, 80, ZERO_NULL, UNIT, True,
       "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa",
       "Dossiers reusing digitised data", "tái sử dụng dữ liệu số hóa", "reuse of digitised data",
       "hồ sơ tái sử dụng dữ liệu số hóa", "dossiers reusing digitised data"),
    _M("SYNCED_WITH_DVCQG_PERSONAL_STORAGE", "MDSH", 4, 100, ZERO_NULL, UNIT, True,
       "Tỷ lệ hồ sơ TTHC được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng",
       "Digitised dossiers shared for reuse", "chia sẻ dữ liệu số hóa", "sharing for reuse",
       "hồ sơ số hóa được chia sẻ", "digitised dossiers shared"),
    _M("CITIZEN_DATA_CONNECTED_DOSSIER", "MDSH", 2, 100, ZERO_NULL, UNIT, True,
       "Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư",
       "Dossiers using population data", "dữ liệu dân cư (hồ sơ)", "population data (dossiers)",
       "hồ sơ dùng dữ liệu dân cư", "dossiers using population data"),
    _M("CITIZEN_DATA_CONNECTED_FORMALITY", "MDSH", 2, 100, ZERO_NULL, UNIT, False,
       "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ GQ TTHC",
       "Procedures connected to population data", "dữ liệu dân cư (TTHC)",
       "population data (procedures)", "TTHC kết nối dữ liệu dân cư",
       "procedures connected to population data", "TTHC", "procedures"),
    _M("ELECTRONIC_CERTIFIED_COPY", "MDSH", 2, None, CONSTANT, FIXED, False,
       "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
       "Electronic certified copies", "chứng thực bản sao điện tử", "certified copies", "", ""),
)
METRIC_BY_CODE = {m.code: m for m in METRICS}

# Payment (TTTT, 10): each component's percentage is rounded first, then the component, then
# the sum; a zero denominator gives 0. The answer's `ratio` is score × 10, not a payment rate.
PAYMENT: tuple[PaymentComponent, ...] = (
    PaymentComponent("PAYMENT_DOSSIERS", 6, 100, "totalDossierOnlinePaymentSuccess",
                     "totalDossierFinancialObligation", True,
                     "Tỷ lệ hồ sơ có nghĩa vụ tài chính được thanh toán trực tuyến",
                     "Fee-bearing dossiers paid online",
                     "thanh toán hồ sơ trực tuyến", "online payment of dossiers",
                     "hồ sơ thanh toán trực tuyến", "dossiers paid online"),
    PaymentComponent("PAYMENT_PROCEDURES", 2, 80, "totalDossierOnlineFormalityPaymentSuccess",
                     "totalFeeDossierFormalityDistinct", False,
                     "Tỷ lệ TTHC có phí có hồ sơ thanh toán trực tuyến",
                     "Fee procedures with an online payment",
                     "TTHC có thanh toán trực tuyến", "procedures paid online",
                     "TTHC có phí có thanh toán trực tuyến", "fee procedures with online payment",
                     "TTHC có phí", "fee procedures"),
    PaymentComponent("PAYMENT_FEE_PROCEDURES_USED", 2, 80, "totalFeeDossierFormality",
                     "totalFeeFormality", False,
                     "Tỷ lệ TTHC có phí phát sinh hồ sơ",
                     "Fee procedures with fee-bearing dossiers",
                     "TTHC có phí được sử dụng", "fee procedures in use",
                     "TTHC có phí phát sinh hồ sơ", "fee procedures with fee-bearing dossiers",
                     "TTHC có phí", "fee procedures"),
)
PAYMENT_BY_CODE = {c.code: c for c in PAYMENT}
PAYMENT_FIELDS = tuple(dict.fromkeys(f for c in PAYMENT for f in (c.numerator, c.denominator)))


def metric_name(code: str, lang: Lang) -> str:
    """The metric's or payment component's name in `lang` ("vi" is the portal's wording)."""
    if code in METRIC_BY_CODE:
        rule = METRIC_BY_CODE[code]
        return pick((rule.name_vi, rule.name_en), lang)
    comp = PAYMENT_BY_CODE[code]
    return pick((comp.name_vi, comp.name_en), lang)


def group_name(code: str, lang: Lang) -> str:
    group = GROUP_BY_CODE[code]
    return pick((group.name_vi, group.name_en), lang)


def metrics_of(group: str) -> tuple[Metric, ...]:
    return tuple(m for m in METRICS if m.group == group)
