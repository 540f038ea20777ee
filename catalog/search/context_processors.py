from django.urls import NoReverseMatch, reverse

from .forms import SearchForm


def search_form(request):
    """The header's search box, on the storefront's and the site's pages. Not in Wagtail's
    admin, whose views (page history, listings) render a ``search_form`` of their own when they
    have one and would otherwise show the shop's sort and filter fields."""
    if request.path.startswith(_wagtail_admin_path() or "\0"):
        return {}
    return {"search_form": SearchForm(request.GET or None)}


def _wagtail_admin_path():
    # Pages served under another URLconf (the Alipay emulator's) have no Wagtail admin.
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None
