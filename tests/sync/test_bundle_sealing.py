"""Sealed bundles: a lost stick shows nothing personal and no key; whoever lacks the key can neither
read, change, cut, reorder, extend nor forge one; hostile files are refused in bounded memory."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import DEVICES, FIRST_DAY, berlin, join_bundle, split_bundle, table_rows

import kiosk.sync.bundle as bundle_module
from kiosk.core.rules import CheckInStatus
from kiosk.storage import Store
from kiosk.sync import BundleError, export_bundle, import_bundle
from kiosk.sync.bundle import write_bundle
from kiosk.sync.sealing import Sealer

ROOT = Path(__file__).resolve().parents[2]
DAY = FIRST_DAY
REFUSED = ("does not open with this event's key", "not a kiosk bundle", "cut short", "after its end",
           "another event", "larger than any bundle", "older version", "copy it again")


@pytest.fixture
def guests(k1):
    return sorted(k1.store.guests(), key=lambda g: g.external_id)[:30]


@pytest.fixture
def k2_bundle(k1, k2, guests, tmp_path) -> Path:
    """Check-ins at K2 (of the thirty guests, those registered for the day), as a bundle for K1."""
    checked_in = _check_in_all(k2, guests)
    path = tmp_path / "k2-to-k1.bundle"
    assert export_bundle(k2.store, path, to=k1.device).changes == checked_in > 20
    return path


def _check_in_all(k, guests) -> int:
    k.clock.set(berlin(DAY, 9, 5))
    return sum(k.desk.check_in(g.ticket_code).status == CheckInStatus.CHECKED_IN for g in guests)


@pytest.fixture
def small_frames(monkeypatch):
    """Frames of about 2 KiB, so that a small bundle has many (the writer makes 4 MiB ones)."""
    monkeypatch.setattr(bundle_module, "_FRAME_TEXT", 2048)
    monkeypatch.setattr(bundle_module, "_BLOCK_LINES", 3)


def assert_refused(k, bundle: Path, *phrases: str) -> str:
    path = Path(k.store.db.database)
    before = table_rows(path)
    with pytest.raises(BundleError) as caught:
        import_bundle(k.store, bundle)
    message = str(caught.value)
    assert any(p in message for p in phrases or REFUSED), message
    assert bundle.name in message
    assert table_rows(path) == before, "a refused bundle changed the database"
    return message


# -- what a lost stick shows ---------------------------------------------------------------------------
def test_a_full_bundle_shows_no_name_e_mail_secret_or_pin_hash(k1, tmp_path):
    path = tmp_path / "all.bundle"
    export_bundle(k1.store, path, everything=True)
    data = path.read_bytes()
    keys = k1.store.event_keys()
    secrets_ = [keys.secret.hex().encode(), keys.secret, keys.staff_pin_hash.encode()]
    guests = k1.store.guests()
    personal = {g.last_name for g in guests if len(g.last_name) > 4} | {g.email for g in guests if g.email}
    assert len(personal) > 200
    leaked = [p for p in personal if p.encode() in data or p.encode("utf-16-le") in data]
    assert leaked == []
    assert not any(s in data for s in secrets_ if s)
    # and not hidden behind plain compression either
    for offset in range(0, len(data), 97):
        try:
            inflated = zlib.decompressobj(-15).decompress(data[offset:], 1 << 20)
        except zlib.error:
            continue
        assert not any(p.encode() in inflated for p in list(personal)[:50])
    header = json.loads(data[:data.index(b"\n")])
    assert set(header) == {"format", "event", "origin", "vector", "changes", "nonce"}


def test_the_bundle_is_not_the_same_twice(k1, tmp_path):
    """Fresh nonces: two exports of the same changes share no sealed bytes."""
    export_bundle(k1.store, tmp_path / "a.bundle", everything=True)
    export_bundle(k1.store, tmp_path / "b.bundle", everything=True)
    (_, a), (_, b) = split_bundle(tmp_path / "a.bundle"), split_bundle(tmp_path / "b.bundle")
    assert a[0][:64] != b[0][:64]


# -- what someone without the key cannot do --------------------------------------------------------------
def test_a_bundle_sealed_with_another_secret_for_the_same_event_is_refused(k1, k2, guests, tmp_path):
    """A forger who knows the event id and the format but not the secret."""
    rows = list(k2.store.journal.rows_between({}, k2.store.journal.vector()))
    forged = tmp_path / "forged.bundle"
    write_bundle(forged, Sealer(k1.store.event().id, b"y" * 32), DEVICES[1], k2.store.journal.vector(),
                 len(rows), rows)
    assert_refused(k1, forged, "does not open with this event's key")


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_bundle_with_any_byte_changed_is_refused_and_changes_nothing(k1, k2_bundle, tmp_path, data):
    raw = k2_bundle.read_bytes()
    position = data.draw(st.integers(0, len(raw) - 1), label="position")
    flip = data.draw(st.integers(1, 255), label="xor")
    tampered = bytearray(raw)
    tampered[position] ^= flip
    path = tmp_path / "tampered.bundle"
    path.write_bytes(bytes(tampered))
    assert_refused(k1, path)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_truncated_bundle_is_refused_and_changes_nothing(k1, k2_bundle, tmp_path, data):
    raw = k2_bundle.read_bytes()
    keep = data.draw(st.integers(0, len(raw) - 1), label="bytes kept")
    path = tmp_path / "cut.bundle"
    path.write_bytes(raw[:keep])
    assert_refused(k1, path, "cut short", "copy it again", "not a kiosk bundle")


def test_frames_dropped_reordered_repeated_or_moved_between_bundles_are_refused(
        k1, k2, guests, small_frames, tmp_path):
    checked_in = _check_in_all(k2, guests)
    path = tmp_path / "k2.bundle"
    export_bundle(k2.store, path, to=k1.device)
    header, frames = split_bundle(path)
    assert len(frames) >= 4
    export_bundle(k2.store, tmp_path / "again.bundle", to=k1.device)
    other_header, other_frames = split_bundle(tmp_path / "again.bundle")
    variants = {
        "last frame dropped": (header, frames[:-1]),
        "first frame dropped": (header, frames[1:]),
        "a middle frame dropped": (header, frames[:1] + frames[2:]),
        "two frames swapped": (header, [frames[1], frames[0], *frames[2:]]),
        "a frame repeated": (header, [frames[0], *frames]),
        "a frame added after the end": (header, [*frames, frames[-1]]),
        "a frame from another export of the same changes": (header, [other_frames[0], *frames[1:]]),
        "the header of another export": (other_header, frames),
    }
    for name, (head, body) in variants.items():
        variant = join_bundle(tmp_path / f"{name.replace(' ', '-')}.bundle", head, body)
        assert_refused(k1, variant)
    assert import_bundle(k1.store, path).applied == checked_in  # the untouched bundle still goes in


@pytest.mark.parametrize("field, value", [("changes", 31), ("origin", DEVICES[3]), ("vector", {DEVICES[1]: 99})])
def test_an_edited_header_is_refused(k1, k2_bundle, tmp_path, field, value):
    header, frames = split_bundle(k2_bundle)
    meta = json.loads(header)
    meta[field] = value
    edited = join_bundle(tmp_path / "edited.bundle", json.dumps(meta).encode() + b"\n", frames)
    assert_refused(k1, edited, "does not open with this event's key")


# -- files that are no (current) bundle ------------------------------------------------------------------
@pytest.mark.parametrize("content, phrase", [
    pytest.param(b"", "not a kiosk bundle", id="empty file"),
    pytest.param(b"Teilnehmer-ID;Vorname;Nachname\nNT-1;Amrei;Kolbeck\n", "not a kiosk bundle", id="a CSV"),
    pytest.param(bytes(range(256)) * 8, "not a kiosk bundle", id="random bytes"),
    pytest.param(gzip.compress(b"Teilnehmer-ID;Vorname\nNT-1;Amrei\n"), "not a kiosk bundle", id="gzip of a CSV"),
    pytest.param(gzip.compress(b""), "not a kiosk bundle", id="gzip of nothing"),
    pytest.param(gzip.compress(b'{"format": "fruchthalle-kiosk-bundle/1", "event": "e", "origin": "o", '
                               b'"vector": {}, "changes": 0}\n{"signature": "00"}\n'),
                 "older version", id="an unsealed bundle of the older version"),
    pytest.param(b'{"format": "something-else/1"}\n', "not a kiosk bundle", id="another format"),
    pytest.param(b'["not", "a", "header"]\n', "not a kiosk bundle", id="a JSON list as header"),
    pytest.param(b'{"format": "fruchthalle-kiosk-bundle/2", "event": 1}\n', "not a kiosk bundle",
                 id="a header missing its fields"),
])
def test_a_file_that_is_no_bundle_is_refused_with_a_reason(k1, tmp_path, content, phrase):
    path = tmp_path / "not-a.bundle"
    path.write_bytes(content)
    assert_refused(k1, path, phrase)


def test_a_frame_declaring_a_giant_length_is_refused_before_it_is_read(k1, k2_bundle, tmp_path):
    header, frames = split_bundle(k2_bundle)
    path = tmp_path / "giant.bundle"
    path.write_bytes(header + (2**32 - 1).to_bytes(4, "big") + frames[0])
    assert_refused(k1, path, "larger than any bundle")


def test_a_bundle_is_read_only_by_an_enrolled_kiosk(k1, k2_bundle, tmp_path):
    new = Store.open(tmp_path / "new.sqlite3", device_id=DEVICES[4])
    try:
        with pytest.raises(BundleError, match="not enrolled"):
            import_bundle(new, k2_bundle)
        assert new.journal.vector() == {}
    finally:
        new.close()


# -- bounded memory on hostile files ---------------------------------------------------------------------
_IMPORT_AND_MEASURE = """
import sys
from kiosk.storage import Store
from kiosk.sync import BundleError, import_bundle
store = Store.open(sys.argv[1])
try:
    import_bundle(store, sys.argv[2])
    print("IMPORTED")
