"""QR codes and printable label sheets of production batches.

A sheet is A4 with 3 columns × 8 rows of 70 × 37 mm labels (common self-adhesive label paper).
Each label has the batch's QR code (its public trace URL), the product, batch number, production
date and cooperative. The PDF uses ReportLab's built-in CID font ``STSong-Light``, which every
PDF reader renders without a font file being shipped. The PNG is drawn with Pillow and needs a
CJK font file on the server (``settings.TRACE_LABEL_FONT`` or a Noto CJK / WenQuanYi font at a
usual path); without one it prints Chinese text in pinyin, so a label stays legible.
"""

import io
import os
from dataclasses import dataclass
from functools import lru_cache

import segno
from django.conf import settings
from PIL import Image, ImageDraw, ImageFont
from pypinyin import lazy_pinyin
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

#: Error correction "M" (15 %) survives a scuffed label and keeps a trace URL at version 4.
QR_ERROR = "m"
QR_BORDER = 4

COLUMNS, ROWS = 3, 8
LABELS_PER_SHEET = COLUMNS * ROWS
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
LABEL_WIDTH_MM = PAGE_WIDTH_MM / COLUMNS
LABEL_HEIGHT_MM = PAGE_HEIGHT_MM / ROWS
PADDING_MM = 3
QR_SIDE_MM = LABEL_HEIGHT_MM - 2 * PADDING_MM
TEXT_GAP_MM = 2

#: PNG sheets are rendered for print at 300 dpi: 2480 × 3508 pixels.
PNG_DPI = 300
PNG_SIZE = (round(PAGE_WIDTH_MM / 25.4 * PNG_DPI), round(PAGE_HEIGHT_MM / 25.4 * PNG_DPI))

PDF_FONT = "STSong-Light"
CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


@dataclass(frozen=True)
class LabelText:
    """What a label says besides its QR code."""

    title: str
    batch_number: str
    produced_on: str
    cooperative: str

    @classmethod
    def for_batch(cls, batch):
        return cls(
            title=batch.product.get_title(),
            batch_number=batch.batch_number,
            produced_on=batch.produced_on.isoformat(),
            cooperative=batch.partner.name,
        )

    def lines(self, *, cjk=True):
        """(text, size in points, at most how many lines) from top to bottom; with ``cjk=False``
        the captions are in English and names in pinyin, for a font without Chinese."""
        if not cjk:
            return [
                (_pinyin(self.title), 8.5, 2),
                (f"Batch {self.batch_number}", 7, 1),
                (f"Date {self.produced_on}", 7, 1),
                (_pinyin(self.cooperative), 6.5, 2),
                ("Scan to trace", 6, 1),
            ]
        return [
            (self.title, 8.5, 2),
            (f"批次号：{self.batch_number}", 7, 1),
            (f"生产日期：{self.produced_on}", 7, 1),
            (self.cooperative, 6.5, 2),
            ("扫码查看溯源信息", 6, 1),
        ]


def _pinyin(text):
    syllables = lazy_pinyin(text)
    return "".join(word.capitalize() if word.isascii() and word.isalpha() else word for word in syllables)


def trace_qr(url):
    """The QR code of a trace URL, as a ``segno`` symbol."""
    return segno.make(url, error=QR_ERROR, micro=False)


def qr_png(url, *, scale=10):
    """PNG bytes of the QR code of ``url``: ``scale`` pixels per module, 4-module quiet zone."""
    buffer = io.BytesIO()
    trace_qr(url).save(buffer, kind="png", scale=scale, border=QR_BORDER)
    return buffer.getvalue()


def qr_svg(url):
    """SVG bytes of the QR code of ``url``, scalable for print."""
    buffer = io.BytesIO()
    trace_qr(url).save(buffer, kind="svg", scale=10, border=QR_BORDER, xmldecl=True, svgns=True)
    return buffer.getvalue()


def _dark_runs(qr):
    """(row, first column, length) of every horizontal run of dark modules."""
    for row_index, row in enumerate(qr.matrix):
        start = None
        for column, value in enumerate([*row, 0]):
            if value and start is None:
                start = column
            elif not value and start is not None:
                yield row_index, start, column - start
                start = None


def _wrap(text, fits, max_lines):
    """Splits ``text`` into at most ``max_lines`` lines that ``fits``; Chinese has no spaces, so
    it breaks between any two characters; the last line is cut with an ellipsis."""
    lines, current = [], ""
    for char in text:
        if fits(current + char):
            current += char
            continue
        carried = ""
        if char.isascii() and char.isalnum() and current[-1:].isascii() and " " in current.strip():
            # Do not split a Latin word or number ("1kg") when a space offers a break.
            current, carried = current.rsplit(" ", 1)
        lines.append(current)
        current = carried + char
        if len(lines) == max_lines:
            break
    else:
        if current:
            lines.append(current)
        return lines
    last = lines[max_lines - 1]
    while last and not fits(last + "…"):
        last = last[:-1]
    lines[max_lines - 1] = last + "…"
    return lines[:max_lines]


