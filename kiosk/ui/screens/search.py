"""Search by name on the touch keyboard; a tap on a result asks 'Is this you?' before checking in.

Every match is listed, best first, in a list that scrolls by dragging (a finger, or the mouse with its
left button); the buttons are made as a query first needs them and then reused."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from kiosk.i18n import translator
from kiosk.core.search import SearchHit
from kiosk.ui.widgets.common import Screen, button, card, label, screen_with_back_button
from kiosk.ui.widgets.drag_scroll import DragScroll
from kiosk.ui.widgets.keyboard import TouchKeyboard

SHOWN_AT_MOST = 200  # every name a prefix of a name finds; a letter or two more narrows a longer list
FIRST_BUTTONS = 5


class ResultButton(QPushButton):
    """One search result: the name large, the organization beneath it, so namesakes can be told apart."""

    def __init__(self, on_click) -> None:
        super().__init__()
        self.setProperty("role", "result")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clicked.connect(on_click)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 10, 28, 10)
        layout.setSpacing(2)
        self.name_label = label("body", wrap=False)
        self.name_label.setStyleSheet("font-weight: bold; background: transparent;")
        self.organization_label = label("muted")  # a long one wraps in large text
        self.organization_label.setStyleSheet("background: transparent;")
        for widget in (self.name_label, self.organization_label):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(widget)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API: as tall as its two lines (large text)
        layout = self.layout()
        needed = layout.heightForWidth(self.width()) if self.width() > 0 and layout.hasHeightForWidth() else -1
        return QSize(0, max(100, layout.minimumSize().height(), needed))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def event(self, event) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Polish):  # a new font (large text)
            self.setMinimumHeight(self.minimumSizeHint().height())  # the list gives no less
        return handled

    def show_hit(self, name: str, organization: str) -> None:
        self.name_label.setText(name)
        self.organization_label.setText(organization)
        self.organization_label.setVisible(bool(organization))
        self.setAccessibleName(", ".join(t for t in (name, organization) if t))  # it has no text of its own

    def text(self) -> str:  # what a test or screen reader sees
        return "\n".join(t for t in (self.name_label.text(), self.organization_label.text()) if t)


class SearchScreen(Screen):
    name = "search"
    guest_confirmed = Signal(str)
    back_requested = Signal()

    def __init__(self, search: Callable[[str, int], list[SearchHit]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._query = ""
        self._chosen: SearchHit | None = None
        self._tr = translator()
        outer = screen_with_back_button(self, "backButton")
        self.query_label = label("query")
        self.query_label.setObjectName("queryLabel")
        # A keyboard types into the search: the query takes the keys (and the scanner's, which its
        # detector takes back first) while the screen shows.
        self.query_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.query_label.setMinimumHeight(88)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_results())
        self.pages.addWidget(self._build_confirm())
        self.keyboard = TouchKeyboard()
        self.keyboard.typed.connect(self._typed)
        self.keyboard.backspace.connect(self._backspace)
        self.keyboard.cleared.connect(self.reset)
        # Landscape: results beside the keyboard; portrait: results above it.
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(32)
        typing = QVBoxLayout()
        typing.setSpacing(20)
        typing.addStretch(1)
        typing.addWidget(self.query_label)
        typing.addWidget(self.keyboard)
        self.body.addWidget(self.pages, 1)
        self.body.addLayout(typing, 0)
        outer.addLayout(self.body, 1)

    def _build_results(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self.results_view = QScrollArea()
        self.results_view.setObjectName("searchResults")
        self.results_view.setWidgetResizable(True)
        self.results_view.setFrameShape(QFrame.Shape.NoFrame)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.drag = DragScroll(self.results_view)  # a tap still presses a result
        holder = QWidget()
        holder.setObjectName("searchResultList")
        self.results_layout = QVBoxLayout(holder)
        self.results_layout.setContentsMargins(0, 0, 0, 0)
        self.results_layout.setSpacing(12)
        self.results_layout.addStretch(1)
        self.results_view.setWidget(holder)
        self.results_view.viewport().setObjectName("searchResultViewport")
        # The screen's own background shows through; by name, so the result buttons keep theirs.
        self.results_view.setStyleSheet("#searchResultViewport, #searchResultList { background: transparent; }")
        holder.setAutoFillBackground(False)  # QScrollArea.setWidget turned it on
        self.results_view.viewport().setAutoFillBackground(False)
        self.result_buttons: list[ResultButton] = []
        for _ in range(FIRST_BUTTONS):
            self._add_result_button()
        self.hint = label("muted", align=Qt.AlignmentFlag.AlignHCenter)
        self.hint.setObjectName("searchHint")
        outer.addWidget(self.results_view, 1)
        outer.addWidget(self.hint)
        return page

    def _add_result_button(self) -> None:
        index = len(self.result_buttons)
        result = ResultButton(lambda _=False, i=index: self._choose(i))
        result.setObjectName(f"result-{index}")
        result.hide()
        self.drag.watch(result)
        self.result_buttons.append(result)
        self.results_layout.insertWidget(index, result)

    def _build_confirm(self) -> QWidget:
        frame, layout = card()
        self.confirm_title = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.confirm_name = label("name", align=Qt.AlignmentFlag.AlignHCenter)
        self.confirm_name.setObjectName("confirmName")
        self.confirm_org = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.confirm_org.setObjectName("confirmOrganization")
        buttons = QVBoxLayout()
        buttons.setSpacing(16)
        self.yes_button = button("primary", on_click=self._confirm)
        self.yes_button.setObjectName("confirmYes")
        self.no_button = button("secondary", on_click=self._unconfirm)
        self.no_button.setObjectName("confirmNo")
        buttons.addWidget(self.yes_button)
        buttons.addWidget(self.no_button)
        layout.addStretch(1)
        for widget in (self.confirm_title, self.confirm_name, self.confirm_org):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return frame

    def set_portrait(self, portrait: bool) -> None:
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.query_label.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API: letters typed on a keyboard
        text, key = event.text(), event.key()
        if key == Qt.Key.Key_Backspace:
            self._backspace()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pages.currentIndex() == 0 and self._hits:
            self.result_buttons[0].setFocus(Qt.FocusReason.TabFocusReason)  # on to the best match
        elif len(text) == 1 and (text.isalpha() or text in " -'.") and self.pages.currentIndex() == 0:
            self._typed(text.lower())
        else:
            super().keyPressEvent(event)

    def way_back(self):
        return self.no_button if self.pages.currentIndex() == 1 else self.back_button

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.back_button.setText(tr("Back"))
        self.title.setText(tr("Search my name"))
        self.query_label.setAccessibleName(tr("Your name"))
        self.confirm_title.setText(tr("Is this you?"))
        self.yes_button.setText(tr("Yes, check me in"))
        self.no_button.setText(tr("No, back to the list"))
        self.keyboard.retranslate(tr)
        self.refresh()

    def reset(self) -> None:
        self._query = ""
        self._chosen = None
        self.pages.setCurrentIndex(0)
        self.refresh()

    def set_query(self, text: str) -> None:
        self._query = text
        self.pages.setCurrentIndex(0)
        self.refresh()

    def _typed(self, text: str) -> None:
        self.set_query(self._query + text)

    def _backspace(self) -> None:
        self.set_query(self._query[:-1])

    def refresh(self) -> None:
        """Show the query and its results (again, when the index behind them has changed)."""
        tr = self._tr
        self.query_label.setText(self._query + "▏" if self._query else tr("Type the start of your name"))
        self.query_label.setProperty("empty", not self._query)
        self.query_label.style().unpolish(self.query_label)
        self.query_label.style().polish(self.query_label)
        self._hits = self._search(self._query, SHOWN_AT_MOST) if self._query.strip() else []
        self._show_hits()
        self.hint.setText(self._hint_text(tr))

    def _show_hits(self) -> None:
        while len(self.result_buttons) < len(self._hits):
            self._add_result_button()
        for index, result in enumerate(self.result_buttons):
            hit = self._hits[index] if index < len(self._hits) else None
            result.setVisible(hit is not None)
            if hit is not None:
                result.show_hit(hit.name, hit.organization)
        self.results_view.verticalScrollBar().setValue(0)  # a new query starts at its best match

    def _hint_text(self, tr) -> str:
        if not self._query.strip():
            return tr("Your name appears here as you type.")
        if not self._hits:
            return tr("No name found. Please ask the team at the info desk.")
        if len(self._hits) >= SHOWN_AT_MOST:
            return tr("Many names found: type more of your name.")
        if len(self._hits) > 1:
            return tr("{count} names found. Tap your name, or drag the list to see more.", count=len(self._hits))
        return tr("Tap your name.")

    def _choose(self, index: int) -> None:
        self._chosen = self._hits[index]
        self.confirm_name.setText(self._chosen.name)
        self.confirm_org.setText(self._chosen.organization)
        self.pages.setCurrentIndex(1)

    def _unconfirm(self) -> None:
        self._chosen = None
        self.pages.setCurrentIndex(0)

    def _confirm(self) -> None:
        if self._chosen is not None:
            guest_id = self._chosen.guest_id
            self.reset()
            self.guest_confirmed.emit(guest_id)
