"""Writer benchmark: does the door wait for bulk work? Run: python tests/bench/bench_writer.py [--runs 2]

One process, threads as the kiosk runs them: a bulk job on one thread, and on another a guest
checking in through FrontDesk.check_in every 50-100 ms for as long as the job runs. Prints one
JSON object per line:
  - check-in latency (p50/p95/p99/max, ms) on an idle kiosk, during the import of a bundle of
    100,000 changes, and during the import of a 100,000-row CSV (target: p99 under 100 ms);
  - each bulk job's time alone and beside the check-ins (slicing must not make it much slower).
Every run starts from a fresh copy of the same kiosk database (the event and 3,000 guests).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.core.model import Guest, Organization, new_id  # noqa: E402
from kiosk.services.desk import FrontDesk  # noqa: E402
from kiosk.services.guest_import import import_guests  # noqa: E402
from kiosk.services.setup import create_event  # noqa: E402
from kiosk.storage import Store  # noqa: E402
from kiosk.sync import import_bundle  # noqa: E402
from kiosk.sync.bundle import write_bundle  # noqa: E402
from kiosk.sync.service import sealer  # noqa: E402

DEVICE_A = "aaaaaaaa-0000-4000-8000-00000000000a"  # the kiosk whose bundle is imported
DEVICE_B = "bbbbbbbb-0000-4000-8000-00000000000b"  # the kiosk at the door
DOOR_GUESTS = 3_000
CHANGES = 100_000
CSV_ROWS = 100_000
IDLE_CHECK_INS = 200
PACE_SECONDS = (0.05, 0.10)  # a guest every 50-100 ms: a busy door with several kiosks
CHUNK = 20_000


def emit(**figures) -> None:
    print(json.dumps(figures), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency_figures(latencies: list[float]) -> dict:
    return {"check_ins": len(latencies), "p50_ms": round(statistics.median(latencies), 2),
            "p95_ms": round(percentile(latencies, 0.95), 2), "p99_ms": round(percentile(latencies, 0.99), 2),
            "max_ms": round(max(latencies), 2), "target_p99_ms": 100}


# -- the kiosks -----------------------------------------------------------------------------------
def event_days() -> tuple[date, ...]:
    """Yesterday to tomorrow: today in the event's time zone is among them whatever the host's zone."""
    return tuple(date.today() + timedelta(days=n) for n in (-1, 0, 1))


def door_code(n: int) -> str:
    return f"DOOR{n:06d}"


def door_guests(orgs: list[Organization], days: tuple[date, ...]) -> list[Guest]:
    return [Guest(id=new_id(), first_name=f"Gast{n}", last_name=f"Tür{n % 97}", ticket_code=door_code(n),
                  organization=orgs[n % len(orgs)], email=f"tuer{n}@example.org", days=days)
            for n in range(DOOR_GUESTS)]


def record(store: Store, kind: str, payloads: list[dict]) -> None:
    for start in range(0, len(payloads), CHUNK):
        store.journal.record_many(kind, payloads[start:start + CHUNK])


def fill(store: Store, total: int, days: tuple[date, ...]) -> None:
    """A quarter guests, a quarter check-ins, half contacts (as tests/bench/bench_sync.py)."""
    ids = [new_id() for _ in range(total // 4)]
    orgs = [Organization(f"Digitalzentrum {n}") for n in range(200)]
    store.save_guests(Guest(id=gid, first_name=f"Vorname{n}", last_name=f"Nachname{n % 997}",
                            ticket_code=f"BN-{n:07d}", organization=orgs[n % len(orgs)],
                            email=f"gast{n}@example.org", days=days) for n, gid in enumerate(ids))
    at = datetime.now(timezone.utc) - timedelta(hours=3)
    record(store, "check_in", [{"id": new_id(), "guest_id": gid, "day": days[0].isoformat(),
                                "at": (at + timedelta(milliseconds=n)).isoformat()} for n, gid in enumerate(ids)])
    contacts = []
    for n in range(total - 2 * len(ids)):
        low, high = sorted((ids[n % len(ids)], ids[(n + 1 + n // len(ids)) % len(ids)]))
        contacts.append({"id": new_id(), "low": low, "high": high, "day": days[0].isoformat(),
                         "at": (at + timedelta(hours=1, milliseconds=n)).isoformat()})
    record(store, "contact", contacts)


def prepare(folder: Path) -> tuple[Path, Path, Path]:
    """The door kiosk's database, a bundle of CHANGES changes it lacks, and a CSV of CSV_ROWS new guests."""
    days = event_days()
    source = Store.open(folder / "a.sqlite3", device_id=DEVICE_A)
    create_event(source, "Writer bench", "Fruchthalle", days)
    source.save_guests(door_guests([Organization(f"Zentrum {n}") for n in range(30)], days))
    base_vector = source.journal.vector()
    source.close()
    base = folder / "door.sqlite3"
    shutil.copyfile(folder / "a.sqlite3", base)
    source = Store.open(folder / "a.sqlite3", device_id=DEVICE_A)
    fill(source, CHANGES, days)
    bundle = folder / "a.bundle"
    upto = source.journal.vector()
    write_bundle(bundle, sealer(source), DEVICE_A, upto, source.journal.count_between(base_vector, upto),
                 source.journal.rows_between(base_vector, upto))
    source.close()
    return base, bundle, write_csv(folder / "guests.csv")


