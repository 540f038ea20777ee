"""The consumption-assistance ledger (消费帮扶台账).

Every sale, whoever the buyer, is an Oscar order line of one cooperative (shared/DESIGN.md, "One
ledger of sales"). The ledger keeps, per line, what moved the money: the sale of a paid retail
line (the part a union's welfare voucher paid filed apart, under the union), each refund of it
(negative), the 验收 of an institutional line (accepted units only, so rejected ones never
count). A line's sum is what the cooperative finally sold with it. Every report is a ``GROUP BY``
over ``LedgerMonth``, these rows summed per month and per dimension as they are written, so the
figures of every view add up to the same cents and cost the same whatever the number of lines.

Each entry keeps who bought, from which cooperative, for which resettlement area and in which
category as they were when it was written, and the day in Beijing time, so a year's report does
not move when a product is recategorised later and groups by day without converting times.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.uploads import RandomName, private_storage


class LedgerChannel(models.TextChoices):
    """Who bought, as the ledger reports it."""

    RETAIL = "retail", _("个人消费")
    INSTITUTIONAL = "institutional", _("机构采购")
    #: The part of a shopper's order a union's welfare voucher paid.
    WELFARE = "welfare", _("工会福利")


class LedgerEntryKind(models.TextChoices):
    SALE = "sale", _("销售")
    REFUND = "refund", _("退款")
    ACCEPTANCE = "acceptance", _("验收")
    #: What a union's welfare voucher paid of a retail line (the shopper's part is its sale).
    VOUCHER = "voucher", _("福利券")


class LedgerEntry(models.Model):
    line = models.ForeignKey(
        "order.Line", verbose_name=_("订单明细"), on_delete=models.PROTECT, related_name="ledger_entries"
    )
    kind = models.CharField(_("类型"), max_length=12, choices=LedgerEntryKind.choices)
    channel = models.CharField(_("渠道"), max_length=16, choices=LedgerChannel.choices)
    organisation = models.ForeignKey(
        "procurement.Organisation",
        verbose_name=_("采购单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("合作社"), on_delete=models.PROTECT, related_name="ledger_entries"
    )
    area = models.ForeignKey(
        "catalogue.ResettlementArea",
        verbose_name=_("安置区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name=_("品类"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ledger_entries",
    )
    #: The union campaign whose voucher paid this part of the line.
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("工会福利活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    refund = models.ForeignKey(
        "payments.AlipayRefund",
        verbose_name=_("退款"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    #: Units sold (negative for a refund).
    quantity = models.IntegerField(_("数量"))
    #: Yuan, to the cent (negative for a refund).
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    occurred_at = models.DateTimeField(_("发生时间"))
    #: ``occurred_at``'s day in Beijing time.
    occurred_on = models.DateField(_("日期"))

    class Meta:
        verbose_name = _("台账记录")
        verbose_name_plural = _("台账记录")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["occurred_on", "channel"], name="ledger_day_channel"),
            models.Index(fields=["partner", "occurred_on"], name="ledger_partner_day"),
            models.Index(fields=["organisation", "occurred_on"], name="ledger_organisation_day"),
            models.Index(fields=["area", "occurred_on"], name="ledger_area_day"),
        ]
        constraints = [
            # A line is sold, paid by a voucher or accepted once; each refund nets …
            models.UniqueConstraint(
                fields=["line", "kind"],
                condition=~models.Q(kind="refund"),
                name="ledger_one_sale_per_line",
            ),
            # … the shopper's part and the union voucher's part (each a channel) once per refund.
            models.UniqueConstraint(
                fields=["line", "refund", "channel"],
                condition=models.Q(kind="refund"),
                name="ledger_one_entry_per_line_refund",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.line} {self.amount}"


#: The roll-up's key: a row per month and combination of what a report filters or groups by.
LEDGER_MONTH_KEY = (
    "month",
    "channel",
    "is_refund",
    "partner_id",
    "area_id",
    "organisation_id",
    "category_id",
)
#: How the roll-up files "no area", "no organisation", "no category" (ids start at 1).
NO_DIMENSION = 0


class LedgerMonth(models.Model):
    """The ledger summed per month and per everything a report filters or groups by: what the
    reports read instead of the entries, so a year's report sums a few thousand rows, not a
    million. ``ledger_entries_file`` adds every entry it writes to its month's row in the same
    transaction; ``ledger_months_rebuild`` computes the table again from the entries.

    The dimensions are plain integers, not foreign keys, with 0 for "none": a row's key must be
    unique on SQLite and PostgreSQL alike, and a NULL is never equal to another NULL in a unique
    key, so "no area" would get a new row per write. The month is its first day; sales and
    refunds stay apart (``is_refund``) because a report shows both."""

    #: The first day of the month (Beijing time) of the entries.
    month = models.DateField(_("月份"))
    channel = models.CharField(_("渠道"), max_length=16, choices=LedgerChannel.choices)
    is_refund = models.BooleanField(_("退款"))
    partner_id = models.IntegerField(_("合作社"))
    #: The resettlement area's id, 0 for none.
    area_id = models.IntegerField(_("安置区"))
    #: The buyer organisation's id, 0 for none (a shopper's purchase).
    organisation_id = models.BigIntegerField(_("采购单位"))
    #: The top-level category's id, 0 for none.
    category_id = models.IntegerField(_("品类"))
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    quantity = models.IntegerField(_("数量"))
    entries = models.IntegerField(_("台账记录数"))

    class Meta:
        verbose_name = _("台账月汇总")
        verbose_name_plural = _("台账月汇总")
        constraints = [
            # The upsert's conflict target; month first, so it also serves a period's reads.
            models.UniqueConstraint(fields=LEDGER_MONTH_KEY, name="ledger_month_key"),
        ]
        indexes = [
            # A cooperative's and an organisation's own ledger.
            models.Index(fields=["partner_id", "month"], name="ledger_month_partner"),
            models.Index(fields=["organisation_id", "month"], name="ledger_month_organisation"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.get_channel_display()} {self.amount}"


class LedgerExportState(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class LedgerExport(models.Model):
    """An Excel export too large to make within the request: made by a Celery task, which
    updates ``progress``; the file is private and only its requester downloads it."""

    requested_by = models.ForeignKey(
        "users.User", verbose_name=_("导出人"), on_delete=models.CASCADE, related_name="ledger_exports"
    )
    #: The portal's export of one organisation's own purchases; None for the dashboard's.
    organisation = models.ForeignKey(
        "procurement.Organisation",
        verbose_name=_("采购单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    with_organisations = models.BooleanField(_("含采购单位"), default=True)
    #: The ``LedgerFilters`` of the export, as ``dataclasses.asdict`` gives them.
    filters = models.JSONField(_("筛选条件"), default=dict)
    state = models.CharField(
        _("状态"), max_length=10, choices=LedgerExportState.choices, default=LedgerExportState.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    file = models.FileField(
        _("文件"), upload_to=RandomName("ledger-exports"), storage=private_storage, max_length=200, blank=True
    )
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    error = models.CharField(_("失败原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("导出时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("台账导出")
        verbose_name_plural = _("台账导出")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name or str(self.pk)

    @property
    def is_finished(self):
        return self.state in (LedgerExportState.DONE, LedgerExportState.FAILED)
