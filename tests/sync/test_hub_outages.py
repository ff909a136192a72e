"""The hub away, refusing, silent or killed mid-way: the kiosk keeps working and catches up later."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hub_support import (DEVICE_A, Relay, SilentServer, assert_converged, canonical, check_in, first_kiosk,
                         hub_rows, kiosk_from_bundle, pool, sync_all, three_kiosks)
from postgres_cluster import free_port, wait_until

from kiosk.cli import run
from kiosk.core.model import Guest, new_id
from kiosk.core.rules import CheckInStatus
from kiosk.sync import status
from kiosk.sync.background import HubSyncer
from kiosk.sync.hub import HubResult, HubUnavailable, hub_peer, sync_with_hub

ROOT = Path(__file__).resolve().parents[2]


def via_port(dsn: str, port: int) -> str:
    parts = urlsplit(dsn)
    return parts._replace(netloc=f"{parts.username}:{parts.password}@127.0.0.1:{port}").geturl()


def test_the_hub_going_away_leaves_the_kiosk_working_and_the_changes_waiting(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    relay = Relay(urlsplit(hub_dsn).port)
    dsn = via_port(hub_dsn, relay.port)
    peer = hub_peer(dsn)
    sync_with_hub(a.store, dsn)
    assert a.store.journal.pending_count(peer) == 0

    relay.close()
    started = time.monotonic()
    with pytest.raises(HubUnavailable, match="cannot be reached"):
        sync_with_hub(a.store, dsn)
    assert time.monotonic() - started < 3
    guests = pool(a, 4)
    for guest in guests:
        check_in(a, guest)  # the desk does not notice the hub is gone
    assert a.store.journal.pending_count(peer) == 4
    assert status(a.store).as_json()["peers"][peer]["pending"] == 4

    relay = Relay(urlsplit(hub_dsn).port, port=relay.port)  # the network is back
    try:
        assert sync_with_hub(a.store, dsn).pushed == 4
    finally:
        relay.close()
    assert a.store.journal.pending_count(peer) == 0


def test_a_closed_port_fails_at_once_and_a_silent_server_within_the_connect_timeout(tmp_path):
    a = first_kiosk(tmp_path)
    started = time.monotonic()
    with pytest.raises(HubUnavailable, match="cannot be reached"):
        sync_with_hub(a.store, f"postgresql://kiosk:secret@127.0.0.1:{free_port()}/hub")
    assert time.monotonic() - started < 2

    silent = SilentServer()
    try:
        started = time.monotonic()
        with pytest.raises(HubUnavailable, match="cannot be reached.*timeout"):
            sync_with_hub(a.store, f"postgresql://kiosk:secret@127.0.0.1:{silent.port}/hub?connect_timeout=2")
        assert time.monotonic() - started < 8
    finally:
        silent.close()
    assert a.store.journal.pending_count(hub_peer(f"postgresql://kiosk@127.0.0.1:{silent.port}/hub")) > 0


def test_a_refused_login_says_so_and_never_shows_the_password(tmp_path, hub_dsn, postgres_cluster):
    a = first_kiosk(tmp_path)
    wrong = hub_dsn.replace(":hub-secret@", ":not-the-password@")
    with pytest.raises(HubUnavailable, match="refused the login") as refused:
        sync_with_hub(a.store, wrong)
    assert "not-the-password" not in str(refused.value) and "hub-secret" not in hub_peer(hub_dsn)
    with pytest.raises(HubUnavailable, match="not a PostgreSQL address"):
        sync_with_hub(a.store, "host=127.0.0.1 port")


def test_the_cli_syncs_and_reports_an_unreachable_hub(tmp_path, hub_dsn, capsys):
    a = first_kiosk(tmp_path)
    path = a.store.db.database
    a.store.close()
    (Path(os.environ["KIOSK_HOME"])).mkdir(parents=True, exist_ok=True)
    (Path(os.environ["KIOSK_HOME"]) / "device-id").write_text(DEVICE_A + "\n")
    assert run(["--db", path, "sync", "hub", hub_dsn, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pushed"] > 0 and result["pulled"] == 0 and result["hub"] == hub_peer(hub_dsn)
    assert run(["--db", path, "sync", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["peers"][hub_peer(hub_dsn)]["pending"] == 0

    assert run(["--db", path, "sync", "hub", f"postgresql://kiosk:x@127.0.0.1:{free_port()}/hub"]) == 1
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "wait here" in err and "Traceback" not in err


_SLOW_SYNC = textwrap.dedent("""
    import sys, time
    import kiosk.sync.hub as hub
    real_push = hub.Hub.push_copy
    def slow_push(self, data, count):
        pushed = real_push(self, data, count)
        print("batch", flush=True)
        time.sleep(30)  # the parent kills us here
        return pushed
    hub.Hub.push_copy = slow_push
    hub.sync_with_hub.__defaults__ = (5000, None)  # batches of 5,000: the kill comes after the first of two
    from kiosk.cli import run
    sys.exit(run(sys.argv[1:]))
