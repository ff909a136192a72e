"""Which replica a database is: an id of its own, kept in the database, forked when the file was copied.

Every kiosk database is a replica of the event's data with its own id (the setting 'device_id'); the
journal numbers the changes made in it under that id, 1, 2, 3 ... Two databases must never write under
one id: they would number different changes alike, and every other kiosk would keep one of each pair
and drop the other.

A copy of the file brings its original's settings along, so at every open the database compares a
fingerprint of where it lives with the one it recorded: the machine (config.machine_identity) and the
file's device and inode. A copy made with `cp` (or restored from a backup) has another inode; a disk
image cloned onto other kiosks runs on other network cards (and has a new machine id, if the image
was prepared as recommended). Such a copy forks before it writes anything: it takes a new id, and the
changes made under the old one stay in it as history received from that replica.

A file renamed or moved with `mv` within one file system keeps its inode, and its id: it is still the
only database with it. Moved to another file system (a copy, then a delete) it forks; forking is
harmless, two writers under one id are not.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from peewee import Database

from kiosk.config import machine_identity
from kiosk.core.model import Change, new_id, utc_now

from .models import Tables

log = logging.getLogger(__name__)

REPLICA_ID = "device_id"
FINGERPRINT = "replica_fingerprint"
REPLICA_FORKED = "replica_forked"  # audit action


def fingerprint(path: Path) -> str:
    """The machine and the file a database lives in (hashed: nothing about the machine can be read back)."""
    info = path.stat()
    return hashlib.sha256(f"{machine_identity()}\n{info.st_dev}:{info.st_ino}".encode()).hexdigest()


def settle(t: Tables, path: Path, explicit: str | None = None) -> str:
    """The replica id this database writes under, recorded with its fingerprint before anything else.

    `explicit` (tests and tools that need fixed ids) is used as it is, for a new database and an
    existing one alike: whoever passes it answers for it being used by one database only.
    """
    current = fingerprint(path)
    previous, recorded_print = _recorded(t)
    if explicit is None and previous and recorded_print == current:
        return previous  # the common case: the same file on the same machine, nothing to write
    # Under the write lock: two processes opening a fresh copy at once fork it once, not twice.
    with t.Setting._meta.database.atomic("IMMEDIATE"):
        previous, recorded_print = _recorded(t)
        replica = explicit or (previous if previous and recorded_print == current else new_id())
        if (replica, current) != (previous, recorded_print):
            t.Setting.replace(key=REPLICA_ID, value=replica).execute()
            t.Setting.replace(key=FINGERPRINT, value=current).execute()
        if previous and replica != previous:
            _note_fork(t, previous, replica, _why(explicit, recorded_print))
    return replica


def _recorded(t: Tables) -> tuple[str, str]:
    values = dict(t.Setting.select(t.Setting.key, t.Setting.value)
                  .where(t.Setting.key.in_([REPLICA_ID, FINGERPRINT])).tuples())
    return values.get(REPLICA_ID, ""), values.get(FINGERPRINT, "")


def _why(explicit: str | None, recorded_print: str) -> str:
    if explicit:
        return "an id was given on opening"
    if not recorded_print:
        return "the database had no fingerprint yet (made by an earlier version)"
    return "the database file was copied or moved"


def _note_fork(t: Tables, previous: str, replica: str, why: str) -> None:
    # Info, not a warning: forking is expected and harmless (and a command line stays one line).
    log.info("this database now writes as replica %s instead of %s: %s; the changes made as %s stay "
                "as that replica's history", replica, previous, why, previous)
    t.AuditRow.create(id=new_id(), action=REPLICA_FORKED, subject="", detail=f"{previous} -> {replica}: {why}",
                    device_id=replica, created_at=utc_now())


# -- collisions ------------------------------------------------------------------------------------
SAME_NUMBER = "replica_collision_same_number"
OWN_ID_ELSEWHERE = "replica_collision_own_id"


class ReplicaCollision(RuntimeError):
    """Two databases have written as the same replica: taking their changes would drop one side's.

    Raised by Journal.ingest before it stores anything; `code` tells the two cases apart.
    """

    def __init__(self, code: str, origin: str, seq: int) -> None:
        self.code, self.origin, self.seq = code, origin, seq
        if code == SAME_NUMBER:
            what = f"this kiosk holds another change numbered {seq} from replica {origin}"
        else:
            what = (f"changes from number {seq} came in under this kiosk's own replica id {origin}, "
                    "which it did not make")
        super().__init__(f"sync refused: {what}. Two databases have written as the same replica (a "
                         "copied database file?); taking these changes would lose one side's. None of the "
                         "colliding changes was stored here.")


# A change is known by its id (random, made with it). Not by its payload: an erasure rewrites the
# journal's earlier payloads (erasure.scrub_journal), and it may have reached one kiosk and not another.
_HELD_RANGE = "SELECT seq, id FROM change_row WHERE origin = ? AND seq BETWEEN ? AND ?"


def refuse_collisions(db: Database, own: str, changes: list[Change], have: dict[str, int]) -> None:
    """Raise ReplicaCollision if `changes` show another database writing as a replica whose changes this
    one holds (`have`: the highest number held of each).

    A database that has made no change of its own yet may take its own id's changes (rebuilt after the
    disk was replaced: the hub gives them back); one that has, made every change under its id itself.
    """
    mine = have.get(own, 0)
    beyond_mine = [c.seq for c in changes if c.origin == own and c.seq > mine]
    if mine and beyond_mine:
        raise ReplicaCollision(OWN_ID_ELSEWHERE, own, min(beyond_mine))
    known: dict[str, list[tuple]] = {}
    for c in changes:
        if c.seq <= have.get(c.origin, 0):
            known.setdefault(c.origin, []).append((c.seq, c.id))
    for origin, incoming in sorted(known.items()):
        incoming.sort()
        # One walk along the journal's key per origin (a bundle sent twice holds a million of them),
        # compared as a whole: the same changes sent again are equal lists.
        stored = db.execute_sql(_HELD_RANGE, (origin, incoming[0][0], incoming[-1][0])).fetchall()
        if stored != incoming:
            held_ids = dict(stored)
            different = [seq for seq, change_id in incoming if held_ids.get(seq, change_id) != change_id]
            if different:
                raise ReplicaCollision(SAME_NUMBER, origin, different[0])
