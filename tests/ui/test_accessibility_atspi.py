"""A screen reader's view: the real kiosk on a real X server (Xvfb) with the AT-SPI accessibility bus
(at-spi2-core) as on a Linux desktop with Orca; its tree read over D-Bus (jeepney) as Orca reads it.
Every button, field and check box the guest can see has a name; the welcome screen's controls are
there by the names the screen shows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = next((p for p in ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
                 if Path(p).exists()), None)
ACCESSIBLE = "org.a11y.atspi.Accessible"
SHOWING, VISIBLE = 25, 30  # AtspiStateType
CONTROLS = {"push button", "toggle button", "check box", "text", "entry", "password text"}


@pytest.fixture(scope="module")
def desktop(tmp_path_factory):
    """Xvfb, a session bus and the accessibility bus, in a home of their own."""
    missing = [tool for tool, found in (("Xvfb", shutil.which("Xvfb")), ("dbus-daemon", shutil.which("dbus-daemon")),
                                        ("at-spi-bus-launcher", LAUNCHER)) if not found]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: apt-get install xvfb dbus-daemon at-spi2-core", pytrace=False)
    home = tmp_path_factory.mktemp("a11y-home")
    env = {**{k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")},
           "HOME": str(home), "XDG_RUNTIME_DIR": str(home), "NO_AT_BRIDGE": "0"}
    number = next(n for n in range(120, 250) if not Path(f"/tmp/.X{n}-lock").exists())
    started = [subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    started.append(bus)
    env.update(DISPLAY=f":{number}", DBUS_SESSION_BUS_ADDRESS=bus.stdout.readline().strip())
    started.append(subprocess.Popen([LAUNCHER, "--launch-immediately"], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL))
    yield env
    for process in reversed(started):
        process.terminate()
        process.wait(10)


class Tree:
    """The accessibility bus as a client sees it."""

    def __init__(self, session_bus: str) -> None:
        session = open_dbus_connection(session_bus)
        bus = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus")
        self.connection = open_dbus_connection(session.send_and_get_reply(new_method_call(bus, "GetAddress")).body[0])
        session.close()

    def call(self, node, interface: str, method: str, signature=None, body=()):
        address = DBusAddress(node[1], bus_name=node[0], interface=interface)
        return self.connection.send_and_get_reply(new_method_call(address, method, signature, body)).body

    def children(self, node) -> list:
        return [tuple(child) for child in self.call(node, ACCESSIBLE, "GetChildren")[0]]

    def applications(self) -> list:
        return self.children(("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root"))

    def describe(self, node) -> tuple[str, str, bool]:
        role = self.call(node, ACCESSIBLE, "GetRoleName")[0]
        name = self.call(node, "org.freedesktop.DBus.Properties", "Get", "ss", (ACCESSIBLE, "Name"))[0][1]
        states = self.call(node, ACCESSIBLE, "GetState")[0]
        shown = all(states[bit // 32] >> (bit % 32) & 1 for bit in (SHOWING, VISIBLE))
        return role, name, shown

    def walk(self, node) -> list[tuple[str, str, bool]]:
        found = [self.describe(node)]
        for child in self.children(node):
            found += self.walk(child)
        return found


def test_a_screen_reader_finds_every_control_by_name(desktop, tmp_path):
    env = {**desktop, "KIOSK_HOME": str(tmp_path / "home"), "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    kiosk = subprocess.Popen([sys.executable, "main.py", "--db", str(tmp_path / "kiosk.sqlite3"), "--lang", "en"],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        tree = Tree(desktop["DBUS_SESSION_BUS_ADDRESS"])
        deadline, nodes = time.monotonic() + 90, []
        while not any(name == "Search my name" for _, name, _ in nodes):
            assert kiosk.poll() is None, kiosk.stderr.read()
            assert time.monotonic() < deadline, f"the kiosk never showed up on the accessibility bus: {nodes[:20]}"
            time.sleep(1)
            nodes = [n for app in tree.applications() for n in tree.walk(app)]
    finally:
        kiosk.terminate()
        kiosk.wait(20)
    shown = [(role, name) for role, name, visible in nodes if visible]
    buttons = {name for role, name in shown if role == "push button"}
    assert {"Search my name", "Exchange contacts", "Leaderboard", "Deutsch",
            "Display: large text and high contrast"} <= buttons, buttons
    unnamed = [role for role, name in shown if role in CONTROLS and not name.strip()]
    assert not unnamed, f"{len(unnamed)} controls without a name: {unnamed}"
    assert len([1 for role, _ in shown if role in CONTROLS]) >= 6
