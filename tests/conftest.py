"""Fixtures shared by the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated images go to a per-test folder, never the developer's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
