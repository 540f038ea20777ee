"""Validators for what cooperatives and operators type or upload."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

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


def validate_image_upload(upload):
    """A real JPEG, PNG or WebP image of at most 10 MB and 40 megapixels.

    Reads only the header to check the pixel count before decoding, so a decompression bomb
    (a small file that decodes to gigabytes) is refused without being decoded.
    """
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("图片不能超过 10 MB。"), code="image_too_large")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(_("只支持 JPEG、PNG 或 WebP 格式的图片。"), code="image_format")
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("图片像素过大（最多 4000 万像素）。"), code="image_pixels")
            image.verify()
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("文件不是有效的图片，或已损坏。"), code="not_an_image") from error
    finally:
        upload.seek(position)


def validate_document_upload(upload):
    """A qualification document or inspection report: a PDF, or an image as above."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("文件不能超过 10 MB。"), code="document_too_large")
    position = upload.tell() if hasattr(upload, "tell") else 0
    head = upload.read(5)
    upload.seek(position)
    if head == b"%PDF-":
        return
    validate_image_upload(upload)
