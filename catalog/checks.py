"""Configuration the catalogue's uploads depend on."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.translation import gettext_lazy as _


@register(Tags.security)
def private_media_root_outside_public_roots(app_configs, **kwargs):
    """Licences in ``PRIVATE_MEDIA_ROOT`` are private only while no public folder contains it:
    a web server serving ``MEDIA_ROOT`` or ``STATIC_ROOT`` would serve them to anyone."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and private.is_relative_to(Path(public).resolve()):
            return [
                Error(
                    _("PRIVATE_MEDIA_ROOT 位于 %(name)s 之内，营业执照等私密文件会被公开访问。")
                    % {"name": name},
                    hint=_("请把 PRIVATE_MEDIA_ROOT 设为 MEDIA_ROOT 和 STATIC_ROOT 之外的目录。"),
                    id="catalogue.E001",
                )
            ]
    return []
