"""The badge as a picture for the preview: the very PDF the printer gets, rendered by poppler's
pdftoppm. Runs on a worker (a render takes ~0.1-0.3 s); without pdftoppm there is no picture and
the preview shows the name lines alone."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtGui import QImage

from kiosk.printing.jobs import DEFAULT_LAYOUT

PREVIEW_DPI = 110
RENDER_TIMEOUT_SECONDS = 10


def badge_image(print_queue, guest_id: str) -> QImage | None:
    """The first page of the guest's badge PDF as an image, or None if it cannot be drawn here."""
    pdftoppm = shutil.which("pdftoppm")
    guest = print_queue.store.guest(guest_id)
    if pdftoppm is None or guest is None:
        return None
    from kiosk.badges import render_badges  # ReportLab: loaded on first use

    pdf = render_badges(print_queue.store.event(), [guest], DEFAULT_LAYOUT, print_queue.lang)
    done = subprocess.run([pdftoppm, "-png", "-singlefile", "-r", str(PREVIEW_DPI), "-"], input=pdf,
                          capture_output=True, timeout=RENDER_TIMEOUT_SECONDS, check=False)
    image = QImage.fromData(done.stdout, "PNG") if done.returncode == 0 else QImage()
    return None if image.isNull() else image
