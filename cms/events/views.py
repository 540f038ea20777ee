"""The festival pages' views, reached through the pages' routes (``RoutablePageMixin``) and, for
the calendar files, through ``urls``: thin, they parse the request, ask the selectors or a
service, and render."""

import datetime

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from . import selectors
from .exceptions import RegistrationRefused
from .feeds import event_json_ld, events_ics
from .forms import EventFilterForm, RegistrationForm
from .models import EventIndexPage, EventOccurrence, EventPage
from .services import event_registration_create

EVENTS_PER_PAGE = 12


def _site_host(request):
    site = Site.find_for_request(request)
    return site.hostname if site is not None else request.get_host().split(":")[0]


def event_index(request, index):
    form = EventFilterForm(request.GET, towns=selectors.event_towns(index))
    filters = form.filters()
    events = selectors.event_list(index=index, **filters)
    page_of_events = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return index.render(
        request,
        context_overrides={
            "filter_form": form,
            "filters": filters,
            "events": page_of_events,
            "view": "list",
        },
    )


def event_calendar(request, index):
    form = EventFilterForm(request.GET, towns=selectors.event_towns(index))
    filters = form.filters()
    today = timezone.localdate()
    month = filters["month"] or today.replace(day=1)
    weeks = selectors.event_calendar_month(index=index, month=month, town=filters["town"], today=today)
    previous_month = (month - datetime.timedelta(days=1)).replace(day=1)
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    return index.render(
        request,
        template="events/event_calendar.html",
        context_overrides={
            "filter_form": form,
            "filters": filters,
            "month": month,
            "weeks": weeks,
            "has_events": any(day.occurrences for week in weeks for day in week if day.in_month),
            "previous_month": f"{previous_month:%Y-%m}",
            "next_month": f"{next_month:%Y-%m}",
            "view": "calendar",
        },
    )


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _live_page(request, page_path, model):
    """The live, public ``model`` page at ``page_path`` of the request's site, else 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return get_object_or_404(model.objects.live().public(), url_path=site.root_page.url_path + page_path)


def event_feed(request, page_path):
    """Every upcoming event of the index as one calendar to subscribe to."""
    index = _live_page(request, page_path, EventIndexPage)
    host = _site_host(request)
    key = f"events-feed:{index.pk}:{host}:{_feed_fingerprint(index)}"
    content = cache.get(key)
    if content is None:
        content = _feed_build(request, index, host)
        cache.set(key, content, FEED_CACHE_SECONDS)
    return _ics_response(content, f"{index.slug}.ics")


#: Calendar apps poll a subscribed feed every few hours; building a year of festivals takes
#: icalendar about a second, so one build serves every poll until something changes.
FEED_CACHE_SECONDS = 3600


def _feed_fingerprint(index):
    """Changes whenever the feed may: an event published, edited and republished, unpublished or
    deleted (count and latest publish time), and every hour, as events pass from upcoming to past."""
    latest = (
        EventPage.objects.live()
        .public()
        .descendant_of(index)
        .aggregate(count=Count("pk"), published=Max("last_published_at"))
    )
    published = latest["published"].timestamp() if latest["published"] else 0
    return f"{latest['count']}:{published}:{timezone.now():%Y%m%d%H}"


def _feed_build(request, index, host):
    pages = list(
        selectors.event_list(index=index, when=selectors.UPCOMING).select_related(
            "venue_area", "venue_attraction"
        )
    )
    occurrences = EventOccurrence.objects.filter(page__in=[page.pk for page in pages])
    return events_ics(
        pages,
        list(occurrences),
        host=host,
        urls={page.pk: page.get_full_url(request) for page in pages},
    )


def event_ics(request, page_path):
    page = _live_page(request, page_path, EventPage)
    content = events_ics(
        [page],
        selectors.event_occurrences(page),
        host=_site_host(request),
        urls={page.pk: page.get_full_url(request)},
    )
    return _ics_response(content, f"{page.slug}.ics")


def event_page_context(request, page, *, now=None):
    """The event page's dates (the next first, then the others coming, then the past ones),
    its registration and its JSON-LD."""
    now = now or timezone.now()
    if getattr(request, "is_preview", False):
        # A preview shows the draft's dates, which are not in the table until it is published.
        occurrences = page.all_occurrences()
    else:
        occurrences = selectors.event_occurrences(page)
    coming = [o for o in occurrences if o.end > now]
    past = [o for o in occurrences if o.end <= now][::-1]
    shown = coming[0] if coming else (past[0] if past else None)
    context = {
        "next_occurrence": coming[0] if coming else None,
        "later_occurrences": coming[1:],
        "past_occurrences": past,
        "shown_occurrence": shown,
        "json_ld": event_json_ld(page, shown, url=page.get_full_url(request)),
        "products": page.linked_products(),
    }
    if page.registration_enabled:
        taken = selectors.event_registered_people(page)
        context.update(
            registration_open=bool(coming),
            registration_left=max(page.registration_capacity - taken, 0),
            registration_form=RegistrationForm(),
        )
    return context


def event_register(request, page):
    if request.method != "POST":
        return redirect(page.url)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            event_registration_create(page=page, **form.cleaned_data)
        except RegistrationRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("报名成功：%(name)s，%(people)s 人。活动前主办单位会联系 %(mobile)s。") % form.cleaned_data,
            )
            return redirect(page.url + "#registration")
    return page.render(request, context_overrides={"registration_form": form})
