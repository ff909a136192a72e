"""Big-screen benchmark: what one refresh costs. Run: python tests/bench/bench_display.py
[--guests N --contacts M [--db PATH]]

On databases made like the report benchmark's (bench_report.fill): 2,000 guests with 20,000 contacts,
and 100,000 guests with 1,000,000 contacts. Times the read worker's full read (both leaderboards,
arrivals, programme), a poll that finds no change (PRAGMA data_version), and the UI thread's share:
putting a read on the 1920 x 1080 screen.
Prints one JSON object per line.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_report  # noqa: E402
from bench_report import DAYS, DEVICE, emit  # noqa: E402

from kiosk.services.setup import create_event  # noqa: E402
from kiosk.storage import Store  # noqa: E402

SIZES = [(2_000, 20_000), (bench_report.GUESTS, bench_report.CONTACTS)]
READ_TARGET_SECONDS = 1.0  # the display polls once a second (a slower read makes it refresh less often)
POLL_TARGET_MS = 1.0
SHOW_TARGET_MS = 50.0  # the UI thread's share of a refresh


def best_of(runs: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def prepared(path: Path, guests: int, contacts: int) -> None:
    if path.exists():
        return
    bench_report.GUESTS, bench_report.CONTACTS = guests, contacts
    store = Store.open(path, device_id=DEVICE)
    create_event(store, "Bench", "Fruchthalle", DAYS)
    store.close()
    start = time.perf_counter()
    bench_report.fill(path, random.Random(5))
    emit(step="generate", seconds=round(time.perf_counter() - start, 1), guests=guests, contacts=contacts)


def measure(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import parse_ui_args
    from kiosk.ui.display.app import DisplayApp
    from kiosk.ui.tasks import InlineExecutor

    app = QApplication.instance() or QApplication([])
    clock = lambda: datetime(DAYS[1].year, DAYS[1].month, DAYS[1].day, 11, 0, tzinfo=timezone.utc)  # noqa: E731
    options = parse_ui_args(["--db", str(path), "--display"])
    display = DisplayApp(options, Store.open(path, device_id=DEVICE), executor=InlineExecutor(), clock=clock)
    try:
        reader, screen = display.reader, display.screen
        read_seconds, data = best_of(3, reader.read)
        emit(step="display_read", seconds=round(read_seconds, 3), contacts_of_leader=data.overall[0].contacts,
             arrived_today=data.arrived, target_seconds=READ_TARGET_SECONDS, ok=read_seconds < READ_TARGET_SECONDS)
        reader.poll()
        poll_seconds, nothing = best_of(20, reader.poll)
        assert nothing is None
        emit(step="display_poll_unchanged", ms=round(poll_seconds * 1000, 3), target_ms=POLL_TARGET_MS,
             ok=poll_seconds * 1000 < POLL_TARGET_MS)
        screen.resize(1920, 1080)
        screen.show()

        def show():
            screen.show_data(data, display.now())
            app.processEvents()

        show_seconds, _ = best_of(10, show)
        emit(step="display_show", ms=round(show_seconds * 1000, 1), target_ms=SHOW_TARGET_MS,
             ok=show_seconds * 1000 < SHOW_TARGET_MS, load_average=round(os.getloadavg()[0], 1))
    finally:
        display.shutdown()


def main(argv: list[str]) -> None:
    """Both sizes by default (a large conference, and the report's 100,000 guests); `--guests N
    --contacts M` one size; `--db PATH` keeps that size's database and reuses it."""
    if "--guests" in argv:
        sizes = [(int(argv[argv.index("--guests") + 1]), int(argv[argv.index("--contacts") + 1]))]
    else:
        sizes = SIZES
    with tempfile.TemporaryDirectory() as folder:
        for guests, contacts in sizes:
            path = Path(argv[argv.index("--db") + 1]) if "--db" in argv else Path(folder) / f"{guests}.sqlite3"
            prepared(path, guests, contacts)
            emit(step="size", guests=guests, contacts=contacts)
            measure(path)


if __name__ == "__main__":
    main(sys.argv[1:])
