"""The Qt runtime the kiosk ships with must let it run through a whole event day.

PySide6 6.12.0 on Python 3.11 (the project allows both: PySide6-Essentials>=6.6,<7 and
requires-python>=3.11) hands back the None of every void method (QLabel.setText, setVisible,
QTimer.start, QProgressBar.setValue ...) and the True that SignalInstance.emit() returns without
taking a reference to them. Python 3.11 still counts references to None and True, so each such call
leaves one reference less; when none are left the interpreter aborts with "Fatal Python error:
none_dealloc" (or bool_dealloc). The running kiosk starts with about 20,000 references to None and
1,650 to True, and a message counting down on the screen alone costs about 40 None references a
second. PySide6 6.11.3 does not have this bug, and from Python 3.12 on None and True are immortal.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from ui_support import FIRST_DAY, first_visitors

RUNTIME = "PySide6 {} on Python {}".format(__import__("PySide6").__version__, sys.version.split()[0])


class Probe(QObject):
    fired = Signal(str)


def test_void_qt_calls_keep_every_reference_to_none(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for number in range(200):
        label.setText(str(number))
    lost = before - sys.getrefcount(None)
    assert lost <= 0, f"200 QLabel.setText() calls lost {lost} references to None ({RUNTIME})"


def test_emitting_a_signal_keeps_every_reference_to_true(qapp):
    probe = Probe()
    probe.fired.connect(lambda _text: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        probe.fired.emit("scan")
    lost = before - sys.getrefcount(True)
    assert lost <= 0, f"200 Signal.emit() calls lost {lost} references to True ({RUNTIME})"


def test_a_welcome_message_can_count_down_all_day(kiosk, qtbot):
    """The message screen's countdown ticks ten times a second while a guest reads it."""
    kiosk.screens.message.show_message("success", "Willkommen, Anna!", "Anna Schmidt", seconds=60)
    kiosk.window.show_screen("message")
    qtbot.wait(200)
    before = sys.getrefcount(None)
    qtbot.wait(3000)
    lost = before - sys.getrefcount(None)
    assert lost < 10, f"3 s of countdown lost {lost} references to None ({RUNTIME})"


def test_check_ins_can_go_on_all_day(kiosk):
    """About 20,000 references to None are all a kiosk has: each check-in must cost none of them."""
    guests = first_visitors(kiosk.store, FIRST_DAY)[:4]

    def check_in(guest):
        kiosk.scan(guest.ticket_code)
        kiosk.tap("consentYes")
        kiosk.print_previewed_badge()
        kiosk.tap("messageDone")

    check_in(guests[0])  # caches and first-time allocations settle
    gc.collect()  # earlier tests' garbage, freed mid-run, would count as lost references
    before = sys.getrefcount(None)
    for guest in guests[1:]:
        check_in(guest)
    lost = before - sys.getrefcount(None)
    assert len(kiosk.store.check_ins()) == 4
    assert lost < 50, (f"3 check-ins lost {lost} references to None ({RUNTIME}); the kiosk aborts with "
                       "'Fatal Python error: none_dealloc' after about {} check-ins".format(
                           20_000 * 3 // max(lost, 1)))


def test_background_tasks_can_run_all_day(kiosk):
    """Every lookup, check-in, print and board refresh goes through Tasks.run(), which emits once per
    task: thousands a day (the board refresh alone runs 8,640 times). None may cost a reference to True.

    Measured as the difference between a short and a long run: objects that happen to hold True
    (guests, settings) come and go in between, and only a leak grows with the number of tasks."""
    def lost_over(count: int) -> int:
        done = []
        gc.collect()
        before = sys.getrefcount(True)
        for number in range(count):
            kiosk.kiosk.background.run(lambda n=number: n, on_success=done.append)
        kiosk.settle()
        assert done == list(range(count))
        del done
        gc.collect()
        return before - sys.getrefcount(True)

    lost_over(50)  # warm up caches
    growth = lost_over(1000) - lost_over(100)
    assert growth < 50, (f"900 more background tasks lost {growth} more references to True ({RUNTIME}); "
                         "the process aborts when none are left")