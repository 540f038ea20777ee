import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductImage

from shop.users.validators import validate_mainland_mobile

from .constants import (
    ApplicationStatus,
    CertificationKind,
    CooperativeStatus,
    DocumentKind,
    ListingReviewKind,
    ListingReviewStatus,
    NetUnit,
    Storage,
)
from .uploads import CheckedDocumentField, RandomName, content_type_field, private_storage
from .validators import validate_cooperative_credit_code, validate_image_upload


class Product(AbstractProduct):
    #: Segmented words of the title, categories, cooperatives and description, kept up to date
    #: by ``catalog.services.product_search_text_refresh``; PostgreSQL indexes it for search.
    search_text = models.TextField(_("检索词"), blank=True, default="", editable=False)
    #: The part of ``search_text`` from the title and categories, and the part from the
    #: cooperatives and origin area: what search ranks by (a title match before a cooperative's
    #: name before the description).
    search_title = models.TextField(_("标题检索词"), blank=True, default="", editable=False)
    search_provenance = models.TextField(_("产地检索词"), blank=True, default="", editable=False)

    # Provenance: fields, not Oscar attributes, because shoppers filter on them.
    origin_area = models.ForeignKey(
        "catalogue.ResettlementArea",
        verbose_name=_("产地安置区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
    )
    harvest_season = models.CharField(_("采收季节"), max_length=50, blank=True)
    shelf_life_days = models.PositiveIntegerField(_("保质期（天）"), null=True, blank=True)
    storage = models.CharField(
        _("储存方式"), max_length=10, choices=Storage.choices, default=Storage.AMBIENT, db_index=True
    )
    net_content = models.DecimalField(
        _("净含量"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    net_unit = models.CharField(_("单位"), max_length=10, choices=NetUnit.choices, blank=True)

    #: When the operator first approved the listing (商品审核); shoppers never see a product
    #: without one. Later changes wait in a ``ListingReview`` while this version stays public.
    approved_at = models.DateTimeField(_("上架审核通过时间"), null=True, blank=True, db_index=True)

    def get_all_images(self):
        """The images shoppers see: approved ones only (a cooperative's new upload waits for
        the listing review). Filtered in Python so a prefetched ``images`` is reused."""
        owner = self
        if self.is_child and self.parent_id is not None and not self.images.exists():
            owner = self.parent
        return [image for image in owner.images.all() if image.is_approved]


class ProductImage(AbstractProductImage):
    #: False for a cooperative's upload to a listed product until the operator approves it.
    is_approved = models.BooleanField(_("已审核"), default=True)
    #: A cooperative asked to remove this image; it stays public until the operator approves.
    removal_requested = models.BooleanField(_("申请删除"), default=False)


class ResettlementArea(models.Model):
    """An easy-relocation resettlement area (易地扶贫搬迁安置区) of Sui County, where the
    cooperatives selling on Wenfu employ or contract relocated households."""

    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(_("标识"), max_length=100, unique=True)
    town = models.CharField(_("镇/场/景区"), max_length=50)
    village = models.CharField(_("村/社区"), max_length=50, blank=True)
    established_year = models.PositiveSmallIntegerField(_("建成年份"), null=True, blank=True)
    households = models.PositiveIntegerField(_("搬迁户数"), default=0)
    people = models.PositiveIntegerField(_("搬迁人数"), default=0)
    division_code = models.CharField(
        _("行政区划代码"), max_length=6, default="421321", help_text=_("GB/T 2260 县级代码。")
    )
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(_("简介"), blank=True)
    photo = models.ImageField(_("照片"), upload_to="areas/", blank=True, validators=[validate_image_upload])

    class Meta:
        verbose_name = _("安置区")
        verbose_name_plural = _("安置区")
        ordering = ["town", "name"]

    def __str__(self):
        return self.name


class CooperativeProfile(models.Model):
    """What Wenfu knows about a cooperative beyond Oscar's ``Partner``: its registration and how
    it shares income with relocated households (联农带农)."""

    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("商家"), on_delete=models.CASCADE, related_name="cooperative"
    )
    legal_name = models.CharField(_("登记名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_cooperative_credit_code]
    )
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    contact_mobile = models.CharField(
        _("联系电话"), max_length=11, blank=True, validators=[validate_mainland_mobile]
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    areas = models.ManyToManyField(
        ResettlementArea, verbose_name=_("带动安置区"), related_name="cooperatives", blank=True
    )
    households_linked = models.PositiveIntegerField(_("带动搬迁户数"), default=0)
    people_employed = models.PositiveIntegerField(_("吸纳就业人数"), default=0)
    benefit_mechanism = models.TextField(_("联农带农机制"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=CooperativeStatus.choices,
        default=CooperativeStatus.ACTIVE,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("状态变更人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_reason = models.CharField(_("暂停原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("合作社档案")
        verbose_name_plural = _("合作社档案")
        ordering = ["legal_name"]

    def __str__(self):
        return self.legal_name


class QualificationDocument(models.Model):
    """A licence or permit a cooperative must hold, with its expiry date (None: no expiry)."""

    cooperative = models.ForeignKey(
        CooperativeProfile, verbose_name=_("合作社"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("证号"), max_length=100, blank=True)
    file = CheckedDocumentField(
        _("文件"),
        upload_to=RandomName("qualifications"),
        storage=private_storage,
        content_type_field="content_type",
    )
    content_type = content_type_field(_("文件类型"))
    expires_on = models.DateField(_("有效期至"), null=True, blank=True, help_text=_("长期有效请留空。"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    #: Set when the 30-day expiry warning went out, so the daily task warns once.
    expiry_warning_sent_on = models.DateField(_("到期提醒日期"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("资质文件")
        verbose_name_plural = _("资质文件")
        ordering = ["expires_on", "pk"]

    def __str__(self):
        return f"{self.cooperative} · {self.get_kind_display()}"


class CooperativeApplication(models.Model):
    """A cooperative's application to sell on Wenfu (申请入驻), reviewed by the operator.

    States and their allowed transitions are in ``catalog.constants.APPLICATION_TRANSITIONS``;
    every transition is an ``ApplicationEvent`` saying who did it and when.
    """

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="cooperative_applications",
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    shop_name = models.CharField(_("店铺名称"), max_length=100)
    legal_name = models.CharField(_("登记名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, validators=[validate_cooperative_credit_code]
    )
    legal_representative = models.CharField(_("法定代表人"), max_length=50)
    contact_mobile = models.CharField(_("联系电话"), max_length=11, validators=[validate_mainland_mobile])
    address = models.CharField(_("地址"), max_length=200)
    areas = models.ManyToManyField(
        ResettlementArea, verbose_name=_("带动安置区"), related_name="applications"
    )
    households_linked = models.PositiveIntegerField(_("带动搬迁户数"), default=0)
    people_employed = models.PositiveIntegerField(_("吸纳就业人数"), default=0)
    benefit_mechanism = models.TextField(_("联农带农机制"))
    business_license = CheckedDocumentField(
        _("营业执照"),
        upload_to=RandomName("applications"),
        storage=private_storage,
        content_type_field="business_license_content_type",
    )
    business_license_content_type = content_type_field(_("营业执照文件类型"))
    business_license_expires_on = models.DateField(_("营业执照有效期至"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    decision_reason = models.TextField(_("审核意见"), blank=True)
    partner = models.OneToOneField(
        "partner.Partner",
        verbose_name=_("开通的商家"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        verbose_name = _("入驻申请")
        verbose_name_plural = _("入驻申请")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.legal_name


class ApplicationEvent(models.Model):
    """One state change of an application: from, to, who, when and why."""

    application = models.ForeignKey(
        CooperativeApplication, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("原状态"), max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申请记录")
        verbose_name_plural = _("申请记录")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ProductCertification(models.Model):
    """A certificate a product holds: 绿色食品, 有机产品, 地理标志, 承诺达标合格证."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("商品"), on_delete=models.CASCADE, related_name="certifications"
    )
    kind = models.CharField(_("认证类型"), max_length=20, choices=CertificationKind.choices, db_index=True)
    number = models.CharField(_("证书编号"), max_length=100)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)

    class Meta:
        verbose_name = _("产品认证")
        verbose_name_plural = _("产品认证")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "kind"], name="one_certificate_of_a_kind_per_product")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class TierPrice(models.Model):
    """An institutional buyer's price for ordering at least ``min_quantity`` units of a stock
    record. The lowest tier's quantity is the minimum order quantity for institutions."""

    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        verbose_name=_("库存记录"),
        on_delete=models.CASCADE,
        related_name="tier_prices",
    )
    min_quantity = models.PositiveIntegerField(_("起订数量"), validators=[MinValueValidator(1)])
    price = models.DecimalField(_("单价"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("阶梯价")
        verbose_name_plural = _("阶梯价")
        ordering = ["stockrecord", "min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["stockrecord", "min_quantity"], name="one_tier_per_quantity")
        ]

    def __str__(self):
        return f"≥{self.min_quantity} ¥{self.price}"


class ProductionBatch(models.Model):
    """A production batch (生产批次) of a product, for traceability (溯源). Its QR code opens
    a public page found by ``token``, which cannot be guessed from batch numbers."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("商品"), on_delete=models.PROTECT, related_name="batches"
    )
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("合作社"), on_delete=models.PROTECT, related_name="batches"
    )
    batch_number = models.CharField(_("批次号"), max_length=50)
    produced_on = models.DateField(_("采收/生产日期"))
    quantity = models.DecimalField(
        _("数量"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("单位"), max_length=10, choices=NetUnit.choices)
    # Public by design (the trace page links to it), so in the default storage, but random-named
    # and served like every upload.
    inspection_report = CheckedDocumentField(
        _("检测报告"),
        upload_to=RandomName("inspections"),
        blank=True,
        content_type_field="inspection_report_content_type",
    )
    inspection_report_content_type = content_type_field(_("检测报告文件类型"))
    token = models.UUIDField(_("溯源码"), default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("生产批次")
        verbose_name_plural = _("生产批次")
        ordering = ["-produced_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "batch_number"], name="unique_batch_number_per_cooperative"
            )
        ]

    def __str__(self):
        return f"{self.product} · {self.batch_number}"


class ListingReview(models.Model):
    """A cooperative's new product, or its change to a listed one, waiting for the operator
    (商品审核).

    A new product is reviewed as it stands (nobody sees it before approval). A change keeps the
    public version on the product and holds what would change here: ``changes`` maps
    ``"fields"`` (``{name: {"before", "after"}}`` of ``REVIEWED_PRODUCT_FIELDS``), ``"prices"``
    (``{stock record id: {"before", "after"}}``), ``"tiers"`` (the same, each a list of
    ``{"min_quantity", "price"}``), ``"certifications"`` (``{"before", "after"}``,
    lists of ``{"kind", "number", "valid_until"}``), ``"images_added"`` and ``"images_removed"``
    (image ids). Values are JSON: foreign keys as ids, decimals and dates as strings.
    """

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("商品"), on_delete=models.CASCADE, related_name="listing_reviews"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=ListingReviewKind.choices)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ListingReviewStatus.choices,
        default=ListingReviewStatus.PENDING,
        db_index=True,
    )
    changes = models.JSONField(_("修改内容"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    reason = models.TextField(_("驳回理由"), blank=True)

    class Meta:
        verbose_name = _("商品审核")
        verbose_name_plural = _("商品审核")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # At most one review of a product waits at a time: a cooperative withdraws a pending
            # change before making another, and edits to an unlisted product refresh its review.
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(status="pending"),
                name="listing_review_one_pending_per_product",
            )
        ]

    def __str__(self):
        return f"{self.product} · {self.get_kind_display()} · {self.get_status_display()}"


from oscar.apps.catalogue.models import *  # noqa: E402, F403
