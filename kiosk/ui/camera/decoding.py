"""QR codes from one camera frame's brightness samples, with zxing-cpp; no Qt here, so the benchmark
and the tests can time the decoder alone.

zxing reads the samples where the camera left them (a memoryview with row and pixel strides): no
copy, no colour conversion, and it releases the GIL while it works. Most frames are read so. When
zxing found something like a code in a frame but could not decode it, up to four more tries follow
(tests/bench/bench_camera.py measures what each adds): sharpened (defocus), brightened (a phone
screen's moire darkens its light modules, never its black ones), the centre enlarged twice (a small
code in the guide) and smoothed (noise, JPEG blocks). A frame with nothing code-like in it, as
between guests, is only tried brightened: moire can break a code's finder patterns so that zxing
sees nothing, and that try is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

import zxingcpp
from PIL import Image, ImageFilter

LUM = zxingcpp.ImageFormat.Lum
# zxing's RGB layouts -> Pillow's raw mode for the same bytes
RAW_MODES = {zxingcpp.ImageFormat.ARGB: "XRGB", zxingcpp.ImageFormat.BGRA: "BGRX",
             zxingcpp.ImageFormat.RGBA: "RGBX", zxingcpp.ImageFormat.ABGR: "XBGR"}
CENTRE_SHARE = 0.6  # the enlarged middle: a bit more than the preview's frame guide


@dataclass(frozen=True)
class Samples:
    """Where one frame's samples lie in memory: `pix_stride` bytes from one pixel to the next and
    `row_stride` from one row to the next; `image_format` says what a pixel holds (brightness
    alone, or an RGB layout zxing turns into brightness itself)."""

    buffer: memoryview
    width: int
    height: int
    row_stride: int
    pix_stride: int = 1
    image_format: zxingcpp.ImageFormat = LUM


@dataclass(frozen=True)
class Read:
    text: str
    off_centre: float  # the code's distance from the frame's centre, in frame widths


def read_codes(samples: Samples) -> list[Read]:
    """The QR codes in the frame, the most central first (the one held inside the frame guide)."""
    view = zxingcpp.ImageView(samples.buffer, samples.width, samples.height, samples.image_format,
                              samples.row_stride, samples.pix_stride)
    found = read_symbols(view, return_errors=True)
    reads = _reads([code for code in found if code.valid], samples.width, samples.height, 1, samples.width)
    if not reads:
        image = grey_image(samples)
        for attempt in ATTEMPTS if found else (_brightened,):
            picture, factor = attempt(image)
            reads = _reads(read_symbols(picture), picture.width, picture.height, factor, samples.width)
            if reads:
                break
    return sorted(reads, key=lambda read: read.off_centre)


def grey_image(samples: Samples) -> Image.Image:
    """The samples as a Pillow greyscale image: the same memory for plain brightness planes."""
    size = (samples.width, samples.height)
    if samples.image_format in RAW_MODES:
        return Image.frombuffer("RGB", size, samples.buffer, "raw", RAW_MODES[samples.image_format],
                                samples.row_stride, 1).convert("L")
    if samples.pix_stride == 1:
        return Image.frombuffer("L", size, samples.buffer, "raw", "L", samples.row_stride, 1)
    rows = (samples.buffer[row * samples.row_stride:][:samples.width * samples.pix_stride:samples.pix_stride]
            for row in range(samples.height))
    return Image.frombytes("L", size, b"".join(row.tobytes() for row in rows))


def read_symbols(image, return_errors: bool = False) -> list[zxingcpp.Barcode]:
    # Our codes are plain QR codes (model 2), dark on light: no Micro QR or rMQR, no inverted
    # codes, and try_rotate only helps 1D codes
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCodeModel2, try_rotate=False,
                                  try_downscale=True, try_invert=False, return_errors=return_errors)


def _sharpened(image: Image.Image) -> tuple[Image.Image, float]:
    return image.filter(ImageFilter.UnsharpMask(radius=2, percent=150, threshold=2)), 1


def _centre_enlarged(image: Image.Image) -> tuple[Image.Image, float]:
    width, height = int(image.width * CENTRE_SHARE), int(image.height * CENTRE_SHARE)
    left, top = (image.width - width) // 2, (image.height - height) // 2
    centre = image.crop((left, top, left + width, top + height))
    return centre.resize((width * 2, height * 2), Image.Resampling.BICUBIC), 2


def _smoothed(image: Image.Image) -> tuple[Image.Image, float]:
    return image.filter(ImageFilter.GaussianBlur(1.5)), 1


_BRIGHTER = [round(255 * (value / 255) ** 0.5) for value in range(256)]


def _brightened(image: Image.Image) -> tuple[Image.Image, float]:
    return image.point(_BRIGHTER), 1


ATTEMPTS = (_sharpened, _brightened, _centre_enlarged, _smoothed)


def _reads(codes: list[zxingcpp.Barcode], width: int, height: int, factor: float,
           frame_width: int) -> list[Read]:
    """Each code's distance from the centre of the picture it was found in (the enlarged centre
    shares the frame's centre), in frame widths."""
    return [Read(code.text, _distance(code.position, width / 2, height / 2) / factor / frame_width)
            for code in codes if code.text]


def _distance(position: zxingcpp.Position, cx: float, cy: float) -> float:
    corners = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    x = sum(p.x for p in corners) / 4
    y = sum(p.y for p in corners) / 4
    return ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5
