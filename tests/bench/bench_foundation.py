"""Foundation benchmark: 100,000 guests. Run: python tests/bench/bench_foundation.py

Prints one JSON object per line: import time for a 100,000-row CSV (median of three), search latency
over 1,000 prefix queries of 1-4 letters, check-in latency over 1,000 check-ins.
"""

from __future__ import annotations

import csv
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.core.search import SearchIndex  # noqa: E402
from kiosk.demo.generate import _FIRST_NAMES, _LAST_NAMES, _ORGANIZATIONS  # noqa: E402
from kiosk.services.desk import FrontDesk  # noqa: E402
from kiosk.services.guest_import import import_guests  # noqa: E402
from kiosk.services.setup import create_event  # noqa: E402
from kiosk.storage import Store  # noqa: E402

GUESTS = 100_000
QUERIES = 1_000
IMPORT_RUNS = 3


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def emit(**figures) -> None:
    print(json.dumps(figures), flush=True)


def write_guest_csv(path: Path, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["ID", "Vorname", "Nachname", "Organisation", "Organisationsart", "E-Mail", "Tage"])
        for number in range(GUESTS):
            org, kind = rng.choice(_ORGANIZATIONS)
            writer.writerow([f"B-{number}", rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES) + str(number % 997),
                             org, kind, f"guest{number}@example.org", "Tag 1, Tag 2, Tag 3"])


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        csv_path = folder / "guests.csv"
        write_guest_csv(csv_path, rng)
        # This machine's speed varies by a quarter from minute to minute: three imports into
        # fresh databases, and the median counts.
        runs = []
        for run in range(IMPORT_RUNS):
            store = Store.open(folder / f"bench-{run}.sqlite3", device_id="00000000-0000-4000-8000-000000000001")
            today = date.today()
            create_event(store, "Bench", "Hall", tuple(today + timedelta(days=i) for i in range(3)))
            started = time.perf_counter()
            report = import_guests(store, csv_path)
            runs.append(round(time.perf_counter() - started, 3))
            assert report.created == GUESTS and not report.rejected, report.as_json()
            if run < IMPORT_RUNS - 1:
                store.close()
        emit(benchmark="import_csv", rows=GUESTS, created=report.created, runs_seconds=runs,
             seconds=statistics.median(runs), target_seconds=10)

        guests = store.guests()
        started = time.perf_counter()
        index = SearchIndex(guests)
        emit(benchmark="search_index_build", guests=len(guests), seconds=round(time.perf_counter() - started, 3))
        names = [g.last_name.lower() for g in guests] + [g.first_name.lower() for g in guests]
        queries = [name[:rng.randint(1, 4)] for name in rng.sample(names, QUERIES)]
        latencies = []
        for query in queries:
            started = time.perf_counter()
            hits = index.search(query, limit=20)
            latencies.append((time.perf_counter() - started) * 1000)
            assert hits, query
        emit(benchmark="search_prefix", queries=QUERIES, median_ms=round(statistics.median(latencies), 3),
             p95_ms=round(percentile(latencies, 0.95), 3), target_p95_ms=16)

        desk = FrontDesk(store)
        latencies = []
        for guest in rng.sample(guests, QUERIES):
            started = time.perf_counter()
            outcome = desk.check_in(guest.ticket_code)
            latencies.append((time.perf_counter() - started) * 1000)
            assert outcome.status == "checked_in", outcome
        emit(benchmark="check_in", check_ins=QUERIES, median_ms=round(statistics.median(latencies), 3),
             p95_ms=round(percentile(latencies, 0.95), 3), target_p95_ms=5)
        store.close()


if __name__ == "__main__":
    main()
