"""Files as people upload them: real PDFs and images, and the fakes an attacker sends."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

#: What an attacker hopes a browser runs when it opens the upload.
SCRIPT = b"<script>document.title='pwned'</script>"


def pdf_bytes(*, comment=b"", javascript="", password=""):
    """A one-page PDF that parses; ``comment`` is written as is into a comment of the page's
    (uncompressed) content, so its bytes appear in the file; ``javascript`` runs on opening,
    ``password`` encrypts it."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if comment:
        content = DecodedStreamObject()
        content.set_data(b"% " + comment + b"\n")
        page[NameObject("/Contents")] = writer._add_object(content)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_launch_action():
    """A PDF that asks the reader to start a program when it is opened."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    launch = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(launch)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


#: An HTML page behind a PDF header: what a check of the first bytes alone accepted.
HTML_BEHIND_PDF_HEADER = b"%PDF-1.4\n<html><body>" + SCRIPT + b"</body></html>\n"


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def pdf_upload(name="营业执照.pdf", **pdf):
    return SimpleUploadedFile(name, pdf_bytes(**pdf), "application/pdf")


def png_upload(name="license.png"):
    return SimpleUploadedFile(name, png_bytes(), "image/png")
