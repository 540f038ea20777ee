from .forms import SearchForm


def search_form(request):
    """The header's search box, on every page (Oscar's and Wagtail's)."""
    return {"search_form": SearchForm(request.GET or None)}
