"""Validators for what cooperatives and operators type or upload."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: Weight of positions 1..17: 3^(i-1) mod 31.
CREDIT_CODE_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def credit_code_check_char(first17):
    """The 18th (check) character of a unified social credit code whose first 17 are given.

    Raises ``ValueError`` when ``first17`` is not 17 characters of the GB 32100 charset.
    """
    if len(first17) != 17 or any(char not in CREDIT_CODE_CHARSET for char in first17):
        raise ValueError(f"not the first 17 characters of a credit code: {first17!r}")
    values = [CREDIT_CODE_CHARSET.index(char) for char in first17]
    total = sum(value * weight for value, weight in zip(values, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def credit_code_is_valid(code):
    """Whether ``code`` is 18 characters of the GB 32100 charset with a matching check character."""
    code = (code or "").strip().upper()
    try:
        return len(code) == 18 and credit_code_check_char(code[:17]) == code[17]
    except ValueError:
        return False


def cooperative_credit_code(organisation_code, division_code="421321"):
    """A farmers' cooperative's (kind ``93``) credit code: division, 9-character organisation
    code and the computed check character."""
    first17 = f"93{division_code}{organisation_code}"
    return first17 + credit_code_check_char(first17)


def validate_credit_code(value):
    """A unified social credit code (统一社会信用代码) with a correct GB 32100-2015 check character."""
    if not credit_code_is_valid(value):
        raise ValidationError(
            _("统一社会信用代码无效：应为 18 位数字或大写字母（不含 I、O、Z、S、V），且校验位正确。"),
            code="invalid_credit_code",
        )


def validate_cooperative_credit_code(value):
    """A valid credit code of a farmers' professional cooperative: its kind is ``93``."""
    validate_credit_code(value)
    if not value.upper().startswith("93"):
        raise ValidationError(
            _("这不是农民专业合作社的统一社会信用代码（合作社的代码以 93 开头）。"),
            code="not_a_cooperative",
        )


#: Formats browsers show and Pillow reads safely; anything else is refused before it is stored.
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedType:
    """What an upload was checked to be: the type it is served as and the extension it is
    stored under (never the uploader's name or claimed type)."""

    content_type: str
    extension: str


PDF = CheckedType("application/pdf", ".pdf")
IMAGE_TYPES = {
    "JPEG": CheckedType("image/jpeg", ".jpg"),
    "PNG": CheckedType("image/png", ".png"),
    "WEBP": CheckedType("image/webp", ".webp"),
}
#: Types a browser may show inline: they were parsed as such, so they cannot be HTML.
INLINE_CONTENT_TYPES = {PDF.content_type} | {checked.content_type for checked in IMAGE_TYPES.values()}

#: PDF actions that run code or programs when the file is opened or a page is viewed.
PDF_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}


class _Rewound:
    """Reads ``upload`` from its start (what a storage saves, whoever read it before) and puts
    it back where it was, whatever the check read."""

    def __init__(self, upload):
        self.upload = upload

    def __enter__(self):
        self.position = self.upload.tell() if hasattr(self.upload, "tell") else 0
        self.upload.seek(0)
        return self.upload

    def __exit__(self, *exc_info):
        self.upload.seek(self.position)


def image_upload_type(upload):
    """The checked type of a real JPEG, PNG or WebP image of at most 10 MB and 40 megapixels.

    Reads only the header to check the pixel count before decoding, so a decompression bomb
    (a small file that decodes to gigabytes) is refused without being decoded; then verifies the
    file's structure and, since ``verify()`` leaves the image unusable and does not decode the
    pixels, opens it again and decodes it. Raises ``ValidationError`` otherwise.
    """
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("图片不能超过 10 MB。"), code="image_too_large")
    with _Rewound(upload):
        try:
            with Image.open(upload) as image:
                if image.format not in IMAGE_FORMATS:
                    raise ValidationError(_("只支持 JPEG、PNG 或 WebP 格式的图片。"), code="image_format")
                checked = IMAGE_TYPES[image.format]
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(_("图片像素过大（最多 4000 万像素）。"), code="image_pixels")
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                if IMAGE_TYPES.get(image.format) != checked:
                    raise ValidationError(_("文件不是有效的图片，或已损坏。"), code="not_an_image")
                image.load()
        except ValidationError:
            raise
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            raise ValidationError(_("文件不是有效的图片，或已损坏。"), code="not_an_image") from error
    return checked