def write_csv(path: Path) -> Path:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["ID", "Vorname", "Nachname", "Organisation", "E-Mail", "Tage"])
        for n in range(CSV_ROWS):
            writer.writerow([f"B-{n}", f"Vorname{rng.randrange(5000)}", f"Nachname{n % 997}",
                             f"Organisation {n % 300}", f"guest{n}@example.org", "Tag 1, Tag 2, Tag 3"])
    return path


# -- one run ----------------------------------------------------------------------------------------
def open_copy(base: Path, folder: Path, name: str) -> Store:
    path = folder / f"{name}.sqlite3"
    shutil.copyfile(base, path)
    return Store.open(path, device_id=DEVICE_B)


def check_in_at_pace(desk: FrontDesk, rng: random.Random, keep_going, first: int) -> list[float]:
    """Check in door guests one after another at a door's pace; their latencies in ms."""
    latencies = []
    while keep_going(len(latencies)):
        time.sleep(rng.uniform(*PACE_SECONDS))
        started = time.perf_counter()
        outcome = desk.check_in(door_code(first + len(latencies)))
        latencies.append((time.perf_counter() - started) * 1000)
        assert outcome.status == "checked_in", outcome
    return latencies


def run_job(job, store: Store, with_check_ins: bool, rng: random.Random) -> tuple[float, list[float]]:
    """Run `job(store)` on a thread of its own, checking guests in meanwhile if asked; (seconds, latencies)."""
    desk = FrontDesk(store)
    timing: dict[str, float] = {}

    def bulk() -> None:
        started = time.perf_counter()
        job(store)
        timing["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=bulk, name="bulk")
    worker.start()
    latencies = check_in_at_pace(desk, rng, lambda n: worker.is_alive(), rng.randrange(DOOR_GUESTS // 2)) \
        if with_check_ins else []
    worker.join()
    if "seconds" not in timing:
        raise SystemExit("the bulk job failed (see above)")
    return round(timing["seconds"], 3), latencies


def bench_idle(base: Path, folder: Path, rng: random.Random) -> None:
    store = open_copy(base, folder, "idle")
    latencies = check_in_at_pace(FrontDesk(store), rng, lambda n: n < IDLE_CHECK_INS, 0)
    store.close()
    emit(benchmark="writer_check_in", during="idle", **latency_figures(latencies))


def bench_job(name: str, job, base: Path, folder: Path, runs: int, rng: random.Random) -> None:
    """Alternately alone and beside check-ins (the machine's speed drifts), each on a fresh copy."""
    alone, beside, latencies = [], [], []
    for run in range(runs):
        for with_check_ins in (False, True):
            store = open_copy(base, folder, f"{name}-{run}-{int(with_check_ins)}")
            seconds, measured = run_job(job, store, with_check_ins, rng)
            store.close()
            (beside if with_check_ins else alone).append(seconds)
            latencies += measured
    emit(benchmark="writer_check_in", during=name, runs=runs, **latency_figures(latencies))
    emit(benchmark="writer_bulk", job=name, alone_seconds=alone, beside_check_ins_seconds=beside,
         median_alone_seconds=statistics.median(alone))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="runs of each bulk job, alone and beside check-ins")
    args = parser.parse_args()
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        base, bundle, guest_csv = prepare(folder)
        bench_idle(base, folder, rng)

        def bundle_import(store: Store) -> None:
            summary = import_bundle(store, bundle)
            assert summary.applied == CHANGES, summary

        def csv_import(store: Store) -> None:
            report = import_guests(store, guest_csv)
            assert report.created == CSV_ROWS and not report.rejected, report.as_json()

        bench_job("bundle_import", bundle_import, base, folder, args.runs, rng)
        bench_job("csv_import", csv_import, base, folder, args.runs, rng)


if __name__ == "__main__":
    main()
