import pytest

from catalog.slugs import pinyin_slugify
from cms.demo import load_pages
from cms.tourism.models import AttractionPage


@pytest.fixture
def sections(db):
    return load_pages()


@pytest.fixture
def attraction(sections):
    """Publishes an attraction page under 乡村旅游 (a draft, never published, when ``publish`` is
    false)."""

    def create(title, *, publish=True, **fields):
        fields.setdefault("slug", pinyin_slugify(title))
        page = sections["xiangcun-lvyou"].add_child(
            instance=AttractionPage(title=title, live=publish, **fields)
        )
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    return create
