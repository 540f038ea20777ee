"""审计日志: every recorded change, filterable, for operators (the dashboard app allows staff only)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import AuditFilterForm
from .selectors import audit_entries

PER_PAGE = 50


@require_GET
def audit_log_list(request):
    form = AuditFilterForm(request.GET or None)
    entries = audit_entries(form.filters())
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/dashboard/log_list.html",
        {"form": form, "page_obj": page, "paginator": page.paginator, "entries": page.object_list},
    )
