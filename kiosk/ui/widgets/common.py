"""Small building blocks the screens share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


def label(role: str, text: str = "", wrap: bool = True, align=Qt.AlignmentFlag.AlignLeft) -> QLabel:
    from kiosk.ui.accessibility.buttons import FlowLabel

    widget = FlowLabel(text)  # as narrow as its longest word may make it, so large text reflows
    widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def button(role: str, text: str = "", on_click=None) -> QPushButton:
    """A touch button: no focus from a tap or from Qt's own Tab (scanner keys must not press it; the
    accessibility navigator moves the focus for keyboard users), big target, its words wrap when
    large text makes them wider than the button."""
    from kiosk.ui.accessibility.buttons import WrapButton

    widget = WrapButton(text)
    widget.setProperty("role", role)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if on_click is not None:
        widget.clicked.connect(on_click)
    return widget


def set_tone(widget: QLabel, tone: str) -> None:
    """success / warning / error / '' : re-polish so the stylesheet picks it up."""
    widget.setProperty("tone", tone)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(48, 40, 48, 40)
    layout.setSpacing(20)
    return frame, layout


class Screen(QWidget):
    """A full screen of the kiosk: knows how to translate and to forget its guest."""

    name = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def retranslate(self, tr) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget whatever the last guest typed or saw."""

    def set_portrait(self, portrait: bool) -> None:
        """Re-arrange for a portrait screen; most screens stack naturally."""

    def way_back(self) -> QPushButton | None:
        """The button Escape presses: the screen's way back, where it has one."""
        return getattr(self, "back_button", None)


def screen_with_back_button(screen: Screen, back_name: str, spacing: int = 24) -> QVBoxLayout:
    """The layout of a screen that has a way back: a back button and a title on top.

    Sets screen.back_button and screen.title; the button emits screen.back_requested.
    """
    from PySide6.QtWidgets import QHBoxLayout

    outer = QVBoxLayout(screen)
    outer.setContentsMargins(48, 32, 48, 32)
    outer.setSpacing(spacing)
    top = QHBoxLayout()
    screen.back_button = button("secondary", on_click=screen.back_requested.emit)
    screen.back_button.setObjectName(back_name)
    screen.title = label("title")
    top.addWidget(screen.back_button, 0)
    top.addWidget(screen.title, 1)
    outer.addLayout(top)
    return outer
