"""Merge rules: the same changes give the same result in any order, any batching, any repetition.

First the pure rules of kiosk.core.merge (field writes, the counting scan), then the same rules
as the storage layer applies them to journal changes (kiosk.storage.applying).
"""

from __future__ import annotations

import itertools
import random
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.hlc import Stamp
from kiosk.core.merge import counting_scan, earliest, field_clock, merge_fields
from kiosk.core.model import Change, new_id
from kiosk.storage import Store

ORIGINS = ("00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000b2",
           "00000000-0000-4000-8000-0000000000c3")
FIELDS = ("first_name", "last_name", "organization", "consent_contacts")
VALUES = {"first_name": st.sampled_from(["Amrei", "Bodo", "Cleo", ""]),
          "last_name": st.sampled_from(["Kolbeck", "Förster", "Strauß"]),
          "organization": st.sampled_from(["", "Werkhof Süd", "Kanzlei Weißdorn"]),
          "consent_contacts": st.booleans()}


def stamp(millis: int, counter: int = 0, device: str = ORIGINS[0]) -> str:
    return Stamp(millis, counter, device).encode()


stamp_texts = st.builds(stamp, st.integers(1_000, 1_010), st.integers(0, 3), st.sampled_from(ORIGINS))
field_writes = st.fixed_dictionaries({}, optional={f: VALUES[f] for f in FIELDS}).filter(bool)
writes = st.lists(st.tuples(stamp_texts, field_writes), max_size=8, unique_by=lambda w: w[0])


def lww(write_list) -> tuple[dict, dict]:
    """The latest write of every field: the model merge_fields must agree with."""
    values, clocks = {}, {}
    for at, fields in write_list:
        for name, value in fields.items():
            if at > clocks.get(name, ""):
                values[name], clocks[name] = value, at
    return values, clocks


def apply_all(write_list, start=({}, {})):
    values, clocks = start
    for at, fields in write_list:
        values, clocks, _ = merge_fields(values, clocks, fields, at)
    return values, clocks


# -- merge_fields ----------------------------------------------------------------------------------
def test_a_newer_write_wins_and_an_older_one_loses():
    values, clocks, changed = merge_fields({"first_name": "Amrei"}, {"first_name": stamp(2)},
                                           {"first_name": "Bodo"}, stamp(3))
    assert (values, clocks, changed) == ({"first_name": "Bodo"}, {"first_name": stamp(3)}, True)
    values, clocks, changed = merge_fields(values, clocks, {"first_name": "Cleo"}, stamp(1))
    assert (values, clocks, changed) == ({"first_name": "Bodo"}, {"first_name": stamp(3)}, False)


def test_fields_merge_one_by_one():
    values, clocks, changed = merge_fields({"first_name": "Amrei", "last_name": "Kolbeck"},
                                           {"first_name": stamp(5), "last_name": stamp(1)},
                                           {"first_name": "Bodo", "last_name": "Förster"}, stamp(3))
    assert changed
    assert values == {"first_name": "Amrei", "last_name": "Förster"}
    assert clocks == {"first_name": stamp(5), "last_name": stamp(3)}


def test_the_star_clock_stands_for_every_field_not_named():
    clocks = {"*": stamp(4), "consent_contacts": stamp(9)}
    assert field_clock(clocks, "first_name") == stamp(4)
    assert field_clock(clocks, "consent_contacts") == stamp(9)
    assert field_clock({}, "first_name") == ""
    values, new_clocks, changed = merge_fields({"first_name": "Amrei", "consent_contacts": False}, clocks,
                                               {"first_name": "Bodo", "consent_contacts": True}, stamp(6))
    assert changed
    assert values == {"first_name": "Bodo", "consent_contacts": False}
    assert new_clocks == {"*": stamp(4), "first_name": stamp(6), "consent_contacts": stamp(9)}


def test_the_same_write_twice_changes_nothing_the_second_time():
    once = merge_fields({}, {}, {"first_name": "Amrei"}, stamp(2))
    twice = merge_fields(once[0], once[1], {"first_name": "Amrei"}, stamp(2))
    assert twice == (once[0], once[1], False)


