"""Scanning with a camera: QtMultimedia frames -> luminance in place -> zxing on a worker.

decoding.py   brightness samples -> QR codes (no Qt: the benchmark times it alone too)
luminance.py  a mapped QVideoFrame -> those samples, without converting YUV
source.py     CameraScanner, the scan source: one decode in flight, frames dropped meanwhile
feed.py       the real camera into the scanner's sink; preview.py: the live picture with a guide
choice.py     staff settings' card that chooses the camera (or none)

QtMultimedia is imported only here below and only when the kiosk is built: where it does not load
(libpulse0 missing), the kiosk runs with its hand scanner and says why once in the log.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)


def attach_camera(kiosk, executor, monotonic):
    """A CameraScanner for the kiosk's router, with previews on the welcome and contact screens,
    using the camera staff chose; None where QtMultimedia does not load."""
    try:
        from kiosk.ui.camera.feed import camera_opener
        from kiosk.ui.camera.preview import CameraPreview
        from kiosk.ui.camera.source import CameraScanner
    except ImportError as error:
        log.warning("no camera scanning: QtMultimedia does not load (%s); install libpulse0 and libxrandr2",
                    error)
        return None
    from PySide6.QtCore import Qt

    from kiosk.ui.camera.settings import chosen_camera
    from kiosk.ui.tasks import Tasks

    decoder = Tasks(executor or ThreadPoolExecutor(1, thread_name_prefix="kiosk-camera"))
    scanner = CameraScanner(decoder, camera_opener(lambda text: scanner.failed(text)), monotonic,
                            parent=kiosk.window)
    kiosk.router.add_source(scanner)
    welcome, contact = kiosk.screens.welcome, kiosk.screens.contact
    previews = [CameraPreview(scanner, stands_in_for=welcome.scan_picture), CameraPreview(scanner)]
    welcome.camera_slot.insertWidget(0, previews[0], 2)
    contact.camera_slot.addWidget(previews[1], 0, Qt.AlignmentFlag.AlignHCenter)
    kiosk.events.language_did_change.connect(lambda: [p.retranslate(kiosk.language.tr) for p in previews])
    kiosk.background.run(chosen_camera, kiosk.store, on_success=scanner.use)
    return scanner
