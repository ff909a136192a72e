"""Property tests for the programme: sessions edited and deleted, attendance recorded, undone and
erased at random kiosks, synced in any order (cut short, subsets, duplicated, reversed, bundles): every
kiosk ends with the same sessions and the same attendance, and both are what the rules say.

- a session holds the latest change about it (an edit, or a delete that blanks it);
- per guest and session the earliest scan made after the latest undo counts;
- an erased guest's attendance is gone everywhere.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Optional

from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from sync_support import EVENT_DAYS, Kiosk, Templates, berlin, journal_rows, last_change, own_seq, sync_all

from kiosk.core.programme import AttendStatus, Session, SessionKind
from kiosk.services.programme import ProgrammeDesk
from kiosk.storage import programme as stored
from kiosk.storage.models import UtcDateTimeField
from kiosk.storage.privacy import forget_guest
from kiosk.sync import export_bundle, import_bundle

POOL_IDS = ("NT-0001", "NT-0002", "NT-0003", "NT-0005")
SESSION_IDS = ("5e5510a0-0000-4000-8000-000000000001", "5e5510a0-0000-4000-8000-000000000002")
TITLES = ("Speed-Networking", "Pubquiz", "Vortrag")
DUMPED = {
    "session_row": '"id", "day", "start", "end", "title_de", "title_en", "room", "kind", "capacity", '
                   '"deleted", "stamp", "device_id", "created_at"',
    "attendance_scan_row": "id, session_id, guest_id, at, stamp, device_id, created_at",
    "attendance_undo_row": "guest_id, session_id, stamp",
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


@dataclass(frozen=True)
class ForgetOp:
    kiosk: int
    guest: int


@dataclass(frozen=True)
class SyncOp:
    source: int
    target: int
    how: str  # "all", "prefix", "subset", "duplicated", "reversed", "bundle"
    seed: int


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
sync = st.builds(SyncOp, kiosk_index, kiosk_index,
                 st.sampled_from(["all", "prefix", "subset", "duplicated", "reversed", "bundle"]),
                 st.integers(0, 2**16))
operations = st.one_of(work, work, sync)


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


class World:
    def __init__(self, directory: Path, kiosks: list[Kiosk]) -> None:
        self.directory, self.kiosks, self.model = directory, kiosks, Model()
        by_external = {g.external_id: g for g in kiosks[0].store.guests()}
        self.pool = [by_external[x] for x in POOL_IDS]
        self.bundles = 0

    def kiosk(self, index: int) -> Kiosk:
        return self.kiosks[index % len(self.kiosks)]

    def run(self, op) -> None:
        getattr(self, "do_" + type(op).__name__)(op)

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

    def do_ForgetOp(self, op: ForgetOp) -> None:
        kiosk, guest = self.kiosk(op.kiosk), self.pool[op.guest]
        if guest.id not in self.model.erased:
            forget_guest(kiosk.store, guest.id)
            self.model.erased.add(guest.id)

    def do_SyncOp(self, op: SyncOp) -> None:
        source, target = self.kiosk(op.source), self.kiosk(op.target)
        if source is target:
            return
        if op.how == "bundle":
            path = self.directory / f"b{self.bundles}.bundle"
            self.bundles += 1
            export_bundle(source.store, path, to=target.device)
            import_bundle(target.store, path)
            return
        changes = source.store.journal.changes_since(target.store.journal.vector())
        rng = random.Random(op.seed)
        batch = {"all": lambda: changes, "prefix": lambda: changes[:rng.randint(0, len(changes))],
                 "subset": lambda: [c for c in changes if rng.random() < 0.5],
                 "duplicated": lambda: rng.sample(changes * 2, len(changes) * 2),
                 "reversed": lambda: changes[::-1]}[op.how]()
        target.store.journal.ingest(batch)


def dump(kiosk: Kiosk) -> dict[str, list[tuple]]:
    dangling = kiosk.store.db.execute_sql("PRAGMA foreign_key_check").fetchall()
    assert not dangling, dangling[:5]
    return {table: sorted(kiosk.store.db.execute_sql(f"SELECT {columns} FROM {table}").fetchall(), key=repr)
            for table, columns in DUMPED.items()}


def check_everything(world: World) -> None:
    first, model = world.kiosks[0], world.model
    first_dump = dump(first)
    for kiosk in world.kiosks[1:]:
        assert journal_rows(kiosk.store) == journal_rows(first.store)
        assert dump(kiosk) == first_dump, f"{kiosk.name} differs from {first.name}"
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


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
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
def test_sessions_and_attendance_converge_whatever_the_order_of_syncs(count, ops):
    directory = Path(tempfile.mkdtemp(prefix="kiosk-programme-convergence-"))
    kiosks = Templates.kiosks(directory, count)
    try:
        world = World(directory, kiosks)
        for op in ops:
            world.run(op)
        rounds = sync_all([k.store for k in kiosks])
        model = world.model
        note(f"converged after {rounds} rounds; {len(model.scans)} scans, {len(model.undos)} undos")
        check_everything(world)
    finally:
        for kiosk in kiosks:
            kiosk.store.close()
        shutil.rmtree(directory, ignore_errors=True)
