"""Report benchmark: 100,000 guests, 1,000,000 contacts. Run: python tests/bench/bench_report.py

Fills a temporary SQLite database with raw bulk inserts (executemany), then times
the event report (figures from SQL plus the PDF; target under 10 s), the
champion's certificate and the three exports. Prints one JSON object per line.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.core.model import OrganizationKind  # noqa: E402
from kiosk.demo.generate import _FIRST_NAMES, _LAST_NAMES  # noqa: E402
from kiosk.services.setup import create_event  # noqa: E402
from kiosk.storage import Store  # noqa: E402

GUESTS = 100_000
CONTACTS = 1_000_000
ORGANIZATIONS = 800
DAYS = (date(2023, 10, 24), date(2023, 10, 25), date(2023, 10, 26))
DEVICE = "00000000-0000-4000-8000-000000000001"
TARGET_SECONDS = 10.0
GUEST_COLUMNS = ("id", "device_id", "created_at", "external_id", "ticket_code", "ticket_key", "title", "first_name",
                 "last_name", "organization_id", "category", "email", "email_key", "days", "consent_contacts",
                 "walk_in", "needs_review", "updated_at")


def emit(**figures) -> None:
    print(json.dumps(figures), flush=True)


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def fill(path: Path, rng: random.Random) -> dict[str, int]:
    now = _iso(datetime.now(timezone.utc))
    kinds = [str(k) for k in OrganizationKind]
    organizations = [(_id(rng), DEVICE, now, f"Organisation {n:04d}",
                      kinds[n % len(kinds)] if n % 5 else "digital_centre") for n in range(ORGANIZATIONS)]
    day_sets = [json.dumps([d.isoformat() for d in days]) for days in (DAYS, DAYS[:2], DAYS[1:], DAYS[:1])]
    guests, registered = [], []
    for n in range(GUESTS):
        gid = _id(rng)
        days = rng.choices(day_sets, weights=[70, 15, 10, 5])[0]
        org = rng.choice(organizations)[0] if rng.random() < 0.97 else None
        guests.append((gid, DEVICE, now, f"B-{n}", f"T{n:09d}", f"T{n:09d}", "", rng.choice(_FIRST_NAMES),
                       rng.choice(_LAST_NAMES), org, "participant", f"guest{n}@example.org",
                       f"guest{n}@example.org", days, int(rng.random() > 0.08), 0, 0, now))
        registered.append((gid, json.loads(days)))
    check_ins, present = [], {d: [] for d in DAYS}
    for gid, days in registered:
        for text in days:
            if rng.random() < 0.85:
                day = date.fromisoformat(text)
                at = datetime(day.year, day.month, day.day, 6, 30, tzinfo=timezone.utc) + timedelta(
                    seconds=rng.gammavariate(2.0, 1100))
                check_ins.append((_id(rng), DEVICE, now, gid, text, _iso(at)))
                present[day].append(gid)
    pairs: set[tuple[str, str]] = set()
    contacts = []
    while len(contacts) < CONTACTS:
        day = rng.choice(DAYS)
        a, b = rng.choice(present[day]), rng.choice(present[day])
        pair = (a, b) if a < b else (b, a)
        if a == b or pair in pairs:
            continue
        pairs.add(pair)
        at = datetime(day.year, day.month, day.day, 8, 0, tzinfo=timezone.utc) + timedelta(
            seconds=rng.uniform(0, 8 * 3600))
        contacts.append((_id(rng), DEVICE, now, pair[0], pair[1], day.isoformat(), _iso(at)))
    connection = sqlite3.connect(str(path))
    with connection:
        _insert(connection, "organization_row", ("id", "device_id", "created_at", "name", "kind"), organizations)
        _insert(connection, "guest_row", GUEST_COLUMNS, guests)
        _insert(connection, "check_in_row", ("id", "device_id", "created_at", "guest_id", "day", "at"), check_ins)
        contacts.sort(key=lambda row: row[0])
        _insert(connection, "contact_row",
                ("id", "device_id", "created_at", "guest_low_id", "guest_high_id", "day", "at"), contacts)
    connection.close()
    return {"guests": len(guests), "check_ins": len(check_ins), "contacts": len(contacts)}


def _insert(connection: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """executemany, with '' or 0 for the table's other NOT NULL columns (the schema grows with sync)."""
    extra = [(name, "{}" if name == "field_clocks" else 0 if "INT" in kind.upper() else "")
             for _, name, kind, not_null, default, _ in connection.execute(f"PRAGMA table_info({table})")
             if not_null and default is None and name not in columns]
    names = list(columns) + [name for name, _ in extra]
    padding = tuple(value for _, value in extra)
    connection.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                           [row + padding for row in rows])


def timed(fn):
    """(result, wall seconds, CPU seconds of this process)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - start, time.process_time() - cpu


def main(argv: list[str]) -> None:
    """`--db PATH` keeps the generated database there and reuses it on the next run."""
    keep = Path(argv[argv.index("--db") + 1]) if "--db" in argv else None
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = keep or folder / "bench.sqlite3"
        if not path.exists():
            store = Store.open(path, device_id=DEVICE)
            create_event(store, "Bench", "Fruchthalle", DAYS)
            store.close()
            sizes, seconds, _ = timed(lambda: fill(path, random.Random(5)))
            emit(step="generate", seconds=round(seconds, 1), **sizes)
        store = Store.open(path, device_id=DEVICE)
        try:
            measure(store, folder)
        finally:
            store.close()


def measure(store: Store, folder: Path) -> None:
    from kiosk.reports import certificate_pdf, collect_figures, export
    from kiosk.reports.report import render_report

    load = os.getloadavg()[0]
    figures, query_wall, query_cpu = timed(lambda: collect_figures(store))
    pdf, pdf_wall, pdf_cpu = timed(lambda: render_report(figures, "de"))
    total = query_wall + pdf_wall
    emit(step="report", seconds=round(total, 2), cpu_seconds=round(query_cpu + pdf_cpu, 2),
         figures_seconds=round(query_wall, 2), pdf_seconds=round(pdf_wall, 2), pdf_bytes=len(pdf),
         guests=store.guest_count(), contacts=figures.contacts, check_ins=figures.check_ins,
         target_seconds=TARGET_SECONDS, ok=total < TARGET_SECONDS, load_average=round(load, 1))
    _, wall, cpu = timed(lambda: render_report(collect_figures(store, DAYS[1]), "de"))
    emit(step="report_one_day", seconds=round(wall, 2), cpu_seconds=round(cpu, 2))
    _, wall, cpu = timed(lambda: certificate_pdf(store, "de"))
    emit(step="certificate", seconds=round(wall, 2), cpu_seconds=round(cpu, 2))
    for what, suffix in (("guests", "xlsx"), ("guests", "csv"), ("check-ins", "csv"), ("contacts", "csv")):
        target = folder / f"{what}.{suffix}"
        rows, wall, cpu = timed(lambda what=what, target=target: export(store, what, target, excel_de=True))
        emit(step=f"export_{what}_{suffix}", seconds=round(wall, 2), cpu_seconds=round(cpu, 2), rows=rows)


if __name__ == "__main__":
    main(sys.argv[1:])
