"""Staff mode behind the PIN: guests, printing, arrivals, settings and the log, dense and keyboard-friendly.

All database and printer work runs through Tasks; the screen shows 'Working…' while any of it is
under way. Nothing here opens a blocking dialog: confirmations are asked inline.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QBoxLayout, QButtonGroup, QFrame, QHBoxLayout, QProgressBar, QStackedWidget,
                               QVBoxLayout, QWidget)

from kiosk.services.staff import StaffDesk
from kiosk.ui.problems import ProblemLog
from kiosk.ui.screens.staff_guests import GuestsPage
from kiosk.ui.screens.staff_log import LogPage
from kiosk.ui.screens.staff_pages import ArrivalsPage, PrintingPage
from kiosk.ui.screens.staff_programme import ProgrammePage
from kiosk.ui.screens.staff_rounds import RoundsPage
from kiosk.ui.screens.staff_parts import (PAGES, STAFF_STYLE, UNTRANSLATED, TaskRunner, key_text, staff_button,
                                          staff_label)
from kiosk.ui.screens.staff_settings import SettingsPage
from kiosk.ui.tasks import Tasks
from kiosk.ui.widgets.common import Screen, set_tone

BUSY_DELAY_MS = 120  # quick answers need no 'working' flash; slower ones show it
NARROW_WIDTH = 1240  # below this the sidebar becomes a tab row and the guest actions stack
NARROW_MINIMUM = 1000  # the widest the stacked arrangement needs (German, keyboard open)
# Seven tabs in one row on a portrait screen (German 'Teilnehmer:innen', 'Einstellungen'): a little tighter.
NARROW_TABS = '#staffSidebar[portrait="true"] QPushButton[role="s-nav"] { padding: 8px 8px; font-size: 19px; }'


class StaffScreen(Screen):
    name = "staff"
    exit_requested = Signal()

    def __init__(self, staff: StaffDesk, tasks: Tasks, parent: QWidget | None = None, *,
                 printing: Tasks | None = None, problems: ProblemLog | None = None) -> None:
        super().__init__(parent)
        self.staff = staff
        self.runner = TaskRunner(tasks, printing, self)
        self._tr = UNTRANSLATED
        self._counts: dict[str, int] = {}
        self._portrait = False
        self._narrow: bool | None = None
        self.setStyleSheet(STAFF_STYLE + NARROW_TABS)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_bar())
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(0)
        outer.addLayout(self.body, 1)
        self.guests = GuestsPage(staff, self.runner)
        self.printing = PrintingPage(staff, self.runner)
        self.arrivals = ArrivalsPage(staff, self.runner)
        self.programme = ProgrammePage(staff, self.runner)
        self.rounds = RoundsPage(staff, self.runner)
        self.settings = SettingsPage(staff, self.runner)
        self.log = LogPage(staff, self.runner, problems)
        self.pages = {"guests": self.guests, "printing": self.printing, "arrivals": self.arrivals,
                      "programme": self.programme, "rounds": self.rounds, "settings": self.settings, "log": self.log}
        self.body.addWidget(self._build_sidebar())
        self.stack = QStackedWidget()
        self.stack.setObjectName("staffPages")
        for page in self.pages.values():
            self.stack.addWidget(page)
            page.data_changed.connect(self._after_change)
        content = QVBoxLayout()
        content.setContentsMargins(28, 24, 28, 24)
        content.addWidget(self.stack)
        self.body.addLayout(content, 1)
        self.arrivals.counts_loaded.connect(self._show_counts)
        self.runner.busy_changed.connect(self._busy_changed)
        self.runner.failed.connect(self._task_failed)
        self._shortcuts()
        self._arrange()
        self.show_page("guests")

    # -- building ------------------------------------------------------------------
    def _build_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("staffBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(28, 14, 28, 14)
        layout.setSpacing(20)
        heading = QHBoxLayout()
        heading.setSpacing(24)
        self.title = staff_label("s-title", "staffTitle", wrap=False)
        heading.addWidget(self.title)
        heading.addWidget(self._build_busy())
        heading.addStretch(1)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addLayout(heading)
        self.summary = staff_label("s-muted", "staffSummary")
        titles.addWidget(self.summary)
        layout.addLayout(titles, 1)
        self.problem = staff_label("s-status", "staffProblem", wrap=False)
        set_tone(self.problem, "error")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.back_button = staff_button("s-back", "staffBack", self.exit_requested.emit)
        layout.addWidget(self.back_button)
        return bar

    def _build_busy(self) -> QWidget:
        """'Working…' and a moving bar beside the title, shown when work takes more than a moment."""
        self.busy = QWidget()
        self.busy.setObjectName("staffBusy")
        busy_layout = QHBoxLayout(self.busy)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        self.busy_label = staff_label("s-busy", "staffBusyLabel", wrap=False)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("staffBusyBar")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar)
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # nothing jumps when it appears
        self.busy.setSizePolicy(policy)
        self.busy.hide()
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(lambda: self.busy.setVisible(self.runner.busy))
        return self.busy

    def _build_sidebar(self) -> QFrame:
        self.sidebar = QFrame()
        self.sidebar.setObjectName("staffSidebar")
        self.sidebar_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.sidebar)
        self.sidebar_layout.setContentsMargins(16, 24, 16, 24)
        self.sidebar_layout.setSpacing(6)
        self.nav_group = QButtonGroup(self)
        self.nav_buttons = {}
        for number, name in enumerate(PAGES, start=1):
            nav = staff_button("s-nav", f"staffNav-{name}", lambda _=False, n=name: self.show_page(n),
                               checkable=True)
            self.nav_group.addButton(nav)
            self.nav_buttons[name] = nav
            self.sidebar_layout.addWidget(nav)
        self.sidebar_layout.addStretch(1)
        self.scan_hint = staff_label("s-muted", "staffScanHint")
        self.scan_hint.setMaximumWidth(240)
        self.sidebar_layout.addWidget(self.scan_hint)
        self.sidebar.setMinimumWidth(220)
        return self.sidebar

    def _shortcuts(self) -> None:
        keys = {"Ctrl+F": self.focus_search, "F5": self.reload, "Escape": self.guests.cancel,
                "Alt+P": self.guests.ask_reprint, "Alt+U": self.guests.ask_undo,
                "Alt+A": self.guests.ask_approve, "Ctrl+Q": self.exit_requested.emit}
        for number, name in enumerate(PAGES, start=1):
            keys[f"Ctrl+{number}"] = lambda n=name: self.show_page(n)
        self.shortcuts = {}
        for sequence, action in keys.items():
            shortcut = QShortcut(QKeySequence(sequence), self, activated=action)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.shortcuts[sequence] = shortcut

    # -- what the window calls ---------------------------------------------------------
    def on_enter(self) -> None:
        """Staff mode opened: read everything afresh in the background."""
        self.show_page("guests")
        self.log.load_problems()
        self.reload()

    def reload(self) -> None:
        self.problem.hide()
        self.runner.run(self.staff.reload, on_success=lambda _: self._load_pages())

    def _load_pages(self) -> None:
        for page in self.pages.values():
            page.load()

    def handle_scan(self, code: str) -> None:
        """A badge or ticket scanned while staff mode is open selects that guest."""
        self.runner.run(self.staff.guest_for_code, code, on_success=self._scanned)

    def _scanned(self, found: tuple[str | None, str | None]) -> None:
        guest_id, refusal = found
        self.show_page("guests")
        if guest_id:
            self.guests.show_scanned(guest_id)
        else:
            self.guests.show_feedback("error", self._tr("No guest has this code ({reason}).", reason=refusal))

    def reset(self) -> None:
        """Leave no guest data, search or selection behind for the next staff visit."""
        for page in self.pages.values():
            page.reset()
        self._counts = {}
        self.summary.clear()
        self.problem.hide()
        self.show_page("guests")
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Staff mode"))
        self.back_button.setText(tr("Back to the kiosk"))
        self.busy_label.setText(tr("Working…"))
        self.scan_hint.setText(tr("Scan a badge to find its guest."))
        names = {"guests": tr("Guests"), "printing": tr("Printing"), "arrivals": tr("Arrivals"),
                 "programme": tr("Programme"), "rounds": tr("Speed dating"), "settings": tr("Settings"),
                 "log": tr("Log")}
        for number, (name, nav) in enumerate(self.nav_buttons.items(), start=1):
            nav.setText(names[name])
            nav.setToolTip(key_text(f"Ctrl+{number}", tr))
        for page in self.pages.values():
            page.retranslate(tr)
        self._show_counts(self._counts)

    def set_portrait(self, portrait: bool) -> None:
        self._portrait = portrait
        self._arrange()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._arrange()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        # Narrower than NARROW_WIDTH the screen stacks itself, so it never holds a window wider.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), NARROW_MINIMUM), hint.height())

    def _arrange(self) -> None:
        """Sidebar beside the pages on a wide screen; tabs on top, actions stacked on a narrow one."""
        # Before its first layout the screen has a widget's default 640 px: the window's width counts
        # then (stacked in a landscape window, staff mode grew it past the screen: 1306 px tall).
        width = self.width() if self.isVisible() else self.window().width()
        narrow = self._portrait or width < NARROW_WIDTH
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                               else QBoxLayout.Direction.LeftToRight)
        self.sidebar_layout.setDirection(QBoxLayout.Direction.LeftToRight if narrow
                                         else QBoxLayout.Direction.TopToBottom)
        self.sidebar_layout.setContentsMargins(*((16, 10, 16, 10) if narrow else (16, 24, 16, 24)))
        self.sidebar.setMinimumWidth(0 if narrow else 220)
        self.sidebar.setProperty("portrait", narrow)
        self.sidebar.style().unpolish(self.sidebar)
        self.sidebar.style().polish(self.sidebar)
        self.scan_hint.setVisible(not narrow)
        for page in self.pages.values():
            page.set_portrait(narrow)

    @property
    def narrow(self) -> bool:
        return bool(self._narrow)

    # -- inside ----------------------------------------------------------------------
    def show_page(self, name: str) -> None:
        self.stack.setCurrentWidget(self.pages[name])
        self.nav_buttons[name].setChecked(True)

    @property
    def current_page(self) -> str:
        return next(name for name, page in self.pages.items() if page is self.stack.currentWidget())

    def focus_search(self) -> None:
        self.show_page("guests")
        self.guests.focus_search()

    def _after_change(self) -> None:
        self.arrivals.load()
        self.printing.load_jobs()
        self.log.load()

    def _show_counts(self, counts: dict[str, int]) -> None:
        self._counts = counts
        if not counts:
            self.summary.clear()
            return
        text = self._tr("{checked_in} of {registered} checked in today", checked_in=counts["checked_in"],
                        registered=counts["registered_today"])
        if counts.get("walk_ins_to_review"):
            text += " · " + self._tr.plural("{count} walk-in to review", "{count} walk-ins to review",
                                            counts["walk_ins_to_review"])
        self.summary.setText(text)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.hide()

    def _task_failed(self, message: str) -> None:
        text = self._tr("Something did not work: {error}", error=message)
        self.problem.setText(self.problem.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, 640))
        self.problem.setToolTip(message)
        self.problem.show()
