"""Staff mode's settings: walk-in registration, sync, enrolling another kiosk, the shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.services.staff import StaffDesk
from kiosk.ui.camera.choice import CameraChoice
from kiosk.ui.screens.staff_pages import Page
from kiosk.ui.screens.staff_parts import PAGES, TaskRunner, key_text, staff_button, staff_card, staff_label
from kiosk.ui.screens.staff_sync import EnrolCard, SyncCard
from kiosk.ui.widgets.common import set_tone


def scrolling(*cards: QWidget) -> QScrollArea:
    """Cards in a column that scrolls (by finger on a touch screen) when they outgrow the page."""
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(16)
    for card in cards:
        column.addWidget(card)
    column.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area


class SettingsPage(Page):
    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(staff, runner, parent)
        self._allowed: bool | None = None
        card, layout = staff_card()
        self.walk_in_title = staff_label("s-heading")
        self.walk_in_text = staff_label("s-body")
        choice = QHBoxLayout()
        choice.setSpacing(10)
        self.group = QButtonGroup(self)
        self.on_button = staff_button("s-chip", "staffWalkInsOn", lambda: self.set_walk_ins(True),
                                      checkable=True)
        self.off_button = staff_button("s-chip", "staffWalkInsOff", lambda: self.set_walk_ins(False),
                                       checkable=True)
        for widget in (self.on_button, self.off_button):
            self.group.addButton(widget)
            choice.addWidget(widget)
        choice.addStretch(1)
        self.state = staff_label("s-status", "staffWalkInState")
        self.state.hide()
        for widget in (self.walk_in_title, self.walk_in_text):
            layout.addWidget(widget)
        layout.addLayout(choice)
        layout.addWidget(self.state)
        keys_card, keys = staff_card(spacing=8)
        self.keys_title = staff_label("s-heading")
        self.keys_text = staff_label("s-body")
        self.keys_text.setTextFormat(Qt.TextFormat.RichText)
        keys.addWidget(self.keys_title)
        keys.addWidget(self.keys_text)
        self.sync = SyncCard(staff, runner)
        self.enrol = EnrolCard(staff.store, runner)
        self.camera = CameraChoice(staff, runner)
        area = scrolling(card, self.camera, self.sync, self.enrol, keys_card)
        self.layout_.addWidget(area)
        self._cards, self._keys_card, self.added_cards = area.widget().layout(), keys_card, []

    def add_card(self, card: QWidget) -> None:
        """A card from another part of the kiosk (sounds and speech), above the shortcuts."""
        self._cards.insertWidget(self._cards.indexOf(self._keys_card), card)
        self.added_cards.append(card)
        card.retranslate(self._tr)

    def load(self) -> None:
        self.runner.run(self.staff.walk_ins_allowed, on_success=self._show)
        self.sync.load()
        self.camera.load()

    def _show(self, allowed: bool) -> None:
        self._allowed = allowed
        (self.on_button if allowed else self.off_button).setChecked(True)
        self.state.setText(self._tr("Walk-in registration is open.") if allowed
                           else self._tr("Walk-in registration is closed."))
        set_tone(self.state, "success" if allowed else "")
        self.state.show()

    def set_walk_ins(self, allowed: bool) -> None:
        self.runner.run(self.staff.set_walk_ins_allowed, allowed, on_success=self._changed,
                        on_failure=lambda error: self.load())

    def _changed(self, allowed: bool) -> None:
        self._show(allowed)
        self.data_changed.emit()

    def reset(self) -> None:
        self._allowed = None
        self.state.hide()
        self.enrol.reset()

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.sync.retranslate(tr)
        self.enrol.retranslate(tr)
        self.camera.retranslate(tr)
        for card in self.added_cards:
            card.retranslate(tr)
        self.walk_in_title.setText(tr("Walk-in registration"))
        self.walk_in_text.setText(tr("When it is open, people who are not on the guest list can register "
                                     "at the kiosk. Their badge prints at once; staff approve them here."))
        if self._allowed is not None:
            self._show(self._allowed)
        self.on_button.setText(tr("Open"))
        self.off_button.setText(tr("Closed"))
        self.keys_title.setText(tr("Keyboard shortcuts"))
        rows = [("Ctrl+F", tr("Search guests")), (f"Ctrl+1 … {len(PAGES)}", tr("Switch page")), ("F5", tr("Reload")),
                ("Alt+P", tr("Reprint badge")), ("Alt+U", tr("Undo check-in")),
                ("Alt+A", tr("Approve walk-in")), ("Esc", tr("Cancel")),
                ("Ctrl+Q", tr("Back to the kiosk"))]
        cells = "".join(f"<tr><td><b>{key_text(key, tr)}</b>&nbsp;&nbsp;&nbsp;</td><td>{text}</td></tr>"
                        for key, text in rows)
        self.keys_text.setText(f"<table cellspacing='6'>{cells}</table>")
