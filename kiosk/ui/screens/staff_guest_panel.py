"""Staff mode, one guest: the selected guest in words, the actions staff can take on them, and the
staff note with its 'needs attention' flag; and the guest table's columns."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QBoxLayout, QFrame, QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import category_label
from kiosk.services.staff import StaffGuestRow
from kiosk.services.staff_notes import NOTE_LIMIT, GuestNote
from kiosk.ui.models.rows import Column
from kiosk.ui.screens.staff_parts import staff_button, staff_label

# guest id -> True (needs attention), False (a note only) or None (neither)
Attention = Callable[[str], "bool | None"]


def _untranslated(text: str, **values: object) -> str:
    return text.format(**values) if values else text


class SelectionPanel(QFrame):
    """The selected guest in words, the three actions staff can take on them, and the note."""

    def __init__(self, reprint, undo, approve, save_note, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffSelection")
        self._tr = _untranslated
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 14, 12)
        outer.setSpacing(10)
        self.layout_ = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.layout_.setSpacing(12)
        who = QVBoxLayout()
        who.setSpacing(2)
        self.selected_name = staff_label("s-strong", "staffSelectedName")
        self.selected_detail = staff_label("s-muted", "staffSelectedDetail")
        who.addWidget(self.selected_name)
        who.addWidget(self.selected_detail)
        self.layout_.addLayout(who, 1)
        self.actions = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.actions.setSpacing(10)
        self.reprint_button = staff_button("s-tool", "staffReprint", reprint)
        self.undo_button = staff_button("s-tool", "staffUndo", undo)
        self.approve_button = staff_button("s-tool", "staffApprove", approve)
        for widget in (self.reprint_button, self.undo_button, self.approve_button):
            self.actions.addWidget(widget)
        self.layout_.addLayout(self.actions)
        outer.addLayout(self.layout_)
        self.notes = NoteEditor(save_note)
        outer.addLayout(self.notes.row)

    def show_row(self, row: StaffGuestRow | None, free: bool, can_print: bool,
                 attention: bool | None = None) -> None:
        tr = self._tr
        if row is None:
            self.selected_name.setText(tr("No guest selected"))
            self.selected_detail.setText(tr("Select a row, or scan a badge."))
        else:
            self.selected_name.setText(row.name)
            self.selected_detail.setText(self._describe(row, attention))
        free = row is not None and free
        self.reprint_button.setEnabled(free and can_print)
        self.undo_button.setEnabled(free and bool(row.checked_in_at))
        self.approve_button.setEnabled(free and row.needs_review)
        self.notes.set_free(free)

    def _describe(self, row: StaffGuestRow, attention: bool | None) -> str:
        tr = self._tr
        parts = [tr("needs attention")] if attention else []
        parts += [row.organization] if row.organization else []
        if row.checked_in_at:
            parts.append(tr("checked in at {time}", time=row.checked_in_at))
        elif row.expected_today:
            parts.append(tr("not checked in yet"))
        else:
            parts.append(tr("registered for other days"))
        if row.needs_review:
            parts.append(tr("walk-in to review"))
        return " · ".join(parts)

    def set_portrait(self, portrait: bool) -> None:
        # Portrait: the guest above, the three actions stacked full width below (German labels are long).
        direction = QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        self.layout_.setDirection(direction)
        self.actions.setDirection(direction)
        self.notes.row.setDirection(direction)

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.reprint_button.setText(tr("Reprint badge"))
        self.undo_button.setText(tr("Undo check-in"))
        self.approve_button.setText(tr("Approve walk-in"))
        self.notes.retranslate(tr)


class NoteEditor:
    """The staff note of the selected guest: a line of text, the flag, and a save button. Filled only
    once the guest's note has been read, so a save never writes another guest's note by accident."""

    def __init__(self, save) -> None:
        self.guest_id: str | None = None
        self._free = False
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.setSpacing(10)
        self.text = QLineEdit()
        self.text.setObjectName("staffNote")
        self.text.setMaxLength(NOTE_LIMIT)
        self.text.returnPressed.connect(save)
        self.attention = staff_button("s-chip", "staffAttention", checkable=True)
        self.save_button = staff_button("s-tool", "staffNoteSave", save)
        self.row.addWidget(self.text, 1)
        self.row.addWidget(self.attention)
        self.row.addWidget(self.save_button)
        self.show_note(None)

    def show_note(self, note: GuestNote | None) -> None:
        """The note as stored; None while no guest is selected or the note is being read."""
        self.guest_id = note.guest_id if note else None
        self.text.setText(note.note if note else "")
        self.text.setCursorPosition(0)  # the note's beginning, when it is longer than the field
        self.attention.setChecked(bool(note and note.needs_attention))
        self._enable()

    def set_free(self, free: bool) -> None:
        self._free = free
        self._enable()

    def _enable(self) -> None:
        ready = self._free and self.guest_id is not None
        for widget in (self.text, self.attention, self.save_button):
            widget.setEnabled(ready)

    def retranslate(self, tr) -> None:
        self.text.setPlaceholderText(tr("Note for staff (never shown to the guest)"))
        self.attention.setText(tr("Needs attention"))
        self.save_button.setText(tr("Save note"))


def guest_columns(tr, attention: Attention) -> list[Column]:
    def today(row: StaffGuestRow) -> str:
        if row.checked_in_at:
            return f"✓ {row.checked_in_at}"
        return tr("Not yet") if row.expected_today else tr("Other day")

    def walk_in(row: StaffGuestRow) -> str:
        return tr("To review") if row.needs_review else tr("Approved") if row.walk_in else ""

    def note(row: StaffGuestRow) -> str:
        flag = attention(row.guest_id)
        return "" if flag is None else "⚠ " + tr("Attention") if flag else tr("Note")

    return [
        Column(tr("Name"), lambda r: r.name),
        Column(tr("Organization"), lambda r: r.organization),
        Column(tr("Category"), lambda r: category_label(r.category, tr)),
        Column(tr("Today"), today, tone=lambda r: "success" if r.checked_in_at else "muted"),
        Column(tr("Walk-in"), walk_in, tone=lambda r: "warning" if r.needs_review else ""),
        Column(tr("Staff note"), note, tone=lambda r: "warning" if attention(r.guest_id) else ""),
    ]
