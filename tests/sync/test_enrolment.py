"""Enrolment: the event's keys reach a new kiosk only in a file sealed under a passphrase; the file shows
nothing without it, refuses a wrong passphrase, a changed file, another event and hostile parameters, and
the CLI asks for the passphrase twice on a real terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest
from sync_support import DEVICES, cli, make_first_kiosk, table_rows

from kiosk.core.model import Event, new_id
from kiosk.storage import Store
from kiosk.sync import EnrolmentError, export_enrolment, import_enrolment
from kiosk.sync.enrolment import open_enrolment

PASSPHRASE = "Fruchthalle-Kiosk-2023"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    store = make_first_kiosk(tmp_path_factory.mktemp("first") / "k1.sqlite3", DEVICES[0])
    yield store
    store.close()


@pytest.fixture(scope="module")
def enrolment_file(first, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stick") / "enrol.json"
    export_enrolment(first, path, PASSPHRASE)
    return path


def test_a_new_kiosk_takes_the_keys_and_can_then_read_the_events_sync(first, enrolment_file, tmp_path):
    new = Store.open(tmp_path / "new.sqlite3", device_id=DEVICES[4])
    try:
        enrolment = import_enrolment(new, enrolment_file, PASSPHRASE)
        assert enrolment.event_name == "Netzwerktreffen"
        assert new.event_keys() == first.event_keys()
        assert [a for _, a, _, _ in new.audit_log()] == ["enrolled"]
        assert new.journal.vector() == {}  # the keys only: the data comes by sync
        import_enrolment(new, enrolment_file, PASSPHRASE)  # again: harmless
        assert new.event_keys() == first.event_keys()
    finally:
        new.close()


def test_the_file_shows_nothing_without_the_passphrase(first, enrolment_file):
    data = enrolment_file.read_bytes()
    keys = first.event_keys()
    for secret in (keys.secret.hex(), keys.staff_pin_hash, keys.event_id, "Netzwerktreffen", PASSPHRASE):
        assert secret.encode() not in data
    assert set(json.loads(data)) == {"format", "kdf", "nonce", "sealed"}


def test_a_wrong_passphrase_or_a_changed_file_changes_nothing(enrolment_file, tmp_path):
    new = Store.open(tmp_path / "new.sqlite3", device_id=DEVICES[4])
    changed = tmp_path / "changed.json"
    outer = json.loads(enrolment_file.read_bytes())
    outer["kdf"]["p"] = 2  # the parameters are bound to the sealed part
    changed.write_text(json.dumps(outer))
    try:
        before = table_rows(Path(new.db.database))
        for path, passphrase in ((enrolment_file, PASSPHRASE + "!"), (changed, PASSPHRASE)):
            with pytest.raises(EnrolmentError, match="passphrase is wrong, or the file was changed"):
                import_enrolment(new, path, passphrase)
        assert table_rows(Path(new.db.database)) == before and new.event_keys() is None
    finally:
        new.close()


@pytest.mark.parametrize("content, reason", [
    (b"", "not a kiosk enrolment file"),
    (b'{"format": "fruchthalle-kiosk-enrolment/1"}', "not a kiosk enrolment file"),
    (b"x" * 70_000, "too large"),
])
def test_files_that_are_no_enrolment_are_refused_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "odd.json"
    path.write_bytes(content)
    with pytest.raises(EnrolmentError, match=reason):
        open_enrolment(path, PASSPHRASE)


def test_a_file_asking_for_absurd_key_derivation_work_is_refused_at_once(enrolment_file, tmp_path):
    outer = json.loads(enrolment_file.read_bytes())
    outer["kdf"]["n"] = 2**30  # 1 TiB of scrypt memory: a denial of service, not a key
    path = tmp_path / "greedy.json"
    path.write_text(json.dumps(outer))
    started = time.monotonic()
    with pytest.raises(EnrolmentError, match="not a kiosk enrolment file"):
        open_enrolment(path, PASSPHRASE)
    assert time.monotonic() - started < 1


def test_a_kiosk_of_another_event_refuses_the_keys(enrolment_file, tmp_path):
    other = Store.open(tmp_path / "other.sqlite3", device_id=DEVICES[5])
    try:
        other.create_event(Event(id=new_id(), name="Anderes Treffen", venue="Halle", days=(),
                                 secret=b"x" * 32))
        held = other.event_keys()
        with pytest.raises(EnrolmentError, match="another event"):
            import_enrolment(other, enrolment_file, PASSPHRASE)
        assert other.event_keys() == held
    finally:
        other.close()


def test_a_short_passphrase_is_refused_and_nothing_written(first, tmp_path):
    with pytest.raises(EnrolmentError, match="at least 12 characters"):
        export_enrolment(first, tmp_path / "weak.json", "kurz")
    assert list(tmp_path.iterdir()) == []


def test_the_commands_take_a_passphrase_file(first, tmp_path):
    secret_file = tmp_path / "passphrase.txt"
    secret_file.write_text(PASSPHRASE + "\n")
    assert cli("--db", first.db.database, "enrol", "export", tmp_path / "e.json",
               "--passphrase-file", secret_file)[0] == 0
    code, out, err = cli("--db", tmp_path / "new.sqlite3", "enrol", "import", tmp_path / "e.json",
                         "--passphrase-file", secret_file, "--json")
    assert code == 0, err
    assert json.loads(out)["event"] == "Netzwerktreffen"
    assert PASSPHRASE not in out


def _on_a_terminal(argv: list[str], answers: list[str]) -> tuple[int, str]:
    """Run `kiosk` with a real terminal (getpass reads /dev/tty), answering each prompt in turn."""
    pid, terminal = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "main.py", *argv])
    said, pending = b"", list(answers)
    while True:
        ready, _, _ = select.select([terminal], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(terminal, 1024)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
        if pending and chunk.rstrip().endswith(b":"):
            os.write(terminal, pending.pop(0).encode() + b"\n")
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), said.decode(errors="replace")


def test_on_a_terminal_the_passphrase_is_asked_twice_and_must_match(first, tmp_path):
    target = tmp_path / "typed.json"
    code, said = _on_a_terminal(["--db", first.db.database, "enrol", "export", str(target)],
                                [PASSPHRASE, PASSPHRASE + "x"])
    assert code == 1 and "differ" in said and not target.exists()
    code, said = _on_a_terminal(["--db", first.db.database, "enrol", "export", str(target)],
                                [PASSPHRASE, PASSPHRASE])
    assert code == 0, said
    assert said.count("assphrase") >= 2 and PASSPHRASE not in said  # asked twice, never echoed
    assert open_enrolment(target, PASSPHRASE).keys == first.event_keys()


def test_a_refused_enrolment_creates_no_database(tmp_path):
    """A damaged file or a wrong passphrase for a kiosk not set up yet: nothing changed means no new file."""
    (tmp_path / "odd.json").write_bytes(os.urandom(500))
    (tmp_path / "passphrase.txt").write_text(PASSPHRASE + "\n")
    new = tmp_path / "new.sqlite3"
    code, _, err = cli("--db", new, "enrol", "import", tmp_path / "odd.json",
                       "--passphrase-file", tmp_path / "passphrase.txt")
    assert code == 1 and "nothing changed" in err
    assert not new.exists()
