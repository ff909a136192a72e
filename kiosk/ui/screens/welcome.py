"""Welcome: scan your invitation or tap to search; the day's programme and the leaderboard rotate beside it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui import style
from kiosk.ui.widgets.common import Screen, button, card, label

ROTATE_MS = 9000


class ScanPicture(QWidget):
    """A calm drawing of a QR code under a scanner beam: 'hold your code here'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(220, 220)
        self.setMaximumHeight(420)  # large text makes the row beside it tall; the picture stays a picture

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 20
        x0, y0 = (self.width() - side) / 2, (self.height() - side) / 2
        colours = style.current().palette
        painter.setPen(QPen(QColor(colours.primary_text), 8))
        corner = side * 0.22
        for cx, cy, dx, dy in ((x0, y0, 1, 1), (x0 + side, y0, -1, 1), (x0, y0 + side, 1, -1),
                               (x0 + side, y0 + side, -1, -1)):
            painter.drawLine(cx, cy, cx + dx * corner, cy)
            painter.drawLine(cx, cy, cx, cy + dy * corner)
        cell = side * 0.6 / 7
        inner_x, inner_y = x0 + side * 0.2, y0 + side * 0.2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours.heading))
        pattern = ("1110111", "1010100", "1110101", "0001010", "1110011", "1010110", "1110101")
        for row, bits in enumerate(pattern):
            for col, bit in enumerate(bits):
                if bit == "1":
                    painter.drawRoundedRect(QRectF(inner_x + col * cell, inner_y + row * cell, cell * 0.9,
                                                   cell * 0.9), 3, 3)
        painter.setPen(QPen(QColor(colours.success), 5))
        painter.drawLine(x0 + side * 0.08, y0 + side / 2, x0 + side * 0.92, y0 + side / 2)


class WelcomeScreen(Screen):
    name = "welcome"
    search_requested = Signal()
    contact_requested = Signal()
    leaderboard_requested = Signal()
    walk_in_requested = Signal()
    tables_requested = Signal()  # 'My tables': only while today has a planned speed-networking session

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.body.setContentsMargins(48, 40, 48, 40)
        self.body.setSpacing(40)
        self.body.addWidget(self._build_main_card(), 3)
        self.body.addWidget(self._build_side_card(), 2)
        self._rotation = QTimer(self, interval=ROTATE_MS)
        self._rotation.timeout.connect(self.rotate)
        self._rotation.start()

    def _build_main_card(self) -> QWidget:
        frame, layout = card()
        self.hero = label("hero")
        self.hero.setObjectName("welcomeHero")
        self.instruction = label("subtitle")
        self.instruction.setObjectName("welcomeInstruction")
        row = QHBoxLayout()
        row.setSpacing(32)
        self.scan_picture = ScanPicture()
        row.addWidget(self.scan_picture, 2)
        self.camera_slot = row  # a camera's live preview goes first here (kiosk.ui.camera)
        steps = QVBoxLayout()
        self.scan_hint = label("body")
        self.or_label = label("muted")
        steps.addStretch(1)
        steps.addWidget(self.scan_hint)
        steps.addWidget(self.or_label)
        steps.addStretch(1)
        row.addLayout(steps, 3)
        self.search_button = button("primary", on_click=self.search_requested.emit)
        self.search_button.setObjectName("searchButton")
        self.search_button.setMinimumHeight(110)
        self.contact_button = button("secondary", on_click=self.contact_requested.emit)
        self.contact_button.setObjectName("contactButton")
        self.leaderboard_button = button("secondary", on_click=self.leaderboard_requested.emit)
        self.leaderboard_button.setObjectName("leaderboardButton")
        self.tables_button = button("secondary", on_click=self.tables_requested.emit)
        self.tables_button.setObjectName("tablesButton")
        self.tables_button.hide()
        self.walk_in_button = button("quiet", on_click=self.walk_in_requested.emit)
        self.walk_in_button.setObjectName("walkInButton")
        layout.addWidget(self.hero)
        layout.addWidget(self.instruction)
        layout.addLayout(row, 1)
        layout.addWidget(self.search_button)
        secondary = self.secondary = QHBoxLayout()  # large text stacks it (kiosk.ui.accessibility)
        secondary.setSpacing(20)
        secondary.addWidget(self.contact_button)
        secondary.addWidget(self.leaderboard_button)
        secondary.addWidget(self.tables_button)
        layout.addLayout(secondary)
        layout.addWidget(self.walk_in_button, 0, Qt.AlignmentFlag.AlignHCenter)
        return frame

    def _build_side_card(self) -> QWidget:
        frame, layout = card()
        self.side_card = frame  # low reach moves it above the controls (kiosk.ui.accessibility.reach)
        self.side_title = label("section")
        self.side_title.setObjectName("sideTitle")
        self.side_pages = QStackedWidget()
        self.programme_page = QWidget()
        self.programme_list = QVBoxLayout(self.programme_page)
        self.programme_list.setSpacing(14)
        self.board_page = QWidget()
        self.board_list = QVBoxLayout(self.board_page)
        self.board_list.setSpacing(14)
        self.side_pages.addWidget(self.programme_page)
        self.side_pages.addWidget(self.board_page)
        layout.addWidget(self.side_title)
        layout.addWidget(self.side_pages, 1)
        return frame

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.hero.setText(tr("Welcome!"))
        self.instruction.setText(tr("Scan your invitation or tap to search"))
        self.scan_hint.setText(tr("Hold the QR code of your invitation under the scanner."))
        self.or_label.setText(tr("No invitation at hand? Search for your name."))
        self.search_button.setText(tr("Search my name"))
        self.contact_button.setText(tr("Exchange contacts"))
        self.leaderboard_button.setText(tr("Leaderboard"))
        self.tables_button.setText(tr("My tables"))
        self.walk_in_button.setText(tr("Not registered? Register here"))
        self._update_side_title()

    def _update_side_title(self) -> None:
        tr = getattr(self, "_tr", lambda s: s)
        on_board = self.side_pages.currentWidget() is self.board_page
        self.side_title.setText(tr("NETWORKING CHAMPIONS") if on_board else tr("TODAY'S PROGRAMME"))

    def rotate(self) -> None:
        self.side_pages.setCurrentIndex((self.side_pages.currentIndex() + 1) % self.side_pages.count())
        self._update_side_title()

    def set_tables(self, available: bool) -> None:
        self.tables_button.setVisible(available)

    def set_walk_ins(self, allowed: bool) -> None:
        self.walk_in_button.setVisible(allowed)

    def set_programme(self, items: list[tuple[str, str]], empty_text: str) -> None:
        _fill(self.programme_list, [(time, title) for time, title in items] or [("", empty_text)])

    def set_leaderboard(self, rows: list[tuple[str, str]], empty_text: str) -> None:
        _fill(self.board_list, rows or [("", empty_text)])

    def set_portrait(self, portrait: bool) -> None:
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)


def _fill(layout: QVBoxLayout, rows: list[tuple[str, str]]) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().hide()  # out of sight now: deleteLater waits for the event loop (screenshots)
            item.widget().deleteLater()
    for left, right in rows[:7]:
        line = QHBoxLayout()
        when = label("section", left, wrap=False)  # as wide as the time in the font shown (large text)
        what = label("body", right)
        line.addWidget(when, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(what, 1)
        holder = QWidget()
        holder.setLayout(line)
        layout.addWidget(holder)
    layout.addStretch(1)
