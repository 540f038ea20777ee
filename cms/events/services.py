"""Writes of festivals: their occurrence table and their registrations."""

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import RegistrationRefused
from .models import EventOccurrence, EventPage, EventRegistration


@transaction.atomic
def event_occurrences_materialise(*, page, today=None):
    """Replaces the ``EventOccurrence`` rows of ``page`` by the occurrences of this version of
    it (the live one: it runs when the page is published). Returns the new rows."""
    EventOccurrence.objects.filter(page=page).delete()
    return EventOccurrence.objects.bulk_create(
        EventOccurrence(page=page, start=o.start, end=o.end, source=o.source, key=o.key)
        for o in page.all_occurrences(today=today)
    )


def lunar_event_occurrences_refresh(*, today=None):
    """Re-materialises the occurrences of every live festival on a lunar date, so the Gregorian
    dates of its coming years roll forward: publishing computes only the next few years, and a
    festival nobody edits would otherwise drop off the calendars when they run out. A live
    page's row holds its published version, which is what the table must show. Returns the
    number of festivals refreshed."""
    pages = EventPage.objects.live().filter(lunar_month__isnull=False).prefetch_related("dates")
    for page in pages:
        event_occurrences_materialise(page=page, today=today)
    return len(pages)


@transaction.atomic
def event_registration_create(*, page, name, mobile, people, now=None):
    """Registers ``people`` people under ``name`` and ``mobile`` for ``page`` and returns the
    registration.

    The event's row is locked first, so two visitors taking the last places at once are
    counted one after the other. Raises ``RegistrationRefused`` (nothing saved) when the event
    takes no registrations, has ended (its last occurrence), already has this mobile, or has
    fewer places left than ``people``."""
    now = now or timezone.now()
    event = (
        EventPage.objects.select_for_update(of=("self",))
        .only("registration_enabled", "registration_capacity")
        .get(pk=page.pk)
    )
    if not event.registration_enabled:
        raise RegistrationRefused(_("本活动不接受报名。"))
    last_end = event.occurrences.aggregate(last=Max("end"))["last"]
    if last_end is None or last_end <= now:
        raise RegistrationRefused(_("活动已经结束，报名已关闭。"))
    if event.registrations.filter(mobile=mobile).exists():
        raise RegistrationRefused(
            _("手机号 %(mobile)s 已经报名过本活动，无需重复报名。") % {"mobile": mobile}
        )
    taken = event.registrations.aggregate(total=Sum("people"))["total"] or 0
    left = event.registration_capacity - taken
    if left <= 0:
        raise RegistrationRefused(_("报名名额已满，感谢关注。"))
    if people > left:
        raise RegistrationRefused(_("名额只剩 %(left)s 人，请减少报名人数。") % {"left": left})
    return EventRegistration.objects.create(
        page=event, name=name, mobile=mobile, people=people, created_at=now
    )
