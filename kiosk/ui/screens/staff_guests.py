"""Staff mode, guests: a searchable, filtered table; reprint / undo / approve and the staff note for the
selected guest."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QButtonGroup, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.model import PrintStatus
from kiosk.services.staff import FILTERS, GuestFilter, NoPrinter, StaffDesk, StaffGuestRow
from kiosk.services.staff_notes import GuestNote, StaffNotes
from kiosk.ui.models.rows import RowsModel
from kiosk.ui.screens.staff_guest_panel import SelectionPanel, _untranslated, guest_columns
from kiosk.ui.screens.staff_parts import InlineConfirm, TaskRunner, staff_button, staff_label, staff_table
from kiosk.ui.widgets.common import set_tone
from kiosk.ui.widgets.keyboard import TouchKeyboard


class GuestsPage(QWidget):
    data_changed = Signal()  # a staff action changed the database: numbers elsewhere are stale

    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None,
                 notes: StaffNotes | None = None) -> None:
        super().__init__(parent)
        self.staff = staff
        self.notes = notes or StaffNotes(staff.store)
        self._marks: dict[str, bool] = {}  # guest id -> needs attention, for guests with a flag or note
        self._arrived: str | None = None  # a guest who just checked in at this kiosk
        self.runner = runner
        self._tr = _untranslated
        self._filter: GuestFilter = "all"
        self._loading = self._dirty = self._acting = False
        self._select_after_load: str | None = None
        self._announce_after_load = False
        self._quiet = False  # set while the page itself changes the search text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(self._build_search())
        layout.addLayout(self._build_filters())
        self.model = RowsModel(key=lambda row: row.guest_id, parent=self)
        self.table = staff_table(self.model, "staffGuestTable", stretch_columns=(0, 1))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self.selection = SelectionPanel(self.ask_reprint, self.ask_undo, self.ask_approve, self.save_note)
        layout.addWidget(self.selection)
        self.confirm = InlineConfirm()
        layout.addWidget(self.confirm)
        self.feedback = staff_label("s-status", "staffFeedback")
        self.feedback.hide()
        layout.addWidget(self.feedback)
        self.keyboard = TouchKeyboard()
        self.keyboard.setObjectName("staffKeyboard")
        self.keyboard.typed.connect(self.search.insert)
        self.keyboard.backspace.connect(self.search.backspace)
        self.keyboard.cleared.connect(self.search.clear)
        self.keyboard.hide()
        layout.addWidget(self.keyboard)
        self._update_actions()

    # -- building ------------------------------------------------------------------
    def _build_search(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)
        self.search = QLineEdit()
        self.search.setObjectName("staffSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.keyboard_button = staff_button("s-tool", "staffKeyboardToggle", self._toggle_keyboard,
                                            checkable=True)
        row.addWidget(self.search, 1)
        row.addWidget(self.keyboard_button)
        return row

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.filter_group = QButtonGroup(self)
        self.filter_buttons = {}
        for name in FILTERS:
            chip = staff_button("s-chip", f"staffFilter-{name}", checkable=True)
            chip.clicked.connect(lambda _=False, f=name: self.set_filter(f))
            self.filter_group.addButton(chip)
            self.filter_buttons[name] = chip
            row.addWidget(chip)
        self.filter_buttons["all"].setChecked(True)
        row.addStretch(1)
        self.count_label = staff_label("s-muted", "staffGuestCount", wrap=False)
        row.addWidget(self.count_label)
        return row

    # -- the list ------------------------------------------------------------------
    def load(self) -> None:
        """Ask for the rows in the background; typing faster than answers come runs only the last query."""
        if self._loading:
            self._dirty = True
            return
        self._loading = True
        self.runner.run(_listing, self.staff, self.notes, self._filter, self.search.text(),
                        on_success=self._show_rows, on_failure=self._load_failed)

    def _show_rows(self, listing: tuple[list[StaffGuestRow], dict[str, bool]]) -> None:
        self._loading = False
        if self._dirty:
            self._dirty = False
            self.load()
            return
        keep = self._select_after_load or self.selected_id()
        rows, self._marks = listing
        self.model.set_rows(rows)
        self.count_label.setText(self._tr("{count} shown", count=len(rows)))
        self._select_after_load = None
        if not (keep and self.select_guest(keep)):
            self.table.scrollToTop()
        if self._announce_after_load and self.selected_row():
            self.show_feedback("", self._tr("Scanned: {name}", name=self.selected_row().name))
        self._announce_after_load = False
        self._announce_arrival()
        self._update_actions()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = self._dirty = False
        self.show_feedback("error", self._tr("The guest list could not be loaded: {error}", error=error))

    def _search_changed(self) -> None:
        if not self._quiet:
            self.load()

    def _clear_search_quietly(self) -> None:
        # Not blockSignals: the line edit's own clear button listens to textChanged too.
        self._quiet = True
        try:
            self.search.clear()
        finally:
            self._quiet = False

    def set_filter(self, name: GuestFilter) -> None:
        self._filter = name
        self.filter_buttons[name].setChecked(True)
        self.load()

    def select_guest(self, guest_id: str) -> bool:
        position = self.model.position_of(guest_id)
        if position is None:
            self.table.clearSelection()
            return False
        self.table.selectRow(position)
        self.table.scrollTo(self.model.index(position, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def show_scanned(self, guest_id: str) -> None:
        """A badge scanned in staff mode: show everyone, select that guest."""
        self._clear_search_quietly()
        self._filter = "all"
        self.filter_buttons["all"].setChecked(True)
        self._select_after_load = guest_id
        self._announce_after_load = True
        self.load()

    def selected_row(self) -> StaffGuestRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row.guest_id if row else None

    def _selection_changed(self, *_: object) -> None:
        self.confirm.cancel()
        self._load_note()
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.selection.show_row(row, free=not self._acting, can_print=self.staff.print_queue is not None,
                                attention=self.attention_of(row.guest_id) if row else None)

    def attention_of(self, guest_id: str) -> bool | None:
        """True: needs attention; False: a note only; None: neither."""
        return self._marks.get(guest_id)

    # -- the staff note --------------------------------------------------------------
    def _load_note(self) -> None:
        guest_id = self.selected_id()
        editor = self.selection.notes
        if guest_id == editor.guest_id:
            return  # the same guest after a reload: keep what staff are typing
        editor.show_note(None)
        if guest_id:
            self.runner.run(self.notes.note_of, guest_id, on_success=self._note_loaded,
                            on_failure=self._action_failed)

    def _note_loaded(self, note: GuestNote) -> None:
        if note.guest_id == self.selected_id():  # staff may have moved on meanwhile
            self.selection.notes.show_note(note)

    def save_note(self) -> None:
        editor = self.selection.notes
        row = self.selected_row()
        if row is None or row.guest_id != editor.guest_id or not editor.save_button.isEnabled():
            return
        text, flag = editor.text.text(), editor.attention.isChecked()  # read here: the save runs elsewhere
        self._act(lambda guest_id: self.notes.save(guest_id, text, flag), row, self._note_saved)

    def _note_saved(self, row: StaffGuestRow, note: GuestNote) -> None:
        if note.guest_id == self.selection.notes.guest_id:
            self.selection.notes.show_note(note)
        self.show_feedback("success", self._tr("Note for {name} saved.", name=row.name))

    # -- arrivals at this kiosk ------------------------------------------------------
    def watch(self, events) -> None:
        """Listen to the app-wide events: a guest checked in while staff mode is open shows at once."""
        events.checkin_did_complete.connect(self.guest_checked_in)

    def guest_checked_in(self, guest_id: str) -> None:
        if self.isVisible():
            self._arrived = guest_id
            self.load()

    def _announce_arrival(self) -> None:
        guest_id, self._arrived = self._arrived, None
        position = self.model.position_of(guest_id) if guest_id else None
        if position is not None and self.attention_of(guest_id):
            self.show_feedback("warning", self._tr("{name} has just checked in and needs attention.",
                                                   name=self.model.row_at(position).name))

    # -- actions, each confirmed inline ----------------------------------------------
    def ask_reprint(self) -> None:
        row = self._actionable(self.selection.reprint_button)
        if row:
            self.confirm.ask(self._tr("Print a new badge for {name}?", name=row.name), self._tr("Yes, print"),
                             lambda: self._act(self.staff.reprint, row, self._reprinted, printing=True))

    def ask_undo(self) -> None:
        row = self._actionable(self.selection.undo_button)
        if row:
            self.confirm.ask(self._tr("Undo today's check-in of {name} ({time})?", name=row.name,
                                      time=row.checked_in_at), self._tr("Yes, undo"),
                             lambda: self._act(self.staff.undo_check_in, row, self._undone), danger=True)

    def ask_approve(self) -> None:
        row = self._actionable(self.selection.approve_button)
        if row:
            self.confirm.ask(self._tr("Approve the walk-in registration of {name}?", name=row.name),
                             self._tr("Yes, approve"),
                             lambda: self._act(self.staff.approve_walk_in, row, self._approved))

    def _actionable(self, action_button) -> StaffGuestRow | None:
        return self.selected_row() if action_button.isEnabled() else None

    def _act(self, fn, row: StaffGuestRow, done, printing: bool = False) -> None:
        self._acting = True
        self._update_actions()
        self.show_feedback("", self._tr("Working on it…"))
        run = self.runner.run_printing if printing else self.runner.run
        run(fn, row.guest_id, on_success=lambda result: self._finish(done, row, result),
            on_failure=self._action_failed)

    def _finish(self, done, row: StaffGuestRow, result) -> None:
        self._acting = False
        done(row, result)
        self.data_changed.emit()
        self.load()

    def _reprinted(self, row: StaffGuestRow, job) -> None:
        if job.status == PrintStatus.DONE:
            self.show_feedback("success", self._tr("Badge for {name} printed.", name=row.name))
        else:
            self.show_feedback("error", self._tr("The badge for {name} could not be printed: {reason}",
                                                 name=row.name, reason=job.reason))

    def _undone(self, row: StaffGuestRow, removed: bool) -> None:
        if removed:
            self.show_feedback("success", self._tr("Check-in of {name} undone.", name=row.name))
        else:
            self.show_feedback("warning", self._tr("{name} was not checked in today.", name=row.name))

    def _approved(self, row: StaffGuestRow, approved: bool) -> None:
        if approved:
            self.show_feedback("success", self._tr("Walk-in {name} approved.", name=row.name))
        else:
            self.show_feedback("warning", self._tr("{name} needs no approval.", name=row.name))

    def _action_failed(self, error: BaseException) -> None:
        self._acting = False
        self._update_actions()
        if isinstance(error, NoPrinter):
            self.show_feedback("error", self._tr("No printer is set up for this kiosk."))
        else:
            self.show_feedback("error", self._tr("That did not work: {error}", error=error))

    def show_feedback(self, tone: str, text: str) -> None:
        self.feedback.setText(text)
        set_tone(self.feedback, tone)
        self.feedback.setVisible(bool(text))

    # -- screen duties ---------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _toggle_keyboard(self) -> None:
        self.keyboard.setVisible(self.keyboard_button.isChecked())

    def cancel(self) -> bool:
        """Escape: drop a pending confirmation first, then the search text."""
        if self.confirm.asking:
            self.confirm.cancel()
            return True
        if self.search.text():
            self.search.clear()
            return True
        return False

    def reset(self) -> None:
        self.confirm.cancel()
        self._clear_search_quietly()
        self._filter = "all"
        self.filter_buttons["all"].setChecked(True)
        self._select_after_load = None
        self._announce_after_load = False
        self.model.set_rows([])
        self._marks = {}
        self._arrived = None
        self.selection.notes.show_note(None)
        self.count_label.clear()
        self.show_feedback("", "")
        self.keyboard_button.setChecked(False)
        self.keyboard.hide()
        self._update_actions()

    def set_portrait(self, portrait: bool) -> None:
        self.selection.set_portrait(portrait)

    def retranslate(self, tr) -> None:
        self._tr = tr
        keep = self.selected_id()
        self.search.setPlaceholderText(tr("Search name or organization (Ctrl+F)"))
        self.search.setAccessibleName(tr("Search guests"))  # a placeholder is no name for a screen reader
        self.table.setAccessibleName(tr("Guests"))
        self.keyboard_button.setText(tr("Keyboard"))
        labels = {"all": tr("All"), "checked_in": tr("Checked in today"), "not_yet": tr("Not yet arrived"),
                  "walk_ins": tr("Walk-ins")}
        for name, chip in self.filter_buttons.items():
            chip.setText(labels[name])
        self.selection.retranslate(tr)
        self.confirm.retranslate(tr)
        self.keyboard.retranslate(tr)
        self.model.set_columns(guest_columns(tr, self.attention_of))
        if self.model.rowCount():
            self.count_label.setText(tr("{count} shown", count=self.model.rowCount()))
        if keep:
            self.select_guest(keep)
        self._update_actions()


def _listing(staff: StaffDesk, notes: StaffNotes, filter: GuestFilter, query: str):
    """In the background: the rows, and which guests carry a flag or a note (read live: staff set
    notes here, and other kiosks' notes arrive by sync)."""
    return staff.guest_rows(filter, query), notes.marks()
