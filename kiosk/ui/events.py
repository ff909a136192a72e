"""App-wide events, declared once and named subject_did_verb: a flow announces what happened,
and whoever shows something that depends on it (boards, the name search, the header) listens.
No screen reaches into another, and nothing polls the database for news."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot


class KioskEvents(QObject):
    checkin_did_complete = Signal(str)  # the guest's id; announced for what comes (no listener yet)
    contact_did_record = Signal()  # a new contact between two guests
    guest_did_register = Signal(object)  # a walk-in's Guest, on the list from now on
    sync_did_finish = Signal()  # changes from other kiosks may have arrived
    staff_did_leave = Signal()  # staff may have changed settings, guests or approvals
    language_did_change = Signal()
    day_did_change = Signal()  # local midnight: today's board and programme are another day's

    _sync_finished_elsewhere = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sync_finished_elsewhere.connect(self._announce_sync, Qt.ConnectionType.QueuedConnection)

    def sync_finished(self) -> None:
        """Safe to call on the sync thread: listeners hear sync_did_finish on the UI thread."""
        self._sync_finished_elsewhere.emit()

    @Slot()
    def _announce_sync(self) -> None:
        self.sync_did_finish.emit()
