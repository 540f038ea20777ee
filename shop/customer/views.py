"""Oscar's account pages, plus sign-up by mobile, each order's parcels and the shopper confirming
receipt."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.views import *  # noqa: F403
from oscar.core.loading import get_class, get_model

from shop.order import fulfilment
from shop.order.constants import OrderChannel, OrderStatus
from shop.order.exceptions import FulfilmentError
from shop.payments import services as payment_services
from shop.payments.constants import RefundStatus
from shop.payments.selectors import late_payment_for_shopper
from shop.sms.services import sms_available
from shop.users import services as verification
from shop.users.exceptions import VerificationRefused
from shop.users.models import MobileVerification
from shop.users.throttling import axes_client_ip

Order = get_model("order", "Order")
MobileCodeForm = get_class("customer.forms", "MobileCodeForm")

PASSWORD_RESET = MobileVerification.Purpose.PASSWORD_RESET


class TextedCodeMixin:
    """Proving a mobile by a texted code, step 1: a POST with ``send_code`` texts a code to the
    posted number and keeps the number in the session under ``session_key``. Step 2, the page's
    own form, acts for that kept number whatever a form posts, so a code proves only the number
    it was sent to, for the visitor it was sent to."""

    purpose = None
    session_key = None
    #: The URL name step 1 posts to, and comes back to.
    code_url_name = None
    sent_message = _("验证码已发送至 %(mobile)s，%(minutes)d 分钟内有效。")

    def texted_mobile(self):
        return self.request.session.get(self.session_key)

    def code_context(self, code_form=None):
        mobile = self.texted_mobile()
        wait = verification.mobile_verification_wait(mobile=mobile, purpose=self.purpose) if mobile else 0
        return {
            "sms_available": sms_available(),
            "code_form": code_form or MobileCodeForm(initial={"mobile": mobile or ""}),
            "code_form_url": reverse(self.code_url_name),
            "texted_mobile": mobile,
            "resend_wait": wait,
            "next_url": self.request.GET.get("next", ""),
        }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "send_code" in self.request.POST:
            # Asking for a code is not yet filling in the page's form: it stays unfilled.
            kwargs.pop("data", None)
            kwargs.pop("files", None)
        return kwargs

    def send_code(self):
        """Texts a code to the posted number and keeps the number; a refusal (malformed,
        registered, too soon, too many) is shown at the number."""
        form = MobileCodeForm(self.request.POST)
        if form.is_valid():
            mobile = form.cleaned_data["mobile"]
            try:
                verification.mobile_verification_send(
                    mobile=mobile, purpose=self.purpose, client_ip=axes_client_ip(self.request) or None
                )
            except VerificationRefused as error:
                form.add_error("mobile", error.message)
            else:
                self.request.session[self.session_key] = mobile
                minutes = int(verification.CODE_LIFETIME.total_seconds() // 60)
                messages.success(self.request, self.sent_message % {"mobile": mobile, "minutes": minutes})
                return redirect(self.code_page_url())
        return self.render_to_response(self.get_context_data(form=self.get_form(), code_form=form))

    def code_page_url(self):
        """This page again, keeping a safe ``next`` to return to afterwards."""
        url = reverse(self.code_url_name)
        next_url = self.request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(next_url, {self.request.get_host()}):
            url += "?" + urlencode({"next": next_url})
        return url

    def forget_texted_mobile(self):
        self.request.session.pop(self.session_key, None)


class AccountRegistrationView(TextedCodeMixin, oscar_views.AccountRegistrationView):
    """Oscar's registration page, by mobile first: a code is texted, then the code and a
    password create the account for that number. ``?via=email`` is Oscar's e-mail sign-up, the
    only one where no SMS service is configured."""

    purpose = MobileVerification.Purpose.REGISTER
    session_key = "registration_mobile"
    code_url_name = "customer:register"

    def signing_up_by_email(self):
        return self.request.GET.get("via") == "email" or not sms_available()

    def post(self, request, *args, **kwargs):
        if "send_code" in request.POST:
            return self.send_code()
        if not self.signing_up_by_email() and not self.texted_mobile():
            messages.error(request, _("请先获取短信验证码。"))
            return redirect(request.get_full_path())
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        mobile = None if self.signing_up_by_email() else self.texted_mobile()
        return {**super().get_form_kwargs(), "mobile": mobile}

    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx.update(self.code_context(kwargs.get("code_form")))
        ctx["by_email"] = self.signing_up_by_email()
        return ctx

    def form_valid(self, form):
        response = super().form_valid(form)
        self.forget_texted_mobile()
        return response


class AccountAuthView(oscar_views.AccountAuthView):
    """Oscar's login page; its sign-up card starts sign-up by mobile (e-mail is a link away)."""

    def get_context_data(self, *args, **kwargs):
        registration = AccountRegistrationView(request=self.request)
        return {**super().get_context_data(*args, **kwargs), **registration.code_context()}


