"""Read-side queries of onboarding: applications, cooperatives and their documents."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Min, Prefetch

from catalog.constants import ApplicationStatus
from catalog.models import ApplicationEvent, CooperativeApplication, CooperativeProfile, QualificationDocument
from shop.users.roles import is_operator

#: Applications that still hold their credit code: the operator has not decided on them yet.
OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED)

#: A document is warned about this many days before it expires.
EXPIRY_WARNING_DAYS = 30


def credit_code_in_use(*, credit_code, exclude_application_id=None):
    """Whether ``credit_code`` belongs to a cooperative already selling, or to another open
    application than ``exclude_application_id``."""
    code = (credit_code or "").strip().upper()
    if CooperativeProfile.objects.filter(credit_code__iexact=code).exists():
        return True
    open_applications = CooperativeApplication.objects.filter(
        credit_code__iexact=code, status__in=OPEN_STATUSES
    )
    if exclude_application_id is not None:
        open_applications = open_applications.exclude(pk=exclude_application_id)
    return open_applications.exists()


def application_latest_for_applicant(*, user):
    """The newest application ``user`` made, with its areas, or None."""
    return (
        CooperativeApplication.objects.filter(applicant=user)
        .select_related("partner")
        .prefetch_related("areas")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def application_list(*, status=None):
    """Applications for the operator, newest first, optionally of one ``status``."""
    queryset = CooperativeApplication.objects.select_related("applicant", "partner").prefetch_related("areas")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-submitted_at", "-pk")


def application_for_review(*, pk):
    """One application with its areas and its events (each with its actor); raises DoesNotExist."""
    events = ApplicationEvent.objects.select_related("actor").order_by("created_at", "pk")
    return (
        CooperativeApplication.objects.select_related("applicant", "partner__cooperative")
        .prefetch_related("areas", Prefetch("events", queryset=events))
        .get(pk=pk)
    )


def cooperatives_for_user(*, user):
    """The cooperatives ``user`` may see: every one for an operator (staff), otherwise only those
    whose partner lists the user in ``partner.users``."""
    queryset = CooperativeProfile.objects.select_related("partner")
    if is_operator(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(partner__users=user).distinct()


def cooperative_list_for_operators():
    """Every cooperative with its partner, who changed its status, and its earliest document expiry."""
    return (
        CooperativeProfile.objects.select_related("partner", "status_changed_by")
        .annotate(first_expiry=Min("documents__expires_on"))
        .order_by("status", "legal_name")
    )


def qualification_documents_for_user(*, user):
    """The documents ``user`` may see: all for an operator, their own cooperatives' otherwise."""
    queryset = QualificationDocument.objects.select_related("cooperative__partner")
    if is_operator(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(cooperative__partner__users=user).distinct()


def qualification_documents_expiring_unwarned(*, today, days=EXPIRY_WARNING_DAYS):
    """Documents expiring between ``today`` and ``today + days`` whose warning has not gone out,
    with their cooperative's partner and its users."""
    return (
        QualificationDocument.objects.filter(
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=days),
            expiry_warning_sent_on__isnull=True,
        )
        .select_related("cooperative__partner")
        .prefetch_related("cooperative__partner__users")
        .order_by("expires_on", "pk")
    )


def operator_emails():
    """E-mail addresses of the active operators (staff users)."""
    User = get_user_model()
    return list(
        User.objects.filter(is_staff=True, is_active=True).exclude(email="").values_list("email", flat=True)
    )
