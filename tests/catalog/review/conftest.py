from tests.catalog.dashboard.conftest import market  # noqa: F401 — the shared two-cooperative fixture