class MobilePasswordResetView(TextedCodeMixin, generic.FormView):
    """找回密码 by mobile, for accounts that have no e-mail (or whose owner prefers it): a code
    texted to the account's number, then a new password. Numbers without an account are
    answered exactly alike and texted nothing."""

    purpose = PASSWORD_RESET
    session_key = "password_reset_mobile"
    code_url_name = "customer:password-reset-mobile"
    sent_message = _("如果 %(mobile)s 已注册，验证码已发送，%(minutes)d 分钟内有效。")
    template_name = "oscar/registration/password_reset_mobile.html"
    form_class = get_class("customer.forms", "MobileSetPasswordForm")

    def post(self, request, *args, **kwargs):
        if "send_code" in request.POST:
            return self.send_code()
        if not self.texted_mobile():
            messages.error(request, _("请先获取短信验证码。"))
            return redirect(self.code_page_url())
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mobile": self.texted_mobile()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.code_context(kwargs.get("code_form"))}

    def form_valid(self, form):
        form.save()
        self.forget_texted_mobile()
        messages.success(self.request, _("密码已重设，请用新密码登录。"))
        return redirect("customer:login")


class LogoutView(oscar_views.LogoutView):
    """Oscar's logout, by POST only (the header's 退出 button posts its CSRF token): Oscar's
    answers a GET, so any link or image on any site could log the shopper out."""

    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OrderHistoryView(oscar_views.OrderHistoryView):
    """Oscar's 我的订单: the shopper's own retail orders (an institution's supplier orders are
    followed in ``/procurement/``, not here)."""

    def get_queryset(self):
        return super().get_queryset().filter(channel=OrderChannel.RETAIL)


class OrderDetailView(oscar_views.OrderDetailView):
    """Oscar's order page, plus its parcels, its refunds and whether 确认收货 is possible yet."""

    def get_object(self, queryset=None):
        order = super().get_object(queryset)
        if order.channel != OrderChannel.RETAIL:
            raise Http404
        # The page shows each line's product and description (its attributes): loaded at once,
        # not queried line by line.
        prefetch_related_objects([order], "lines__product", "lines__attributes")
        return order

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["parcels"] = self.object.parcels.select_related("partner")
        ctx["awaiting_payment"] = self.object.status == OrderStatus.PENDING_PAYMENT
        ctx["payment_open"] = payment_services.order_payment_open(self.object)
        ctx["payment_deadline"] = payment_services.order_payment_deadline(self.object)
        ctx["receipt_possible"] = fulfilment.receipt_possible(self.object)
        # A product is reviewed by someone who has it in hand, not on an unpaid or cancelled order.
        ctx["reviews_open"] = self.object.status in (OrderStatus.SHIPPED, OrderStatus.COMPLETED)
        ctx["auto_complete_days"] = fulfilment.AUTO_COMPLETE_DAYS
        # A refund Alipay refused never reached the shopper: it is the operator's business.
        ctx["refunds"] = self.object.alipay_refunds.exclude(status=RefundStatus.FAILED)
        if self.object.status == OrderStatus.CANCELLED:
            ctx["late_payment"] = late_payment_for_shopper(self.object)
        return ctx


class OrderReceiptView(LoginRequiredMixin, generic.View):
    """确认收货 (POST): the shopper's own shipped order becomes 已完成; anyone else's is a 404."""

    def post(self, request, order_number):
        try:
            fulfilment.order_confirm_receipt(user=request.user, number=order_number)
        except Order.DoesNotExist as error:
            raise Http404 from error
        except FulfilmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已确认收货，感谢您支持安置区的合作社！"))
        return redirect("customer:order", order_number=order_number)
