"""Dashboard views of procurement (see ``apps.py``)."""

urlpatterns = []
