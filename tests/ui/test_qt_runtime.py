"""The Qt runtime the kiosk ships with must let it run through a whole event day.

PySide6 6.12.0 on Python 3.11 (this project allows both: PySide6-Essentials>=6.6,<7 and
requires-python>=3.11) returns the result of SignalInstance.emit() without taking a reference
to it: every emit() made from Python leaves True with one reference less. Python 3.11 still
counts references to True, so after a few thousand emits it frees True and aborts with
"Fatal Python error: bool_dealloc". PySide6 6.11.3 does not do this, and on Python 3.12+
True is immortal. The kiosk emits from Python for every background task (Tasks.run), every scan,
every tap on most buttons and every 10 s for the board refresh.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Probe(QObject):
    fired = Signal(str)


def test_emitting_a_signal_keeps_every_reference_to_true():
    probe = Probe()
    probe.fired.connect(lambda _text: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        probe.fired.emit("scan")
    lost = before - sys.getrefcount(True)
    assert lost <= 0, (f"200 Signal.emit() calls lost {lost} references to True: this PySide6 "
                       "({}) / Python ({}) pair aborts the kiosk after a few thousand emits".format(
                           __import__("PySide6").__version__, sys.version.split()[0]))


def test_background_tasks_can_run_all_day(kiosk):
    """Every lookup, check-in, print and board refresh goes through Tasks.run(), which emits once per task:
    thousands a day (the board refresh alone runs 8,640 times). None may cost a reference to True."""
    done = []
    before = sys.getrefcount(True)
    for number in range(500):
        kiosk.kiosk.background.run(lambda n=number: n, on_success=done.append)
    kiosk.settle()
    assert done == list(range(500))
    lost = before - sys.getrefcount(True)
    assert lost < 50, (f"500 background tasks lost {lost} references to True "
                       "(the process aborts when none are left)")
