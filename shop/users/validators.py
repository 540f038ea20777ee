from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: Mainland China mobile numbers: 11 digits, starting 13–19.
MOBILE_REGEX = r"^1[3-9]\d{9}$"

validate_mainland_mobile = RegexValidator(
    MOBILE_REGEX, _("请输入 11 位中国大陆手机号码，例如 13800000000。"), code="invalid_mobile"
)
