"""Pictures of the accessibility modes for the README (each in a fresh process, as screenshot.py):

    python -m kiosk.ui.accessibility.shots assets/screenshots
    python -m kiosk.ui.accessibility.shots OUT.png SCREEN WIDTHxHEIGHT large_text,high_contrast,low_reach
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# name, screen, size, modes
README_SHOTS = (
    ("large-text-welcome-landscape", "welcome", "1920x1080", "large_text"),
    ("large-text-search-landscape", "search", "1920x1080", "large_text"),
    ("large-text-welcome-portrait", "welcome", "1080x1920", "large_text"),
    ("high-contrast-welcome-landscape", "welcome", "1920x1080", "high_contrast"),
    ("high-contrast-search-portrait", "search", "1080x1920", "high_contrast"),
    ("low-reach-portrait", "welcome", "1080x1920", "low_reach"),
)


def shoot(out: Path, screen: str, size: str, modes: str) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    from kiosk.app import parse_ui_args
    from kiosk.ui.accessibility.modes import AccessMode
    from kiosk.ui.launch import Kiosk
    from kiosk.ui.screenshot import _demo_store, _settle, _stage

    app = QApplication.instance() or QApplication([])
    options = parse_ui_args(["--size", size, "--db", str(Path(os.environ.get("KIOSK_SHOT_DB", "/nonexistent")))])
    kiosk = Kiosk(options, _demo_store(options))
    kiosk.start(options.size)
    mode = replace(AccessMode(), **{name: True for name in modes.split(",") if name})
    kiosk.access.modes.apply(mode)
    _settle(app, kiosk)
    _stage(kiosk, screen, app)
    _settle(app, kiosk)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = kiosk.window.grab().save(str(out))
    kiosk.shutdown()
    print(f"{out}: {screen} {size} {modes}")
    return 0 if ok else 1


def render_all(folder: Path) -> None:
    for name, screen, size, modes in README_SHOTS:
        subprocess.run([sys.executable, "-m", "kiosk.ui.accessibility.shots", str(folder / f"{name}.png"), screen, size, modes],
                       check=True)


if __name__ == "__main__":
    if len(sys.argv) == 5:
        sys.exit(shoot(Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]))
    render_all(Path(sys.argv[1] if len(sys.argv) > 1 else "assets/screenshots"))
