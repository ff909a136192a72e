"""Build the running kiosk: database, services, tasks, printer, window, controller."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtWidgets import QApplication

from kiosk.services.desk import FrontDesk
from kiosk.storage import Store

log = logging.getLogger(__name__)


def open_store(options) -> Store:
    fresh = not options.db.exists()
    store = Store.open(options.db)
    if fresh or not store.has_event():
        from kiosk.demo import create_demo

        create_demo(store)
        log.info("no event in the database yet: created the demo event")
    return store


class Kiosk:
    """Everything a running kiosk is made of, wired once."""

    def __init__(self, options, store: Store, executor=None, clock=None, monotonic=None) -> None:
        from kiosk.printing.jobs import PrintQueue
        from kiosk.services.staff import StaffDesk
        from kiosk.ui.controller import KioskController
        from kiosk.ui.feedback import Feedback
        from kiosk.ui.style import apply_style
        from kiosk.ui.tasks import Tasks
        from kiosk.ui.window import KioskWindow

        apply_style(QApplication.instance())
        self.store = store
        extra = {k: v for k, v in (("clock", clock),) if v is not None}
        self.desk = FrontDesk(store, **extra)
        self.tasks = Tasks(executor)
        self.background = Tasks(executor or ThreadPoolExecutor(1, thread_name_prefix="kiosk-read"))
        self.printing = Tasks(executor or ThreadPoolExecutor(1, thread_name_prefix="kiosk-print"))
        self.print_queue = PrintQueue(store, default_printer=options.printer, lang=options.lang)
        self.print_queue.recover_interrupted()
        self.window = KioskWindow(kiosk_mode=options.kiosk_mode)
        self.syncer = None
        if getattr(options, "hub", ""):
            from kiosk.sync.background import HubSyncer

            self.syncer = HubSyncer(store, options.hub)  # its own thread; never blocks the screen
        self.staff_desk = StaffDesk(store, self.desk, self.print_queue, syncer=self.syncer)
        more = {k: v for k, v in (("clock", clock), ("monotonic", monotonic)) if v is not None}
        self.controller = KioskController(self.window, self.desk, self.tasks, self.background, self.printing,
                                          self.print_queue, self._staff_screen, Feedback(muted=executor is not None),
                                          options.lang, **more)

    def _staff_screen(self):
        from kiosk.ui.screens.staff import StaffScreen

        return StaffScreen(self.staff_desk, self.tasks, printing=self.printing)

    def start(self, size: tuple[int, int] | None = None) -> None:
        self.controller.start()
        if self.syncer is not None:
            self.syncer.start()
        if self.window.kiosk_mode:
            screen = QApplication.primaryScreen().geometry()
            self.window.fit_orientation(screen.width(), screen.height())
            self.window.showFullScreen()
        else:
            if size:
                # Arrange the screens first: a landscape layout is too wide to shrink to portrait.
                self.window.fit_orientation(*size)
                self.window.resize(*size)
            self.window.show()

    def shutdown(self) -> None:
        if self.syncer is not None:
            self.syncer.stop()
        for tasks in (self.tasks, self.background, self.printing):
            tasks.shutdown()
        self.store.close()


def run_kiosk(options) -> int:
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("Fruchthalle Kiosk")
    kiosk = Kiosk(options, open_store(options))
    kiosk.start(options.size)
    try:
        return app.exec()
    finally:
        kiosk.shutdown()