def test_equal_times_from_two_devices_are_ordered_by_device():
    early, late = sorted([stamp(7, 0, ORIGINS[1]), stamp(7, 0, ORIGINS[0])])
    for order in ([(early, "Amrei"), (late, "Bodo")], [(late, "Bodo"), (early, "Amrei")]):
        values, _ = apply_all([(at, {"first_name": name}) for at, name in order])
        assert values == {"first_name": "Bodo"}


def test_merging_does_not_change_its_arguments():
    current, clocks = {"first_name": "Amrei"}, {"first_name": stamp(1)}
    merge_fields(current, clocks, {"first_name": "Bodo"}, stamp(2))
    assert current == {"first_name": "Amrei"} and clocks == {"first_name": stamp(1)}


@given(writes, st.randoms(use_true_random=False))
def test_any_order_of_the_same_writes_gives_the_latest_value_of_every_field(write_list, rng):
    expected = lww(write_list)
    shuffled = list(write_list)
    rng.shuffle(shuffled)
    assert apply_all(write_list) == expected
    assert apply_all(shuffled) == expected


@given(writes)
def test_applying_writes_again_changes_nothing(write_list):
    values, clocks = apply_all(write_list)
    for at, fields in write_list:
        again = merge_fields(values, clocks, fields, at)
        assert again == (values, clocks, False)


@given(writes, writes)
def test_merging_two_kiosks_histories_is_commutative(left, right):
    """Kiosk A applied `left`, kiosk B `right`; each then applies the other's writes."""
    right = [w for w in right if w[0] not in {at for at, _ in left}]
    a_then_b = apply_all(right, apply_all(left))
    b_then_a = apply_all(left, apply_all(right))
    assert a_then_b == b_then_a == lww(left + right)


# -- counting_scan and earliest --------------------------------------------------------------------
T0 = datetime(2023, 10, 24, 7, 0, tzinfo=timezone.utc)


def test_the_earliest_scan_counts():
    scans = [(T0 + timedelta(minutes=5), "b", stamp(5)), (T0, "c", stamp(9)), (T0 + timedelta(minutes=1), "a",
                                                                                stamp(1))]
    assert counting_scan(scans, "") == (T0, "c")


def test_equal_times_are_broken_by_the_scan_id():
    assert counting_scan([(T0, "b", stamp(1)), (T0, "a", stamp(2))], "") == (T0, "a")
    assert earliest([(T0, "z"), (T0, "y")]) == (T0, "y")
    assert earliest([]) is None


def test_an_undo_voids_the_scans_stamped_before_it():
    scans = [(T0, "a", stamp(1)), (T0 + timedelta(minutes=1), "b", stamp(2))]
    assert counting_scan(scans, stamp(3)) is None


def test_a_scan_made_after_the_undo_counts_even_if_its_time_is_later():
    scans = [(T0, "a", stamp(1)), (T0 + timedelta(hours=2), "b", stamp(4))]
    assert counting_scan(scans, stamp(3)) == (T0 + timedelta(hours=2), "b")


def test_an_undo_in_the_same_millisecond_on_another_kiosk_is_ordered_by_device():
    scan = (T0, "a", stamp(5, 0, ORIGINS[1]))
    assert counting_scan([scan], stamp(5, 0, ORIGINS[0])) == (T0, "a")  # the undo sorts first
    assert counting_scan([scan], stamp(5, 0, ORIGINS[2])) is None


scan_lists = st.lists(st.tuples(st.integers(0, 5), st.text("abc", min_size=1, max_size=2), stamp_texts),
                      max_size=8, unique_by=(lambda s: s[1], lambda s: s[2]))


@given(scan_lists, st.none() | stamp_texts, st.randoms(use_true_random=False))
def test_the_counting_scan_does_not_depend_on_order(raw, undo, rng):
    scans = [(T0 + timedelta(minutes=m), sid, at) for m, sid, at in raw]
    undone = undo or ""
    live = [(at, sid) for at, sid, s in scans if s > undone]
    expected = min(live) if live else None
    shuffled = list(scans)
    rng.shuffle(shuffled)
    assert counting_scan(scans, undone) == expected
    assert counting_scan(shuffled, undone) == expected
    assert counting_scan(iter(scans), undone) == expected  # any iterable, read once


