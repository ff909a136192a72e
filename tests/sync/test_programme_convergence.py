"""Property tests for the programme: sessions edited and deleted, attendance recorded, undone and
erased at random kiosks, synced in any order (cut short, subsets, duplicated, reversed, bundles): every
kiosk ends with the same sessions and the same attendance, and both are what the rules say.

- a session holds the latest change about it (an edit, or a delete that blanks it);
- per guest and session the earliest scan made after the latest undo counts;
- an erased guest's attendance is gone everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Optional

from hypothesis import example, given, note
from hypothesis import strategies as st
from sync_support import (EVENT_DAYS, ExampleWorld, ForgetOp, Kiosk, SyncOp, berlin, converged_dump,
                          kiosk_pool, last_change, own_seq, property_settings, sync_ops)

from kiosk.core.programme import AttendStatus, Session, SessionKind
from kiosk.services.programme import ProgrammeDesk
from kiosk.storage import programme as stored
from kiosk.storage.models import UtcDateTimeField

POOL_IDS = ("NT-0001", "NT-0002", "NT-0003", "NT-0005")
SESSION_IDS = ("5e5510a0-0000-4000-8000-000000000001", "5e5510a0-0000-4000-8000-000000000002")
TITLES = ("Speed-Networking", "Pubquiz", "Vortrag")
DUMPED = {  # "start" and "end" quoted: words of SQL
    "session_row": ("id", "day", '"start"', '"end"', "title_de", "title_en", "room", "kind", "capacity",
                    "deleted", "stamp", "device_id", "created_at"),
    "attendance_scan_row": ("id", "session_id", "guest_id", "at", "stamp", "device_id", "created_at"),
    "attendance_undo_row": ("guest_id", "session_id", "stamp"),
}


@dataclass(frozen=True)
class SaveOp:
    kiosk: int
    session: int
    title: int
    capacity: Optional[int]


@dataclass(frozen=True)
class DeleteOp:
    kiosk: int
    session: int


@dataclass(frozen=True)
class AttendOp:
    kiosk: int
    guest: int
    session: int
    minute: int


@dataclass(frozen=True)
class UndoOp:
    kiosk: Optional[int]  # None: where the scan was made
    scan: int


kiosk_index = st.integers(0, 3)
session_index = st.integers(0, len(SESSION_IDS) - 1)
work = st.one_of(
    st.builds(SaveOp, kiosk_index, session_index, st.integers(0, len(TITLES) - 1),
              st.none() | st.integers(1, 3)),
    st.builds(DeleteOp, kiosk_index, session_index),
    st.builds(AttendOp, kiosk_index, st.integers(0, len(POOL_IDS) - 1), session_index, st.integers(0, 3)),
    st.builds(AttendOp, kiosk_index, st.integers(0, len(POOL_IDS) - 1), session_index, st.integers(0, 3)),
    st.builds(UndoOp, st.none() | kiosk_index, st.integers(0, 20)),
    st.builds(ForgetOp, kiosk_index, st.integers(0, len(POOL_IDS) - 1)),
)
operations = st.one_of(work, work, sync_ops(kiosk_index))


@dataclass
class Model:
    # session id -> (stamp, payload, or None when deleted)
    sessions: dict[str, tuple[str, dict | None]] = field(default_factory=dict)
    scans: list[tuple] = field(default_factory=list)  # guest, session, at, scan id, stamp, kiosk
    undos: dict[tuple[str, str], str] = field(default_factory=dict)  # (guest, session) -> latest undo stamp
    erased: set[str] = field(default_factory=set)

    def write_session(self, stamp: str, session_id: str, payload: dict | None) -> None:
        if stamp > self.sessions.get(session_id, ("", None))[0]:
            self.sessions[session_id] = (stamp, payload)

    def expected_sessions(self) -> list[dict]:
        return sorted((p for _, p in self.sessions.values() if p is not None), key=lambda p: p["id"])

    def expected_present(self, session_id: str) -> list[tuple[str, datetime, str]]:
        best: dict[str, tuple[datetime, str]] = {}
        for guest, session, at, scan_id, stamp, _ in self.scans:
            undone = self.undos.get((guest, session), "")
            if session == session_id and guest not in self.erased and stamp > undone:
                best[guest] = min(best.get(guest, (at, scan_id)), (at, scan_id))
        return sorted(((g, at, sid) for g, (at, sid) in best.items()),
                      key=lambda row: (UtcDateTimeField().db_value(row[1]), row[2]))


class World(ExampleWorld):
    def __init__(self, directory: Path, kiosks: list[Kiosk]) -> None:
        super().__init__(directory, kiosks, POOL_IDS, Model())

    def do_SaveOp(self, op: SaveOp) -> None:
        kiosk = self.kiosk(op.kiosk)
        session = Session(SESSION_IDS[op.session], EVENT_DAYS[0], time(13 + op.title), time(14 + op.title),
                          TITLES[op.title], "", f"Raum {op.title}", SessionKind.SPEED_NETWORKING, op.capacity)
        ProgrammeDesk(kiosk.desk).save(session)
        change = last_change(kiosk.store)
        assert change.kind == "session"
        self.model.write_session(change.stamp, session.id, session.to_dict())

    def do_DeleteOp(self, op: DeleteOp) -> None:
        kiosk = self.kiosk(op.kiosk)
        before = own_seq(kiosk.store)
        if ProgrammeDesk(kiosk.desk).remove(SESSION_IDS[op.session]):
            change = last_change(kiosk.store)
            assert change.kind == "session_delete" and own_seq(kiosk.store) == before + 1
            self.model.write_session(change.stamp, SESSION_IDS[op.session], None)

    def do_AttendOp(self, op: AttendOp) -> None:
        kiosk, guest = self.kiosk(op.kiosk), self.pool[op.guest]
        if guest.id in self.model.erased or kiosk.store.guest(guest.id) is None:
            return
        kiosk.clock.set(berlin(EVENT_DAYS[0], 13, op.minute))
        before = own_seq(kiosk.store)
        outcome = ProgrammeDesk(kiosk.desk).attend(SESSION_IDS[op.session], guest.ticket_code)
        recorded = outcome.status == AttendStatus.RECORDED
        assert own_seq(kiosk.store) == before + recorded
        if recorded:
            change = last_change(kiosk.store)
            self.model.scans.append((guest.id, SESSION_IDS[op.session], outcome.attendance.at,
                                     outcome.attendance.id, change.stamp, kiosk))

    def do_UndoOp(self, op: UndoOp) -> None:
        if not self.model.scans:
            return
        guest_id, session_id, _, _, _, made_at = self.model.scans[op.scan % len(self.model.scans)]
        kiosk = made_at if op.kiosk is None else self.kiosk(op.kiosk)
        if ProgrammeDesk(kiosk.desk).undo(session_id, guest_id):
            change = last_change(kiosk.store)
            assert change.kind == "attendance_undo"
            key = (guest_id, session_id)
            self.model.undos[key] = max(self.model.undos.get(key, ""), change.stamp)


def check_everything(world: World) -> None:
    first, model = world.kiosks[0], world.model
    converged_dump(world.kiosks, DUMPED)
    mine = sorted((s.to_dict() for s in stored.stored_sessions(first.store) if s.id in SESSION_IDS),
                  key=lambda p: p["id"])
    assert mine == model.expected_sessions()
    for session_id in SESSION_IDS:
        expected = model.expected_present(session_id)
        for kiosk in world.kiosks:
            got = [(a.guest_id, a.at, a.id) for a in stored.present(kiosk.store, session_id)]
            assert got == expected, f"attendance of {session_id[-1]} at {kiosk.name}"
            assert stored.present_count(kiosk.store, session_id) == len(expected)
            assert stored.attendance_counts(kiosk.store).get(session_id, 0) == len(expected)


@property_settings(max_examples=30)
@given(count=st.integers(2, 4), ops=st.lists(operations, min_size=8, max_size=25))
# Two doors of one session: the same guests at both, an undo at one, synced in reverse.
@example(count=2, ops=[SaveOp(0, 0, 0, None), SyncOp(0, 1, "all", 0), AttendOp(0, 0, 0, 2),
                       AttendOp(1, 0, 0, 1), AttendOp(1, 1, 0, 0), UndoOp(0, 0), SyncOp(1, 0, "reversed", 0),
                       AttendOp(0, 0, 0, 3)])
# A delete at one kiosk races an edit at another; an erasure arrives after the guest's attendance.
@example(count=3, ops=[SaveOp(0, 1, 1, 2), SyncOp(0, 1, "all", 0), SyncOp(0, 2, "all", 0), DeleteOp(1, 1),
                       SaveOp(2, 1, 2, 3), AttendOp(2, 2, 1, 0), ForgetOp(0, 2), SyncOp(2, 0, "subset", 5)])
# Attend, undo, attend again and undo again at another kiosk: the latest undo voids the second scan too.
@example(count=2, ops=[SaveOp(0, 0, 0, None), SyncOp(0, 1, "all", 0), AttendOp(0, 0, 0, 0),
                       UndoOp(None, 0), AttendOp(0, 0, 0, 1), SyncOp(0, 1, "all", 0), UndoOp(1, 1),
                       SyncOp(1, 0, "reversed", 0)])
# Two kiosks undo one scan before they sync: each takes the other's undo, the later stamp stands on both.
@example(count=2, ops=[SaveOp(0, 0, 0, None), AttendOp(0, 0, 0, 0), SyncOp(0, 1, "all", 0), UndoOp(0, 0),
                       UndoOp(1, 0)])
def test_sessions_and_attendance_converge_whatever_the_order_of_syncs(count, ops):
    with kiosk_pool("kiosk-programme-convergence-", count) as (directory, kiosks):
        world = World(directory, kiosks)
        rounds = world.run_all(ops)
        model = world.model
        note(f"converged after {rounds} rounds; {len(model.scans)} scans, {len(model.undos)} undos")
        check_everything(world)
