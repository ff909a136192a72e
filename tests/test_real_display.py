"""The touch kiosk on a real X server (Xvfb), as on a kiosk PC, not only offscreen: it opens its window
and stays up; without a display, or with Qt's xcb libraries missing, it says so in one line naming the
packages, instead of Qt's plugin error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.display_check import missing_packages, qt_xcb_binaries

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def x_server():
    """A real X server on a free display number; CI installs Xvfb (.ci/run)."""
    if shutil.which("Xvfb") is None:
        pytest.fail("these tests need a real X server: apt-get install xvfb x11-utils", pytrace=False)
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    display = f":{number}"
    deadline = time.monotonic() + 20
    while subprocess.run(["xwininfo", "-root", "-display", display], capture_output=True).returncode != 0:
        assert time.monotonic() < deadline and server.poll() is None, "Xvfb did not start"
        time.sleep(0.1)
    yield display
    server.terminate()
    server.wait(10)


def windows(display: str) -> str:
    return subprocess.run(["xwininfo", "-root", "-tree", "-display", display], capture_output=True,
                          text=True).stdout


def start_kiosk(tmp_path: Path, **env: str) -> subprocess.Popen:
    environ = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    environ.update(KIOSK_HOME=str(tmp_path / "home"), **env)
    return subprocess.Popen([sys.executable, "main.py", "--db", str(tmp_path / "kiosk.sqlite3"), "--lang", "en"],
                            cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_kiosk_opens_its_window_on_a_real_x_server_and_stays_up(x_server, tmp_path):
    kiosk = start_kiosk(tmp_path, DISPLAY=x_server)
    try:
        deadline = time.monotonic() + 60
        while '"Fruchthalle Kiosk": ("launch.py"' not in windows(x_server):
            assert kiosk.poll() is None, kiosk.communicate()[1]
            assert time.monotonic() < deadline, "no kiosk window appeared"
            time.sleep(0.2)
        window = next(line for line in windows(x_server).splitlines() if '("launch.py"' in line)
        assert "1920x1080" in window  # fills the screen
        time.sleep(2)
        assert kiosk.poll() is None  # still running: the demo event was made, the welcome screen is up
    finally:
        kiosk.terminate()
        _, err = kiosk.communicate(timeout=20)
    assert "Traceback" not in err and "could not load the Qt platform plugin" not in err.lower()


def test_without_a_display_it_says_so_in_one_line(tmp_path):
    kiosk = start_kiosk(tmp_path)
    out, err = kiosk.communicate(timeout=60)
    assert kiosk.returncode == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("kiosk: error: there is no display")


def test_a_library_the_xcb_plugin_lacks_is_named(tmp_path):
    """A copy of the real plugin that asks for one library more than the machine has (its name patched
    in place, as a missing package would leave it): ldd finds it missing and the check names it."""
    plugin = qt_xcb_binaries()[0]
    patched = tmp_path / plugin.name
    data = plugin.read_bytes()
    wanted = b"libxcb-icccm.so.4\0"
    assert wanted in data
    patched.write_bytes(data.replace(wanted, b"libxcb-kiosk.so.9\0", 1))
    assert "libxcb-kiosk.so.9" in missing_packages([patched])
    assert "libxcb-kiosk.so.9" not in missing_packages([plugin])
