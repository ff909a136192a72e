"""Before Qt starts on X11: say in one line which Debian packages its xcb plugin lacks.

Qt's own message ("Could not load the Qt platform plugin xcb ... xcb-cursor0 or libxcb-cursor0
is needed") names a plugin and a library at best, followed by an abort; a fresh desktop install of
Debian or Ubuntu lacks several of these. No Qt import here: this runs before Qt could fail.
"""

from __future__ import annotations

import ctypes
import importlib.util
import re
import subprocess
from pathlib import Path
from typing import Iterable, Mapping

# The libraries PySide6's xcb plugin links against or loads, and the Debian/Ubuntu package of each.
SONAME_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-shm.so.0": "libxcb-shm0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-render.so.0": "libxcb-render0", "libxcb.so.1": "libxcb1",
    "libxcb-glx.so.0": "libxcb-glx0", "libxcb-xinput.so.0": "libxcb-xinput0", "libxcb-dpms.so.0": "libxcb-dpms0",
    "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0", "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
}
DLOPENED = ("libxcb-cursor.so.0",)  # loaded at run time (Qt 6.5 and later), so ldd does not list it
_NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.M)


def qt_xcb_binaries() -> list[Path]:
    spec = importlib.util.find_spec("PySide6")
    qt = Path(spec.origin).parent / "Qt"
    return [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so.*"))[:1]]


def missing_libraries(binaries: Iterable[Path]) -> list[str]:
    """Sonames that the dynamic loader cannot find for these binaries (as ldd reports them)."""
    missing: list[str] = []
    for binary in binaries:
        report = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=False).stdout
        missing += [name for name in _NOT_FOUND.findall(report) if name not in missing]
    for name in DLOPENED:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def missing_packages(binaries: Iterable[Path] | None = None) -> list[str]:
    libraries = missing_libraries(qt_xcb_binaries() if binaries is None else binaries)
    return sorted({SONAME_PACKAGES.get(name, name) for name in libraries})


def display_problem(environ: Mapping[str, str]) -> str | None:
    """Why the touch screen cannot open on this desktop, in one line; None when it can (or not on X11)."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not platform and environ.get("WAYLAND_DISPLAY"):
        return None
    if not environ.get("DISPLAY"):
        return ("there is no display to show the kiosk on (DISPLAY is not set): start it in a desktop session, "
                "or render screens with --screenshot")
    packages = missing_packages()
    if packages:
        names = " ".join(packages)
        return f"the touch screen needs these packages: {names} (Debian/Ubuntu: sudo apt-get install {names})"
    return None
