"""The badge before it prints: the guest sees it and prints it, or corrects a misspelt name on the
touch keyboard. Nobody waits for a guest who does nothing: it prints by itself after a countdown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QBoxLayout, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QStackedWidget, QVBoxLayout, QWidget)

from kiosk.ui.accessibility.modes import time_factor
from kiosk.ui.widgets.common import Screen, button, card, label, set_tone
from kiosk.ui.widgets.keyboard import TouchKeyboard

PREVIEW_SECONDS = 8.0
FIELDS = ("title", "first_name", "last_name")
IMAGE_HEIGHT = 420


class BadgePreviewScreen(Screen):
    name = "badge_preview"
    print_requested = Signal()
    correction_saved = Signal(dict)  # {"title", "first_name", "last_name"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)  # the keyboard fills a portrait screen
        self.pages = QStackedWidget()
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._form_page())
        outer.addWidget(self.pages)
        self._ticks_left = 0
        self._timer = QTimer(self, interval=100)
        self._timer.timeout.connect(self._tick)
        self._active_field = "last_name"

    def _preview_page(self) -> QWidget:
        frame, layout = card()
        layout.setSpacing(20)
        self.title = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.image.setObjectName("previewImage")
        self.image.setMinimumHeight(IMAGE_HEIGHT)
        self.name_label = label("name", align=Qt.AlignmentFlag.AlignHCenter)
        self.name_label.setObjectName("previewName")
        self.countdown = QProgressBar(textVisible=False)
        self.print_button = button("primary", on_click=self.request_print)
        self.print_button.setObjectName("previewPrint")
        self.correct_button = button("secondary", on_click=self.open_form)
        self.correct_button.setObjectName("previewCorrect")
        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.print_button)
        for widget in (self.title, self.image, self.name_label, self.countdown):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        return frame

    def _form_page(self) -> QWidget:
        page = QWidget()
        self.form_title = label("title")
        form = QFormLayout()
        self.inputs: dict[str, QLineEdit] = {}
        self.captions: dict[str, QLabel] = {}
        for field in FIELDS:
            self.inputs[field] = self._line(field)
            self.captions[field] = label("body")
            self.captions[field].setBuddy(self.inputs[field])  # the field's name for a screen reader
            form.addRow(self.captions[field], self.inputs[field])
        self.status = label("status")
        self.status.setObjectName("previewStatus")
        self.save_button = button("primary", on_click=self._save)
        self.save_button.setObjectName("previewSave")
        self.keyboard = TouchKeyboard()
        self.keyboard.typed.connect(self._typed)
        self.keyboard.backspace.connect(lambda: self.inputs[self._active_field].backspace())
        self.keyboard.cleared.connect(lambda: self.inputs[self._active_field].clear())
        left = QVBoxLayout()
        left.addWidget(self.form_title)
        left.addLayout(form)
        left.addWidget(self.status)
        left.addWidget(self.save_button)
        left.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        self.body.addLayout(left, 1)
        self.body.addWidget(self.keyboard, 0, Qt.AlignmentFlag.AlignBottom)
        return page

    def set_portrait(self, portrait: bool) -> None:
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)

    def _line(self, field: str) -> QLineEdit:
        line = QLineEdit(objectName=f"preview-{field}")
        line.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        line.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        line.installEventFilter(self)
        return line

    def show_guest(self, title: str, first_name: str, last_name: str) -> None:
        """A new badge to look at: the name at once, the picture once rendered (set_image)."""
        self.reset()
        for field, value in zip(FIELDS, (title, first_name, last_name)):
            self.inputs[field].setText(value)
        self.name_label.setText(" ".join(p for p in (title, first_name, last_name) if p))
        self._ticks_left = int(PREVIEW_SECONDS * time_factor() * 10)
        self.countdown.setRange(0, self._ticks_left)
        self.countdown.setValue(self._ticks_left)
        self._timer.start()

    def set_image(self, image: QImage | None) -> None:
        if image is not None and not image.isNull():
            self.image.setPixmap(QPixmap.fromImage(image).scaledToHeight(
                IMAGE_HEIGHT, Qt.TransformationMode.SmoothTransformation))

    def request_print(self) -> None:
        self._timer.stop()
        self.print_requested.emit()

    def open_form(self) -> None:
        self._timer.stop()  # the guest is acting: the idle timeout still ends it if they walk away
        self.pages.setCurrentIndex(1)
        self.select_field("last_name")

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        set_tone(self.status, "error")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == event.Type.FocusIn:
            self._active_field = next(f for f, line in self.inputs.items() if line is watched)
        return False

    def select_field(self, field: str) -> None:
        self._active_field = field
        if self.isVisible():
            self.inputs[field].setFocus()

    def _typed(self, text: str) -> None:
        line = self.inputs[self._active_field]
        # Names start with a capital letter after a space or hyphen, as in the walk-in form.
        if text.isalpha() and (not line.text() or line.text()[-1] in " -"):
            text = text.upper()
        line.insert(text)

    def _save(self) -> None:
        self.correction_saved.emit({field: line.text().strip() for field, line in self.inputs.items()})

    def _tick(self) -> None:
        self._ticks_left -= 1
        self.countdown.setValue(self._ticks_left)
        if self._ticks_left <= 0:
            self.request_print()

    def retranslate(self, tr) -> None:
        self.title.setText(tr("Your badge: is your name right?"))
        self.print_button.setText(tr("Print"))
        self.correct_button.setText(tr("Correct the name"))
        self.form_title.setText(tr("Correct your name"))
        for field, caption in zip(FIELDS, (tr("Title"), tr("First name"), tr("Last name"))):
            self.captions[field].setText(caption)
        self.save_button.setText(tr("Save and print"))
        self.keyboard.retranslate(tr)

    def reset(self) -> None:
        self._timer.stop()
        self.pages.setCurrentIndex(0)
        self.image.clear()
        self.status.setText("")
        set_tone(self.status, "none")
        for line in self.inputs.values():
            line.clear()
            line.clearFocus()
