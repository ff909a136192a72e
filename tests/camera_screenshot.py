"""The README's picture of the welcome screen with a camera: a synthetic frame of a demo guest's badge
(tests/camera_frames.py) goes into the scanner's sink as a camera's would.

    .venv/bin/python tests/camera_screenshot.py assets/screenshots/camera-preview-landscape.png
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_HOME", tempfile.mkdtemp(prefix="kiosk-camera-shot-"))

CAMERA = "demo-camera"


class StillCamera:
    """Shows one frame, once started."""

    def __init__(self, sink, frame) -> None:
        self.sink, self.frame = sink, frame

    def start(self) -> None:
        self.sink.setVideoFrame(self.frame)

    def stop(self) -> None:
        pass


def main(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    import kiosk.ui.camera.feed as feed
    from camera_frames import badge_card, shoot, video_frame
    from kiosk.app import parse_ui_args
    from kiosk.ui.camera.settings import keep_camera
    from kiosk.ui.launch import Kiosk
    from kiosk.ui.screenshot import _demo_store, _settle

    app = QApplication.instance() or QApplication([])
    database = Path(os.environ["KIOSK_HOME"]) / "demo.sqlite3"
    options = parse_ui_args(["--db", str(database), "--size", "1920x1080"])
    store = _demo_store(options)
    keep_camera(store, CAMERA)
    guest = next(g for g in store.guests() if g.first_name and g.title)
    shot = shoot(badge_card(store.event(), guest, "a6"), "tilt", random.Random(5))
    feed.camera_opener = lambda on_error: lambda device, sink: StillCamera(sink, video_frame(shot.image))
    kiosk = Kiosk(options, store)
    kiosk.camera.scanned.disconnect(kiosk.scans.offer)  # the picture shows the preview, not the check-in
    kiosk.start(options.size)
    _settle(app, kiosk)
    deadline = time.monotonic() + 1.0  # the decode, then the guide's green flash, are over
    while time.monotonic() < deadline or kiosk.camera.decoder.pending:
        app.processEvents()
        time.sleep(0.01)
    out.parent.mkdir(parents=True, exist_ok=True)
    kiosk.window.grab().save(str(out))
    kiosk.shutdown()
    print(out)


if __name__ == "__main__":
    default = ROOT / "assets" / "screenshots" / "camera-preview-landscape.png"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
