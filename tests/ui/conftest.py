"""A running kiosk for each test: the demo event in a temporary database, a fixed clock at
09:10 on the first event day, background work run inline, badges printed as PDFs.

The root conftest already puts Qt on the offscreen platform and gives every test its own
KIOSK_HOME. Building the demo event (300 guests, a scrypt PIN hash) is done once per test
session; each test gets its own copy of that database file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from ui_support import FIRST_DAY, Driver, FakeMonotonic, FixedClock, berlin

from kiosk.app import parse_ui_args
from kiosk.storage import Store

DEVICE_ID = "0f0e0d0c-0b0a-4909-8807-060504030201"

@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from kiosk.demo import create_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    store = Store.open(path, device_id=DEVICE_ID)
    create_demo(store, first_day=FIRST_DAY)
    store.close()  # the last connection checkpoints the WAL into the file
    return path


@pytest.fixture
def db_path(tmp_path, demo_template) -> Path:
    path = tmp_path / "kiosk.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def printed_dir(tmp_path) -> Path:
    return tmp_path / "printed"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(berlin(FIRST_DAY, 9, 10))


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def make_kiosk(qtbot, qapp, db_path, printed_dir, clock, monotonic):
    """Build and start a kiosk (once per test); extra command-line words such as '--kiosk' or
    '--lang en' go to parse_ui_args. `prepare(store)` may change the database first."""
    from kiosk.ui.launch import Kiosk
    from kiosk.ui.tasks import InlineExecutor

    built = []

    def make(*args: str, size: tuple[int, int] = (1920, 1080), prepare=None) -> Driver:
        assert not built, "one kiosk per test: they share the deferred database"
        options = parse_ui_args(["--db", str(db_path), "--printer", f"pdf:{printed_dir}", *args])
        store = Store.open(db_path, device_id=DEVICE_ID)
        if prepare is not None:
            prepare(store)
        kiosk = Kiosk(options, store, executor=InlineExecutor(), clock=clock, monotonic=monotonic)
        built.append(kiosk)
        kiosk.start(size)
        qtbot.waitExposed(kiosk.window)
        kiosk.window.activateWindow()
        qtbot.waitUntil(kiosk.window.isActiveWindow, timeout=2000)
        driver = Driver(kiosk, qtbot, monotonic, clock)
        driver.settle()
        return driver

    yield make

    for kiosk in built:
        kiosk.shutdown()  # its scanner and activity watcher stop filtering the application's events
        kiosk.window.allow_close = True
        kiosk.window.close()
        kiosk.window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


@pytest.fixture
def kiosk(make_kiosk) -> Driver:
    """The kiosk as it starts at the door: windowed, German, 1920 x 1080."""
    return make_kiosk()
