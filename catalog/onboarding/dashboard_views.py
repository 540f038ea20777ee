"""Dashboard pages of onboarding: the operator reviews applications and suspends or reinstates
cooperatives; operators and cooperative users manage qualification documents."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.models import CooperativeApplication, CooperativeProfile
from catalog.uploads import upload_response

from . import selectors, services
from .exceptions import OnboardingError
from .forms import (
    ApplicationFilterForm,
    QualificationDocumentForm,
    RejectForm,
    RequestChangesForm,
    SuspendForm,
)

PER_PAGE = 30


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@require_GET
def application_list(request):
    form = ApplicationFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = _page(request, selectors.application_list(status=status))
    return render(
        request,
        "onboarding/dashboard/application_list.html",
        {"filter_form": form, "status": status, "page_obj": page, "applications": page.object_list},
    )


def _detail_context(application, **forms):
    return {
        "application": application,
        "events": application.events.all(),
        "reject_form": forms.get("reject_form") or RejectForm(),
        "changes_form": forms.get("changes_form") or RequestChangesForm(),
    }


@require_GET
def application_detail(request, pk):
    try:
        application = selectors.application_for_review(pk=pk)
    except CooperativeApplication.DoesNotExist as error:
        raise Http404 from error
    return render(request, "onboarding/dashboard/application_detail.html", _detail_context(application))


@require_GET
def application_license(request, pk):
    """The application's business licence, served to operators only."""
    application = get_object_or_404(CooperativeApplication, pk=pk)
    return upload_response(
        application.business_license,
        content_type=application.business_license_content_type,
        download_name=f"营业执照-{application.credit_code}",
    )


def _decision(request, pk, action, success, form_class=None):
    application = get_object_or_404(CooperativeApplication, pk=pk)
    kwargs = {}
    if form_class:
        form = form_class(request.POST)
        if not form.is_valid():
            for error in form.errors.get("reason", []):
                messages.error(request, error)
            review = selectors.application_for_review(pk=pk)
            context = _detail_context(review, **{f"{form.prefix}_form": form})
            return render(request, "onboarding/dashboard/application_detail.html", context, status=400)
        kwargs["reason"] = form.cleaned_data["reason"]
    try:
        action(application=application, actor=request.user, **kwargs)
    except OnboardingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("dashboard:onboarding-application-detail", pk=pk)


@require_POST
def application_approve(request, pk):
    return _decision(
        request, pk, services.application_approve, _("已通过申请：合作社已开通，申请人已获得商家后台权限。")
    )


@require_POST
def application_reject(request, pk):
    return _decision(request, pk, services.application_reject, _("已驳回申请，并已通知申请人。"), RejectForm)


@require_POST
def application_request_changes(request, pk):
    return _decision(
        request,
        pk,
        services.application_request_changes,
        _("已要求申请人补充修改，并已通知申请人。"),
        RequestChangesForm,
    )


@require_GET
def cooperative_list(request):
    page = _page(request, selectors.cooperative_list_for_operators())
    return render(
        request,
        "onboarding/dashboard/cooperative_list.html",
        {"page_obj": page, "cooperatives": page.object_list, "suspend_form": SuspendForm()},
    )


@require_POST
def cooperative_suspend(request, pk):
    cooperative = get_object_or_404(CooperativeProfile, pk=pk)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("reason", []):
            messages.error(request, error)
        return redirect("dashboard:onboarding-cooperative-list")
    try:
        services.cooperative_suspend(
            cooperative=cooperative, by=request.user, reason=form.cleaned_data["reason"]
        )
    except OnboardingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("已暂停“%(name)s”，其全部商品已从商城下架。") % {"name": cooperative.partner.name}
        )
    return redirect("dashboard:onboarding-cooperative-list")


@require_POST
def cooperative_reinstate(request, pk):
    cooperative = get_object_or_404(CooperativeProfile, pk=pk)
    try:
        services.cooperative_reinstate(cooperative=cooperative, by=request.user)
    except OnboardingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已恢复“%(name)s”的经营。") % {"name": cooperative.partner.name})
    return redirect("dashboard:onboarding-cooperative-list")


@require_http_methods(["GET", "POST"])
def document_list(request):
    """The user's cooperatives' documents (every cooperative's for an operator) and an upload form."""
    cooperatives = selectors.cooperatives_for_user(user=request.user).order_by("legal_name")
    form = QualificationDocumentForm(request.POST or None, request.FILES or None, cooperatives=cooperatives)
    if request.method == "POST" and form.is_valid():
        try:
            services.qualification_document_upload(
                cooperative=form.cleaned_data["cooperative"],
                kind=form.cleaned_data["kind"],
                number=form.cleaned_data["number"],
                file=form.cleaned_data["file"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except OnboardingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("资质文件已上传。"))
            return redirect("dashboard:onboarding-document-list")
    documents = selectors.qualification_documents_for_user(user=request.user).order_by(
        "cooperative__legal_name", "expires_on", "pk"
    )
    page = _page(request, documents)
    return render(
        request,
        "onboarding/dashboard/document_list.html",
        {"form": form, "page_obj": page, "documents": page.object_list, "cooperatives": cooperatives},
        status=400 if form.errors else 200,
    )


@require_GET
def document_file(request, pk):
    """One document's file; another cooperative's document is 404."""
    document = get_object_or_404(selectors.qualification_documents_for_user(user=request.user), pk=pk)
    return upload_response(
        document.file,
        content_type=document.content_type,
        download_name=f"{document.get_kind_display()}-{document.pk}",
    )


@require_POST
def document_delete(request, pk):
    document = get_object_or_404(selectors.qualification_documents_for_user(user=request.user), pk=pk)
    services.qualification_document_delete(document=document)
    messages.success(request, _("资质文件已删除。"))
    return redirect("dashboard:onboarding-document-list")
