"""Background work of onboarding: thin tasks that take ids and call a service."""

from celery import shared_task

from .services import application_decision_notify, qualification_documents_warn_expiring


@shared_task(ignore_result=True)
def application_decision_notify_task(application_id):
    """E-mails the applicant the operator's decision on application ``application_id``."""
    application_decision_notify(application_id=application_id)


@shared_task(ignore_result=True)
def qualification_documents_warn_expiring_task():
    """Daily: warns cooperatives and operators of documents expiring within 30 days (once each)."""
    return qualification_documents_warn_expiring()
