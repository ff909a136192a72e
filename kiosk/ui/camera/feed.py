"""A real camera (QCamera in a QMediaCaptureSession) delivering into the scanner's sink."""

from __future__ import annotations

from typing import Callable

from PySide6.QtMultimedia import QCamera, QCameraDevice, QCameraFormat, QMediaCaptureSession, QMediaDevices, \
    QVideoFrameFormat, QVideoSink

WANTED_SIZE = (1280, 720)  # QR modules of a badge held at arm's length stay 3 px or wider


def device_id(device: QCameraDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


def find_device(wanted: str) -> QCameraDevice | None:
    return next((device for device in QMediaDevices.videoInputs() if device_id(device) == wanted), None)


def best_format(device: QCameraDevice) -> QCameraFormat | None:
    """720p or the nearest to it, at 24 frames a second or more where the camera offers it, and raw
    YUV before MJPEG (whose frames need decoding before the luminance can be read)."""
    def cost(option: QCameraFormat) -> tuple:
        size = option.resolution()
        return (abs(size.width() * size.height() - WANTED_SIZE[0] * WANTED_SIZE[1]),
                option.maxFrameRate() < 24, option.pixelFormat() == QVideoFrameFormat.PixelFormat.Format_Jpeg)
    return min(device.videoFormats(), key=cost, default=None)


class CameraFeed:
    def __init__(self, device: QCameraDevice, sink: QVideoSink, on_error: Callable[[str], None]) -> None:
        self.camera = QCamera(device)
        chosen = best_format(device)
        if chosen is not None:
            self.camera.setCameraFormat(chosen)
        self.camera.errorOccurred.connect(lambda _error, text: on_error(text))
        self.session = QMediaCaptureSession()
        self.session.setCamera(self.camera)
        self.session.setVideoSink(sink)

    def start(self) -> None:
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()
        self.session.setVideoSink(None)


def camera_opener(on_error: Callable[[str], None]) -> Callable[[str, QVideoSink], CameraFeed | None]:
    """open(device id, sink): a feed from the connected camera with that id, or None."""
    def open_feed(wanted: str, sink: QVideoSink) -> CameraFeed | None:
        device = find_device(wanted)
        return None if device is None else CameraFeed(device, sink, on_error)
    return open_feed
