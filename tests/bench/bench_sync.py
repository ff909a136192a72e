"""Sync benchmark. Run: python tests/bench/bench_sync.py [--dsn postgresql://...] [--skip-bundle]

Prints one JSON object per line:
  (a) push and pull of 100,000 changes through a PostgreSQL hub (kiosk A pushes, a new kiosk B
      pulls), and a plain bulk COPY of the same rows into a fresh table of the same PostgreSQL:
      the physical floor; target: push + pull within 3x of it;
  (b) export and import of a bundle of 1,000,000 changes (target: under 60 s each);
  (c) each of them side by side sealed (as the kiosk syncs: AES-GCM) and plain (the same code with
      the sealing left out), alternating plain, sealed, plain, sealed (five times for the hub's push,
      three for its pull): the cost of encryption, best run against best run, target at most 20 % on
      push, pull, export and import.
Every step runs in a subprocess of its own, so each reports its own peak memory (maxrss).
Without --dsn a throw-away PostgreSQL cluster is started (as tests/sync does) and removed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from statistics import median
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests" / "sync"))

from kiosk.core.model import Guest, Organization, new_id  # noqa: E402

HUB_CHANGES = 100_000
BUNDLE_CHANGES = 1_000_000
DEVICE_A = "aaaaaaaa-0000-4000-8000-00000000000a"
DEVICE_B = "bbbbbbbb-0000-4000-8000-00000000000b"
CHUNK = 20_000
COPY_RUNS = 3
MODES = ("plain", "sealed") * 2  # alternating: the VM's speed drifts between phases
HUB_MODES = ("plain", "sealed") * 5  # a push takes a second: best of five (pulls: of the first three)
HUB_PULL_RUNS = 6


class Unsealed:
    """The baseline of the encryption figures: the same framing (the kind travels with the payload, as
    bytes), without encryption: rows and bundle frames pass through in clear."""

    def __init__(self, event_id: str) -> None:
        self.event_id = event_id

    def seal_rows(self, rows):
        return [(*row[:4], "sealed", f"{kind}\n{payload}".encode()) for *row, kind, payload in rows]

    def open_rows(self, rows):
        return [(*row[:4], *row[5].decode().split("\n", 1)) for row in rows]

    def seal(self, nonce, data, associated):
        return nonce[-1:] + data  # the last-frame flag, which the reader must see

    def open(self, nonce, data, associated):
        from kiosk.sync.sealing import SealError

        if data[:1] != nonce[-1:]:
            raise SealError("not the frame expected here")
        return data[1:]


def sealing(args, store):
    """None (the kiosk's own sealer) or the plain baseline."""
    return Unsealed(store.event_keys().event_id) if args.mode == "plain" else None


def emit(**figures) -> None:
    print(json.dumps(figures), flush=True)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- filling a kiosk's journal fast -----------------------------------------------------------------
def mix(total: int) -> dict[str, int]:
    """One event, then a quarter guests, a quarter check-ins and half contacts (a networking event)."""
    guests = total // 4
    check_ins = total // 4
    return {"event": 1, "guest": guests, "check_in": check_ins, "contact": total - 1 - guests - check_ins}


def fill(path: Path, total: int) -> dict:
    from kiosk.services.setup import create_event
    from kiosk.storage import Store

    store = Store.open(path, device_id=DEVICE_A)
    days = tuple(date(2023, 10, 24) + timedelta(days=n) for n in range(3))
    create_event(store, "Benchmark", "Fruchthalle", days)
    plan = mix(total)
    ids = [new_id() for _ in range(plan["guest"])]
    orgs = [Organization(f"Digitalzentrum {n}") for n in range(200)]
    for start in range(0, len(ids), CHUNK):
        store.save_guests(Guest(id=gid, first_name=f"Vorname{n}", last_name=f"Nachname{n % 997}",
                                ticket_code=f"BN-{n:07d}", organization=orgs[n % len(orgs)],
                                email=f"gast{n}@example.org", days=days)
                          for n, gid in enumerate(ids[start:start + CHUNK], start))
    at = datetime(2023, 10, 24, 7, 0, tzinfo=timezone.utc)
    check_ins = [{"id": new_id(), "guest_id": ids[n % len(ids)], "day": days[n // len(ids)].isoformat(),
                  "at": (at + timedelta(milliseconds=n)).isoformat(timespec="microseconds")}
                 for n in range(plan["check_in"])]
    _record(store, "check_in", check_ins)
    contacts = []
    for n in range(plan["contact"]):
        step = 1 + n // len(ids)
        low, high = sorted((ids[n % len(ids)], ids[(n + step) % len(ids)]))
        contacts.append({"id": new_id(), "low": low, "high": high, "day": days[0].isoformat(),
                         "at": (at + timedelta(hours=2, milliseconds=n)).isoformat(timespec="microseconds")})
    _record(store, "contact", contacts)
    changes = sum(store.journal.vector().values())
    store.close()
    return {"changes": changes, **{f"{kind}s": n for kind, n in plan.items()}}


def _record(store, kind: str, payloads: list[dict]) -> None:
    for start in range(0, len(payloads), CHUNK):
        store.journal.record_many(kind, payloads[start:start + CHUNK])


# -- steps (each in its own process) ------------------------------------------------------------------
def step_fill(args) -> dict:
    started = time.perf_counter()
    figures = fill(Path(args.db), args.changes)
    return {**figures, "seconds": round(time.perf_counter() - started, 3)}


def step_push(args) -> dict:
    from kiosk.storage import Store
    from kiosk.sync.hub import sync_with_hub

    store = Store.open(args.db, device_id=DEVICE_A)
    started = time.perf_counter()
    result = sync_with_hub(store, args.dsn, seal=sealing(args, store))
    seconds = round(time.perf_counter() - started, 3)
    return {"pushed": result.pushed, "pulled": result.pulled, "seconds": seconds}


def step_pull(args) -> dict:
    from kiosk.storage import Store
    from kiosk.sync import hub

    store = Store.open(args.db, device_id=DEVICE_B)
    store.enrol(Store.open(args.source).event_keys())
    timings = {"ingest": 0.0, "fetch": 0.0}
    _time_calls(store.journal, "ingest_rows", timings, "ingest")  # parsing the payloads and applying them
    _time_calls(hub.Hub, "fetch", timings, "fetch")
    started = time.perf_counter()
    result = hub.sync_with_hub(store, args.dsn, seal=sealing(args, store))
    seconds = time.perf_counter() - started
    return {"pushed": result.pushed, "pulled": result.pulled, "seconds": round(seconds, 3),
            "fetch_seconds": round(timings["fetch"], 3), "ingest_seconds": round(timings["ingest"], 3),
            "transport_seconds": round(seconds - timings["ingest"], 3)}


def _time_calls(owner, name: str, timings: dict, key: str) -> None:
    real = getattr(owner, name)

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            timings[key] += time.perf_counter() - started

    setattr(owner, name, timed)


def step_copy(args) -> dict:
    """The floor: the same rows in clear, already in memory as COPY data (binary, as the push sends them),
    into a fresh table in one transaction."""
    import psycopg2

    from kiosk.storage import Store
    from kiosk.sync.hub import _local_rows, copy_data

    store = Store.open(args.db, device_id=DEVICE_A)
    rows = _local_rows(store, store.journal.vector(), {}, 10**9)
    data = copy_data([(*row[:5], row[5].encode()) for row in rows])
    connection = psycopg2.connect(args.dsn)
    runs = []
    with connection.cursor() as cursor:
        for _ in range(COPY_RUNS):  # the server's commit time varies: the median of three
            cursor.execute("DROP TABLE IF EXISTS copy_floor")
            cursor.execute("CREATE TABLE copy_floor (id VARCHAR(36) NOT NULL, origin VARCHAR(36) NOT NULL, "
                           "seq INTEGER NOT NULL, stamp VARCHAR(255) NOT NULL, kind VARCHAR(255) NOT NULL, "
                           "payload BYTEA NOT NULL, PRIMARY KEY (origin, seq))")
            connection.commit()
            started = time.perf_counter()
            cursor.copy_expert("COPY copy_floor (id, origin, seq, stamp, kind, payload) FROM STDIN "
                               "(FORMAT binary)", io.BytesIO(data), size=len(data))
            connection.commit()
            runs.append(round(time.perf_counter() - started, 3))
    connection.close()
    return {"rows": len(rows), "runs_seconds": runs, "seconds": sorted(runs)[len(runs) // 2]}


def step_export(args) -> dict:
    from kiosk.storage import Store
    from kiosk.sync import export_bundle

    store = Store.open(args.db, device_id=DEVICE_A)
    started = time.perf_counter()
    summary = export_bundle(store, Path(args.bundle), everything=True, seal=sealing(args, store))
    return {"changes": summary.changes, "seconds": round(time.perf_counter() - started, 3),
            "bundle_mb": round(Path(args.bundle).stat().st_size / 2**20, 1)}


def step_import(args) -> dict:
    from kiosk.storage import Store
    from kiosk.sync import import_bundle

    store = Store.open(args.db, device_id=DEVICE_B)
    store.enrol(Store.open(args.source).event_keys())
    started = time.perf_counter()
    summary = import_bundle(store, Path(args.bundle), seal=sealing(args, store))
    seconds = round(time.perf_counter() - started, 3)
    return {"changes": summary.changes, "applied": summary.applied, "seconds": seconds}


def step_idle(args) -> dict:
    from kiosk.storage import Store  # noqa: F401  (the interpreter with the kiosk's modules loaded)
    from kiosk.sync import hub  # noqa: F401

    return {}


STEPS = {"fill": step_fill, "push": step_push, "pull": step_pull, "copy": step_copy, "export": step_export,
         "import": step_import, "idle": step_idle}


def run_step(name: str, **options) -> dict:
    argv = [sys.executable, __file__, "--step", name]
    for key, value in options.items():
        argv += [f"--{key}", str(value)]
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the benchmarks -----------------------------------------------------------------------------------
def bench_hub(folder: Path, dsn_for) -> None:
    kiosk_a = folder / "hub-a.sqlite3"
    filled = run_step("fill", db=kiosk_a, changes=HUB_CHANGES)
    emit(benchmark="hub_fill_kiosk", **filled)
    # The floor first: a new cluster's first big COPY also creates its WAL segment files (about
    # twice as slow); measured first, the floor takes that on, and the push meets a warm server.
    floor = run_step("copy", db=kiosk_a, dsn=dsn_for("floor"))
    emit(benchmark="hub_copy_floor", **floor)
    pushes: dict[str, list[dict]] = {"plain": [], "sealed": []}
    pulls: dict[str, list[dict]] = {"plain": [], "sealed": []}
    for number, mode in enumerate(HUB_MODES):
        dsn, kiosk_b = dsn_for(f"{mode}{number}"), folder / f"hub-b-{mode}{number}.sqlite3"
        pushes[mode].append(run_step("push", db=kiosk_a, dsn=dsn, mode=mode))  # a new hub each run
        emit(benchmark="hub_push", mode=mode, **pushes[mode][-1])
        if number < HUB_PULL_RUNS:
            pulls[mode].append(run_step("pull", db=kiosk_b, dsn=dsn, mode=mode, source=kiosk_a))
            emit(benchmark="hub_pull", mode=mode, **pulls[mode][-1])
    copy = floor["seconds"]
    push, pull = pushes["sealed"][-1], pulls["sealed"][-1]
    emit(benchmark="hub_push_pull_vs_copy", changes=push["pushed"],
         push_seconds=push["seconds"], pull_seconds=pull["seconds"], copy_seconds=copy,
         push_ratio=round(push["seconds"] / copy, 2),
         pull_transport_ratio=round(pull["transport_seconds"] / copy, 2),
         push_pull_transport_ratio=round((push["seconds"] + pull["transport_seconds"]) / copy, 2),
         push_pull_ratio=round((push["seconds"] + pull["seconds"]) / copy, 2), target_ratio=3,
         peak_rss_mb={"push": push["peak_rss_mb"], "pull": pull["peak_rss_mb"], "copy": floor["peak_rss_mb"]})
    emit(benchmark="hub_encryption_overhead", changes=push["pushed"], target_percent=20,
         **_overhead("push", pushes["plain"], pushes["sealed"]),
         **_overhead("pull", pulls["plain"], pulls["sealed"]))


def _overhead(name: str, plain: list[dict], sealed: list[dict]) -> dict:
    """Best of the plain runs against best of the sealed ones (the least disturbed of each): the figure
    the target is about; and median against median, which shows how much a busy machine moved it."""
    plain_s, sealed_s = [r["seconds"] for r in plain], [r["seconds"] for r in sealed]
    return {f"{name}_plain_seconds": plain_s, f"{name}_sealed_seconds": sealed_s,
            f"{name}_overhead_percent": round(100 * (min(sealed_s) / min(plain_s) - 1), 1),
            f"{name}_median_overhead_percent": round(100 * (median(sealed_s) / median(plain_s) - 1), 1)}


def bench_bundle(folder: Path) -> None:
    source = folder / "bundle-a.sqlite3"
    filled = run_step("fill", db=source, changes=BUNDLE_CHANGES)
    emit(benchmark="bundle_fill_kiosk", **filled)
    runs: dict[str, list[tuple[dict, dict]]] = {"plain": [], "sealed": []}
    for number, mode in enumerate(MODES):
        bundle, target = folder / f"all-{number}.bundle", folder / f"bundle-b-{number}.sqlite3"
        exported = run_step("export", db=source, bundle=bundle, mode=mode)
        emit(benchmark="bundle_export", mode=mode, **exported, target_seconds=60)
        imported = run_step("import", db=target, bundle=bundle, mode=mode, source=source)
        emit(benchmark="bundle_import", mode=mode, **imported, target_seconds=60)
        runs[mode].append((exported, imported))
        bundle.unlink()
        target.unlink()
    emit(benchmark="bundle_encryption_overhead", changes=BUNDLE_CHANGES, target_percent=20,
         **_overhead("export", [e for e, _ in runs["plain"]], [e for e, _ in runs["sealed"]]),
         **_overhead("import", [i for _, i in runs["plain"]], [i for _, i in runs["sealed"]]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--step", choices=sorted(STEPS))
    parser.add_argument("--db")
    parser.add_argument("--dsn", default=os.environ.get("KIOSK_BENCH_DSN"))
    parser.add_argument("--changes", type=int)
    parser.add_argument("--bundle")
    parser.add_argument("--mode", choices=("plain", "sealed"), default="sealed")
    parser.add_argument("--source", help="the kiosk whose event keys a new kiosk is enrolled with")
    parser.add_argument("--skip-hub", action="store_true")
    parser.add_argument("--skip-bundle", action="store_true")
    args = parser.parse_args()
    if args.step:
        figures = STEPS[args.step](args)
        print(json.dumps({**figures, "peak_rss_mb": peak_rss_mb()}), flush=True)
        return
    emit(benchmark="interpreter_baseline", **run_step("idle"))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        if not args.skip_hub:
            _with_hub(args.dsn, lambda dsn_for: bench_hub(folder, dsn_for))
        if not args.skip_bundle:
            bench_bundle(folder)


def _with_hub(dsn: str | None, work) -> None:
    """work(dsn_for): dsn_for(name) gives an empty hub database per run (with --dsn: the same one, emptied)."""
    if dsn:
        work(lambda name: _emptied(dsn))
        return
    from postgres_cluster import start_cluster

    cluster = start_cluster()
    try:
        work(lambda name: cluster.create_database(f"bench_{name}"))
    finally:
        cluster.stop()


def _emptied(dsn: str) -> str:
    import psycopg2

    connection = psycopg2.connect(dsn)
    with connection, connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS change_row, hub_info")
    connection.close()
    return dsn


if __name__ == "__main__":
    main()
