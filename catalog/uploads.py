"""Users' uploaded documents: where they are stored, under which names, and how they are served.

A document (business licence, qualification document, inspection report) is stored only once
it was checked to be a PDF or an image (:func:`catalog.validators.document_upload_type`), under
a random name with the extension of the checked type, and its checked content type is recorded
on the row. The uploader's file name never reaches the disk or a response, so neither a name
such as ``licence.html`` nor a guessed type decides how a browser treats the file.

Licences and qualification documents are private: :data:`private_storage` keeps them under
``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, with no URL, so the only way to read one is an
access-checked view. Every view that sends an upload to a browser uses :func:`upload_response`.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible

from .validators import INLINE_CONTENT_TYPES, document_upload_type, validate_document_upload

#: Sent with every upload: even a checked file is someone else's content, so a browser that
#: renders it anyway (a PDF viewer, an image with an HTML tail) runs it with no script, no
#: same-origin access and no requests, and never second-guesses the declared type.
UPLOAD_HEADERS = {
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT`` (read on each use, so tests can point it at
    a temporary folder), with no public URL.

    Not django-private-storage's storage: it reads its root once at import and exists to pair
    with that package's own serving view, while these files have access-checked views already.
    """

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT))

    def url(self, name):
        raise ValueError("private files have no URL; serve them through an access-checked view")


private_storage = PrivateStorage()


@deconstructible
class RandomName:
    """``upload_to`` of checked documents: ``<folder>/<32 hex digits><extension>``, the
    extension being the one :class:`CheckedFieldFile` gives after checking the content."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{uuid.uuid4().hex}{os.path.splitext(filename)[1].lower()}"


class CheckedFieldFile(FieldFile):
    """Saves only a checked PDF or image: whether the file is assigned and saved with the model
    or saved through ``field_file.save(…)``, its content is checked, it is named after its
    checked type and that type is set on the model's ``content_type_field``."""

    def save(self, name, content, save=True):
        checked = document_upload_type(content)  # ValidationError: nothing is stored
        setattr(self.instance, self.field.content_type_field, checked.content_type)
        super().save(f"document{checked.extension}", content, save=save)


class CheckedDocumentField(models.FileField):
    """A document upload (PDF or image) stored under a random name with its checked content
    type recorded in ``content_type_field``, a field declared after this one (saving an
    instance writes fields in declaration order); a save with ``update_fields`` must name both.
    """

    attr_class = CheckedFieldFile

    def __init__(self, *args, content_type_field, **kwargs):
        self.content_type_field = content_type_field
        kwargs.setdefault("validators", [validate_document_upload])
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["content_type_field"] = self.content_type_field
        return name, path, args, kwargs


def content_type_field(verbose_name):
    """The field :class:`CheckedDocumentField` records the checked type in (empty for a file
    stored before checks existed that failed them: such a file is only ever downloaded)."""
    return models.CharField(verbose_name, max_length=50, blank=True, editable=False)


def upload_response(file, *, content_type, download_name):
    """The response sending the uploaded ``file`` (a ``FieldFile``) to a browser.

    ``content_type`` is the type recorded when the file was checked. Checked PDFs and images
    are shown inline with that type; anything else (a file from before the checks that failed
    them) is an ``application/octet-stream`` attachment. Either way with
    :data:`UPLOAD_HEADERS`. ``download_name`` is the name the browser offers to save as, with
    the stored file's extension added. Raises ``Http404`` when the file is missing.
    """
    if not file:
        raise Http404("no file")
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404("file missing") from error
    checked = content_type in INLINE_CONTENT_TYPES
    extension = os.path.splitext(file.name)[1].lower() if checked else ""
    response = FileResponse(
        handle,
        as_attachment=not checked,
        filename=f"{download_name}{extension}",
        content_type=content_type if checked else "application/octet-stream",
    )
    for header, value in UPLOAD_HEADERS.items():
        response[header] = value
    return response
