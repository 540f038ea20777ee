"""Building blocks of the demo content, shared by the content areas' demo modules."""

from wagtail.models import Page


def demo_page(parent, model, slug, **fields):
    """The ``model`` page ``slug`` under ``parent``, created and published when missing. A page
    of another kind at that slug (an older demo's generic article or section) is deleted with
    its children first, so no demo page stays of a kind a newer one replaces."""
    page = Page.objects.child_of(parent).filter(slug=slug).first()
    if page is not None and page.specific_class is not model:
        page.delete()
        page = None
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    return page.specific
