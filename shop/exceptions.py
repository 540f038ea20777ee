"""The base of every domain error: a rule of ours refused an action, and ``message`` says why in
Chinese, shown to the user as it is. Views catch a package's subclass and show its message."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    default_message = _("操作无法完成。")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))
