"""采购单位审核 in the dashboard: the operator lists organisations by status, opens one with its
details, addresses, members and history, and approves, rejects, suspends or reinstates it.

The procurement dashboard app also admits cooperative staff; these pages are the operator's
alone: anyone else gets a 403, and the querysets (``organisations_for_review``) are empty for them.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shop.users.roles import is_operator

from ..exceptions import ProcurementError
from ..organisations import selectors, services
from ..organisations.forms import OrganisationFilterForm, ReasonForm

PER_PAGE = 30


def operator_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_operator(request.user):
            raise PermissionDenied(_("只有平台运营人员可以审核采购单位。"))
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@operator_required
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    status, query = "", ""
    if form.is_valid():
        status, query = form.cleaned_data["status"], form.cleaned_data["q"].strip()
    organisations = selectors.organisations_for_review(request.user, status=status, query=query)
    page = Paginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.organisation_status_counts(request.user)
    return render(
        request,
        "procurement/dashboard/organisations/organisation_list.html",
        {
            "filter_form": form,
            "status": status,
            "query": query,
            "page_obj": page,
            "organisations": page.object_list,
            "status_counts": [
                (value, label, counts[value]) for value, label in form.fields["status"].choices if value
            ],
            "total": sum(counts.values()),
        },
    )


def _detail(request, pk, *, status=200, **forms):
    organisation = get_object_or_404(selectors.organisations_for_review(request.user), pk=pk)
    context = {
        "organisation": organisation,
        "addresses": organisation.addresses.order_by("-is_active", "label", "pk"),
        "members": organisation.memberships.select_related("user"),
        "events": organisation.events.select_related("actor"),
        "reject_form": forms.get("reject_form") or ReasonForm(prefix="reject"),
        "suspend_form": forms.get("suspend_form") or ReasonForm(prefix="suspend"),
    }
    return render(
        request, "procurement/dashboard/organisations/organisation_detail.html", context, status=status
    )


@require_GET
@operator_required
def organisation_detail(request, pk):
    return _detail(request, pk)


def _decision(request, pk, action, success, *, reason_prefix=None):
    organisation = get_object_or_404(selectors.organisations_for_review(request.user), pk=pk)
    kwargs = {}
    if reason_prefix:
        form = ReasonForm(request.POST, prefix=reason_prefix)
        if not form.is_valid():
            messages.error(request, _("请填写原因。"))
            return _detail(request, pk, status=400, **{f"{reason_prefix}_form": form})
        kwargs["reason"] = form.cleaned_data["reason"]
    try:
        action(organisation=organisation, by=request.user, **kwargs)
    except ProcurementError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("dashboard:procurement-organisation-detail", pk=pk)


@require_POST
@operator_required
def organisation_verify(request, pk):
    return _decision(request, pk, services.organisation_verify, _("已认证通过，该单位现在可以下单。"))


@require_POST
@operator_required
def organisation_reject(request, pk):
    return _decision(
        request,
        pk,
        services.organisation_reject,
        _("已驳回，单位管理员可修改后重新提交。"),
        reason_prefix="reject",
    )


@require_POST
@operator_required
def organisation_suspend(request, pk):
    return _decision(
        request, pk, services.organisation_suspend, _("已暂停该单位的采购资格。"), reason_prefix="suspend"
    )


@require_POST
@operator_required
def organisation_reinstate(request, pk):
    return _decision(request, pk, services.organisation_reinstate, _("已恢复该单位的采购资格。"))


urlpatterns = [
    path("organisations/", organisation_list, name="procurement-organisation-list"),
    path("organisations/<int:pk>/", organisation_detail, name="procurement-organisation-detail"),
    path("organisations/<int:pk>/verify/", organisation_verify, name="procurement-organisation-verify"),
    path("organisations/<int:pk>/reject/", organisation_reject, name="procurement-organisation-reject"),
    path("organisations/<int:pk>/suspend/", organisation_suspend, name="procurement-organisation-suspend"),
    path(
        "organisations/<int:pk>/reinstate/", organisation_reinstate, name="procurement-organisation-reinstate"
    ),
]
