"""Domain errors of onboarding; each carries a Chinese message a view shows as it is."""

from django.utils.translation import gettext_lazy as _

from shop.exceptions import DomainError


class OnboardingError(DomainError):
    """Base of onboarding's domain errors."""


class IllegalTransition(OnboardingError):
    default_message = _("申请当前的状态不允许这个操作。")


class ReasonRequired(OnboardingError):
    default_message = _("请填写原因或说明。")


class NotYourApplication(OnboardingError):
    default_message = _("只有申请人本人可以修改这份申请。")


class CreditCodeTaken(OnboardingError):
    default_message = _("该统一社会信用代码已入驻或已有待处理的申请。")


class DocumentExpired(OnboardingError):
    default_message = _("该证件已过有效期，请上传有效期内的证件。")


class CooperativeStatusUnchanged(OnboardingError):
    default_message = _("合作社已处于该状态。")


class DocumentUnreadable(OnboardingError):
    default_message = _("营业执照文件无法识别为 PDF 或图片，请要求申请人重新上传。")
