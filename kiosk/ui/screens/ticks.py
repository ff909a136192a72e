"""Contacts from the rounds: a guest taps the tablemates they exchanged contacts with (big toggle tiles
with name and organization) and confirms; a contact counts once both have tapped each other. Only the
people who really sat at the guest's table in a started round are offered.

The flow (kiosk.ui.flows.tables) writes the texts and decides what a confirmation records."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.ui import style
from kiosk.ui.widgets.common import Screen, button, card, label, screen_with_back_button
from kiosk.ui.widgets.drag_scroll import DragScroll

COLUMNS = {False: 3, True: 2}  # tiles a row: landscape, portrait (and large text)
MIN_TILE_HEIGHT = 96  # 12 mm and more: a finger's target


@dataclass(frozen=True)
class MateChoice:
    guest_id: str
    name: str  # public name
    organization: str
    rounds: str  # "Runde 1 und 3"


class CheckMark(QWidget):
    """A large box that shows a tick when its tile is chosen: the state in a shape, not only a colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checked = False
        self.setFixedSize(56, 56)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        colours = style.current().palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(3, 3, 50, 50)
        if self.checked:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colours.success))
            painter.drawRoundedRect(box, 12, 12)
            painter.setPen(QColor(colours.on_sign))
            painter.setFont(QFont(style.FONT_FAMILY, 26, QFont.Weight.Bold))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "✓")
        else:
            painter.setPen(QPen(QColor(colours.primary_text), 4))
            painter.drawRoundedRect(box, 12, 12)


class MateTile(QPushButton):
    """One tablemate: tap to choose, tap again to leave out."""

    def __init__(self, choice: MateChoice, chosen_word: str) -> None:
        super().__init__()
        self.choice, self._chosen_word = choice, chosen_word
        self.setObjectName(f"mate-{choice.guest_id}")
        self.setProperty("role", "result")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the accessibility navigator gives keyboard focus
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(18)
        self.mark = CheckMark()
        lines = QVBoxLayout()
        lines.setSpacing(0)
        self.name_label = label("body", choice.name)
        self.name_label.setProperty("strong", True)
        self.organization_label = label("muted", choice.organization)
        self.rounds_label = label("small", choice.rounds)  # which table it was helps to remember
        for widget in (self.name_label, self.organization_label, self.rounds_label):
            widget.setStyleSheet("background: transparent;")
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lines.addWidget(widget)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(lines, 1)
        self.organization_label.setHidden(not choice.organization)  # hidden once inside: never a window
        self.toggled.connect(self._show_state)
        self._show_state(False)

    def set_chosen_word(self, word: str) -> None:
        self._chosen_word = word
        self._show_state(self.isChecked())

    def _show_state(self, checked: bool) -> None:
        self.mark.checked = checked
        self.mark.update()
        parts = (self.choice.name, self.choice.organization, self._chosen_word if checked else "")
        self.setAccessibleName(", ".join(p for p in parts if p))
        self.update()

    def text(self) -> str:  # what a test or the narrator reads
        return "\n".join(t for t in (self.name_label.text(), self.organization_label.text()) if t)

    # As tall as its lines at the width it gets: a long organization wraps, large text doubles them.
    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return max(MIN_TILE_HEIGHT, self.layout().totalHeightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.layout().totalMinimumSize().width(), MIN_TILE_HEIGHT)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = self.layout().totalSizeHint()
        return QSize(hint.width(), max(MIN_TILE_HEIGHT, hint.height()))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.isChecked() and not self.hasFocus():  # the focus look (yellow) stays as it is
            colours = style.current().palette
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(colours.success), 6))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(3, 3, -3, -3), 18, 18)


