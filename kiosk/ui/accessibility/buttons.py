"""A push button whose words break onto more lines when the button is narrower than its text, and a
label whose minimum width is its longest word.

Qt's buttons never wrap: at twice the text size ('Nicht angemeldet? Hier registrieren' at 60 px) a
portrait screen would cut them off. The text the button is given stays its text (`text()`, and the
name a screen reader reads); only the drawn copy gets line breaks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy


def wrap_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """Greedy line breaking at spaces; a single word longer than `width` keeps a line of its own."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return "\n".join(lines)


class WrapButton(QPushButton):
    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._plain = ""
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        # Qt's buttons never shrink below their one-line width (Minimum): layouts then take that as
        # the least width (a window wider than the screen) and ask for the height at that width (one
        # line where two are drawn). Preferred lets a layout go down to minimumSizeHint, the longest word.
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)  # a second line may make it taller
        self.setSizePolicy(policy)
        self.setText(text)

    def text(self) -> str:  # the text as given, without the drawn line breaks
        return self._plain

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._plain = text
        self._show_wrapped(self.width() if self.isVisible() else None)

    def _overhead(self) -> QSize:
        """What the style adds around the text (padding, border, a minimum height), from Qt's hint."""
        hint = QPushButton.sizeHint(self)
        text = self.fontMetrics().size(0, QPushButton.text(self))
        return QSize(hint.width() - text.width(), hint.height() - text.height())

    def _wrapped_for(self, width: int) -> str:
        one_line = self.fontMetrics().horizontalAdvance(self._plain)
        room = width - self._overhead().width()
        return self._plain if one_line <= room else wrap_words(self._plain, self.fontMetrics(), room)

    def _show_wrapped(self, width: int | None) -> None:
        shown = self._plain if width is None else self._wrapped_for(width)
        if shown != QPushButton.text(self):
            QPushButton.setText(self, shown)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API: one line wide; as tall as its lines are now
        overhead = self._overhead()
        text = self.fontMetrics().size(0, self._plain)
        height = self.heightForWidth(self.width()) if self.width() > 0 else text.height() + overhead.height()
        return QSize(text.width() + overhead.width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API: the longest word must fit
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(word) for word in self._plain.split(" ")), default=0)
        width = min(widest + self._overhead().width(), self.sizeHint().width())
        return QSize(width, self.sizeHint().height())  # the real height comes from heightForWidth

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        text = self.fontMetrics().size(0, self._wrapped_for(width))
        return text.height() + self._overhead().height()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._show_wrapped(event.size().width())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API: a new look brings a new font size
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._show_wrapped(self.width() if self.isVisible() else None)


class FlowLabel(QLabel):
    """A word-wrapped label that may be as narrow as its longest word: Qt's own minimum for wrapped
    text is a comfortable paragraph width, which large text made wider than a screen."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        if not self.wordWrap() or self.textFormat() == Qt.TextFormat.RichText:
            return hint
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        widest = max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)
        width = widest + margins.left() + margins.right() + 2 * self.margin() + 2
        # Height as Qt says: layouts ask heightForWidth for the real one; the height at the narrowest
        # width would make every layout (and a scroll area's content) as tall as a column of words.
        return QSize(min(width, hint.width()), hint.height())
