"""Low reach: on a portrait kiosk mounted for wheelchair users every control sits in the lower 60 %.

Bound taken: operable parts at most 120 cm above the floor (ADA 2010 308.2.1 / 308.3.1 forward and
side reach, 15-48 in = 38-122 cm; EN 17210 names the same range). A 43-inch portrait display is 95 cm
tall; mounted with its lower edge at 60 cm, its lower 60 % spans 60-117 cm. The upper 40 % shows only
what is read, never touched: the event's name and day, and the welcome screen's programme.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets.common import label

UPPER_SHARE = 0.40  # the part of a portrait screen above the reach of a seated guest


class ReachZone(QWidget):
    """The upper 40 % in low reach: read-only, the header's titles and the programme."""

    def __init__(self, window, welcome) -> None:
        super().__init__(window)  # hidden until low reach; goes with the window
        self.setObjectName("reachZone")
        self.window, self.welcome = window, welcome
        self.active = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 16)
        layout.setSpacing(8)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)  # 40 %, whatever it holds
        self.event_name = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.event_name.setObjectName("reachEventName")
        self.event_day = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.event_day.setObjectName("reachEventDay")
        layout.addWidget(self.event_name)
        layout.addWidget(self.event_day)
        self.slot = QVBoxLayout()
        layout.addLayout(self.slot, 1)
        self.hide()
        window.installEventFilter(self)

    def set_active(self, active: bool) -> None:
        """Low reach on a portrait screen: the zone takes the top, the header and screens move down."""
        if active == self.active:
            return
        self.active = active
        outer = self.window.centralWidget().layout()
        header = self.window.header
        side = self.welcome.side_card
        if active:
            outer.insertWidget(0, self)
            self.slot.addWidget(side)
            side.layout().setContentsMargins(40, 20, 40, 20)  # the programme fits the upper 40 %
            self.follow_header()
            self._fit()
            self.show()
        else:
            self.hide()
            outer.removeWidget(self)
            self.welcome.body.addWidget(side, 2)
            side.layout().setContentsMargins(48, 40, 48, 40)  # as common.card() made it
        for title in (header.event_name, header.event_day):
            title.setVisible(not active)

    def follow_header(self) -> None:
        self.event_name.setText(self.window.header.event_name.text())
        self.event_day.setText(self.window.header.event_day.text())

    def _fit(self) -> None:
        self.setFixedHeight(round(self.window.height() * UPPER_SHARE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and self.active:
            self._fit()
        return False
