"""Photos and scans of handwritten replies: check the size and type of an uploaded image and
re-encode it without its metadata (EXIF GPS positions, camera serials, dates). Pure: bytes in,
bytes out, with Pillow and no Django.
"""

from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SCAN_BYTES = 8 * 1024 * 1024
# A phone photo is 12-50 megapixels; far more is a decompression bomb, not a page.
MAX_SCAN_PIXELS = 60_000_000
# Pillow's format name -> (content type, file extension) of what is kept.
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


class ScanProblem(StrEnum):
    EMPTY = "empty"
    TOO_BIG = "too_big"
    NOT_AN_IMAGE = "not_an_image"
    WRONG_TYPE = "wrong_type"
    TOO_MANY_PIXELS = "too_many_pixels"


class ScanError(ValueError):
    def __init__(self, problem: ScanProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class CleanScan:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def scan_clean(
    data: bytes, *, max_bytes: int = MAX_SCAN_BYTES, max_pixels: int = MAX_SCAN_PIXELS
) -> CleanScan:
    """*data* (a JPEG or PNG) decoded and encoded again in the same format, turned the way its
    EXIF orientation says and with no metadata left. Raises `ScanError` saying what is wrong."""
    if not data:
        raise ScanError(ScanProblem.EMPTY)
    if len(data) > max_bytes:
        raise ScanError(ScanProblem.TOO_BIG)
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format not in FORMATS:
                raise ScanError(ScanProblem.WRONG_TYPE)
            # The header gives the size before any pixel is decoded.
            if image.width * image.height > max_pixels:
                raise ScanError(ScanProblem.TOO_MANY_PIXELS)
            content_type, extension = FORMATS[image.format]
            image.load()
            upright = ImageOps.exif_transpose(image)
    except ScanError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ScanError(ScanProblem.NOT_AN_IMAGE) from None
    # A new image with the pixels only: no EXIF, XMP, ICC profile, text chunk or comment.
    mode = upright.mode
    if extension == "jpg" and mode not in ("RGB", "L"):
        mode = "RGB"
    elif extension == "png" and mode not in ("RGB", "RGBA", "L", "LA"):
        mode = "RGBA" if "A" in mode or "transparency" in upright.info else "RGB"
    pixels = upright.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    out = BytesIO()
    if extension == "jpg":
        clean.save(out, "JPEG", quality=88, optimize=True)
    else:
        clean.save(out, "PNG", optimize=True)
    return CleanScan(
        data=out.getvalue(),
        content_type=content_type,
        extension=extension,
        width=clean.width,
        height=clean.height,
    )