# -- the rules as the storage layer applies journal changes -------------------------------------------
GUEST_IDS = tuple(f"00000000-0000-4000-8000-00000000{n:04d}" for n in range(1, 5))
DAYS = ("2023-10-24", "2023-10-25")


def at_text(minute: int) -> str:
    return (T0 + timedelta(minutes=minute)).isoformat(timespec="microseconds")


guest_ids = st.sampled_from(GUEST_IDS)
payloads = st.one_of(
    st.builds(lambda g, f: ("guest", {"id": g, "fields": f}), guest_ids, field_writes),
    st.builds(lambda i, g, d, m: ("check_in", {"id": str(i), "guest_id": g, "day": d, "at": at_text(m)}),
              st.uuids(version=4), guest_ids, st.sampled_from(DAYS), st.integers(0, 3)),
    st.builds(lambda g, d: ("check_in_undo", {"guest_id": g, "day": d}), guest_ids, st.sampled_from(DAYS)),
    st.builds(lambda i, pair, d, m: ("contact", {"id": str(i), "low": min(pair), "high": max(pair), "day": d,
                                                 "at": at_text(m)}),
              st.uuids(version=4), st.lists(guest_ids, min_size=2, max_size=2, unique=True),
              st.sampled_from(DAYS), st.integers(0, 3)),
)
change_specs = st.lists(st.tuples(payloads, stamp_texts), min_size=1, max_size=14, unique_by=lambda c: c[1])


def journal_of(specs) -> list[Change]:
    """Changes as kiosks would have made them: per origin, sequence numbers in stamp order."""
    by_origin: dict[str, list] = {}
    for (kind, payload), at in sorted(specs, key=lambda s: s[1]):
        by_origin.setdefault(Stamp.decode(at).device, []).append((kind, payload, at))
    return [Change(new_id(), origin, seq, at, kind, payload)
            for origin, items in by_origin.items() for seq, (kind, payload, at) in enumerate(items, start=1)]


def merged_state(store: Store) -> dict:
    sql = store.db.execute_sql
    return {
        "guests": sorted(sql("SELECT id, first_name, last_name, organization_id, consent_contacts, "
                             "placeholder FROM guest_row").fetchall()),
        "check_ins": sorted(sql("SELECT id, guest_id, day, at, device_id FROM check_in_row").fetchall()),
        "scans": sorted(sql("SELECT id, guest_id, day, at, stamp FROM check_in_scan_row").fetchall()),
        "undos": sorted(sql("SELECT guest_id, day, stamp FROM check_in_undo_row").fetchall()),
        "contacts": sorted(sql("SELECT id, guest_low_id, guest_high_id, day, at, device_id FROM contact_row")
                           .fetchall()),
    }


def expected_state(changes: list[Change]) -> dict:
    from kiosk.storage.guest_fields import organization_id

    guests = {}
    for guest in {c.payload["id"] for c in changes if c.kind == "guest"}:
        values, _ = lww([(c.stamp, c.payload["fields"]) for c in changes
                         if c.kind == "guest" and c.payload["id"] == guest])
        organization = values.get("organization") or ""
        guests[guest] = (guest, values.get("first_name", ""), values.get("last_name", ""),
                         organization_id(organization) if organization else None,
                         int(values.get("consent_contacts", True)), 0)
    named = {c.payload[k] for c in changes if c.kind == "check_in" for k in ("guest_id",)}
    named |= {c.payload[k] for c in changes if c.kind == "contact" for k in ("low", "high")}
    for guest in named - set(guests):  # named by a check-in or contact only: a placeholder
        guests[guest] = (guest, "", "", None, 1, 1)
    undone: dict = {}
    for c in changes:
        if c.kind == "check_in_undo":
            key = (c.payload["guest_id"], c.payload["day"])
            undone[key] = max(undone.get(key, ""), c.stamp)
    counting: dict = {}
    for c in changes:
        if c.kind == "check_in":
            key = (c.payload["guest_id"], c.payload["day"])
            if c.stamp > undone.get(key, ""):
                counting[key] = min(counting.get(key, (c.payload["at"], c.payload["id"], c.origin)),
                                    (c.payload["at"], c.payload["id"], c.origin))
    pairs: dict = {}
    for c in changes:
        if c.kind == "contact":
            key = (c.payload["low"], c.payload["high"])
            pairs[key] = min(pairs.get(key, (c.payload["at"], c.payload["id"], c.origin, c.payload["day"])),
                             (c.payload["at"], c.payload["id"], c.origin, c.payload["day"]))
    return {
        "guests": sorted(guests.values()),
        "check_ins": sorted((sid, g, d, at, origin) for (g, d), (at, sid, origin) in counting.items()),
        "scans": sorted((c.payload["id"], c.payload["guest_id"], c.payload["day"], c.payload["at"], c.stamp)
                        for c in changes if c.kind == "check_in"),
        "undos": sorted((g, d, s) for (g, d), s in undone.items()),
        "contacts": sorted((cid, low, high, day, at, origin)
                           for (low, high), (at, cid, origin, day) in pairs.items()),
    }


