"""Requests no page of ours can answer, refused before any view sees them."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

NUL = "\x00"


class NulByteRefusedMiddleware:
    """Answers 400 to a request with a NUL byte in its path or in any GET or POST name or value.

    No text we store or look up may contain one, and PostgreSQL refuses such a string outright
    ("A string literal cannot contain NUL characters"), which would surface as a 500 on whichever
    page passed the parameter to a query. Uploaded files are binary and not looked at.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        posted = request.method == "POST" and _has_nul(request.POST)
        if NUL in request.path or _has_nul(request.GET) or posted:
            return HttpResponseBadRequest(
                _("请求中含有空字符（NUL），无法处理。请检查链接或重新填写表单。"),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _has_nul(query_dict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())
