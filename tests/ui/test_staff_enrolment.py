"""Staff mode writes an enrolment file to a USB stick: a fresh passphrase shown once, a file that opens
with it to this event's keys, nothing of it in the audit log, and gone from the screen on leaving."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk.demo import create_demo
from kiosk.i18n import translator
from kiosk.services.desk import FrontDesk
from kiosk.services.staff import StaffDesk
from kiosk.storage import Store
from kiosk.sync.enrolment import open_enrolment
from kiosk.ui.screens.staff import StaffScreen
from kiosk.ui.screens.staff_sync import EnrolCard
from kiosk.ui.style import apply_style
from kiosk.ui.tasks import InlineExecutor, Tasks


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "kiosk.sqlite3")
    create_demo(store)
    yield store
    store.close()


@pytest.fixture
def screen(qtbot, qapp, store):
    apply_style(qapp)
    screen = StaffScreen(StaffDesk(store, FrontDesk(store)), Tasks(InlineExecutor()))
    qtbot.addWidget(screen)
    screen.retranslate(translator("de"))
    screen.resize(1920, 1080)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def tap(qtbot, screen, name: str) -> None:
    button = screen.findChild(QPushButton, name)
    assert button is not None and button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))
    QApplication.processEvents()


def shown(screen, name: str) -> str:
    label = screen.findChild(QLabel, name)
    return label.text() if label.isVisible() else ""


def test_staff_write_an_enrolment_to_the_usb_stick_and_see_the_passphrase_once(qtbot, screen, store, tmp_path,
                                                                               monkeypatch):
    stick = tmp_path / "STICK"
    stick.mkdir()
    monkeypatch.setattr(screen.findChild(EnrolCard), "folders", lambda: [stick])  # CI has no USB port
    tap(qtbot, screen, "staffNav-settings")
    tap(qtbot, screen, "staffEnrolWrite")

    files = list(stick.iterdir())
    assert len(files) == 1 and re.fullmatch(r"kiosk-enrolment-\d{4}-\d\d-\d\d\.json", files[0].name)
    passphrase = shown(screen, "staffEnrolPassphrase")
    assert re.fullmatch(r"([2-9A-X]{4}-){4}[2-9A-X]{4}", passphrase)
    assert shown(screen, "staffEnrolState").startswith(f"Gespeichert unter {files[0]}")
    enrolment = open_enrolment(files[0], passphrase)
    assert enrolment.keys == store.event_keys() and enrolment.event_name == "Netzwerktreffen"
    assert passphrase not in repr(store.audit_log()) and passphrase.encode() not in files[0].read_bytes()
    assert "enrolment_exported" in [action for _, action, _, _ in store.audit_log()]

    tap(qtbot, screen, "staffEnrolWrite")  # a second stick-full: an own name, a new passphrase
    assert len(list(stick.iterdir())) == 2 and shown(screen, "staffEnrolPassphrase") != passphrase

    screen.reset()  # leaving staff mode
    assert shown(screen, "staffEnrolPassphrase") == "" and shown(screen, "staffEnrolState") == ""


def test_without_a_stick_staff_are_told_to_insert_one(qtbot, screen, monkeypatch):
    monkeypatch.setattr(screen.findChild(EnrolCard), "folders", lambda: [])
    tap(qtbot, screen, "staffNav-settings")
    tap(qtbot, screen, "staffEnrolWrite")
    assert shown(screen, "staffEnrolState") == "Kein USB-Stick gefunden. Bitte einen einstecken und noch einmal versuchen."
    assert shown(screen, "staffEnrolPassphrase") == ""


def test_a_mounted_stick_is_found_below_the_mount_roots(tmp_path):
    from kiosk.services.enrolment import removable_folders

    stick = tmp_path / "media" / "staff" / "STICK"
    stick.mkdir(parents=True)
    (tmp_path / "media" / "staff" / "not-mounted").mkdir()
    assert removable_folders((tmp_path / "media",)) == []
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(stick)], check=True)
    try:
        assert removable_folders((tmp_path / "media", tmp_path / "elsewhere")) == [stick]
    finally:
        subprocess.run(["umount", str(stick)], check=True)
