"""Shared by tests/reports and tests/privacy: a small event whose every figure is known by hand,
the simulated demo event, the CLI with the reports commands, and helpers to read PDFs and databases.
Both conftest files import the fixtures from here.

The event (Testtreffen, 24-26 October 2023, Europe/Berlin, walk-ins allowed):

    guest          organization (kind)                     days        consent
    Amrei Kolbeck  Digitalzentrum Saalkreis (digital_centre)  all       yes
    Bodo Förster   Digitalzentrum Saalkreis (digital_centre)  24, 25    yes
    Cleo Strauß    Pfälzer Rundschau (press)                   25        yes
    Dario Yzerman  Ministerium für Hügelland (ministry)        all       no
    Edda Quast     Forschungsinstitut Moorbach (research)      all       yes
    Fritz Ulbrich  -                                           24        yes
    Greta Wendel   Digitalzentrum Saalkreis, walk-in on the 25th (approved by staff)

Check-ins (local time): 24th Amrei 09:02, Bodo 09:14, Dario 09:20, Edda 10:31 (Fritz
does not come); 25th Amrei 08:50, Cleo 09:05, Greta 09:40, Edda 09:41 (Bodo and Dario
do not come); 26th Amrei 09:00, Edda 09:30 (Dario does not come).

Contacts: 24th Amrei-Bodo, Amrei-Edda, Bodo-Edda; 25th Amrei-Cleo, Cleo-Edda,
Amrei-Greta; 26th Edda-Greta. Amrei and Edda both make 4; Amrei got there first,
so she is the champion. Two contacts stay within Digitalzentrum Saalkreis.
"""

from __future__ import annotations

from shared_support import Result

import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk import cli as kiosk_cli

from kiosk.core.codes import new_ticket_code
from kiosk.core.model import Guest, Organization, OrganizationKind, new_id
from kiosk.services.desk import FrontDesk
from kiosk.services.setup import create_event
from kiosk.storage import Store

DAYS = (date(2023, 10, 24), date(2023, 10, 25), date(2023, 10, 26))
DEVICE = "11111111-2222-4333-8444-555555555555"
SAALKREIS = Organization("Digitalzentrum Saalkreis", OrganizationKind.DIGITAL_CENTRE)
GUESTS = {  # last name: (first name, organization, days, consent)
    "Kolbeck": ("Amrei", SAALKREIS, (), True),
    "Förster": ("Bodo", SAALKREIS, DAYS[:2], True),
    "Strauß": ("Cleo", Organization("Pfälzer Rundschau", OrganizationKind.PRESS), DAYS[1:2], True),
    "Yzerman": ("Dario", Organization("Ministerium für Hügelland", OrganizationKind.MINISTRY), (), False),
    "Quast": ("Edda", Organization("Forschungsinstitut Moorbach", OrganizationKind.RESEARCH), (), True),
    "Ulbrich": ("Fritz", None, DAYS[:1], True),
}
CHECK_INS = {
    DAYS[0]: [("Kolbeck", 9, 2), ("Förster", 9, 14), ("Yzerman", 9, 20), ("Quast", 10, 31)],
    DAYS[1]: [("Kolbeck", 8, 50), ("Strauß", 9, 5), ("Wendel", 9, 40), ("Quast", 9, 41)],
    DAYS[2]: [("Kolbeck", 9, 0), ("Quast", 9, 30)],
}
CONTACTS = {
    DAYS[0]: [("Kolbeck", "Förster"), ("Kolbeck", "Quast"), ("Förster", "Quast")],
    DAYS[1]: [("Kolbeck", "Strauß"), ("Strauß", "Quast"), ("Kolbeck", "Wendel")],
    DAYS[2]: [("Quast", "Wendel")],
}


def berlin(day: date, hour: int, minute: int = 0) -> datetime:
    """Local time in October 2023 (CEST, UTC+2) as aware UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc) - timedelta(hours=2)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build_small_event(store) -> dict[str, str]:
    """Fill `store` with the event above; returns guest ids by last name."""
    create_event(store, "Testtreffen", "Fruchthalle Kaiserslautern", DAYS, walk_ins_allowed=True)
    guests = {last: Guest(id=new_id(), first_name=first, last_name=last, ticket_code=new_ticket_code(),
                          organization=org, days=days, consent_contacts=consent,
                          email=f"{first.lower()}@example.org", external_id=f"K-{index}")
              for index, (last, (first, org, days, consent)) in enumerate(GUESTS.items(), start=1)}
    store.save_guests(guests.values())
    clock = Clock(berlin(DAYS[1], 9, 39))
    desk = FrontDesk(store, clock=clock)
    walk_in = desk.register_walk_in("Greta", "Wendel", SAALKREIS.name, "greta@example.org")
    store.set_needs_review(walk_in.id, False)  # staff approved her: her contacts count
    guests["Wendel"] = store.guest(walk_in.id)
    for day, arrivals in CHECK_INS.items():
        for last, hour, minute in arrivals:
            clock.now = berlin(day, hour, minute)
            desk.check_in_guest(guests[last], day)
    for day, pairs in CONTACTS.items():
        for minute, (a, b) in enumerate(pairs):
            clock.now = berlin(day, 12, minute)
            outcome = desk.exchange_contact(desk.badge_token(guests[a]), desk.badge_token(guests[b]))
            assert outcome.status == "new", (a, b, outcome.reason)
    return {last: guest.id for last, guest in guests.items()}


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF on one line, single spaces."""
    reader = PdfReader(BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def text_cells(db_path: Path) -> list[tuple[str, str, str]]:
    """(table, column, value) for every text value in every table, read through a fresh connection."""
    connection = sqlite3.connect(str(db_path))
    try:
        cells = []
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [c[1] for c in connection.execute(f'PRAGMA table_info("{table}")')]
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                cells += [(table, column, value) for column, value in zip(columns, row) if isinstance(value, str)]
        return cells
    finally:
        connection.close()


def query(db_path: Path, sql: str, *params) -> list[tuple]:
    connection = sqlite3.connect(str(db_path))
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()

DEMO_FIRST_DAY = date(2023, 10, 24)


@dataclass
class Event:
    store: Store
    path: Path
    ids: dict[str, str]  # guest ids by last name (small event only)


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.sqlite3"
    store = Store.open(path, device_id=DEVICE)
    ids = build_small_event(store)
    yield Event(store, path, ids)
    store.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The demo event with three simulated days, built once per test session."""
    from kiosk.demo import create_demo
    from kiosk.demo.simulate import simulate

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    store = Store.open(path, device_id=DEVICE)
    create_demo(store, DEMO_FIRST_DAY)
    simulate(store)
    store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, path)
    store = Store.open(path, device_id=DEVICE)
    yield Event(store, path, {})
    store.close()




@pytest.fixture
def kiosk(capsys, monkeypatch):
    """kiosk("--db", path, "report", ...) -> Result, with the reports commands registered."""
    from kiosk.cli import reports

    original = kiosk_cli._command_modules
    monkeypatch.setattr(kiosk_cli, "_command_modules",
                        lambda: [m for m in original() if m is not reports] + [reports])

    def call(*argv: object) -> Result:
        capsys.readouterr()
        try:
            code = kiosk_cli.run([str(a) for a in argv])
        except SystemExit as exit_:
            code = exit_.code
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call