def validate_image_upload(upload):
    """A real JPEG, PNG or WebP image, as :func:`image_upload_type` checks it."""
    image_upload_type(upload)


def _pdf_has_active_content(reader):
    """Whether the PDF runs JavaScript or another program: document-level scripts, an action on
    opening, or actions on pages, annotations and form fields. Only what pypdf can reach from
    the catalogue and pages is looked at; it is a refusal of the obvious, the served file's
    sandbox is what keeps a reader safe."""
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True

    def is_active(action):
        action = action.get_object() if action is not None else None
        if not hasattr(action, "get"):
            return False
        if action.get("/S") in PDF_ACTIVE_ACTIONS:
            return True
        following = action.get("/Next")
        following = following.get_object() if following is not None else None
        if isinstance(following, list):
            return any(is_active(item) for item in following)
        return is_active(following) if following is not None else False

    def has_active_actions(holder):
        holder = holder.get_object()
        if is_active(holder.get("/A")):
            return True
        triggers = holder.get("/AA")
        triggers = triggers.get_object() if triggers is not None else {}
        return any(is_active(action) for action in triggers.values())

    if is_active(root.get("/OpenAction")) or has_active_actions(root):
        return True
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else {}
    if any(has_active_actions(field) for field in form.get("/Fields", [])):
        return True
    for page in reader.pages:
        if has_active_actions(page):
            return True
        if any(has_active_actions(annotation) for annotation in page.get("/Annots") or []):
            return True
    return False


def pdf_upload_type(upload):
    """The checked type of a PDF that pypdf parses whole into at least one page: not encrypted
    and with no JavaScript or launch actions (:func:`_pdf_has_active_content`). A file that only
    starts with ``%PDF-`` (an HTML page behind a PDF header) does not parse. Raises
    ``ValidationError`` otherwise."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("文件不能超过 10 MB。"), code="document_too_large")
    with _Rewound(upload):
        try:
            # Not strict: scanners and office suites write slightly wrong cross-reference
            # offsets that readers repair; what matters is that the whole file parses as a PDF.
            reader = PdfReader(upload, strict=False)
            if reader.is_encrypted:
                raise ValidationError(_("PDF 文件已加密，请上传未加密的文件。"), code="pdf_encrypted")
            if len(reader.pages) == 0:
                raise ValidationError(_("文件不是有效的 PDF，或已损坏。"), code="not_a_pdf")
            active = _pdf_has_active_content(reader)
        except ValidationError:
            raise
        except (
            PyPdfError,
            OSError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            RecursionError,
        ) as error:
            raise ValidationError(_("文件不是有效的 PDF，或已损坏。"), code="not_a_pdf") from error
    if active:
        raise ValidationError(
            _("PDF 文件含有脚本或自动执行的操作，不能上传；请重新导出或打印为普通 PDF。"),
            code="pdf_active_content",
        )
    return PDF


def document_upload_type(upload):
    """The checked type of a qualification document or inspection report: a PDF as
    :func:`pdf_upload_type` checks it when it says it is one (starts with ``%PDF-``), else an
    image as :func:`image_upload_type` checks it. Raises ``ValidationError`` otherwise."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("文件不能超过 10 MB。"), code="document_too_large")
    with _Rewound(upload):
        head = upload.read(5)
    if head == b"%PDF-":
        return pdf_upload_type(upload)
    return image_upload_type(upload)


def validate_document_upload(upload):
    """A qualification document or inspection report, as :func:`document_upload_type` checks it."""
    document_upload_type(upload)
