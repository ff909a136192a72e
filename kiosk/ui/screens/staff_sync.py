"""The sync card in staff mode: the hub's state and badges used at two kiosks on one day."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.services.staff import StaffDesk, SyncOverview
from kiosk.ui.screens.staff_parts import TaskRunner, staff_card, staff_label
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
        from PySide6.QtWidgets import QVBoxLayout

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self._overview: SyncOverview | None = None
        self._tr = lambda text, **kw: text.format(**kw) if kw else text

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
            text = tr("Hub not reachable: {error}. {pending} changes are waiting here.", error=overview.last_error,
                      pending=overview.pending or 0)
            tone = "warning"
        else:
            text = tr("Last sync with the hub at {time}; {pending} changes waiting.",
                      time=overview.last_sync or "—", pending=overview.pending or 0)
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
