"""Two kiosks of the small event (tests/event_scenario.py), a guest with names found nowhere else,
and a search for their bytes in a kiosk's database files.

A module with a unique name so the test files import it reliably (tests/ has no packages).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from event_scenario import Clock, berlin

from kiosk.core.model import Guest, Organization, OrganizationKind, new_id
from kiosk.printing.jobs import PrintQueue
from kiosk.services.desk import FrontDesk
from kiosk.storage import Store

OTHER_KIOSK = "22222222-3333-4444-8555-666666666666"
QUIRINUS = dict(first_name="Quirinus", last_name="Zwetschgenbaum", email="quirinus.zwetschgenbaum@example.org",
                external_id="QZ-4711", organization=Organization("Kelterei Pflaumenhain", OrganizationKind.OTHER))
QUIRINUS_TRACES = ("Quirinus", "Zwetschgenbaum", "quirinus.zwetschgenbaum@example.org", "QZ-4711",
                   "Kelterei Pflaumenhain")


def sync(source: Store, target: Store) -> int:
    """What tests/sync/sync_support.py sync_pair does: the target takes what it lacks of the source's journal."""
    return target.journal.ingest(source.journal.changes_since(target.journal.vector()))


def second_kiosk(first: Store, path: Path, device: str = OTHER_KIOSK) -> Store:
    """A kiosk enrolled for the first one's event and synced with it."""
    other = Store.open(path, device_id=device)
    other.enrol(first.event_keys())
    sync(first, other)
    return other


def add_quirinus(store: Store, days: tuple[date, ...] = ()) -> Guest:
    guest = Guest(id=new_id(), ticket_code="QZ-TICKET-0815", days=days, **QUIRINUS)
    store.save_guests([guest])
    return store.guest(guest.id)


def check_in_and_meet(store: Store, guest: Guest, other_id: str, day: date) -> None:
    """`guest` checks in on `day` at `store`'s kiosk and swaps contacts with `other_id` (checked in that day)."""
    clock = Clock(berlin(day, 11))
    desk = FrontDesk(store, clock=clock)
    assert desk.check_in_guest(guest, day).status == "checked_in"
    clock.now = berlin(day, 13)
    other = store.guest(other_id)
    outcome = desk.exchange_contact(desk.badge_token(guest), desk.badge_token(other))
    assert outcome.status == "new", outcome.reason


def print_badge(store: Store, guest_id: str, printer: str) -> Path:
    """Print one badge through the job queue to a real folder or PDF printer; returns the file written."""
    job = PrintQueue(store, printer, lang="en").print_badge(guest_id)
    assert job.status == "done", job.reason
    return Path(job.reason)


def database_files(path: Path) -> list[Path]:
    """The database file and whatever SQLite keeps beside it (-wal, -shm, -journal)."""
    return [p for p in path.parent.iterdir() if p.name == path.name or p.name.startswith(f"{path.name}-")]


def traces_in_files(path: Path, traces: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(file, trace, encoding) for every trace found in the database's files, as UTF-8 or UTF-16 text."""
    found = []
    for file in database_files(path):
        data = file.read_bytes()
        for trace in traces:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if trace.encode(encoding) in data:
                    found.append((file.name, trace, encoding))
    return found


# Columns every kiosk must hold alike (guest_row.updated_at and an organization's origin are local).
SYNCED_COLUMNS = {
    "guest_row": ("id", "external_id", "ticket_code", "ticket_key", "title", "first_name", "last_name",
                  "organization_id", "category", "email", "email_key", "days", "consent_contacts", "walk_in",
                  "needs_review", "placeholder", "forgotten"),
    "organization_row": ("id", "name", "kind"),
    "check_in_row": ("id", "guest_id", "day", "at"),
    "contact_row": ("id", "guest_low_id", "guest_high_id", "day", "at"),
}


def synced_state(store: Store) -> dict[str, list[tuple]]:
    return {table: sorted(store.db.execute_sql(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
            for table, columns in SYNCED_COLUMNS.items()}
