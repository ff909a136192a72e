"""Door mode: a kiosk at a room's door counts who attends one session. Guests scan their badge; the
screen greets them by name and shows how many places are taken ("38 von 40"), says so politely when
the room is full and when someone scans a second time. The flow (kiosk.ui.flows.door) writes the texts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QProgressBar, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.programme import SessionKind
from kiosk.ui.screens.message import Sign
from kiosk.ui.screens.welcome import ScanPicture
from kiosk.ui.widgets.common import Screen, card, label

KIND_LABELS = {SessionKind.TALK: "Talk", SessionKind.SPEED_NETWORKING: "Speed networking",
               SessionKind.QUIZ: "Quiz", SessionKind.BREAK: "Break", SessionKind.DINNER: "Dinner",
               SessionKind.OTHER: "Session"}


def kind_label(kind: SessionKind, tr) -> str:
    return tr(KIND_LABELS[kind])


class DoorScreen(Screen):
    name = "door"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.body.setContentsMargins(48, 40, 48, 40)
        self.body.setSpacing(40)
        self.body.addWidget(self._build_main_card(), 3)
        self.body.addWidget(self._build_count_card(), 2)

    def _build_main_card(self) -> QWidget:
        frame, layout = card()
        layout.setContentsMargins(64, 48, 64, 48)
        self.kind = self._label("section", "doorKind")
        self.session_title = self._label("title", "doorSessionTitle")
        self.session_detail = self._label("subtitle", "doorSessionDetail")
        self.picture = QStackedWidget()
        self.scan_picture = ScanPicture()
        self.sign = Sign()
        self.picture.addWidget(self.scan_picture)
        sign_holder = QWidget()
        QVBoxLayout(sign_holder).addWidget(self.sign, 0, Qt.AlignmentFlag.AlignCenter)
        self.picture.addWidget(sign_holder)
        self.picture.setFixedHeight(240)
        self.headline = self._label("hero", "doorHeadline")
        self.guest_name = self._label("name", "doorGuestName")
        self.detail = self._label("subtitle", "doorDetail")
        for widget in (self.kind, self.session_title, self.session_detail):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.picture)
        for widget in (self.headline, self.guest_name, self.detail):
            layout.addWidget(widget)
        layout.addStretch(1)
        return frame

    def _build_count_card(self) -> QWidget:
        frame, layout = card()
        layout.setContentsMargins(48, 48, 48, 48)
        self.count_caption = self._label("section", "doorCountCaption")
        self.count = self._label("hero", "doorCount")
        self.count.setStyleSheet("font-size: 96px;")
        self.count_detail = self._label("subtitle", "doorCountDetail")
        self.bar = QProgressBar()
        self.bar.setObjectName("doorBar")
        self.bar.setTextVisible(False)
        self.bar.setStyleSheet("QProgressBar { max-height: 28px; border-radius: 14px; }"
                               "QProgressBar::chunk { border-radius: 14px; }")
        layout.addStretch(1)
        for widget in (self.count_caption, self.count, self.bar, self.count_detail):
            layout.addWidget(widget)
        layout.addStretch(1)
        return frame

    @staticmethod
    def _label(role: str, name: str):
        widget = label(role, align=Qt.AlignmentFlag.AlignHCenter)
        widget.setObjectName(name)
        return widget

    # -- what the flow calls -------------------------------------------------------------------------
    def show_session(self, kind: str, title: str, detail: str) -> None:
        self.kind.setText(kind.upper())
        self.session_title.setText(title)
        self.session_detail.setText(detail)

    def show_count(self, caption: str, count: str, detail: str, present: int, capacity: int | None) -> None:
        """`count`: "38 von 40"; the bar fills towards the capacity (hidden without one)."""
        self.count_caption.setText(caption.upper())
        self.count.setText(count)
        self.count_detail.setText(detail)
        self.bar.setVisible(capacity is not None)
        self.bar.setRange(0, capacity or 1)
        self.bar.setValue(min(present, capacity or 0))

    def show_prompt(self, headline: str, detail: str) -> None:
        self.picture.setCurrentIndex(0)
        self._texts(headline, "", detail)

    def show_result(self, tone: str, headline: str, name: str, detail: str) -> None:
        self.sign.set_tone(tone)
        self.picture.setCurrentIndex(1)
        self._texts(headline, name, detail)

    def _texts(self, headline: str, name: str, detail: str) -> None:
        self.headline.setText(headline)
        self.guest_name.setText(name)
        self.detail.setText(detail)

    @property
    def showing_result(self) -> bool:
        return self.picture.currentIndex() == 1

    # -- Screen --------------------------------------------------------------------------------------
    def retranslate(self, tr) -> None:
        """The flow writes every text (they name the session and the count) and re-writes them when the
        language changes (language_did_change)."""

    def set_portrait(self, portrait: bool) -> None:
        direction = QBoxLayout.Direction
        self.body.setDirection(direction.TopToBottom if portrait else direction.LeftToRight)
        self.body.setStretch(1, 1 if portrait else 2)  # below the greeting the count needs less room
