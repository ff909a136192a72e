"""A row of two parts that folds when narrow: the lead (the header's event name and day) takes what
the tail (the header's buttons) leaves beside it, and where even the lead's longest word would not fit
beside the tail, the tail goes below the lead at the right.

A row of both side by side is as wide as its lead's longest word and all its buttons together: in
large text on a portrait screen that is more than the screen (1084 px of 1080), and Qt then makes the
window wider than the screen. The folded row needs only the wider of the two parts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget


def _height_for(widget: QWidget, width: int) -> int:
    hint = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
    return max(hint, widget.minimumSizeHint().height())


class FoldRow(QWidget):
    def __init__(self, lead: QWidget, tail: QWidget, margins: QMargins, spacing: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lead, self.tail, self.margins, self.spacing = lead, tail, margins, spacing
        for part in (lead, tail):
            part.setParent(self)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)

    def folded(self, width: int) -> bool:
        room = width - self.margins.left() - self.margins.right() - self.spacing
        return self.lead.minimumSizeHint().width() + self.tail.sizeHint().width() > room

    def _tail_size(self, room: int) -> QSize:
        width = min(self.tail.sizeHint().width(), room)
        return QSize(width, _height_for(self.tail, width))

    def _places(self, width: int) -> tuple[QRect, QRect]:
        """Where the lead and the tail go in a row `width` wide (their height included)."""
        left, top = self.margins.left(), self.margins.top()
        inner = width - left - self.margins.right()
        tail = self._tail_size(inner)
        if self.folded(width):
            lead = QRect(left, top, inner, _height_for(self.lead, inner))
            return lead, QRect(left + inner - tail.width(), lead.bottom() + 1 + self.spacing, tail.width(),
                               tail.height())
        lead = QSize(inner - self.spacing - tail.width(), 0)
        lead.setHeight(_height_for(self.lead, lead.width()))
        height = max(lead.height(), tail.height())  # both centred in the taller one's height
        return (QRect(left, top + (height - lead.height()) // 2, lead.width(), lead.height()),
                QRect(left + inner - tail.width(), top + (height - tail.height()) // 2, tail.width(),
                      tail.height()))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        lead, tail = self._places(width)
        return max(lead.bottom(), tail.bottom()) + 1 + self.margins.bottom()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API: folded, the wider part alone
        width = (max(self.lead.minimumSizeHint().width(), self.tail.minimumSizeHint().width())
                 + self.margins.left() + self.margins.right())
        # The height side by side, as a wrapped label's: layouts ask heightForWidth for the real one,
        # and the height at the narrowest width would make a landscape window taller than its screen.
        return QSize(width, self.sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API: side by side
        width = (self.lead.sizeHint().width() + self.spacing + self.tail.sizeHint().width()
                 + self.margins.left() + self.margins.right())
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._place()

    def _place(self) -> None:
        lead, tail = self._places(self.width())
        self.lead.setGeometry(lead)
        self.tail.setGeometry(tail)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a part's texts or font changed: measure again
            self.updateGeometry()
            self._place()
        return super().event(event)
