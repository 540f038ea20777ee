"""Write-side actions of onboarding: applications (申请入驻), cooperative status, qualification
documents and their expiry warnings.

Every application transition is checked against ``APPLICATION_TRANSITIONS`` and recorded as an
``ApplicationEvent`` (from, to, who, when, why).
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.constants import APPLICATION_TRANSITIONS, ApplicationStatus, CooperativeStatus, DocumentKind
from catalog.models import ApplicationEvent, CooperativeApplication, CooperativeProfile, QualificationDocument

from . import selectors
from .emails import send_templated
from .exceptions import (
    CooperativeStatusUnchanged,
    CreditCodeTaken,
    DocumentExpired,
    DocumentUnreadable,
    IllegalTransition,
    NotYourApplication,
    ReasonRequired,
)

Partner = get_model("partner", "Partner")

#: The fields an applicant fills in; ``areas`` is set separately (many-to-many).
APPLICATION_FIELDS = (
    "shop_name",
    "legal_name",
    "credit_code",
    "legal_representative",
    "contact_mobile",
    "address",
    "households_linked",
    "people_employed",
    "benefit_mechanism",
    "business_license",
    "business_license_expires_on",
)


def _check_transition(application, to_status):
    if to_status not in APPLICATION_TRANSITIONS[ApplicationStatus(application.status)]:
        raise IllegalTransition(
            _("申请当前为“%(current)s”，不能变为“%(target)s”。")
            % {
                "current": application.get_status_display(),
                "target": ApplicationStatus(to_status).label,
            }
        )


def _record(application, *, from_status, to_status, actor, note=""):
    return ApplicationEvent.objects.create(
        application=application, from_status=from_status, to_status=to_status, actor=actor, note=note
    )


def _check_not_expired(expires_on, *, today=None):
    if expires_on and expires_on < (today or timezone.localdate()):
        raise DocumentExpired()


def _queue_decision_email(application):
    from .tasks import application_decision_notify_task

    transaction.on_commit(lambda: application_decision_notify_task.delay(application.pk))


def _require_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    return reason


@transaction.atomic
def application_submit(*, applicant, data):
    """Creates a ``submitted`` application of ``applicant`` from ``data`` (the application fields
    and ``areas``) and records the event.

    Raises ``IllegalTransition`` when the applicant already has an open application,
    ``CreditCodeTaken`` when the credit code is a cooperative's or another open application's,
    ``DocumentExpired`` when the business licence has expired.
    """
    if applicant.cooperative_applications.filter(status__in=selectors.OPEN_STATUSES).exists():
        raise IllegalTransition(_("您已有一份待处理的申请，请在原申请上修改。"))
    if selectors.credit_code_in_use(credit_code=data["credit_code"]):
        raise CreditCodeTaken()
    _check_not_expired(data.get("business_license_expires_on"))
    application = CooperativeApplication(applicant=applicant, status=ApplicationStatus.SUBMITTED)
    for field in APPLICATION_FIELDS:
        setattr(application, field, data[field])
    application.credit_code = application.credit_code.strip().upper()
    application.save()
    application.areas.set(data["areas"])
    _record(application, from_status="", to_status=ApplicationStatus.SUBMITTED, actor=applicant)
    return application


@transaction.atomic
def application_resubmit(*, application, actor, data):
    """Updates a ``changes_requested`` application with ``data`` and submits it again.

    Raises ``NotYourApplication`` unless ``actor`` is the applicant, ``IllegalTransition`` unless
    changes were requested, ``CreditCodeTaken`` / ``DocumentExpired`` as ``application_submit``.
    """
    application = CooperativeApplication.objects.select_for_update().get(pk=application.pk)
    if actor.pk != application.applicant_id:
        raise NotYourApplication()
    _check_transition(application, ApplicationStatus.SUBMITTED)
    if selectors.credit_code_in_use(credit_code=data["credit_code"], exclude_application_id=application.pk):
        raise CreditCodeTaken()
    _check_not_expired(data.get("business_license_expires_on"))
    from_status = application.status
    for field in APPLICATION_FIELDS:
        setattr(application, field, data[field])
    application.credit_code = application.credit_code.strip().upper()
    application.status = ApplicationStatus.SUBMITTED
    # The licence's checked type is set when a new licence is saved (CheckedDocumentField).
    application.save(update_fields=[*APPLICATION_FIELDS, "business_license_content_type", "status"])
    application.areas.set(data["areas"])
    _record(application, from_status=from_status, to_status=ApplicationStatus.SUBMITTED, actor=actor)
    return application


def _decide(application, *, to_status, actor, reason):
    application = CooperativeApplication.objects.select_for_update().get(pk=application.pk)
    _check_transition(application, to_status)
    from_status = application.status
    application.status = to_status
    application.decision_reason = reason
    application.save(update_fields=["status", "decision_reason"])
    _record(application, from_status=from_status, to_status=to_status, actor=actor, note=reason)
    _queue_decision_email(application)
    return application


@transaction.atomic
def application_reject(*, application, actor, reason):
    """Rejects a ``submitted`` application with ``reason``, records it and e-mails the applicant.

    Raises ``ReasonRequired`` when ``reason`` is blank, ``IllegalTransition`` unless submitted.
    """
    reason = _require_reason(reason)
    return _decide(application, to_status=ApplicationStatus.REJECTED, actor=actor, reason=reason)


@transaction.atomic
def application_request_changes(*, application, actor, reason):
    """Sends a ``submitted`` application back to the applicant with ``reason`` saying what to
    change; records it and e-mails the applicant.

    Raises ``ReasonRequired`` when ``reason`` is blank, ``IllegalTransition`` unless submitted.
    """
    reason = _require_reason(reason)
    return _decide(application, to_status=ApplicationStatus.CHANGES_REQUESTED, actor=actor, reason=reason)


@transaction.atomic
def application_approve(*, application, actor, note=""):
    """Approves a ``submitted`` application: creates the Oscar partner (named after the shop),
    its ``CooperativeProfile`` (fields and areas copied), a business-licence
    ``QualificationDocument`` (file copied), links the applicant to the partner with the
    ``partner.dashboard_access`` permission, records the event and e-mails the applicant.

    Raises ``IllegalTransition`` unless submitted, ``CreditCodeTaken`` when a cooperative with
    the credit code exists by now, ``DocumentUnreadable`` when the licence is not a checked PDF
    or image (stored before uploads were checked); nothing is saved when it raises.
    """
    application = CooperativeApplication.objects.select_for_update().get(pk=application.pk)
    _check_transition(application, ApplicationStatus.APPROVED)
    if CooperativeProfile.objects.filter(credit_code__iexact=application.credit_code).exists():
        raise CreditCodeTaken()
    partner = Partner.objects.create(name=application.shop_name)
    profile = CooperativeProfile.objects.create(
        partner=partner,
        legal_name=application.legal_name,
        credit_code=application.credit_code,
        legal_representative=application.legal_representative,
        contact_mobile=application.contact_mobile,
        address=application.address,
        households_linked=application.households_linked,
        people_employed=application.people_employed,
        benefit_mechanism=application.benefit_mechanism,
        status=CooperativeStatus.ACTIVE,
        status_changed_at=timezone.now(),
        status_changed_by=actor,
    )
    profile.areas.set(application.areas.all())
    if application.business_license:
        document = QualificationDocument(
            cooperative=profile,
            kind=DocumentKind.BUSINESS_LICENSE,
            number=application.credit_code,
            expires_on=application.business_license_expires_on,
        )
        with application.business_license.open("rb") as source:
            document.file = ContentFile(source.read(), name="business-licence")
        try:
            document.save()
        except ValidationError as error:
            # Only a licence stored before uploads were checked can fail here.
            raise DocumentUnreadable() from error
    applicant = application.applicant
    partner.users.add(applicant)
    applicant.user_permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    from_status = application.status
    application.status = ApplicationStatus.APPROVED
    application.partner = partner
    application.decision_reason = note
    application.save(update_fields=["status", "partner", "decision_reason"])
    _record(
        application, from_status=from_status, to_status=ApplicationStatus.APPROVED, actor=actor, note=note
    )
    _queue_decision_email(application)
    return application


def application_decision_notify(*, application_id):
    """E-mails the applicant of ``application_id`` its current decision (approved with the
    dashboard link, rejected or changes requested with the operator's reason). Sends nothing for
    a submitted application. Returns the number of messages sent."""
    application = CooperativeApplication.objects.select_related("applicant", "partner").get(pk=application_id)
    templates = {
        ApplicationStatus.APPROVED: "application_approved",
        ApplicationStatus.REJECTED: "application_rejected",
        ApplicationStatus.CHANGES_REQUESTED: "application_changes_requested",
    }
    template = templates.get(application.status)
    if template is None:
        return 0
    return send_templated(
        template=template, context={"application": application}, recipients=[application.applicant.email]
    )


def cooperative_suspend(*, cooperative, by, reason):
    """Suspends ``cooperative`` (its listings leave the storefront), recording who, when and why.

    Raises ``ReasonRequired`` when ``reason`` is blank, ``CooperativeStatusUnchanged`` when it is
    already suspended.
    """
    reason = _require_reason(reason)
    if cooperative.status == CooperativeStatus.SUSPENDED:
        raise CooperativeStatusUnchanged(_("该合作社已处于暂停状态。"))
    cooperative.status = CooperativeStatus.SUSPENDED
    cooperative.status_reason = reason[:200]
    cooperative.status_changed_at = timezone.now()
    cooperative.status_changed_by = by
    cooperative.save(update_fields=["status", "status_reason", "status_changed_at", "status_changed_by"])
    return cooperative


def cooperative_reinstate(*, cooperative, by):
    """Reinstates a suspended ``cooperative``, recording who and when and clearing the reason.

    Raises ``CooperativeStatusUnchanged`` when it is not suspended.
    """
    if cooperative.status != CooperativeStatus.SUSPENDED:
        raise CooperativeStatusUnchanged(_("该合作社未被暂停，无需恢复。"))
    cooperative.status = CooperativeStatus.ACTIVE
    cooperative.status_reason = ""
    cooperative.status_changed_at = timezone.now()
    cooperative.status_changed_by = by
    cooperative.save(update_fields=["status", "status_reason", "status_changed_at", "status_changed_by"])
    return cooperative


def qualification_document_upload(*, cooperative, kind, number, file, expires_on, today=None):
    """Adds a qualification document to ``cooperative``.

    Raises ``DocumentExpired`` when ``expires_on`` is before today.
    """
    _check_not_expired(expires_on, today=today)
    return QualificationDocument.objects.create(
        cooperative=cooperative, kind=kind, number=number, file=file, expires_on=expires_on
    )


def qualification_document_delete(*, document):
    """Deletes ``document`` and its file."""
    document.file.delete(save=False)
    document.delete()


def qualification_documents_warn_expiring(*, today=None):
    """E-mails each cooperative's users and the operators about every document expiring within
    30 days whose warning has not gone out, then marks it (``expiry_warning_sent_on``), so each
    document is warned once. Returns the number of documents warned."""
    today = today or timezone.localdate()
    operators = selectors.operator_emails()
    warned = 0
    for document in selectors.qualification_documents_expiring_unwarned(today=today):
        cooperative_users = [
            user.email for user in document.cooperative.partner.users.all() if user.is_active
        ]
        send_templated(
            template="document_expiring",
            context={
                "document": document,
                "cooperative": document.cooperative,
                "days_left": (document.expires_on - today).days,
            },
            recipients=[*cooperative_users, *operators],
        )
        # Marked one by one, so a failure halfway leaves the rest for tomorrow's run, not sent twice.
        QualificationDocument.objects.filter(pk=document.pk).update(expiry_warning_sent_on=today)
        warned += 1
    return warned


__all__ = [
    "application_approve",
    "application_decision_notify",
    "application_reject",
    "application_request_changes",
    "application_resubmit",
    "application_submit",
    "cooperative_reinstate",
    "cooperative_suspend",
    "qualification_document_delete",
    "qualification_document_upload",
    "qualification_documents_warn_expiring",
]
