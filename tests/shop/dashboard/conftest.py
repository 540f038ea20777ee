"""The two cooperatives, their products and the operator of the catalogue dashboard tests."""

from tests.catalog.dashboard.conftest import market  # noqa: F401  (a fixture, shared)