def complete(store: Store, changes: list[Change]) -> bool:
    newest = {o: max(c.seq for c in changes if c.origin == o) for o in {c.origin for c in changes}}
    return store.journal.vector() == newest


def deliver(how: str, store: Store, changes: list[Change], rng: random.Random) -> None:
    """Ways the same changes reach a kiosk: all at once; one by one, backwards, resent until all arrived;
    random batches with repeats and losses, resent until all arrived."""
    if how == "at once":
        store.journal.ingest(changes)
    for _ in range(len(changes) + 1):
        if complete(store, changes):
            return
        if how == "backwards one by one":
            for change in reversed(changes):
                store.journal.ingest([change])
        else:
            for _ in range(3):
                batch = rng.sample(changes, rng.randint(0, len(changes)))
                store.journal.ingest(batch + batch[: rng.randint(0, len(batch))])
    store.journal.ingest(changes)  # in the end everything was resent once more


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=change_specs, rng=st.randoms(use_true_random=False))
def test_the_same_changes_give_the_same_data_however_they_arrive(specs, rng):
    changes = journal_of(specs)
    expected = expected_state(changes)
    directory = Path(tempfile.mkdtemp(prefix="kiosk-merge-"))
    try:
        for n, how in enumerate(("at once", "backwards one by one", "random batches")):
            device = f"00000000-0000-4000-8000-0000000000f{n}"
            store = Store.open(directory / f"{n}.sqlite3", device_id=device)
            try:
                deliver(how, store, changes, rng)
                assert complete(store, changes), how
                assert merged_state(store) == expected, how
                store.journal.ingest(changes)  # everything once more: nothing changes
                assert merged_state(store) == expected, how
            finally:
                store.close()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_every_order_of_three_conflicting_writes_agrees(tmp_path):
    """The guest rule exhaustively: a creation and two edits from three kiosks, in all six orders."""
    guest = GUEST_IDS[0]
    changes = [Change(new_id(), ORIGINS[0], 1, stamp(1000, 0, ORIGINS[0]), "guest",
                      {"id": guest, "fields": {"first_name": "Amrei", "last_name": "Kolbeck",
                                               "organization": "Werkhof Süd", "consent_contacts": True}}),
               Change(new_id(), ORIGINS[1], 1, stamp(1002, 0, ORIGINS[1]), "guest",
                      {"id": guest, "fields": {"consent_contacts": False}}),
               Change(new_id(), ORIGINS[2], 1, stamp(1001, 0, ORIGINS[2]), "guest",
                      {"id": guest, "fields": {"first_name": "Amrey", "consent_contacts": True}})]
    results = []
    for n, order in enumerate(itertools.permutations(changes)):
        store = Store.open(tmp_path / f"{n}.sqlite3", device_id=f"00000000-0000-4000-8000-00000000ff0{n}")
        for change in order:
            store.journal.ingest([change])
        results.append(merged_state(store)["guests"])
        store.close()
    assert all(r == results[0] for r in results)
    from kiosk.storage.guest_fields import organization_id

    assert results[0] == [(guest, "Amrey", "Kolbeck", organization_id("Werkhof Süd"), 0, 0)]