""")


def test_killing_a_sync_half_way_and_running_it_again_converges(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    b = kiosk_from_bundle(tmp_path, a, "B", "cccccccc-0000-4000-8000-00000000000b")
    a.store.save_guests([Guest(id=new_id(), first_name=f"Gast{n}", last_name="Massenimport",
                               ticket_code=f"MI-{n:05d}") for n in range(7_000)])
    total = sum(a.store.journal.vector().values())
    home = tmp_path / "home-a"
    home.mkdir()
    (home / "device-id").write_text(DEVICE_A + "\n")
    env = {**os.environ, "KIOSK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", _SLOW_SYNC, "--db", a.store.db.database, "sync", "hub",
                                hub_dsn], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        assert process.stdout.readline().strip() == "batch", process.stderr.read()
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    assert 0 < hub_rows(hub_dsn) < total  # killed half-way: some batches arrived, not all
    peer = hub_peer(hub_dsn)
    assert a.store.last_synced(peer) is None

    result = sync_with_hub(a.store, hub_dsn)
    assert result.pushed == total - 5000 and hub_rows(hub_dsn) == total
    assert sync_with_hub(b.store, hub_dsn).pulled == 7_000
    assert_converged(a, b)
    assert b.store.guest_count() == a.store.guest_count() == 7_300


def test_the_background_syncer_reports_state_and_never_raises(tmp_path, hub_dsn):
    a = first_kiosk(tmp_path)
    relay = Relay(urlsplit(hub_dsn).port)
    syncer = HubSyncer(lambda: a.store, via_port(hub_dsn, relay.port), interval_seconds=60)
    assert syncer.due() and syncer.state().last_sync is None
    result = syncer.run_once()
    assert isinstance(result, HubResult) and result.pushed > 0
    state = syncer.state()
    assert state.last_error is None and state.last_sync is not None and state.pending == 0
    assert not syncer.due() and syncer.run_if_due() is None

    relay.close()
    check_in(a, pool(a, 1)[0])
    failed = syncer.run_once()
    assert isinstance(failed, str) and "cannot be reached" in failed
    state = syncer.state()
    assert state.last_error == failed and state.pending == 1 and state.last_sync is not None
    assert not state.running and state.as_json()["pending"] == 1


def test_the_background_syncer_runs_one_sync_at_a_time_on_its_own_thread(tmp_path):
    calls, gate = [], __import__("threading").Event()

    def fake_sync(store, dsn):
        calls.append(dsn)
        gate.wait(5)
        return HubResult(1, 2, "hub:fake")

    a = first_kiosk(tmp_path)
    syncer = HubSyncer(a.store, "postgresql://kiosk@127.0.0.1:1/hub", interval_seconds=0.05, sync=fake_sync)
    syncer.start()
    assert wait_until(lambda: syncer.state().running)
    assert syncer.run_once() == "a sync with the hub is already running"
    gate.set()
    assert wait_until(lambda: len(calls) >= 3)
    syncer.stop()
    assert syncer.state().last_result == HubResult(1, 2, "hub:fake") and len(calls) >= 3


def test_the_background_syncer_turns_unexpected_errors_into_text(tmp_path):
    def broken_sync(store, dsn):
        raise RuntimeError("disk full")

    a = first_kiosk(tmp_path)
    syncer = HubSyncer(a.store.db.database, "postgresql://kiosk@127.0.0.1:1/hub", sync=broken_sync)
    assert syncer.run_once() == "sync failed: disk full"
    assert syncer.state().last_error == "sync failed: disk full"


def test_check_ins_during_a_sync_are_not_confirmed_before_they_were_sent(tmp_path, hub_dsn, monkeypatch):
    a, b, _ = three_kiosks(tmp_path)
    guests = pool(a, 3)
    check_in(b, guests[0])
    sync_with_hub(b.store, hub_dsn)
    journal = a.store.journal
    real_ingest = journal.ingest

    def ingest_while_the_desk_works(changes):
        applied = real_ingest(changes)
        assert a.desk.check_in(a.token(guests[1])).status == CheckInStatus.CHECKED_IN
        return applied

    monkeypatch.setattr(journal, "ingest", ingest_while_the_desk_works)
    assert sync_with_hub(a.store, hub_dsn).pulled == 1
    assert journal.pending_count(hub_peer(hub_dsn)) == 1  # made during the pull: not yet on the hub
    monkeypatch.undo()
    sync_all(hub_dsn, a, b)
    assert canonical(a.store)["check_in_row"] == canonical(b.store)["check_in_row"]
