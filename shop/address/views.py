from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from .selectors import INVALID_DIVISION, division_children, division_path

#: The division data changes only with a migration, so browsers and the cache may keep answers a day.
CACHE_SECONDS = 24 * 60 * 60


@require_GET
@cache_page(CACHE_SECONDS)
def division_children_view(request):
    """``GET ?parent=<code>``: the divisions under one, or the provinces without ``parent``.

    ``{"parent": "421300", "divisions": [{"code": "421303", "name": "曾都区", "leaf": true}, …]}``;
    ``leaf`` says the shopper need not choose further down. An unknown parent is a 404.
    """
    parent_code = request.GET.get("parent", "").strip() or None
    if parent_code is not None and not division_path(parent_code):
        return JsonResponse(
            {"error": str(INVALID_DIVISION)}, status=404, json_dumps_params={"ensure_ascii": False}
        )
    divisions = [
        {"code": division.code, "name": division.name, "leaf": not division.has_children}
        for division in division_children(parent_code=parent_code)
    ]
    response = JsonResponse(
        {"parent": parent_code or "", "divisions": divisions}, json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, public=True)
    return response
