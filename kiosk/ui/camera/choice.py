"""Staff settings' camera card: which connected camera reads codes at this kiosk, or none.

The choice is this machine's own (kept in its database, never synced); `chosen` hands it to the
running CameraScanner, so the preview appears or goes the moment staff tap.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.services.staff import StaffDesk
from kiosk.ui.camera.settings import chosen_camera, keep_camera
from kiosk.ui.screens.staff_parts import UNTRANSLATED, TaskRunner, staff_button, staff_card, staff_label
from kiosk.ui.widgets.common import set_tone


def connected_cameras() -> list[tuple[str, str]]:
    """(id, name) of every camera connected now; none where QtMultimedia does not load."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        from kiosk.ui.camera.feed import device_id
    except ImportError:
        return []
    return [(device_id(device), device.description()) for device in QMediaDevices.videoInputs()]


class CameraChoice(QWidget):
    chosen = Signal(str)  # the camera's id, '' for none

    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.staff, self.runner = staff, runner
        self._tr = UNTRANSLATED
        self._current: str | None = None
        self._names: dict[str, str] = {}
        frame, layout = staff_card()
        self.title = staff_label("s-heading")
        self.text = staff_label("s-body")
        self.choices = QHBoxLayout()
        self.choices.setSpacing(10)
        self.group = QButtonGroup(self)
        self.state = staff_label("s-status", "staffCameraState")
        for widget in (self.title, self.text):
            layout.addWidget(widget)
        layout.addLayout(self.choices)
        layout.addWidget(self.state)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

    def load(self) -> None:
        self._names = dict(connected_cameras())
        self.runner.run(chosen_camera, self.staff.store, on_success=self._show)

    def choose(self, device: str) -> None:
        self.runner.run(keep_camera, self.staff.store, device, on_success=self._chosen)

    def _chosen(self, device: str) -> None:
        self._show(device)
        self.chosen.emit(device)

    def _show(self, device: str) -> None:
        self._current = device
        self._fill_buttons(device)
        tr = self._tr
        if not device:
            text, tone = tr("No camera: codes are read by the hand scanner only."), ""
        elif device in self._names:
            text = tr("{camera} reads codes beside the hand scanner.", camera=self._names[device])
            tone = "success"
        else:
            text, tone = tr("The chosen camera is not connected; the hand scanner works alone."), "warning"
        self.state.setText(text)
        set_tone(self.state, tone)

    def _fill_buttons(self, device: str) -> None:
        while self.choices.count():
            widget = self.choices.takeAt(0).widget()
            if widget is not None:
                self.group.removeButton(widget)
                widget.deleteLater()
        for wanted, name in [("", self._tr("No camera")), *self._names.items()]:
            chip = staff_button("s-chip", "staffCameraNone" if not wanted else "staffCamera", checkable=True)
            chip.setText(name)
            chip.setChecked(wanted == device)
            chip.clicked.connect(lambda _checked=False, wanted=wanted: self.choose(wanted))
            self.group.addButton(chip)
            self.choices.addWidget(chip)
        self.choices.addStretch(1)

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Camera"))
        self.text.setText(tr("A camera reads the QR codes of invitations, badges and tickets on phones as "
                             "well; guests see what it sees on the welcome and contact screens."))
        if self._current is not None:
            self._show(self._current)