except BundleError as error:
    print("REFUSED", error)
# VmHWM: the peak of this program alone (ru_maxrss would carry over the peak of the forking test process)
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print("PEAK_MB", peak_kb // 1024)
"""


def import_in_a_child(db: Path, bundle: Path) -> tuple[str, int]:
    """What importing `bundle` says, and the peak memory of the process that did it (MB)."""
    result = subprocess.run([sys.executable, "-c", _IMPORT_AND_MEASURE, str(db), str(bundle)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "PEAK_MB" in result.stdout, result.stdout + result.stderr
    return result.stdout, int(result.stdout.split("PEAK_MB")[1])


def _bomb(path: Path, header: bytes = b"") -> Path:
    """About 2 MB of gzip that inflates to 2 GB (of zeros, so no line ever ends)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    with open(path, "wb") as out:
        out.write(compressor.compress(header))
        for _ in range(2048):
            out.write(compressor.compress(block))
        out.write(compressor.flush())
    return path


@pytest.mark.parametrize("kind", ["zeros", "an old bundle header then zeros"])
def test_a_gzip_bomb_is_refused_in_bounded_memory(k1, tmp_path, kind):
    header = b"" if kind == "zeros" else b'{"format": "fruchthalle-kiosk-bundle/1", "event": "x", "vector": {}, '
    bomb = _bomb(tmp_path / "bomb.bundle", header)
    assert bomb.stat().st_size < 3_000_000
    k1.store.close()
    said, peak = import_in_a_child(tmp_path / "k1.sqlite3", bomb)
    print(json.dumps({"bomb": kind, "compressed_bytes": bomb.stat().st_size, "peak_mb": peak}))
    assert "REFUSED" in said and "bomb.bundle" in said
    assert peak < 400


def test_a_header_line_that_never_ends_is_refused_in_bounded_memory(k1, tmp_path):
    path = tmp_path / "endless.bundle"
    with open(path, "wb") as out:
        out.write(b'{"format": "fruchthalle-kiosk-bundle/2", "vector": {"')
        out.write(b"a" * (200 << 20))
    k1.store.close()
    said, peak = import_in_a_child(tmp_path / "k1.sqlite3", path)
    assert "REFUSED" in said and "not a kiosk bundle" in said
    assert peak < 150  # the 200 MB line is never held
