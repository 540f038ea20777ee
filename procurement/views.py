from django.views.generic import TemplateView


class PortalHomeView(TemplateView):
    """The procurement portal's front door: who it serves and how ordering works."""

    template_name = "procurement/home.html"
