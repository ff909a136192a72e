"""Large text reflows instead of cutting off: at twice the size a screen may be taller than the
window, so the screens then sit in a scroll area that moves up and down (a finger drags it, the
keyboard focus brings its control into view, a wide scroll bar shows where one is). WCAG 1.4.10."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from kiosk.ui.widgets.drag_scroll import DragScroll


class _Holder(QWidget):
    """The scroll area's content: the window's stack, as tall as the screen it shows needs (Qt's
    stacked widget would be as tall as its tallest screen)."""

    def __init__(self, stack) -> None:
        super().__init__()
        self.stack = stack
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _page(self) -> QWidget:
        return self.stack.currentWidget()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API: the width is the window's, never more
        return QSize(0, self._page().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self._page().sizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        page = self._page()
        needed = page.heightForWidth(width) if page.hasHeightForWidth() else -1
        return max(needed, page.minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.stack.parentWidget() is self:  # while not holding it, the window's layout places the stack
            self.stack.setGeometry(self.rect())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LayoutRequest and watched is self._page():
            self.updateGeometry()  # the screen's needs changed (new texts, a new font): ask again
            QTimer.singleShot(0, self, self.resized)
        return False


class Reflow:
    def __init__(self, window) -> None:
        self.window, self.active = window, False
        self.area = QScrollArea(window)  # hidden until large text; goes with the window
        self.area.setObjectName("reflowArea")
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setStyleSheet("#reflowArea, #reflowHolder { background: transparent; }"
                                " QScrollBar:vertical { width: 28px; }")
        self.holder = _Holder(window.stack)
        # The area sizes its content anew (QScrollArea does so when told it is resizable).
        self.holder.resized = lambda: self.area.setWidgetResizable(True)
        self.holder.setObjectName("reflowHolder")
        self.area.setWidget(self.holder)
        self.drag = DragScroll(self.area)
        self.area.hide()
        window.stack.currentChanged.connect(self._new_screen)

    def set_active(self, active: bool) -> None:
        if active == self.active:
            return
        self.active = active
        outer = self.window.centralWidget().layout()
        stack = self.window.stack
        if active:
            outer.replaceWidget(stack, self.area)
            stack.setParent(self.holder)
            self.area.show()
            stack.show()
            self._new_screen()
        else:
            stack.setParent(None)
            outer.replaceWidget(self.area, stack)
            self.area.hide()
            stack.show()

    def _new_screen(self, _index: int = 0) -> None:
        if self.active:
            self.window.stack.currentWidget().installEventFilter(self.holder)
            self.holder.updateGeometry()
            QTimer.singleShot(0, self.holder, self.holder.resized)
            self.area.verticalScrollBar().setValue(0)  # a new screen starts at its top
