"""The router: scans from every source, once each, go to the flow of the current mode; the welcome
screen's buttons open flows; every way back, the end of a flow and the idle timeout lead home."""

from __future__ import annotations

import time
from typing import Callable, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from kiosk.ui.flows.base import Flow, FlowKit
from kiosk.ui.flows.boards import LiveBoards
from kiosk.ui.flows.check_in import CheckInFlow
from kiosk.ui.flows.contact import ContactFlow
from kiosk.ui.flows.staff_login import StaffLoginFlow
from kiosk.ui.flows.walk_in import WalkInFlow
from kiosk.ui.widgets.common import Screen

REPEAT_WINDOW_SECONDS = 2.0


class ScanSource(Protocol):
    """A keyboard-wedge scanner (kiosk.ui.scanner), a camera...: emits each code it reads."""

    scanned: SignalInstance

    def start(self) -> None: ...

    def stop(self) -> None: ...


class RepeatFilter(QObject):
    """One code read again within two seconds is one scan, whichever source read it: a scanner
    fires twice while a guest still holds the code under it, a camera sees it in many frames."""

    scanned = Signal(str)

    def __init__(self, monotonic: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._last: tuple[str, float] = ("", -1e9)

    def offer(self, code: str) -> None:
        now = self._monotonic()
        last_code, last_at = self._last
        self._last = (code, now)
        if code != last_code or now - last_at >= REPEAT_WINDOW_SECONDS:
            self.scanned.emit(code)


class KioskRouter(QObject):
    went_home = Signal()  # after every way home: the next guest starts from the kiosk's defaults

    def __init__(self, kit: FlowKit, repeats: RepeatFilter, *,
                 check_in: CheckInFlow, contact: ContactFlow, walk_in: WalkInFlow,
                 staff_login: StaffLoginFlow, boards: LiveBoards) -> None:
        super().__init__(kit.window)
        self.kit, self.repeats, self.staff_login = kit, repeats, staff_login
        self.sources: list[ScanSource] = []
        self.home_mode = check_in  # a scan on any screen no other flow owns is someone arriving
        self.flows: list[Flow] = [check_in, contact, walk_in, staff_login, boards]
        repeats.scanned.connect(self.route)
        screens, window = kit.screens, kit.window
        screens.welcome.search_requested.connect(lambda: kit.show(screens.search))
        screens.welcome.contact_requested.connect(contact.open)
        screens.welcome.leaderboard_requested.connect(boards.open)
        screens.welcome.walk_in_requested.connect(walk_in.open)
        window.staff_requested.connect(staff_login.open)
        window.header.language_toggled.connect(kit.language.toggle)
        window.idle_timeout.connect(self._idle)
        for way_home in (screens.message.finished, *(screen.back_requested for screen in (
                screens.search, screens.contact, screens.leaderboard, screens.walk_in, screens.pin)),
                *(flow.done for flow in self.flows)):
            way_home.connect(self.go_home)

    def add_flow(self, flow: Flow) -> None:
        """A flow built beside the guest flows (door mode): its screens' scans reach it, its end goes home."""
        self.flows.append(flow)
        flow.done.connect(self.go_home)

    def add_source(self, source: ScanSource) -> None:
        """Every source's reads pass the one repeat filter, then go where the current mode says."""
        self.sources.append(source)
        source.scanned.connect(self.repeats.offer)

    def start(self) -> None:
        for source in self.sources:
            source.start()

    def stop(self) -> None:
        for source in self.sources:
            source.stop()

    def route(self, code: str) -> None:
        self.kit.window.poke()
        self.mode().handle_scan(code)

    def mode(self) -> Flow:
        current = self.kit.window.current_screen
        return next((flow for flow in self.flows if flow.owns(current)), self.home_mode)

    def go_home(self) -> None:
        """Back to the welcome screen, forgetting everything the last guest typed or saw."""
        for flow in self.flows:
            flow.reset()
        self.kit.language.restore_home()  # the next guest is greeted in the kiosk's language again
        self.kit.screens.reset()
        self.kit.show(self.home_screen())
        self.went_home.emit()

    def home_screen(self) -> Screen:
        """The welcome screen, or the screen of a flow that holds the kiosk (door mode)."""
        held = (flow.home_screen() for flow in self.flows)
        return next((screen for screen in held if screen is not None), self.kit.screens.welcome)

    def _idle(self) -> None:
        if self.staff_login.staff_open:
            self.staff_login.close()
        else:
            self.go_home()
