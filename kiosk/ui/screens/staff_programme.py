"""Staff mode, programme: every session with its places taken; add, edit and remove sessions, see who
attends one (and undo an attendance), and put this kiosk into door mode for a session or end it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QHeaderView, QStackedWidget, QWidget

from kiosk.core.programme import InvalidSession, Session
from kiosk.services.programme import Attendee, ProgrammeDesk, SessionAttendance
from kiosk.services.staff import StaffDesk
from kiosk.ui.models.rows import Column, RowsModel
from kiosk.ui.screens.door import kind_label
from kiosk.ui.screens.staff_pages import Page
from kiosk.ui.screens.staff_parts import (InlineConfirm, TaskRunner, staff_button, staff_card, staff_label,
                                          staff_table)
from kiosk.ui.screens.staff_session_form import SessionForm
from kiosk.ui.widgets.common import set_tone

ROOM_COLUMN, ROOM_WIDTH = 2, 190


class ProgrammePage(Page):
    door_requested = Signal(str)  # a session id: this kiosk goes into door mode for it
    door_ended = Signal()

    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(staff, runner, parent)
        self.programme = ProgrammeDesk(staff.desk)
        self._door_session = ""
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(16)
        self.list_card = self._build_list()
        self.body.addWidget(self.list_card, 3)
        self.detail = QStackedWidget()
        self.form = SessionForm(staff.desk.event.days)
        self.form.save_requested.connect(self._save)
        self.form.cancelled.connect(self._close_detail)
        self.detail.addWidget(self._build_attendees())
        self.detail.addWidget(self.form)
        self.detail.hide()
        self.body.addWidget(self.detail, 2)
        self.layout_.addLayout(self.body, 1)

    def _build_list(self) -> QWidget:
        frame, layout = staff_card()
        heading = QHBoxLayout()
        self.title = staff_label("s-heading", "programmeTitle", wrap=False)
        self.new_button = staff_button("s-tool", "programmeNew", self.new_session)
        heading.addWidget(self.title, 1)
        heading.addWidget(self.new_button)
        layout.addLayout(heading)
        self.door_status = staff_label("s-status", "programmeDoorStatus")
        self.end_door_button = staff_button("s-quiet", "programmeEndDoor", self.end_door)
        door_row = QHBoxLayout()
        door_row.addWidget(self.door_status, 1)
        door_row.addWidget(self.end_door_button)
        layout.addLayout(door_row)
        self.model = RowsModel(key=lambda row: row.session.id, parent=self)
        self.table = staff_table(self.model, "programmeTable", stretch_columns=(1,))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._narrow_room)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.door_button = staff_button("s-primary", "programmeDoor", self.start_door)
        self.attendees_button = staff_button("s-tool", "programmeAttendees", self.show_attendees)
        self.edit_button = staff_button("s-tool", "programmeEdit", self.edit_selected)
        self.remove_button = staff_button("s-quiet", "programmeRemove", self.ask_remove)
        for widget in (self.door_button, self.attendees_button, self.edit_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.remove_button)
        layout.addLayout(actions)
        self.confirm = InlineConfirm(names="programmeConfirm")
        self.feedback = staff_label("s-status", "programmeFeedback")
        self.feedback.hide()
        layout.addWidget(self.confirm)
        layout.addWidget(self.feedback)
        self._show_door_status()
        return frame

    def _build_attendees(self) -> QWidget:
        frame, layout = staff_card()
        self.attendees_title = staff_label("s-heading", "attendeesTitle")
        self.attendees_model = RowsModel(key=lambda a: a.guest.id, parent=self)
        self.attendees_table = staff_table(self.attendees_model, "attendeesTable", stretch_columns=(1,))
        self.attendees_table.selectionModel().selectionChanged.connect(self._update_actions)
        row = QHBoxLayout()
        self.undo_button = staff_button("s-tool", "attendeesUndo", self.ask_undo)
        self.close_button = staff_button("s-quiet", "attendeesClose", self._close_detail)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addWidget(self.attendees_title)
        layout.addWidget(self.attendees_table, 1)
        layout.addLayout(row)
        return frame

    # -- the list ------------------------------------------------------------------------------------
    def load(self) -> None:
        self.runner.run(self.programme.attendance_table, on_success=self._show_rows)

    def _show_rows(self, rows: list[SessionAttendance]) -> None:
        keep = self.selected()
        self.model.set_rows(rows)
        position = self.model.position_of(keep.id) if keep else None
        if position is not None:
            self.table.selectRow(position)
        self._show_door_status()  # names the session now that its title is known
        self._update_actions()

    def _narrow_room(self) -> None:
        """A long room name must not squeeze the title: the room column has a width of its own (elided)."""
        if self.model.columnCount() > ROOM_COLUMN:
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(ROOM_COLUMN, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(ROOM_COLUMN, ROOM_WIDTH)

    def selected(self) -> Session | None:
        chosen = self.table.selectionModel().selectedRows()
        row = self.model.row_at(chosen[0].row()) if chosen else None
        return row.session if row else None

    def select(self, session_id: str) -> bool:
        position = self.model.position_of(session_id)
        if position is not None:
            self.table.selectRow(position)
        return position is not None

    def _selection_changed(self) -> None:
        self.confirm.cancel()
        if self.detail.isVisible() and self.detail.currentIndex() == 0:
            self.show_attendees()
        self._update_actions()

    def _update_actions(self) -> None:
        chosen = self.selected() is not None
        for widget in (self.door_button, self.attendees_button, self.edit_button, self.remove_button):
            widget.setEnabled(chosen)
        self.undo_button.setEnabled(bool(self.attendees_table.selectionModel().selectedRows()))

    # -- editing ---------------------------------------------------------------------------------------
    def new_session(self) -> None:
        self._open_form(None)

    def edit_selected(self) -> None:
        if self.selected() is not None:
            self._open_form(self.selected())

    def _open_form(self, session: Session | None) -> None:
        self.confirm.cancel()
        self.detail.setCurrentWidget(self.form)
        self.list_card.hide()  # the form and its keyboard take the whole page
        self.detail.show()
        self.form.edit(session, self.staff.desk.today())

    def _save(self, session: Session) -> None:
        self.runner.run(self.programme.save, session, on_success=self._saved, on_failure=self._save_failed)

    def _saved(self, session: Session) -> None:
        self._close_detail()
        self.show_feedback("success", self._tr("Saved: {title}", title=session.title(self._lang())))
        self._changed(session.id)

    def _save_failed(self, error: BaseException) -> None:
        if not isinstance(error, InvalidSession):
            self.runner.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.form.show_problem(error.field, self._problem_text(error.field))

    def _problem_text(self, field_name: str) -> str:
        tr = self._tr
        return {"title": tr("A session needs a title."), "end": tr("The end must be after the start."),
                "capacity": tr("Places: a number, or empty for no limit."),
                "day": tr("Choose a day of the event."),
                "room": tr("The room name is too long.")}.get(field_name, tr("Please check the entry."))

    def ask_remove(self) -> None:
        session = self.selected()
        if session is not None:
            question = self._tr("Remove “{title}” from the programme?", title=session.title(self._lang()))
            self.confirm.ask(question, self._tr("Remove"), lambda: self._remove(session.id), danger=True)

    def _remove(self, session_id: str) -> None:
        self.runner.run(self.programme.remove, session_id, on_success=lambda _: self._changed(None))

    def _changed(self, select: str | None) -> None:
        self.data_changed.emit()
        self.runner.run(self.programme.attendance_table, on_success=lambda rows: self._reselect(rows, select))

    def _reselect(self, rows: list[SessionAttendance], session_id: str | None) -> None:
        self._show_rows(rows)
        if session_id:
            self.select(session_id)

    # -- attendees -------------------------------------------------------------------------------------
    def show_attendees(self) -> None:
        session = self.selected()
        if session is None:
            return
        self.detail.setCurrentIndex(0)
        self.detail.show()
        self.attendees_title.setText(session.title(self._lang()))
        self.runner.run(self.programme.attendees, session.id, on_success=self._show_attendees)

    def _show_attendees(self, attendees: list[Attendee]) -> None:
        self.attendees_model.set_rows(attendees)
        self._update_actions()

    def ask_undo(self) -> None:
        chosen = self.attendees_table.selectionModel().selectedRows()
        session = self.selected()
        if not chosen or session is None:
            return
        attendee = self.attendees_model.row_at(chosen[0].row())
        self.confirm.ask(self._tr("Undo the attendance of {name}?", name=attendee.guest.full_name),
                         self._tr("Undo attendance"), lambda: self._undo(session.id, attendee.guest.id))

    def _undo(self, session_id: str, guest_id: str) -> None:
        self.runner.run(self.programme.undo, session_id, guest_id,
                        on_success=lambda _: self._undone(session_id))

    def _undone(self, session_id: str) -> None:
        self.show_feedback("success", self._tr("Attendance undone."))
        self._changed(session_id)
        self.show_attendees()

    def _close_detail(self) -> None:
        self.detail.hide()
        self.list_card.show()
        self.form.reset()

    # -- door mode -------------------------------------------------------------------------------------
    def start_door(self) -> None:
        session = self.selected()
        if session is not None:
            self.door_requested.emit(session.id)

    def end_door(self) -> None:
        self.door_ended.emit()
        self.show_door_mode("")

    def show_door_mode(self, session_id: str) -> None:
        """What the kiosk is in now: door mode for this session ('' for none)."""
        self._door_session = session_id
        self._show_door_status()

    def _show_door_status(self) -> None:
        held = next((r.session for r in self.model.rows() if r.session.id == self._door_session), None)
        self.door_status.setVisible(bool(self._door_session))
        self.end_door_button.setVisible(bool(self._door_session))
        if self._door_session:
            title = held.title(self._lang()) if held else self._door_session
            self.door_status.setText(self._tr("This kiosk is in door mode for: {title}", title=title))
            set_tone(self.door_status, "warning")

    # -- page ------------------------------------------------------------------------------------------
    def show_feedback(self, tone: str, text: str) -> None:
        self.feedback.setText(text)
        set_tone(self.feedback, tone)
        self.feedback.show()

    def _lang(self) -> str:
        return self._tr.lang

    def reset(self) -> None:
        self.confirm.cancel()
        self.feedback.hide()
        self.attendees_model.set_rows([])
        self._close_detail()
        self.table.clearSelection()

    def set_portrait(self, portrait: bool) -> None:
        direction = QBoxLayout.Direction
        self.body.setDirection(direction.TopToBottom if portrait else direction.LeftToRight)
        self.form.set_portrait(portrait)

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Programme"))
        self.new_button.setText(tr("New session"))
        self.door_button.setText(tr("Start door mode"))
        self.attendees_button.setText(tr("Attendees"))
        self.edit_button.setText(tr("Edit"))
        self.remove_button.setText(tr("Remove"))
        self.end_door_button.setText(tr("End door mode"))
        self.undo_button.setText(tr("Undo attendance"))
        self.close_button.setText(tr("Close"))
        self.confirm.retranslate(tr)
        self.form.retranslate(tr)
        self.model.set_columns(_session_columns(tr, self._lang()))
        self.attendees_model.set_columns([
            Column(tr("Time"), lambda a: self.staff.desk.event.local_time(a.at).strftime("%H:%M")),
            Column(tr("Name"), lambda a: a.guest.full_name),
            Column(tr("Organization"), lambda a: a.guest.organization_name)])
        self._show_door_status()


def _session_columns(tr, lang: str) -> list[Column]:
    def places(row: SessionAttendance) -> str:
        capacity = row.session.capacity
        return tr("{present} of {capacity}", present=row.attended, capacity=capacity) if capacity \
            else str(row.attended)

    def tone(row: SessionAttendance) -> str:
        capacity = row.session.capacity
        return "warning" if capacity and row.attended >= capacity else ""

    return [Column(tr("Time"), lambda r: f"{r.session.day:%d.%m.} {r.session.time_text}"),
            Column(tr("Title"), lambda r: f"{r.session.title(lang)} · {kind_label(r.session.kind, tr)}"),
            Column(tr("Room"), lambda r: r.session.room),
            Column(tr("Here now"), places, tone=tone, align_right=True)]
