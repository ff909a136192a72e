"""Helpers for the hub tests: kiosks set up like real ones, canonical dumps, a hub that can vanish."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg2

from kiosk.core.rules import CheckInStatus, ContactStatus
from kiosk.demo import create_demo
from kiosk.services.desk import FrontDesk
from kiosk.storage import Store
from kiosk.sync import export_bundle, import_bundle
from kiosk.sync.hub import HubResult, sync_with_hub
from sync_support import enrolled

# C's id sorts before B's: a kiosk pulling from the hub takes C's changes first, so a contact
# C made with B's walk-in arrives before the walk-in's own record (the placeholder path).
DEVICE_A = "aaaaaaaa-0000-4000-8000-00000000000a"
DEVICE_B = "cccccccc-0000-4000-8000-00000000000b"
DEVICE_C = "bbbbbbbb-0000-4000-8000-00000000000c"


@dataclass
class Kiosk:
    name: str
    store: Store
    desk: FrontDesk

    def token(self, guest) -> str:
        return self.desk.badge_token(guest)


def first_kiosk(folder: Path, device_id: str = DEVICE_A) -> Kiosk:
    store = Store.open(folder / "kiosk-a.sqlite3", device_id=device_id)
    create_demo(store)
    return Kiosk("A", store, FrontDesk(store))


def kiosk_from_bundle(folder: Path, source: Kiosk, name: str, device_id: str) -> Kiosk:
    """Set up another kiosk as staff would: enrolled, then a full bundle of the first imported."""
    bundle = folder / f"setup-{name}.bundle"
    export_bundle(source.store, bundle, everything=True)
    store = enrolled(folder / f"kiosk-{name.lower()}.sqlite3", device_id, source.store)
    import_bundle(store, bundle)
    return Kiosk(name, store, FrontDesk(store))


def three_kiosks(folder: Path) -> tuple[Kiosk, Kiosk, Kiosk]:
    a = first_kiosk(folder)
    return a, kiosk_from_bundle(folder, a, "B", DEVICE_B), kiosk_from_bundle(folder, a, "C", DEVICE_C)


_DUMPS = {
    "guest_row": "SELECT id, external_id, ticket_code, ticket_key, title, first_name, last_name, "
                 "organization_id, category, email, days, consent_contacts, walk_in, needs_review, placeholder, forgotten "
                 "FROM guest_row",
    "organization_row": "SELECT id, name, kind FROM organization_row",
    "check_in_row": "SELECT id, guest_id, day, at FROM check_in_row",
    "check_in_scan_row": "SELECT id, guest_id, day, at, stamp, device_id FROM check_in_scan_row",
    "check_in_undo_row": "SELECT guest_id, day, stamp FROM check_in_undo_row",
    "contact_row": "SELECT id, guest_low_id, guest_high_id, day, at FROM contact_row",
    "event_row": "SELECT id, name, venue, timezone, days, secret, walk_ins_allowed, contact_consent_default, "
                 "staff_pin_hash, programme FROM event_row",
    "change_row": "SELECT origin, seq, id, stamp, kind, payload FROM change_row",
}


def canonical(store: Store) -> dict[str, list[tuple]]:
    """The synced data of a kiosk, sorted, without local bookkeeping (who applied it, when)."""
    connection = sqlite3.connect(store.db.database)
    try:
        return {table: sorted(connection.execute(sql).fetchall(), key=repr) for table, sql in _DUMPS.items()}
    finally:
        connection.close()


def leaderboard(kiosk: Kiosk) -> list[tuple]:
    return [(row.rank, row.display_name, row.organization, row.contacts, row.guest_id)
            for row in kiosk.desk.leaderboard_rows(top=1000)]


def check_in(kiosk: Kiosk, guest) -> None:
    outcome = kiosk.desk.check_in(kiosk.token(guest))
    assert outcome.status == CheckInStatus.CHECKED_IN, (kiosk.name, outcome)


def contact(kiosk: Kiosk, first, second):
    outcome = kiosk.desk.exchange_contact(kiosk.token(first), kiosk.token(second))
    assert outcome.status == ContactStatus.NEW, (kiosk.name, outcome)
    return outcome.exchange


def edit(kiosk: Kiosk, guest_id: str, **fields) -> None:
    """A field edit as staff make it: only the fields that changed travel."""
    kiosk.store.journal.record("guest", {"id": guest_id, "fields": fields})
    time.sleep(0.003)  # the next edit anywhere gets a later clock


def pool(kiosk: Kiosk, size: int = 40) -> list:
    today = kiosk.desk.today()
    guests = [g for g in kiosk.store.guests() if g.consent_contacts and g.registered_for(today)]
    return sorted(guests, key=lambda g: g.id)[:size]


def sync_all(hub_dsn: str, *kiosks: Kiosk) -> list[HubResult]:
    return [sync_with_hub(k.store, hub_dsn) for k in kiosks]


def assert_converged(*kiosks: Kiosk) -> dict:
    dumps = [canonical(k.store) for k in kiosks]
    for kiosk, dump in zip(kiosks[1:], dumps[1:]):
        for table in dump:
            assert dump[table] == dumps[0][table], f"{kiosk.name} differs from {kiosks[0].name} in {table}"
    boards = [leaderboard(k) for k in kiosks]
    assert all(board == boards[0] for board in boards)
    return dumps[0]


def hub_rows(dsn: str) -> int:
    connection = psycopg2.connect(dsn)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM change_row")
            return cursor.fetchone()[0]
    finally:
        connection.close()


class Relay:
    """A TCP relay in front of the hub: close() makes the hub unreachable at the same address."""

    def __init__(self, target_port: int, port: int = 0) -> None:
        self.target_port = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self._open:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            self._sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._open = False
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        except OSError:
            pass
        self.listener.close()
        for end in self._sockets:
            try:
                end.shutdown(socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass


class SilentServer:
    """Accepts TCP connections and never answers: a hub behind a dead network path."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]

    def close(self) -> None:
        self.listener.close()
