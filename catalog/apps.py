import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue, forked: Wenfu's products carry provenance and a search text."""

    name = "catalog"
    label = "catalogue"

    def ready(self):
        super().ready()
        from . import checks, receivers  # noqa: F401
