"""Staff mode's sync cards: the hub's state and badges used at two kiosks on one day; enrolling a new kiosk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.services.enrolment import WrittenEnrolment, removable_folders, write_enrolment
from kiosk.services.staff import StaffDesk, SyncOverview
from kiosk.ui.screens.staff_parts import UNTRANSLATED, TaskRunner, staff_button, staff_card, staff_label
from kiosk.ui.widgets.common import set_tone


class SyncCard(QWidget):
    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.staff, self.runner = staff, runner
        frame, layout = staff_card()
        self.title = staff_label("s-heading")
        self.state = staff_label("s-status", "staffSyncState")
        self.doubles = staff_label("s-body", "staffSyncDoubles")
        for widget in (self.title, self.state, self.doubles):
            layout.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self._overview: SyncOverview | None = None
        self._tr = UNTRANSLATED

    def load(self) -> None:
        self.runner.run(self.staff.sync_overview, on_success=self.show_overview)

    def show_overview(self, overview: SyncOverview) -> None:
        self._overview = overview
        tr = self._tr
        if overview.hub is None:
            text, tone = tr("No hub configured: this kiosk syncs by bundles (kiosk sync export/import)."), ""
        elif overview.refused:
            text = tr("Sync refused: {error} Ask the organiser's technician before syncing this kiosk again.",
                      error=overview.last_error)
            tone = "error"
        elif overview.last_error:
            text = tr.plural("Hub not reachable: {error}. {count} change is waiting here.",
                             "Hub not reachable: {error}. {count} changes are waiting here.",
                             overview.pending or 0, error=overview.last_error)
            tone = "warning"
        else:
            text = tr.plural("Last sync with the hub at {time}; {count} change waiting.",
                             "Last sync with the hub at {time}; {count} changes waiting.",
                             overview.pending or 0, time=overview.last_sync or "—")
            tone = "success" if overview.last_sync else ""
        self.state.setText(text + "\n" + tr("Device {device}", device=overview.device_id))
        set_tone(self.state, tone)
        if overview.doubles:
            lines = [f"{name} · {day}" for name, day in overview.doubles[:8]]
            self.doubles.setText(tr("Checked in at two kiosks on the same day (badge passed on?):") + "\n"
                                 + "\n".join(lines))
        else:
            self.doubles.setText(tr("No badge was checked in at two kiosks on the same day."))

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Sync"))
        if self._overview is not None:
            self.show_overview(self._overview)


class EnrolCard(QWidget):
    """Set up another kiosk: the event's keys go to a USB stick under a passphrase shown here once."""

    def __init__(self, store, runner: TaskRunner, folders=removable_folders, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.folders = store, runner, folders
        frame, layout = staff_card()
        self.title = staff_label("s-heading")
        self.text = staff_label("s-body")
        self.write = staff_button("s-primary", "staffEnrolWrite", self.write_to_stick)
        self.state = staff_label("s-status", "staffEnrolState")
        self.passphrase = staff_label("s-heading", "staffEnrolPassphrase")
        self.passphrase.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.title, self.text, self.write, self.state, self.passphrase):
            layout.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self._tr = UNTRANSLATED
        self.reset()

    def reset(self) -> None:
        """Nothing of the last export stays on screen (staff mode calls this on leaving)."""
        self.state.clear()
        self.state.hide()
        self.passphrase.clear()
        self.passphrase.hide()

    def write_to_stick(self) -> None:
        self.reset()
        folders = self.folders()
        if not folders:
            self._say(self._tr("No USB stick found. Insert one and try again."), "warning")
            return
        self.write.setEnabled(False)
        self._say(self._tr("Writing to {folder} …", folder=folders[0]), "")
        self.runner.run(write_enrolment, self.store, folders[0], on_success=self._written,
                        on_failure=self._failed)

    def _written(self, written: WrittenEnrolment) -> None:
        self.write.setEnabled(True)
        self._say(self._tr("Written to {path}. On the new kiosk: kiosk --db NEW.sqlite3 enrol import FILE, "
                           "then sync it. The passphrase is shown only now; write it down:", path=written.path),
                  "success")
        self.passphrase.setText(written.passphrase)
        self.passphrase.show()

    def _failed(self, error: BaseException) -> None:
        self.write.setEnabled(True)
        self._say(self._tr("Could not write the enrolment file: {error}", error=error), "error")

    def _say(self, text: str, tone: str) -> None:
        self.state.setText(text)
        set_tone(self.state, tone)
        self.state.show()

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Set up another kiosk"))
        self.text.setText(tr("Sync never carries this event's keys. A new kiosk gets them from an enrolment "
                             "file, sealed with a passphrase: insert a USB stick and write it here."))
        self.write.setText(tr("Write enrolment to USB stick"))
