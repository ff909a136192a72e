"""What the camera sees, with a frame guide: where the guest holds their code.

Shown on the welcome and contact screens while a camera delivers frames, hidden otherwise (then the
drawing it stands in for shows again). Mirrored like a mirror, as the camera faces the guest: moving
the code to the left moves it left on the screen. Painted at most 15 times a second and only while
visible, so the preview costs the decoder little.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui import style
from kiosk.ui.camera.source import CameraScanner
from kiosk.ui.widgets.common import label

PAINT_INTERVAL = 1 / 15
FLASH_MS = 700  # the guide turns green this long after a read
GUIDE_SHARE = 0.78  # the guide's side, as a share of the picture's shorter side


class VideoView(QWidget):
    """The newest frame, cropped to fill the widget, darkened outside a square guide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPicture")
        self.setMinimumSize(260, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._frame: QVideoFrame | None = None
        self._painted_at = 0.0
        self._flash = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash.timeout.connect(self.update)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(480, 300)

    def show_frame(self, frame: QVideoFrame) -> None:
        self._frame = frame
        if self.isVisible() and time.monotonic() - self._painted_at >= PAINT_INTERVAL:
            self.update()

    def flash(self, codes: list[str]) -> None:
        if codes:
            self._flash.start()
            self.update()

    def guide(self) -> QRectF:
        side = min(self.width(), self.height()) * GUIDE_SHARE
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        self._painted_at = time.monotonic()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QPainterPath()
        outline.addRoundedRect(QRectF(self.rect()), 16, 16)
        painter.setClipPath(outline)
        painter.fillRect(self.rect(), QColor(style.NAVY))
        image = self._frame.toImage() if self._frame is not None and self._frame.isValid() else QImage()
        if not image.isNull():
            filled = image.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                  Qt.TransformationMode.SmoothTransformation)
            painter.save()
            painter.translate(self.width(), 0)
            painter.scale(-1, 1)  # a mirror
            painter.drawImage(int((self.width() - filled.width()) / 2),
                              int((self.height() - filled.height()) / 2), filled)
            painter.restore()
        guide = self.guide()
        shade = QPainterPath()
        shade.addRect(QRectF(self.rect()))
        shade.addRoundedRect(guide, 12, 12)
        painter.fillPath(shade, QColor(11, 37, 69, 110))  # outside the guide, dimmed
        self._draw_corners(painter, guide)

    def _draw_corners(self, painter: QPainter, guide: QRectF) -> None:
        colour = style.SUCCESS if self._flash.isActive() else "#FFFFFF"
        painter.setPen(QPen(QColor(colour), 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        arm = guide.width() * 0.2
        for x, y, dx, dy in ((guide.left(), guide.top(), 1, 1), (guide.right(), guide.top(), -1, 1),
                             (guide.left(), guide.bottom(), 1, -1), (guide.right(), guide.bottom(), -1, -1)):
            painter.drawLine(x, y, x + dx * arm, y)
            painter.drawLine(x, y, x, y + dy * arm)


class CameraPreview(QWidget):
    """The picture and, under it, what to do. `stands_in_for` (the welcome screen's drawing) hides
    while the preview shows."""

    def __init__(self, scanner: CameraScanner, stands_in_for: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self._stands_in_for = stands_in_for
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.view = VideoView()
        self.caption = label("muted", align=Qt.AlignmentFlag.AlignHCenter)
        self.caption.setObjectName("cameraCaption")
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        scanner.sink.videoFrameChanged.connect(self.view.show_frame)
        scanner.decoded.connect(self.view.flash)
        scanner.live_changed.connect(self.set_live)
        self.set_live(scanner.live)

    def set_live(self, live: bool) -> None:
        self.setVisible(live)
        if self._stands_in_for is not None:
            self._stands_in_for.setVisible(not live)

    def retranslate(self, tr) -> None:
        self.caption.setText(tr("Hold your code inside the frame."))
