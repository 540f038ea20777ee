from django.utils.translation import gettext_lazy as _


class EmulatorError(Exception):
    """An error answer as Alipay words it: ``code``/``msg``, then ``sub_code`` and a Chinese ``sub_msg``.

    Business errors are code 40004; missing (40001) and invalid (40002) common arguments have
    their own codes, as on the real gateway.
    """

    def __init__(self, sub_code, sub_msg, *, code="40004", msg="Business Failed"):
        super().__init__(f"{sub_code}: {sub_msg}")
        self.code = code
        self.msg = msg
        self.sub_code = sub_code
        self.sub_msg = str(sub_msg)

    def as_payload(self):
        return {"code": self.code, "msg": self.msg, "sub_code": self.sub_code, "sub_msg": self.sub_msg}


def missing_argument(name):
    return EmulatorError(
        f"isv.missing-{name.replace('_', '-')}",
        _("缺少必选参数 %(name)s") % {"name": name},
        code="40001",
        msg="Missing Required Arguments",
    )


def invalid_argument(sub_code, sub_msg):
    return EmulatorError(sub_code, sub_msg, code="40002", msg="Invalid Arguments")