# --- PDF ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def register_pdf_font():
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    return PDF_FONT


def label_sheet_pdf(*, url, text, copies=LABELS_PER_SHEET):
    """A PDF of ``copies`` labels (24 an A4 page) for the batch whose trace URL is ``url``."""
    font = register_pdf_font()
    qr = trace_qr(url)
    modules = qr.symbol_size(border=0)[0]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"溯源标签 {text.batch_number}")
    pdf.setAuthor("稳富")
    text_width = (LABEL_WIDTH_MM - QR_SIDE_MM - 2 * PADDING_MM - TEXT_GAP_MM) * mm

    def fits(size):
        return lambda candidate: pdfmetrics.stringWidth(candidate, font, size) <= text_width

    wrapped = [(_wrap(line, fits(size), max_lines), size) for line, size, max_lines in text.lines()]
    for index in range(copies):
        if index and index % LABELS_PER_SHEET == 0:
            pdf.showPage()
        slot = index % LABELS_PER_SHEET
        column, row = slot % COLUMNS, slot // COLUMNS
        left = column * LABEL_WIDTH_MM * mm
        top = A4[1] - row * LABEL_HEIGHT_MM * mm
        # The QR code, drawn as vector runs of dark modules so it prints sharp at any size.
        module = QR_SIDE_MM * mm / modules
        qr_left, qr_top = left + PADDING_MM * mm, top - PADDING_MM * mm
        pdf.setFillColorRGB(0, 0, 0)
        for qr_row, start, length in _dark_runs(qr):
            pdf.rect(
                qr_left + start * module,
                qr_top - (qr_row + 1) * module,
                length * module,
                module,
                stroke=0,
                fill=1,
            )
        x = qr_left + QR_SIDE_MM * mm + TEXT_GAP_MM * mm
        y = top - PADDING_MM * mm
        for lines, size in wrapped:
            pdf.setFont(font, size)
            for line in lines:
                y -= size * 1.25
                pdf.drawString(x, y, line)
            y -= 1.5
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# --- PNG ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _png_font_path():
    configured = getattr(settings, "TRACE_LABEL_FONT", "")
    for path in (configured, *CJK_FONT_CANDIDATES):
        if path and os.path.exists(path):
            return path
    return None


def _png_font(size_px):
    path = _png_font_path()
    if path:
        return ImageFont.truetype(path, size_px)
    return ImageFont.load_default(size=size_px)


def label_sheet_png(*, url, text, copies=LABELS_PER_SHEET):
    """A 300 dpi PNG of one A4 sheet holding ``min(copies, 24)`` labels."""
    px_per_mm = PNG_DPI / 25.4
    sheet = Image.new("L", PNG_SIZE, 255)
    draw = ImageDraw.Draw(sheet)
    qr = trace_qr(url)
    modules = qr.symbol_size(border=0)[0]
    module_px = int(QR_SIDE_MM * px_per_mm // modules)
    qr_image = Image.new("L", (modules, modules), 255)
    qr_image.putdata([0 if value else 255 for row in qr.matrix for value in row])
    qr_image = qr_image.resize((modules * module_px, modules * module_px), Image.NEAREST)
    text_width = (LABEL_WIDTH_MM - QR_SIDE_MM - 2 * PADDING_MM - TEXT_GAP_MM) * px_per_mm
    pt_to_px = PNG_DPI / 72

    prepared = []
    for line, size, max_lines in text.lines(cjk=_png_font_path() is not None):
        font = _png_font(round(size * pt_to_px))
        lines = _wrap(
            line, lambda candidate, f=font: draw.textlength(candidate, font=f) <= text_width, max_lines
        )
        prepared.append((lines, font, size * pt_to_px))
    for slot in range(min(copies, LABELS_PER_SHEET)):
        column, row = slot % COLUMNS, slot // COLUMNS
        left = column * LABEL_WIDTH_MM * px_per_mm
        top = row * LABEL_HEIGHT_MM * px_per_mm
        qr_left, qr_top = round(left + PADDING_MM * px_per_mm), round(top + PADDING_MM * px_per_mm)
        sheet.paste(qr_image, (qr_left, qr_top))
        x = qr_left + QR_SIDE_MM * px_per_mm + TEXT_GAP_MM * px_per_mm
        y = qr_top
        for lines, font, size_px in prepared:
            for line in lines:
                draw.text((x, y), line, fill=0, font=font)
                y += size_px * 1.25
            y += 1.5 * pt_to_px
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", optimize=True, dpi=(PNG_DPI, PNG_DPI))
    return buffer.getvalue()
