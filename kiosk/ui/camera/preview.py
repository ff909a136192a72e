"""What the camera sees, with a frame guide: where the guest holds their code.

Shown on the welcome and contact screens while a camera delivers frames, hidden otherwise (then the
drawing it stands in for shows again). Mirrored like a mirror, as the camera faces the guest: moving
the code to the left moves it left on the screen. Painted at most 15 times a second and only while
visible, so the preview costs the decoder little. What to do is written in a band across its foot.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPen
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui import style
from kiosk.ui.camera.source import CameraScanner

PAINT_INTERVAL = 1 / 15
FLASH_MS = 700  # the guide turns green this long after a read
GUIDE_SHARE = 0.7  # the guide's side, as a share of the picture's shorter side (above the band)
BAND_SHARE = 0.16  # the caption band's height, as a share of the picture's


class CameraPreview(QWidget):
    """The newest frame cropped to fill the widget, dimmed outside a square guide. `stands_in_for`
    (the welcome screen's drawing) hides while the preview shows."""

    def __init__(self, scanner: CameraScanner, stands_in_for: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setMinimumSize(300, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.caption = ""
        self._stands_in_for = stands_in_for
        self._frame: QVideoFrame | None = None
        self._painted_at = 0.0
        self._flash = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash.timeout.connect(self.update)
        scanner.sink.videoFrameChanged.connect(self.show_frame)
        scanner.decoded.connect(self.flash)
        scanner.live_changed.connect(self.set_live)
        self.set_live(scanner.live)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(480, 320)

    def set_live(self, live: bool) -> None:
        self.setVisible(live)
        if self._stands_in_for is not None:
            self._stands_in_for.setVisible(not live)

    def retranslate(self, tr) -> None:
        self.caption = tr("Hold your code inside the frame.")
        self.update()

    def show_frame(self, frame: QVideoFrame) -> None:
        self._frame = frame
        if self.isVisible() and time.monotonic() - self._painted_at >= PAINT_INTERVAL:
            self.update()

    def flash(self, codes: list[str]) -> None:
        if codes:
            self._flash.start()
            self.update()

    def guide(self) -> QRectF:
        above_band = self.height() - max(44.0, self.height() * BAND_SHARE)
        side = min(self.width(), above_band) * GUIDE_SHARE
        return QRectF((self.width() - side) / 2, (above_band - side) / 2, side, side)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        self._painted_at = time.monotonic()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QPainterPath()
        outline.addRoundedRect(QRectF(self.rect()), 16, 16)
        painter.setClipPath(outline)
        painter.fillRect(self.rect(), QColor(style.NAVY))
        self._draw_frame(painter)
        guide = self.guide()
        shade = QPainterPath()
        shade.addRect(QRectF(self.rect()))
        shade.addRoundedRect(guide, 12, 12)
        painter.fillPath(shade, QColor(11, 37, 69, 120))  # outside the guide, dimmed
        self._draw_corners(painter, guide)
        self._draw_caption(painter)

    def _draw_frame(self, painter: QPainter) -> None:
        image = self._frame.toImage() if self._frame is not None and self._frame.isValid() else QImage()
        if image.isNull():
            return
        filled = image.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                              Qt.TransformationMode.SmoothTransformation)
        painter.save()
        painter.translate(self.width(), 0)
        painter.scale(-1, 1)  # a mirror
        painter.drawImage(int((self.width() - filled.width()) / 2),
                          int((self.height() - filled.height()) / 2), filled)
        painter.restore()

    def _draw_corners(self, painter: QPainter, guide: QRectF) -> None:
        arm = guide.width() * 0.22
        corners = ((guide.left(), guide.top(), 1, 1), (guide.right(), guide.top(), -1, 1),
                   (guide.left(), guide.bottom(), 1, -1), (guide.right(), guide.bottom(), -1, -1))
        colour = style.SUCCESS if self._flash.isActive() else "#FFFFFF"
        # white on a dark edge: seen on white paper too
        for pen in (QPen(QColor(style.NAVY), 11), QPen(QColor(colour), 6)):
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            for x, y, dx, dy in corners:
                painter.drawLine(x, y, x + dx * arm, y)
                painter.drawLine(x, y, x, y + dy * arm)

    def _draw_caption(self, painter: QPainter) -> None:
        height = max(44.0, self.height() * BAND_SHARE)
        band = QRectF(0, self.height() - height, self.width(), height)
        painter.fillRect(band, QColor(11, 37, 69, 210))
        font = QFont(style.FONT_FAMILY)
        size = max(19, int(height * 0.4))
        font.setPixelSize(size)
        while size > 12 and QFontMetrics(font).horizontalAdvance(self.caption) > band.width() - 24:
            size -= 1  # a long caption (German) in a narrow preview: smaller rather than cut off
            font.setPixelSize(size)
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(band.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignCenter, self.caption)
