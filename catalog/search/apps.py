import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, forked to search and browse on the database instead of haystack.

    With haystack's simple backend Oscar's browse pages list nothing, and no search server can
    be installed where Wenfu runs; PostgreSQL full-text search over segmented Chinese does the job.
    """

    name = "catalog.search"
