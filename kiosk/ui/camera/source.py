"""The camera as a scan source (kiosk.ui.router.ScanSource) beside the keyboard-wedge scanner.

Frames reach a QVideoSink, from the camera or, in tests and benchmarks, from whoever calls
sink.setVideoFrame. One frame at a time is decoded on a worker; frames that arrive meanwhile are
dropped, so the decoder never falls behind the camera and a read is always about the newest frame.
"""

from __future__ import annotations

import logging
import time
from typing import Callable, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame, QVideoSink

from kiosk.ui.camera.decoding import Read, read_codes
from kiosk.ui.camera.luminance import frame_samples, image_samples
from kiosk.ui.router import REPEAT_WINDOW_SECONDS
from kiosk.ui.tasks import Tasks

log = logging.getLogger(__name__)


class Feed(Protocol):
    """Something that delivers frames into the scanner's sink while started (kiosk.ui.camera.feed)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


def decode_frame(frame: QVideoFrame) -> list[Read]:
    """On the decoder's worker: the frame's QR codes, read where the frame lies in memory."""
    if not frame.map(QVideoFrame.MapMode.ReadOnly):  # a frame that lives on the GPU
        return read_codes(image_samples(frame.toImage()))
    try:
        return read_codes(frame_samples(frame))
    finally:
        frame.unmap()


class CameraScanner(QObject):
    scanned = Signal(str)  # a code that came into view
    decoded = Signal(list)  # the codes of every decoded frame, often none: the preview's flash
    live_changed = Signal(bool)  # a camera delivers frames (the previews show) or not

    def __init__(self, decoder: Tasks, open_feed: Callable[[str, QVideoSink], Feed | None],
                 monotonic: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.decoder, self._open_feed, self._monotonic = decoder, open_feed, monotonic
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self.offer)
        self.device = ""
        self.frames_dropped = 0
        self._feed: Feed | None = None
        self._running = False
        self._in_view: dict[str, float] = {}
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._devices_changed)

    @property
    def live(self) -> bool:
        return self._feed is not None

    def use(self, device: str) -> None:
        """Read codes through this camera ('' for none) from now on."""
        self.device = device
        if self._running:
            self._close()
            self._open()

    def start(self) -> None:
        self._running = True
        self._open()

    def stop(self) -> None:
        self._running = False
        self._close()

    def offer(self, frame: QVideoFrame) -> None:
        if not self._running or not frame.isValid():
            return
        if self.decoder.pending:
            self.frames_dropped += 1
            return
        self.decoder.run(decode_frame, frame, on_success=self._decoded)

    def _decoded(self, reads: list[Read]) -> None:
        if not self._running:
            return
        self.decoded.emit([read.text for read in reads])
        for code in self._came_into_view([read.text for read in reads]):
            self.scanned.emit(code)

    def _came_into_view(self, codes: list[str]) -> list[str]:
        """Codes not seen in the last two seconds. A badge on a lanyard can stay in view while its
        wearer's partner holds up theirs: it must not count again each time the two alternate."""
        now = self._monotonic()
        new = [code for code in codes if now - self._in_view.get(code, -1e9) >= REPEAT_WINDOW_SECONDS]
        self._in_view = {code: at for code, at in self._in_view.items() if now - at < REPEAT_WINDOW_SECONDS}
        self._in_view.update(dict.fromkeys(codes, now))
        return new

    def _open(self) -> None:
        if self.device:
            self._feed = self._open_feed(self.device, self.sink)
            if self._feed is None:
                log.warning("the chosen camera is not connected; scanning with the hand scanner only")
            else:
                self._feed.start()
        self.live_changed.emit(self.live)

    def _close(self) -> None:
        if self._feed is not None:
            self._feed.stop()
            self._feed = None
            self.live_changed.emit(False)

    def failed(self, message: str) -> None:
        """The camera stopped delivering (unplugged, taken by another program): no preview, no error."""
        log.warning("camera failed: %s", message)
        self._close()

    def _devices_changed(self) -> None:
        if self._running and self.device:  # plugged in again, or unplugged
            self._close()
            self._open()
