"""What an uploaded image really is: decoded by Pillow, never read from its name or the browser."""

from dataclasses import dataclass

from PIL import Image, ImageFile

MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class ImageFormat:
    name: str
    extension: str
    content_type: str


IMAGE_FORMATS = {
    fmt.name: fmt
    for fmt in (
        ImageFormat("JPEG", "jpg", "image/jpeg"),
        ImageFormat("PNG", "png", "image/png"),
        ImageFormat("GIF", "gif", "image/gif"),
        ImageFormat("WEBP", "webp", "image/webp"),
    )
}
CONTENT_TYPES_BY_EXTENSION = {
    **{fmt.extension: fmt.content_type for fmt in IMAGE_FORMATS.values()},
    "jpeg": "image/jpeg",
}


def decode_image(file, *, formats=tuple(IMAGE_FORMATS), max_pixels=MAX_IMAGE_PIXELS):
    """The ``ImageFormat`` of ``file`` if Pillow decodes it whole as one of ``formats``; else None.

    The structure is verified (chunk checksums for PNG) and the pixels are
    decoded, so a file that only starts like an image is refused.
    """
    # WeasyPrint (our PDFs) turns Pillow's truncated-image loading on for the
    # whole process when it is imported; a truncated upload must still fail.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        file.seek(0)
        with Image.open(file) as opened:
            image_format = opened.format
            width, height = opened.size
            if image_format not in formats or not 0 < width * height <= max_pixels:
                return None
            opened.verify()
        file.seek(0)
        with Image.open(file) as opened:
            # JPEG: decode every block, but at reduced scale to bound memory.
            opened.draft("RGB", (1024, 1024))
            opened.load()
    # Pillow raises many kinds of error on malformed input; any of them means "not an image".
    except Exception:
        return None
    finally:
        file.seek(0)
    return IMAGE_FORMATS[image_format]


def content_type_for_name(name):
    """The image content type that a stored name's extension stands for, or None."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES_BY_EXTENSION.get(extension)
