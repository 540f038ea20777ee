"""The content security policy of each part of the site (django-csp 4)."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class WenfuCSPMiddleware(CSPMiddleware):
    """``CONTENT_SECURITY_POLICY`` everywhere, except below ``CSP_ADMIN_PATH_PREFIXES``.

    Wagtail's admin and Oscar's dashboard write inline scripts and event handlers we do not
    own, so those paths get ``CSP_ADMIN_DIRECTIVES``: inline scripts allowed but still no other
    origin, no plugins and no framing by other sites. No nonce goes into that policy: a nonce
    would make browsers ignore its 'unsafe-inline'.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
            return parts
        # A view's own @csp decorator (response._csp_config) still wins.
        return PolicyParts(
            config=parts.config or settings.CSP_ADMIN_DIRECTIVES,
            update=parts.update,
            replace=parts.replace,
            nonce=None,
        )