class TicksScreen(Screen):
    name = "ticks"
    back_requested = Signal()
    confirm_requested = Signal(list)  # the chosen tablemates' guest ids
    chosen_changed = Signal(int)  # how many are chosen now: the flow writes the words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._portrait = False
        self._chosen_word = "chosen"
        self.tiles: list[MateTile] = []
        outer = screen_with_back_button(self, "ticksBack")
        frame, layout = card()
        layout.setContentsMargins(40, 28, 40, 28)
        layout.setSpacing(16)
        self.question = self._label("subtitle", "ticksQuestion")
        self.explanation = self._label("body", "ticksExplanation")
        layout.addWidget(self.question)
        layout.addWidget(self.explanation)
        layout.addWidget(self._build_tiles(), 1)
        self.earlier = self._label("muted", "ticksEarlier")
        layout.addWidget(self.earlier)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.count = self._label("body", "ticksCount")
        self.confirm_button = button("primary", on_click=self._confirm)
        self.confirm_button.setObjectName("ticksConfirm")
        row.addWidget(self.count, 1)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)
        outer.addWidget(frame, 1)

    def _build_tiles(self) -> QWidget:
        self.tiles_view = QScrollArea()
        self.tiles_view.setObjectName("ticksTiles")
        self.tiles_view.setWidgetResizable(True)
        self.tiles_view.setFrameShape(QFrame.Shape.NoFrame)
        self.tiles_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tiles_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tiles take the focus (keyboard users)
        self.drag = DragScroll(self.tiles_view)  # many tablemates: drag the list, a tap still chooses
        holder = QWidget()
        holder.setObjectName("ticksTileList")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        column.addLayout(self.grid)
        column.addStretch(1)  # a few tiles stay tile-sized at the top
        self.tiles_view.setWidget(holder)
        self.tiles_view.viewport().setObjectName("ticksTileViewport")
        self.tiles_view.setStyleSheet("#ticksTileViewport, #ticksTileList { background: transparent; }"
                                      " QScrollBar:vertical { width: 28px; background: transparent; }"
                                      " QScrollBar::handle:vertical { background: #8A96A8; border-radius: 12px;"
                                      " min-height: 80px; margin: 2px; }"  # wide: a finger finds it
                                      " QScrollBar::add-line, QScrollBar::sub-line { height: 0; }")
        holder.setAutoFillBackground(False)
        self.tiles_view.viewport().setAutoFillBackground(False)
        return self.tiles_view

    @staticmethod
    def _label(role: str, name: str):
        widget = label(role)
        widget.setObjectName(name)
        return widget

    # -- what the flow calls -------------------------------------------------------------------------
    def show_mates(self, question: str, explanation: str, mates: list[MateChoice], earlier: str) -> None:
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for choice in mates:
            tile = MateTile(choice, self._chosen_word)
            tile.toggled.connect(self._count_chosen)
            self.drag.watch(tile)
            self.tiles.append(tile)
        self._arrange()
        self.question.setText(question)
        self.explanation.setText(explanation)
        self.earlier.setText(earlier)
        self.earlier.setVisible(bool(earlier))
        self.tiles_view.verticalScrollBar().setValue(0)
        self._count_chosen()

    def chosen(self) -> list[str]:
        return [tile.choice.guest_id for tile in self.tiles if tile.isChecked()]

    def show_count(self, text: str) -> None:
        self.count.setText(text)

    def _count_chosen(self) -> None:
        self.chosen_changed.emit(len(self.chosen()))

    def _confirm(self) -> None:
        self.confirm_requested.emit(self.chosen())

    def _arrange(self) -> None:
        columns = COLUMNS[self._portrait]
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, *divmod(index, columns))
        for column in range(max(COLUMNS.values()) + 1):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def spoken(self, tr) -> list[str]:
        names = ", ".join(tile.choice.name for tile in self.tiles)
        return [self.title.text(), self.question.text(), self.explanation.text(), names,
                self.earlier.text() if self.earlier.isVisibleTo(self) else "",
                tr("Then tap “{button}”.", button=self.confirm_button.text())]

    # -- Screen --------------------------------------------------------------------------------------
    def retranslate(self, tr) -> None:
        self.back_button.setText(tr("Back"))
        self.title.setText(tr("Contacts from the rounds"))
        self.confirm_button.setText(tr("Confirm"))
        self._chosen_word = tr("chosen")
        for tile in self.tiles:
            tile.set_chosen_word(self._chosen_word)

    def set_portrait(self, portrait: bool) -> None:
        self._portrait = portrait
        self._arrange()

    def reset(self) -> None:
        self.show_mates("", "", [], "")
