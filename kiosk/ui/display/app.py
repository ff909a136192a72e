"""`python main.py --display [--screen N]`: the big screen for a projector or a second monitor.

Its own window, full screen on the chosen screen, no cursor, nothing to touch. Once a second it
asks its read worker whether the database changed (PRAGMA data_version: a check-in at the kiosk
beside it, a pull from the hub) and re-reads only then; the clock and a round's countdown move on
the UI thread. With a hub (--hub, $KIOSK_HUB) it syncs on the kiosk's schedule, so the board shows
every kiosk's contacts; on the same PC as a kiosk it needs none, it reads the kiosk's own file.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from kiosk.core.model import utc_now
from kiosk.services.desk import FrontDesk
from kiosk.storage import Store
from kiosk.ui.tasks import Tasks

from .reader import BoardData, DisplayReader
from .screen import BigScreen
from .sources import DisplaySources, default_sources

log = logging.getLogger(__name__)

POLL_MS = 1000


class DisplayApp(QObject):
    """The big screen wired once: its Store, a read worker, the reader, the one-second timer, the hub."""

    def __init__(self, options, store: Store, executor=None, clock: Callable[[], datetime] = utc_now,
                 monotonic: Callable[[], float] = time.monotonic,
                 sources: Callable[[FrontDesk], DisplaySources] = default_sources, syncer=None) -> None:
        super().__init__()
        from kiosk.ui.style import load_fonts

        load_fonts()
        self.store = store
        self.desk = FrontDesk(store, clock=clock)
        # One worker thread: PRAGMA data_version belongs to that thread's connection.
        self.tasks = Tasks(executor or ThreadPoolExecutor(1, thread_name_prefix="display-read"))
        self.reader = DisplayReader(self.desk, sources(self.desk), options.lang, monotonic)
        self.screen = BigScreen(options.lang)
        self.screen.setWindowTitle("Fruchthalle Display")
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.tick)
        self.syncer = syncer
        if syncer is None and getattr(options, "hub", ""):
            from kiosk.sync.background import HubSyncer

            self.syncer = HubSyncer(store, options.hub)  # its own thread; its commits move data_version
        self.failures = 0
        self._reading = False

    def now(self) -> datetime:
        return self.desk.event.local_time(self.desk.clock())

    def tick(self) -> None:
        self.screen.tick(self.now())
        if not self._reading:  # a slow read is never queued twice
            self._reading = True
            self.tasks.run(self.reader.poll, on_success=self._read, on_failure=self._failed)

    def _read(self, data: BoardData | None) -> None:
        self._reading = False
        if data is not None:
            self.screen.show_data(data, self.now())

    def _failed(self, error: BaseException) -> None:
        self._reading = False
        self.failures += 1  # Tasks logged it; the screen keeps what it showed and tries again next second

    def start(self) -> None:
        self.tick()
        self.timer.start()
        if self.syncer is not None:
            self.syncer.start()

    def shutdown(self) -> None:
        self.timer.stop()
        if self.syncer is not None:
            self.syncer.stop()
        self.tasks.shutdown()
        self.store.close()


def show_on_screen(window, number: int | None) -> None:
    """Full screen on screen `number` (1 = the first in Qt's list); by default the last one, as a
    projector is usually plugged in after the kiosk's own screen."""
    screens = QGuiApplication.screens()
    chosen = screens[-1] if number is None else screens[number - 1]
    log.info("big screen on %s (%dx%d), screens: %s", chosen.name(), chosen.geometry().width(),
             chosen.geometry().height(), ", ".join(f"{i}={s.name()}" for i, s in enumerate(screens, start=1)))
    window.setCursor(Qt.CursorShape.BlankCursor)
    window.setScreen(chosen)
    window.setGeometry(chosen.geometry())
    window.showFullScreen()


def screen_count_problem(number: int | None) -> str:
    count = len(QGuiApplication.screens())
    if number is not None and not 1 <= number <= count:
        screens = "screen" if count == 1 else "screens"
        return f"--screen {number}: this computer has {count} {screens} (1 to {count})"
    return ""


def run_display(options) -> int:
    """The big screen until it is closed (Ctrl+Q), or a PNG of it with --screenshot."""
    import os
    import sys

    if options.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    else:
        from kiosk.display_check import display_problem

        problem = display_problem(os.environ)
        if problem:
            print(f"kiosk: error: {problem}", file=sys.stderr)
            return 1
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("Fruchthalle Display")
    from kiosk.ui.launch import open_store

    display = DisplayApp(options, open_store(options))
    try:
        if options.screenshot:
            return save_screenshot(display, app, options)
        problem = screen_count_problem(options.monitor)
        if problem:
            print(f"kiosk: error: {problem}", file=sys.stderr)
            return 2
        display.start()
        show_on_screen(display.screen, options.monitor)
        QShortcut(QKeySequence("Ctrl+Q"), display.screen, app.quit)
        if options.quit_after:
            QTimer.singleShot(int(options.quit_after * 1000), app.quit)
        return app.exec()
    finally:
        display.shutdown()


def save_screenshot(display: DisplayApp, app: QApplication, options) -> int:
    display.screen.resize(*options.size)
    display.screen.show()
    display.tick()
    deadline = time.monotonic() + 10
    while display.tasks.pending and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # each level of the layout settles in a pass of its own
        app.processEvents()
    options.screenshot.parent.mkdir(parents=True, exist_ok=True)
    ok = display.screen.grab().save(str(options.screenshot))
    print(f"{options.screenshot}: display {options.size[0]}x{options.size[1]} {options.lang}")
    return 0 if ok else 1
