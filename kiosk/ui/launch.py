"""Build the running kiosk: database, services, tasks, printer, window, screens, flows and router."""

from __future__ import annotations

import logging
import time
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
    """Everything a running kiosk is made of, wired once: the only place that knows which concrete
    screens, flows, scan sources and services go together."""

    def __init__(self, options, store: Store, executor=None, clock=None, monotonic=None, audio=None) -> None:
        from kiosk.printing.jobs import PrintQueue
        from kiosk.services.staff import StaffDesk
        from kiosk.ui.events import KioskEvents
        from kiosk.ui.audio.kiosk_audio import KioskAudio
        from kiosk.ui.audio.settings import AudioSettings
        from kiosk.ui.feedback import AudioOutputs
        from kiosk.ui.problems import ProblemLog
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
        self.events = KioskEvents(self.window)
        self.problems = ProblemLog(lambda: self.desk.event.local_time(self.desk.clock()))
        self.syncer = None
        if getattr(options, "hub", ""):
            from kiosk.sync.background import HubSyncer

            # its own thread; never blocks the screen
            self.syncer = HubSyncer(store, options.hub, sync=self._sync_and_announce)
        self.staff_desk = StaffDesk(store, self.desk, self.print_queue, syncer=self.syncer)
        if audio is None:  # a kiosk a test drives (with its own executor) records what it would play and say
            audio = AudioOutputs.recording() if executor is not None else AudioOutputs.device(self.window)
        self.audio = KioskAudio(audio, AudioSettings.load(store), self.window, lambda: self.language.lang)
        self.feedback = self.audio.feedback
        self._build_flows(options.lang, monotonic or time.monotonic)
        from kiosk.ui.accessibility import Accessibility

        self.access = Accessibility(self.window, self.screens, self.language, self.events, self.router, self.store)
        from kiosk.ui.camera import attach_camera

        self.camera = attach_camera(self, executor, monotonic or time.monotonic)  # None without QtMultimedia

    def _build_flows(self, lang: str, monotonic) -> None:
        from kiosk.services.staff_login import StaffLogin
        from kiosk.ui.flows.badge import BadgePrinting
        from kiosk.ui.flows.base import FlowKit
        from kiosk.ui.flows.boards import LiveBoards
        from kiosk.ui.flows.check_in import CheckInFlow
        from kiosk.ui.flows.contact import ContactFlow
        from kiosk.ui.flows.messages import GuestMessages
        from kiosk.ui.flows.search_index import GuestIndex
        from kiosk.ui.flows.staff_login import StaffLoginFlow
        from kiosk.ui.flows.walk_in import WalkInFlow
        from kiosk.ui.router import KioskRouter, RepeatFilter
        from kiosk.ui.scanner import ScanDetector
        from kiosk.ui.shell import DayWatch, GuestScreens, Language
        from kiosk.ui.window import ActivityWatcher

        self.index = GuestIndex(self.desk, self.background, self.events, self.problems)
        self.screens = GuestScreens(self.window, self.index.search)
        self.index.show_results_on(self.screens.search)
        self.language = Language(self.window, self.desk, self.events, lang)
        window, screens, language, problems = self.window, self.screens, self.language, self.problems
        messages = GuestMessages(window, screens.message, self.feedback, language, problems)
        kit = FlowKit(window, screens, self.tasks, language, self.feedback, messages, self.events)
        badges = BadgePrinting(window, screens.message, self.printing, self.print_queue, language, problems,
                               self.feedback)
        self.check_in = CheckInFlow(kit, self.desk, badges)
        self.contact = ContactFlow(kit, self.desk, self.desk.clock)
        self.walk_in = WalkInFlow(kit, self.desk, self.check_in)
        self.staff_login = StaffLoginFlow(kit, StaffLogin(self.store, self.desk.clock), self.desk,
                                          self._staff_screen, self.problems)
        self.boards = LiveBoards(kit, self.desk, self.background, self.problems)
        self.scans = RepeatFilter(monotonic, self.window)
        self.keyboard_scanner = ScanDetector(clock=monotonic, parent=self.window)
        self.router = KioskRouter(kit, self.scans, check_in=self.check_in,
                                  contact=self.contact, walk_in=self.walk_in, staff_login=self.staff_login,
                                  boards=self.boards)
        self.router.add_source(self.keyboard_scanner)
        self._build_door(kit)
        self._build_tables(kit)
        self.audio.attach(screens, badges.preview, language, self.events)
        self.day_watch = DayWatch(self.desk, self.events, self.window)
        self.activity = ActivityWatcher(self.window)

    def _build_door(self, kit) -> None:
        from kiosk.services.programme import ProgrammeDesk
        from kiosk.ui.flows.door import DoorFlow
        from kiosk.ui.screens.door import DoorScreen

        self.door = DoorFlow(kit, ProgrammeDesk(self.desk), DoorScreen(), self.problems)
        self.window.add_screen(self.door.screen)
        self.router.add_flow(self.door)

    def _build_tables(self, kit) -> None:
        """'My tables' and the ticks of speed networking (issue 15), with their own name search."""
        from kiosk.ui.flows.tables import TablesFlow
        from kiosk.ui.screens.tables import TablesScreen, TablesSearchScreen
        from kiosk.ui.screens.ticks import TicksScreen

        search = TablesSearchScreen(self.index.search)
        self.tables = TablesFlow(kit, self.desk, self.check_in, self.problems, tables=TablesScreen(),
                                 ticks=TicksScreen(), search=search)
        for screen in (self.tables.tables, self.tables.ticks, search):
            self.window.add_screen(screen)
        self.router.add_flow(self.tables)
        self.tables.refresh()

    def open_door(self, session_id: str) -> None:
        """Staff chose door mode for a session: staff mode closes and the door screen takes over."""
        self.door.start(session_id)
        self.staff_login.close()

    def _sync_and_announce(self, store: Store, dsn: str):
        """The hub sync (on the syncer's thread), then sync_did_finish for the boards and the search."""
        from kiosk.sync.hub import sync_with_hub

        result = sync_with_hub(store, dsn)
        self.events.sync_finished()
        return result

    def _staff_screen(self):
        from kiosk.ui.screens.staff import StaffScreen

        screen = StaffScreen(self.staff_desk, self.tasks, printing=self.printing, problems=self.problems)
        screen.guests.watch(self.events)  # a flagged guest checked in meanwhile shows at once
        screen.programme.door_requested.connect(self.open_door)
        screen.programme.door_ended.connect(self.door.stop)
        self.door.mode_changed.connect(screen.programme.show_door_mode)
        screen.programme.show_door_mode(self.door.session.id if self.door.active else "")
        screen.settings.add_card(self.audio.settings_card(self.store, screen.runner))
        screen.settings.add_card(self.access.staff_card(screen.runner))
        if self.camera is not None:
            screen.settings.camera.chosen.connect(self.camera.use)
        return screen

    def start(self, size: tuple[int, int] | None = None) -> None:
        self.access.start()  # its key filter first: the activity watcher's and the scanner's run before it
        QApplication.instance().installEventFilter(self.activity)
        self.router.start()
        self.language.set(self.language.lang)
        self.walk_in.show_offer()
        self.window.show_screen(self.screens.welcome)
        self.index.reload()
        self.boards.refresh()
        self.day_watch.start()
        if self.syncer is not None:
            self.syncer.start()
        self._show_window(size)

    def _show_window(self, size: tuple[int, int] | None) -> None:
        if self.window.kiosk_mode:
            screen = QApplication.primaryScreen().geometry()
            self.window.fit_orientation(screen.width(), screen.height())
            # Sized before it is mapped: without a window manager the first map would show the
            # window at its minimum size until the full-screen request is served.
            self.window.setGeometry(screen)
            self.window.showFullScreen()
        else:
            if size:
                # Arrange the screens first: a landscape layout is too wide to shrink to portrait.
                self.window.fit_orientation(*size)
                self.window.resize(*size)
            self.window.show()

    def shutdown(self) -> None:
        self.router.stop()
        self.access.shutdown()
        QApplication.instance().removeEventFilter(self.activity)
        if self.syncer is not None:
            self.syncer.stop()
        for tasks in (self.tasks, self.background, self.printing):
            tasks.shutdown()
        self.audio.shutdown()
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
