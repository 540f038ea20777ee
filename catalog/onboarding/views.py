"""The public side of onboarding: the application form (申请入驻) and the applicant's status page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from catalog.constants import ApplicationStatus

from . import selectors, services
from .exceptions import OnboardingError
from .forms import ApplicationForm


@require_http_methods(["GET", "POST"])
def apply(request):
    """``/shop/join/``: asks a visitor to log in or register; shows a logged-in user the form, or
    their latest application's state (with the form again when changes were requested)."""
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('customer:login')}?next={request.path}")
        return render(request, "onboarding/apply.html", {"next": request.get_full_path()})

    application = selectors.application_latest_for_applicant(user=request.user)
    wants_new = request.GET.get("new") == "1" and (
        application is None or application.status == ApplicationStatus.REJECTED
    )
    if (
        application is not None
        and not wants_new
        and application.status != ApplicationStatus.CHANGES_REQUESTED
    ):
        if request.method == "POST":
            messages.error(request, _("这份申请当前不能修改。"))
            return redirect("onboarding:apply")
        return render(request, "onboarding/status.html", {"application": application})

    editing = application if application is not None and not wants_new else None
    form = ApplicationForm(request.POST or None, request.FILES or None, instance=editing)
    if request.method == "POST" and form.is_valid():
        try:
            if editing is None:
                services.application_submit(applicant=request.user, data=form.cleaned_data)
                messages.success(
                    request, _("入驻申请已提交，我们会在 3 个工作日内审核，结果将通过邮件通知您。")
                )
            else:
                services.application_resubmit(application=editing, actor=request.user, data=form.cleaned_data)
                messages.success(request, _("修改后的申请已重新提交，请等待审核。"))
        except OnboardingError as error:
            form.add_error(None, error.message)
        else:
            return redirect("onboarding:apply")
    return render(request, "onboarding/apply.html", {"form": form, "application": editing})
