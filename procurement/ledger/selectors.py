"""Reading the ledger: every figure is a sum of the ledger's monthly roll-up (``LedgerMonth``)
grouped one way, so the totals of every view — per channel, month, cooperative, area,
organisation, category — add up to the same cents as the entries behind them, and each costs one
``GROUP BY`` over a few thousand rows however many entries there are. Every filter a report has
is a whole month or a dimension of the roll-up, so no report needs the entries themselves.

Who may read what is decided here, not in the views: operators read everything, a
cooperative's staff only its own sales, a buyer organisation's members only its own purchases —
the same rule for the entries (``ledger_entries_for``) and the roll-up (``ledger_months_for``).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile, ResettlementArea
from procurement.models import Organisation
from procurement.selectors import LEDGER_TIME_ZONE, organisations_for, partners_for_cooperative
from shop.users.roles import is_operator

from .models import NO_DIMENSION, LedgerChannel, LedgerEntry, LedgerMonth

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class LedgerFilters:
    """What a report covers: a calendar year (Beijing time), months ``month_from`` to
    ``month_to`` of it, and optionally one town, one kind of buyer organisation, one channel,
    one cooperative (partner id) or one organisation (id)."""

    year: int
    month_from: int = 1
    month_to: int = 12
    town: str = ""
    organisation_kind: str = ""
    channel: str = ""
    partner: int | None = None
    organisation: int | None = None

    @property
    def period_label(self):
        """How a county office writes the period: 2026年1—11月, or 2026年 for a whole year."""
        if (self.month_from, self.month_to) == (1, 12):
            return _("%(year)s年") % {"year": self.year}
        if self.month_from == self.month_to:
            return _("%(year)s年%(month)s月") % {"year": self.year, "month": self.month_from}
        return _("%(year)s年%(start)s—%(end)s月") % {
            "year": self.year,
            "start": self.month_from,
            "end": self.month_to,
        }


def this_year():
    return timezone.localtime(timezone.now(), LEDGER_TIME_ZONE).year


def ledger_entries_for(user):
    """The entries ``user`` may read: all for operators; else the sales of the cooperatives
    they work for and the purchases of the organisations they belong to."""
    if is_operator(user):
        return LedgerEntry.objects.all()
    if not (user.is_authenticated and user.is_active):
        return LedgerEntry.objects.none()
    return LedgerEntry.objects.filter(
        Q(partner__in=partners_for_cooperative(user)) | Q(organisation__in=organisations_for(user))
    )


def ledger_months_for(user):
    """The roll-up rows ``user`` may read, by the rule of ``ledger_entries_for``: a row is of
    one cooperative and one organisation (or none), so it holds only entries the user may read
    or only entries they may not."""
    if is_operator(user):
        return LedgerMonth.objects.all()
    if not (user.is_authenticated and user.is_active):
        return LedgerMonth.objects.none()
    return LedgerMonth.objects.filter(
        Q(partner_id__in=partners_for_cooperative(user).values("pk"))
        | Q(organisation_id__in=organisations_for(user).values("pk"))
    )


def ledger_filtered(months, filters):
    """``months`` (roll-up rows) within ``filters``."""
    months = months.filter(
        month__gte=datetime.date(filters.year, filters.month_from, 1),
        month__lte=datetime.date(filters.year, filters.month_to, 1),
    )
    if filters.town:
        months = months.filter(area_id__in=ResettlementArea.objects.filter(town=filters.town).values("pk"))
    if filters.organisation_kind:
        months = months.filter(
            organisation_id__in=Organisation.objects.filter(kind=filters.organisation_kind).values("pk")
        )
    if filters.channel:
        months = months.filter(channel=filters.channel)
    if filters.partner:
        months = months.filter(partner_id=filters.partner)
    if filters.organisation:
        months = months.filter(organisation_id=filters.organisation)
    return months


def ledger_entry_count(months):
    """How many entries ``months`` sum."""
    return months.aggregate(entries=Sum("entries", default=0))["entries"]


@dataclass
class LedgerRow:
    """One row of a report: what was sold (sales and 验收), refunded (a negative amount) and
    the net, in yuan, with the units sold net of refunds."""

    key: object
    label: str
    sold: Decimal = ZERO
    refunded: Decimal = ZERO
    net: Decimal = ZERO
    units: int = 0
    extra: dict = field(default_factory=dict)


FIGURES = {
    "sold": Sum("amount", filter=Q(is_refund=False), default=ZERO),
    "refunded": Sum("amount", filter=Q(is_refund=True), default=ZERO),
    "net": Sum("amount", default=ZERO),
    "units": Sum("quantity", default=0),
}


def _grouped(months, key):
    """``{key value: {sold, refunded, net, units}}`` of ``months`` grouped by ``key``."""
    rows = months.values(key).annotate(**FIGURES).order_by()
    return {row[key]: row for row in rows}


def _cents(value):
    # SQLite sums decimals as it likes (0, 5760.0): the ledger always speaks in cents.
    return Decimal(value or 0).quantize(CENT)


def _merged(figures, key):
    """``figures`` (as ``_grouped`` gives them) added up per ``key(value)``: several groups of
    the roll-up that a report shows as one row."""
    merged = {}
    for value, row in figures.items():
        into = merged.setdefault(key(value), {"sold": ZERO, "refunded": ZERO, "net": ZERO, "units": 0})
        for name in ("sold", "refunded", "net"):
            into[name] += _cents(row[name])
        into["units"] += row["units"] or 0
    return merged


def _row(key, label, figures, **extra):
    figures = figures or {}
    return LedgerRow(
        key=key,
        label=str(label),
        sold=_cents(figures.get("sold")),
        refunded=_cents(figures.get("refunded")),
        net=_cents(figures.get("net")),
        units=figures.get("units") or 0,
        extra=extra,
    )


def _ranked(rows):
    return sorted(rows, key=lambda row: (-row.net, row.label))


def ledger_total(months):
    """All of ``months`` in one row."""
    return _row("total", _("合计"), months.aggregate(**FIGURES))


def ledger_by_channel(months):
    figures = _grouped(months, "channel")
    return [_row(value, label, figures.get(value)) for value, label in LedgerChannel.choices]


def ledger_by_month(months, filters):
    """A row per month of the period (``filters``' year), months without entries included."""
    figures = {day.month: row for day, row in _grouped(months, "month").items()}
    return [
        _row(month, _("%(month)s月") % {"month": month}, figures.get(month))
        for month in range(filters.month_from, filters.month_to + 1)
    ]


def ledger_by_month_and_channel(months, filters):
    """``{channel: [net of each month of the period]}``, for the chart of sales by channel."""
    rows = months.values("channel", "month").annotate(net=Sum("amount")).order_by()
    nets = {(row["channel"], row["month"].month): _cents(row["net"]) for row in rows}
    months = range(filters.month_from, filters.month_to + 1)
    return {
        value: [nets.get((value, month), ZERO) for month in months] for value, _label in LedgerChannel.choices
    }


def ledger_by_cooperative(months):
    """A row per cooperative that sold anything, the largest net first; ``extra`` has the
    cooperative's sales per channel (``channels``: ``{channel: net}``)."""
    figures = _grouped(months, "partner_id")
    per_channel = {}
    for row in months.values("partner_id", "channel").annotate(net=Sum("amount")).order_by():
        per_channel.setdefault(row["partner_id"], {})[row["channel"]] = _cents(row["net"])
    partners = Partner.objects.in_bulk(list(figures))
    return _ranked(
        _row(pk, partners[pk].name, figures[pk], channels=per_channel.get(pk, {})) for pk in figures
    )


def _dimension(pk):
    """The id of a roll-up row's area, organisation or category, or None for none."""
    return None if pk == NO_DIMENSION else pk


def ledger_by_area(months):
    """A row per resettlement area that sales reached (the largest first), with the households
    and people its active cooperatives link (``extra``: ``households``, ``people``,
    ``per_household``: net ÷ households, or None) and the area's own town."""
    figures = {_dimension(pk): row for pk, row in _grouped(months, "area_id").items()}
    areas = ResettlementArea.objects.in_bulk([pk for pk in figures if pk is not None])
    linked = {}
    profiles = CooperativeProfile.objects.filter(status=CooperativeStatus.ACTIVE, areas__in=list(areas))
    for row in (
        profiles.values("areas")
        .annotate(households=Sum("households_linked"), people=Sum("people_employed"))
        .order_by()
    ):
        linked[row["areas"]] = row
    rows = []
    for pk, area_figures in figures.items():
        if pk is None:
            rows.append(_row(None, _("未关联安置区"), area_figures, town="", households=0, people=0))
            continue
        households = (linked.get(pk) or {}).get("households") or 0
        row = _row(
            pk,
            areas[pk].name,
            area_figures,
            town=areas[pk].town,
            households=households,
            people=(linked.get(pk) or {}).get("people") or 0,
        )
        row.extra["per_household"] = (row.net / households).quantize(Decimal("0.01")) if households else None
        rows.append(row)
    return _ranked(rows)


def ledger_by_town(months):
    """A row per town of the areas sales reached (the largest first); the roll-up has areas,
    whose towns are a handful of rows to look up."""
    figures = _grouped(months, "area_id")
    towns = dict(ResettlementArea.objects.filter(pk__in=list(figures)).order_by().values_list("pk", "town"))
    by_town = _merged(figures, lambda pk: towns.get(pk))
    return _ranked(_row(town, town or _("未关联安置区"), by_town[town]) for town in by_town)


def ledger_by_organisation(months, filters):
    """A row per buyer organisation (institutional purchases), the largest first, with its
    yearly target (``extra``: ``target``, ``percent`` of it reached, or None) and kind."""
    figures = _grouped(months.exclude(organisation_id=NO_DIMENSION), "organisation_id")
    organisations = Organisation.objects.in_bulk(list(figures))
    rows = []
    for pk, organisation_figures in figures.items():
        organisation = organisations[pk]
        target = organisation.yearly_target
        row = _row(
            pk,
            organisation.name,
            organisation_figures,
            kind=organisation.get_kind_display(),
            target=target,
        )
        row.extra["percent"] = (row.net * 100 / target).quantize(Decimal("0.1")) if target else None
        rows.append(row)
    return _ranked(rows)


def ledger_by_category(months):
    """A row per top-level category (the largest first). An entry whose category was deleted
    since has none (the entry's key is set to NULL); its roll-up row still has the old id, so
    ids of no category count as 未分类 too."""
    figures = _grouped(months, "category_id")
    categories = Category.objects.in_bulk([pk for pk in figures if pk != NO_DIMENSION])
    by_category = _merged(figures, lambda pk: pk if pk in categories else None)
    return _ranked(
        _row(pk, categories[pk].name if pk is not None else _("未分类"), by_category[pk])
        for pk in by_category
    )


#: The first year a report may ask for: the year Hubei set the ¥500 rule for unions' purchases of
#: poverty-area products, before which nothing was bought here.
FIRST_YEAR = 2021


def ledger_years(months):
    """The years a report may cover, newest first: every year since ``FIRST_YEAR`` and any
    other year ``months`` have."""
    # The first and last months only (the key's index answers them), not every row's year.
    span = months.aggregate(first=Min("month"), last=Max("month"))
    first = min(span["first"].year if span["first"] else FIRST_YEAR, FIRST_YEAR)
    last = max(span["last"].year if span["last"] else this_year(), this_year())
    return list(range(last, first - 1, -1))


@dataclass(frozen=True)
class LedgerReport:
    """Every view of one set of roll-up rows."""

    filters: LedgerFilters
    total: LedgerRow
    by_channel: list
    by_month: list
    by_cooperative: list
    by_area: list
    by_town: list
    by_organisation: list
    by_category: list
    monthly_by_channel: dict

    def chart_data(self):
        """What the page's charts draw (passed through ``json_script``): monthly net by channel,
        the share of each area and the organisations against their targets, in yuan."""
        return {
            "labels": {
                "purchased": str(_("采购金额")),
                "target": str(_("年度目标")),
                "empty": str(_("暂无数据")),
            },
            "months": [row.label for row in self.by_month],
            "channels": [
                {"name": str(label), "values": [float(value) for value in self.monthly_by_channel[value]]}
                for value, label in LedgerChannel.choices
            ],
            "areas": [{"name": row.label, "value": float(row.net)} for row in self.by_area if row.net > 0],
            "organisations": [
                {
                    "name": row.label,
                    "value": float(row.net),
                    "target": float(row.extra["target"]) if row.extra["target"] else None,
                }
                for row in (self.by_organisation or [])[:10]
            ],
        }


def ledger_report(months, filters, *, with_organisations=True):
    """Every view of ``months`` (roll-up rows already narrowed to what the reader may see, as
    ``ledger_months_for`` gives them) within ``filters``: a fixed number of grouped queries,
    whatever the number of entries. Without ``with_organisations`` there are no organisation
    rows (``by_organisation`` is None): their yearly targets are for operators and each
    organisation itself, not for the cooperatives that sold to them."""
    months = ledger_filtered(months, filters)
    return LedgerReport(
        filters=filters,
        total=ledger_total(months),
        by_channel=ledger_by_channel(months),
        by_month=ledger_by_month(months, filters),
        by_cooperative=ledger_by_cooperative(months),
        by_area=ledger_by_area(months),
        by_town=ledger_by_town(months),
        by_organisation=ledger_by_organisation(months, filters) if with_organisations else None,
        by_category=ledger_by_category(months),
        monthly_by_channel=ledger_by_month_and_channel(months, filters),
    )


def ledger_towns():
    """The towns with resettlement areas, for the filter."""
    return sorted(set(ResettlementArea.objects.values_list("town", flat=True)))


# --- The public impact page ---------------------------------------------------------------------

#: How long the public figures are kept (seconds): they are a year's sums, read on the home page.
IMPACT_CACHE_SECONDS = 600


@dataclass(frozen=True)
class Impact:
    """What the public sees of a year: aggregates only, never an organisation's own amount unless
    it opted in (``Organisation.publish_amounts``)."""

    year: int
    net: Decimal
    by_town: list
    by_area: list
    households: int
    people: int
    organisations: int
    cooperatives: int
    monthly: list
    #: Rows of the organisations that chose to publish their amounts (and only those).
    published_organisations: list


def _impact(year):
    filters = LedgerFilters(year=year)
    months = ledger_filtered(LedgerMonth.objects.all(), filters)
    linked = CooperativeProfile.objects.filter(status=CooperativeStatus.ACTIVE).aggregate(
        households=Sum("households_linked", default=0), people=Sum("people_employed", default=0)
    )
    return Impact(
        year=year,
        net=ledger_total(months).net,
        by_town=[row for row in ledger_by_town(months) if row.net > 0],
        by_area=[row for row in ledger_by_area(months) if row.net > 0],
        households=linked["households"],
        people=linked["people"],
        organisations=months.exclude(organisation_id=NO_DIMENSION)
        .values("organisation_id")
        .distinct()
        .count(),
        cooperatives=months.values("partner_id").distinct().count(),
        monthly=ledger_by_month(months, filters),
        published_organisations=[
            row
            for row in ledger_by_organisation(
                months.filter(
                    organisation_id__in=Organisation.objects.filter(publish_amounts=True).values("pk")
                ),
                filters,
            )
            if row.net > 0
        ],
    )


def impact_figures(year=None):
    """This year's (or ``year``'s) public figures, kept ``IMPACT_CACHE_SECONDS`` under the year."""
    year = year or this_year()
    return cache.get_or_set(f"ledger:impact:{year}", lambda: _impact(year), IMPACT_CACHE_SECONDS)
