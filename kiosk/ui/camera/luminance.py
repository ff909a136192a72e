"""A mapped QVideoFrame's brightness as zxing reads it, in place.

Cameras deliver YUV: plane 0 of NV12, YUV420P and the like is the brightness itself, and packed
YUYV/UYVY hold it in every other byte, so zxing reads it with a pixel stride and nothing is
converted. RGB frames are handed over in their own byte order (zxing weighs the channels itself);
anything else (MJPEG, textures) goes through QImage once, the only copy on this path.
"""

from __future__ import annotations

import zxingcpp
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

from kiosk.ui.camera.decoding import LUM, Samples

F = QVideoFrameFormat.PixelFormat
I = zxingcpp.ImageFormat  # noqa: E741 - zxing's own short name

# pixel format -> (byte of the first sample, bytes per pixel, what a pixel holds)
LAYOUTS: dict[F, tuple[int, int, zxingcpp.ImageFormat]] = {
    **{planar: (0, 1, LUM) for planar in (
        F.Format_NV12, F.Format_NV21, F.Format_YUV420P, F.Format_YUV422P, F.Format_YV12, F.Format_Y8,
        F.Format_IMC1, F.Format_IMC2, F.Format_IMC3, F.Format_IMC4)},
    # 16 bits per sample, little-endian: the high byte is the second
    **{deep: (1, 2, LUM) for deep in (F.Format_P010, F.Format_P016, F.Format_Y16, F.Format_YUV420P10)},
    F.Format_YUYV: (0, 2, LUM), F.Format_UYVY: (1, 2, LUM),
    F.Format_AYUV: (1, 4, LUM), F.Format_AYUV_Premultiplied: (1, 4, LUM),
    # Qt 6 names RGB formats by their bytes in memory, as zxing does
    **{argb: (0, 4, I.ARGB)
       for argb in (F.Format_ARGB8888, F.Format_ARGB8888_Premultiplied, F.Format_XRGB8888)},
    **{bgra: (0, 4, I.BGRA)
       for bgra in (F.Format_BGRA8888, F.Format_BGRA8888_Premultiplied, F.Format_BGRX8888)},
    **{rgba: (0, 4, I.RGBA) for rgba in (F.Format_RGBA8888, F.Format_RGBX8888)},
    **{abgr: (0, 4, I.ABGR) for abgr in (F.Format_ABGR8888, F.Format_XBGR8888)},
}


def frame_samples(frame: QVideoFrame) -> Samples:
    """The samples of a frame mapped for reading; valid until it is unmapped."""
    layout = LAYOUTS.get(frame.pixelFormat())
    if layout is None:
        return image_samples(frame.toImage())
    offset, pix_stride, image_format = layout
    # Starting `offset` bytes in, the plane holds one whole row less than the frame: zxing reads
    # all rows but the last (of 720)
    height = frame.height() - (1 if offset else 0)
    return Samples(frame.bits(0)[offset:], frame.width(), height, frame.bytesPerLine(0), pix_stride,
                   image_format)


def image_samples(image: QImage) -> Samples:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    # a copy of its own: the memoryview would not keep the QImage alive
    return Samples(memoryview(bytes(grey.constBits())), grey.width(), grey.height(), grey.bytesPerLine())
