"""Who sees which quote requests (询价): a buyer organisation its own, a cooperative those it
was asked, operators all. Every quote page reads through these, so another organisation's or
another cooperative's request is simply not found."""

from django.db.models import Prefetch
from oscar.core.loading import get_model

from catalog.constants import CooperativeStatus
from shop.users.roles import is_operator

from ..models import QuoteAnswer, QuoteRequest
from ..pricing import orderable_stockrecords
from ..selectors import organisations_for, partners_for_cooperative

Partner = get_model("partner", "Partner")


def _with_answers(queryset):
    answers = QuoteAnswer.objects.select_related("partner", "stockrecord__product", "answered_by")
    return queryset.select_related(
        "organisation", "product", "delivery_address", "created_by"
    ).prefetch_related("partners", Prefetch("answers", queryset=answers))


def quote_requests_for_buyer(user, organisation):
    """``organisation``'s quote requests, if ``user`` may open the organisation, with their answers."""
    queryset = QuoteRequest.objects.filter(
        organisation=organisation, organisation__in=organisations_for(user)
    )
    return _with_answers(queryset)


def quote_requests_for_cooperative(user):
    """Quote requests asked of a cooperative ``user`` works for (all for operators), with answers."""
    queryset = QuoteRequest.objects.all()
    if not is_operator(user):
        asked = QuoteRequest.partners.through.objects.filter(partner__in=partners_for_cooperative(user))
        queryset = queryset.filter(pk__in=asked.values("quoterequest_id"))
    return _with_answers(queryset)


def quote_partners_askable():
    """Cooperatives a buyer may ask for a price: those trading normally (正常经营)."""
    return Partner.objects.filter(cooperative__status=CooperativeStatus.ACTIVE).order_by("name", "pk")


def quote_stockrecords_for_answer(user, quote_request):
    """The listed stock records ``user`` may quote with on ``quote_request``: its cooperatives'
    among those asked (an operator: every asked cooperative's)."""
    asked = quote_request.partners.all()
    if not is_operator(user):
        asked = asked.filter(pk__in=partners_for_cooperative(user).values("pk"))
    return orderable_stockrecords().filter(partner__in=asked).order_by("partner__name", "pk")


def quote_answer_of(user, quote_request, *, own_partner_ids=None):
    """The answer of ``user``'s cooperative to ``quote_request`` (the first, for an operator), or
    None. Reads the prefetched answers; a list passes ``own_partner_ids`` read once for every row."""
    answers = list(quote_request.answers.all())
    if is_operator(user):
        return answers[0] if answers else None
    if own_partner_ids is None:
        own_partner_ids = set(partners_for_cooperative(user).values_list("pk", flat=True))
    return next((answer for answer in answers if answer.partner_id in own_partner_ids), None)
