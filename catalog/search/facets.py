"""Links of the filter sidebar: each option's URL keeps the other parameters (``q``,
``sort_by``, other filters) and drops ``page``, since the result count changes."""

from catalog.search.forms import SearchForm


def _without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params


def option_url(params, facet, option):
    """``?…`` that toggles ``option`` of ``facet``: ticks it (added to a multiple facet,
    replacing a single one's value) or, when selected, unticks it."""
    params = _without_page(params)
    if facet.multiple:
        values = [value for value in params.getlist(facet.name) if value != option.value]
        if not option.selected:
            values.append(option.value)
        params.setlist(facet.name, values)
    elif option.selected:
        params.pop(facet.name, None)
    else:
        params[facet.name] = option.value
    return "?" + params.urlencode()


def clear_filters_url(params):
    """``?…`` without any filter, keeping the query and sort order."""
    params = _without_page(params)
    for name in SearchForm.FILTER_PARAMS:
        params.pop(name, None)
    return "?" + params.urlencode() if params else "?"


def link_facets(facets, params):
    """Sets ``url`` on every option of ``facets`` from the request's ``params`` (a QueryDict)."""
    for facet in facets:
        for option in facet.options:
            option.url = option_url(params, facet, option)
    return facets
