"""The programme desk: sessions (list, add, edit, remove, import) and attendance at a session's door.

The CLI, door mode and staff mode call this; every write is one transaction through the journal, so
sessions and attendance sync like check-ins.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from kiosk.core.model import Guest
from kiosk.core.programme import (AttendanceOutcome, AttendanceRefusal, AttendStatus, Session, check_session,
                                  decide_attendance, new_session_id)
from kiosk.core.refusals import KioskError
from kiosk.importing import Notice, Rejection
from kiosk.importing.programme import read_programme_file
from kiosk.services.desk import FrontDesk
from kiosk.storage import programme as stored

UNDO_ATTENDANCE = "undo_attendance"
SESSION_SAVED = "session_saved"
SESSION_REMOVED = "session_removed"
PROGRAMME_IMPORTED = "programme_imported"


@dataclass
class ProgrammeImport:
    source: str
    added: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict:
        return {"source": self.source, "added": self.added, "updated": self.updated, "dry_run": self.dry_run,
                "rejected": [{"line": r.line, "field": r.field, "reason": r.reason} for r in self.rejected],
                "notices": [{"line": n.line, "field": n.field, "reason": n.reason} for n in self.notices]}


@dataclass(frozen=True)
class Attendee:
    guest: Guest
    at: datetime


@dataclass(frozen=True)
class SessionAttendance:
    """A line of the report's attendance table."""

    session: Session
    attended: int


class ProgrammeDesk:
    def __init__(self, desk: FrontDesk) -> None:
        self.desk = desk
        self.store = desk.store

    # -- sessions --------------------------------------------------------------------------------------
    def sessions(self, day: date | None = None) -> list[Session]:
        return stored.sessions(self.store, day)

    def today(self) -> list[Session]:
        return self.sessions(self.desk.today())

    def session(self, session_id: str) -> Session | None:
        return stored.session(self.store, session_id)

    def check(self, session: Session) -> Session:
        """The session trimmed; InvalidSession (field, message) if it breaks a rule."""
        return check_session(session, self.desk.event.days)

    def save(self, session: Session) -> Session:
        """Add a session (an empty id gets a new one) or replace the one with its id."""
        if not session.id:
            session = replace(session, id=new_session_id())
        session = self.check(session)
        with self.store.atomic():
            stored.save_session(self.store, session)
            self.store.audit(SESSION_SAVED, "", session.id)
        return session

    def remove(self, session_id: str) -> bool:
        with self.store.atomic():
            removed = stored.delete_session(self.store, session_id)
            if removed:
                self.store.audit(SESSION_REMOVED, "", session_id)
        return removed

    def import_sessions(self, sessions: Iterable[Session]) -> tuple[int, int]:
        """Sessions read from a file: one with the day, start and title of a session the programme holds
        updates it (a file imported again duplicates nothing). Returns (added, updated)."""
        with self.store.atomic():
            known = {_import_key(s): s.id for s in self.sessions()}
            checked = [self.check(replace(s, id=known.get(_import_key(s), s.id or new_session_id())))
                       for s in sessions]
            updated = sum(1 for s in checked if s.id in known.values())
            stored.save_sessions(self.store, checked)
            self.store.audit(PROGRAMME_IMPORTED, "", f"{len(checked) - updated} {updated}")
        return len(checked) - updated, updated

    def import_file(self, path: Path, dry_run: bool = False) -> ProgrammeImport:
        """Read a programme file (ImportFileError if it cannot be read at all) and save its valid rows;
        `dry_run`: only check it."""
        parsed = read_programme_file(path, self.desk.event)
        report = ProgrammeImport(parsed.source, rejected=parsed.rejected, notices=parsed.notices,
                                 dry_run=dry_run)
        sessions = [session for _, session in parsed.sessions]
        if dry_run:
            known = {_import_key(s) for s in self.sessions()}
            report.updated = sum(1 for s in sessions if _import_key(s) in known)
            report.added = len(sessions) - report.updated
        elif sessions:
            report.added, report.updated = self.import_sessions(sessions)
        return report

    # -- attendance ------------------------------------------------------------------------------------
    def attend(self, session_id: str, code: str) -> AttendanceOutcome:
        """A scan (ticket code or badge token) at the session's door."""
        try:
            guest = self.desk.resolve(code)
        except KioskError as error:
            return AttendanceOutcome(AttendStatus.REJECTED, self.session(session_id), reason=error.code,
                                     present=stored.present_count(self.store, session_id))
        return self.attend_guest(session_id, guest)

    def attend_guest(self, session_id: str, guest: Guest) -> AttendanceOutcome:
        now = self.desk.clock()
        with self.store.atomic():
            session = self.session(session_id)
            if session is None:
                return AttendanceOutcome(AttendStatus.REJECTED, guest=guest,
                                         reason=AttendanceRefusal.UNKNOWN_SESSION)
            earlier = stored.attendance_of(self.store, session_id, guest.id)
            count = stored.present_count(self.store, session_id)
            today = self.desk.event.local_day(now)
            outcome = decide_attendance(session, guest.id, today, earlier, count, now)
            if outcome.status == AttendStatus.RECORDED:
                stored.record_attendance(self.store, outcome.attendance)
        return replace(outcome, guest=guest)

    def undo(self, session_id: str, guest_id: str) -> bool:
        """Staff undo of a guest's attendance; False if they were not counted."""
        with self.store.atomic():
            removed = stored.undo_attendance(self.store, session_id, guest_id)
            if removed:
                self.store.audit(UNDO_ATTENDANCE, guest_id, session_id)
        return removed

    def attendees(self, session_id: str) -> list[Attendee]:
        """Who attends, in the order they came (erased guests are gone with their attendance)."""
        with self.store.snapshot():
            present = stored.present(self.store, session_id)
            guests = {g.id: g for g in map(self.store.guest, [a.guest_id for a in present]) if g}
        return [Attendee(guests[a.guest_id], a.at) for a in present if a.guest_id in guests]

    def present_guest_ids(self, session_id: str) -> list[str]:
        """The ids of the guests attending, in the order they came (round planning starts here)."""
        return [a.guest_id for a in stored.present(self.store, session_id)]

    def present_count(self, session_id: str) -> int:
        return stored.present_count(self.store, session_id)

    def attendance_table(self, day: date | None = None) -> list[SessionAttendance]:
        """Every session (of a day) with how many attended, in time order."""
        with self.store.snapshot():
            counts = stored.attendance_counts(self.store)
            return [SessionAttendance(s, counts.get(s.id, 0)) for s in self.sessions(day)]


def _import_key(session: Session) -> tuple:
    return session.day, session.start, session.title_de.strip().casefold()
