"""The storefront's product listings (catalogue, categories, search, area and cooperative
pages) as anonymous shoppers see them, rendered once and kept in Django's cache.

Every entry's key carries a version that any change a listing shows bumps (``listings_changed``:
products, their images, categories, prices and stock, cooperatives, areas — see
catalog/receivers.py), so an approval, a suspension, a price or a sold-out product shows on the
very next request of every list; entries also expire after ``CATALOG_LISTING_CACHE_SECONDS``
(60), the longest anything missed could stay; 0 renders every listing afresh. Signed-in
visitors are never served from it: their prices and baskets are their own.

Each cached fragment holds ``CSRF_PLACEHOLDER`` where a card's add-to-basket form carries its
CSRF token; ``listing_fragments`` puts the visitor's own token there on every request.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic.base import ContextMixin

VERSION_KEY = "catalog:listings:version"
CSRF_PLACEHOLDER = "wenfu-csrf-token-placeholder"


def listings_version():
    """The current version of every listing. Started from the clock, so a version lost from the
    cache (evicted, a restarted Redis) never comes back to a number older entries were kept under."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def listings_forget():
    """Moves every listing to a new version: the cached ones are not served again."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        listings_version()


def listings_changed():
    """Stops every cached listing from being served: now, and again once the current transaction
    commits, so a request that re-rendered a listing from the old rows meanwhile is not kept."""
    listings_forget()
    transaction.on_commit(listings_forget, robust=True)


def listing_cache_key(request, name, params):
    """The key of listing ``name`` for ``request``'s page: the path, the query parameters named in
    ``params`` (others, such as a campaign's ``utm_source``, change nothing the listing shows and
    must not multiply the entries anyone can make us keep) and the language, under the current
    version."""
    query = "&".join(
        f"{key}={sorted(request.GET.getlist(key))}" for key in sorted(params) if key in request.GET
    )
    digest = hashlib.sha256(f"{request.path}?{query}|{get_language()}".encode()).hexdigest()
    return f"catalog:listing:{listings_version()}:{name}:{digest}"


def listing_is_cacheable(request):
    """Only anonymous shoppers' GETs share listings."""
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated


def with_visitor_token(request, fragments):
    """``fragments`` (a dict of HTML strings rendered with ``CSRF_PLACEHOLDER``) with
    ``request``'s own CSRF token in place of the placeholder."""
    token = get_token(request)
    return {key: mark_safe(html.replace(CSRF_PLACEHOLDER, token)) for key, html in fragments.items()}


def listing_keep(key, entry):
    """Keeps ``entry`` under ``key`` for the next shoppers (unless caching is off)."""
    if settings.CATALOG_LISTING_CACHE_SECONDS:
        cache.set(key, entry, settings.CATALOG_LISTING_CACHE_SECONDS)


def listing_fragments(request, name, params, render):
    """The fragments (a dict of HTML strings) of listing ``name`` for an anonymous shopper's
    ``request``: the cached ones, or ``render(CSRF_PLACEHOLDER)``'s, kept for the next shopper;
    with the visitor's own CSRF token in place of the placeholder. ``params``: the query
    parameters the listing reads."""
    key = listing_cache_key(request, name, params)
    fragments = cache.get(key)
    if fragments is None:
        fragments = render(CSRF_PLACEHOLDER)
        listing_keep(key, fragments)
    return with_visitor_token(request, fragments)


class CachedListingMixin:
    """For a ``ListView`` of products: renders ``listing_templates`` (context name → template) on
    their own and, for anonymous shoppers, serves them from the cache, so a cached page asks the
    database nothing about its products. The page template shows each rendered part where
    given, or includes its template itself (signed-in visitors, who get the plain ListView).

    Subclasses set up what the page needs either way in ``prepare()`` and add what the page
    shows around the listing in ``get_page_context()``."""

    listing_templates = {}
    #: The query parameters the listing reads.
    listing_params = ("page",)

    def prepare(self):
        """Reads the request (form, the object the page is about) before anything is rendered."""

    def get(self, request, *args, **kwargs):
        self.prepare()
        if not listing_is_cacheable(request):
            return super().get(request, *args, **kwargs)
        # No products are listed around the fragments (ListView's template names look for them).
        self.object_list = None
        fragments = listing_fragments(request, type(self).__name__, self.listing_params, self.render_listing)
        return self.render_to_response(self.get_page_context(**fragments))

    def render_listing(self, csrf_token):
        self.object_list = self.get_queryset()
        context = {**self.get_context_data(), "csrf_token": csrf_token}
        return {
            name: render_to_string(template, context, self.request)
            for name, template in self.listing_templates.items()
        }

    def get_page_context(self, **kwargs):
        return ContextMixin.get_context_data(self, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.get_page_context()}
