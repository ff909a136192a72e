"""File bundles and what they carry: rejected bundles change nothing, imports are idempotent, new kiosks
are set up from `export --all`, device ids stay apart, double entries, guests named before their data
arrives, consent withdrawals, and the `kiosk sync` commands."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sync_support import (DEVICES, DUMPED, FIRST_DAY, berlin, dump, dump_without_guest_origin,
                          cli, journal_rows, last_change, open_kiosk, sync_all, sync_pair, table_diff,
                          table_rows)

from kiosk.core.codes import verify_badge_token
from kiosk.core.model import CheckIn, ContactExchange, Event, Guest, new_id
from kiosk.core.refusals import Refusal
from kiosk.core.rules import CheckInStatus, ContactStatus
from kiosk.storage import Store
from kiosk.sync import BundleError, double_entries, export_bundle, import_bundle, status

DAY = FIRST_DAY


def guest_by_external(store: Store, external_id: str) -> Guest:
    return next(g for g in store.guests() if g.external_id == external_id)


@pytest.fixture
def anna(k1):
    return guest_by_external(k1.store, "NT-0001")


@pytest.fixture
def leonie(k1):
    return guest_by_external(k1.store, "NT-0002")


@pytest.fixture
def some_work_at_k2(k2, anna, leonie):
    """K2 checks two guests in and records their contact exchange: three changes of its own."""
    k2.clock.set(berlin(DAY, 9, 5))
    k2.desk.check_in(anna.ticket_code)
    k2.desk.check_in(leonie.ticket_code)
    outcome = k2.desk.exchange_contact(k2.desk.badge_token(anna), k2.desk.badge_token(leonie))
    assert outcome.status == ContactStatus.NEW
    return k2


@pytest.fixture
def k2_bundle(some_work_at_k2, k1, tmp_path) -> Path:
    """What K1 lacks from K2 (K2 knows K1's state from the bundle it was set up with)."""
    path = tmp_path / "k2-to-k1.bundle"
    summary = export_bundle(some_work_at_k2.store, path, to=k1.device)
    assert summary.changes == 3
    return path


def assert_rejected(store: Store, path: Path, bundle: Path, *phrases: str) -> BundleError:
    before = table_rows(path)
    with pytest.raises(BundleError) as caught:
        import_bundle(store, bundle)
    message = str(caught.value)
    assert message and any(p in message for p in phrases), message
    assert table_rows(path) == before, "a rejected bundle changed the database"
    return caught.value


def db_path(kiosk) -> Path:
    return Path(kiosk.store.db.database)


# -- bundles that must be rejected ----------------------------------------------------------------------
def test_a_bundle_from_another_event_is_rejected_and_changes_nothing(k1, tmp_path):
    other = Store.open(tmp_path / "other.sqlite3", device_id=DEVICES[5])
    other.create_event(Event(id=new_id(), name="Anderes Treffen", venue="Stadthalle", days=(DAY,),
                             secret=b"x" * 32))
    other.save_guests([Guest(id=new_id(), first_name="Eske", last_name="Yılmaz", ticket_code="EY-1")])
    export_bundle(other, tmp_path / "other.bundle", everything=True)
    other.close()

    error = assert_rejected(k1.store, db_path(k1), tmp_path / "other.bundle", "another event")
    assert "Netzwerktreffen" in str(error)


def test_a_kiosk_database_is_no_bundle(k1, k2, tmp_path):
    k2.store.close()
    path = tmp_path / "k2-copy.sqlite3"
    shutil.copyfile(db_path(k2), path)
    assert_rejected(k1.store, db_path(k1), path, "not a kiosk bundle", "not a complete bundle")


def test_a_missing_file_is_named(k1, tmp_path):
    with pytest.raises(BundleError, match="no such file"):
        import_bundle(k1.store, tmp_path / "nowhere.bundle")


# -- importing twice, setting up, device ids ----------------------------------------------------------------
def test_the_same_bundle_imported_twice_changes_nothing_the_second_time(k1, k2_bundle):
    first = import_bundle(k1.store, k2_bundle)
    assert (first.changes, first.applied) == (3, 3)
    data, journal = dump(k1.store), journal_rows(k1.store)
    second = import_bundle(k1.store, k2_bundle)
    assert (second.changes, second.applied) == (3, 0)
    assert dump(k1.store) == data
    assert journal_rows(k1.store) == journal


def test_an_older_bundle_imported_after_a_newer_one_changes_nothing(k1, k2, anna, some_work_at_k2, tmp_path):
    old = tmp_path / "old.bundle"
    export_bundle(k2.store, old, to=k1.device)
    k2.clock.set(berlin(DAY, 11))
    k2.store.set_consent(anna.id, False)
    new = tmp_path / "new.bundle"
    export_bundle(k2.store, new, to=k1.device)
    import_bundle(k1.store, new)
    data = dump(k1.store)
    assert import_bundle(k1.store, old).applied == 0
    assert dump(k1.store) == data
    assert k1.store.guest(anna.id).consent_contacts is False


def test_an_import_killed_half_way_and_run_again_ends_with_everything(k1, tmp_path, monkeypatch):
    """The kiosk was switched off during an import: the batches done stay, the rest comes with the rerun."""
    import kiosk.sync.bundle as bundle

    export_bundle(k1.store, tmp_path / "all.bundle", everything=True)
    new = open_kiosk(tmp_path / "new.sqlite3", DEVICES[4], "new")
    new.store.enrol(k1.store.event_keys())
    real_batches = bundle.Bundle.batches

    def two_batches_then_power_off(self, size=50):
        for number, batch in enumerate(real_batches(self, 50)):
            if number == 2:
                raise KeyboardInterrupt
            yield batch

    with monkeypatch.context() as patch:
        patch.setattr(bundle.Bundle, "batches", two_batches_then_power_off)
        with pytest.raises(KeyboardInterrupt):
            import_bundle(new.store, tmp_path / "all.bundle")
    try:
        assert sum(new.store.journal.vector().values()) == 100
        again = import_bundle(new.store, tmp_path / "all.bundle")
        assert (again.changes, again.applied) == (321, 221)  # the demo: its event, 20 sessions and 300 guests
        assert dump(new.store) == dump(k1.store)
        assert journal_rows(new.store) == journal_rows(k1.store)
    finally:
        new.store.close()


def test_a_kiosk_set_up_from_export_all_holds_the_same_data(k1, anna, leonie, tmp_path):
    k1.clock.set(berlin(DAY, 9))
    k1.desk.check_in(anna.ticket_code)
    k1.desk.check_in(leonie.ticket_code)
    k1.desk.exchange_contact(k1.desk.badge_token(anna), k1.desk.badge_token(leonie))
    k1.store.set_consent(leonie.id, False)
    walk_in = k1.desk.register_walk_in("Amrei", "Kolbeck", "Werkhof Süd", "amrei@example.org")

    export_bundle(k1.store, tmp_path / "all.bundle", everything=True)
    new = open_kiosk(tmp_path / "new.sqlite3", DEVICES[4], "new")
    new.store.enrol(k1.store.event_keys())
    summary = import_bundle(new.store, tmp_path / "all.bundle")
    try:
        assert summary.applied == summary.changes == sum(k1.store.journal.vector().values())
        assert dump(new.store) == dump(k1.store)
        assert journal_rows(new.store) == journal_rows(k1.store)
        assert new.store.event() == k1.store.event()
        assert new.store.programme() == k1.store.programme()
        assert new.store.staff_pin_hash() == k1.store.staff_pin_hash()
        assert new.store.guest_count() == 301
        assert new.store.guest(walk_in.id) == walk_in
        assert new.desk.leaderboard(top=None) == k1.desk.leaderboard(top=None)
        assert status(new.store).device_id == DEVICES[4]
        assert DEVICES[4] not in new.store.journal.vector()  # nothing of its own yet
    finally:
        new.store.close()


def test_a_database_file_copied_to_another_machine_keeps_the_old_changes_and_numbers_its_own_from_one(
        k1, k3, anna, leonie, tmp_path):
    k1.store.close()
    copy = tmp_path / "copied.sqlite3"
    shutil.copyfile(db_path(k1), copy)
    original = open_kiosk(db_path(k1), DEVICES[0], "K1")
    moved = open_kiosk(copy, DEVICES[4], "moved")
    try:
        vector = moved.store.journal.vector()
        assert vector == {DEVICES[0]: 321}  # the demo, still K1's
        assert status(moved.store).device_id == DEVICES[4]

        moved.clock.set(berlin(DAY, 9))
        moved.desk.check_in(anna.ticket_code)
        moved.store.set_consent(leonie.id, False)
        original.clock.set(berlin(DAY, 9, 30))
        original.desk.check_in(leonie.ticket_code)

        moved_changes = [c for c in moved.store.journal.changes_since(vector)]
        assert [(c.origin, c.seq) for c in moved_changes] == [(DEVICES[4], 1), (DEVICES[4], 2)]
        assert last_change(original.store).origin == DEVICES[0]
        assert last_change(original.store).seq == 322

        sync_all([original.store, moved.store, k3.store])
        for kiosk in (original, moved):
            assert journal_rows(kiosk.store) == journal_rows(k3.store)
            assert dump(kiosk.store) == dump(k3.store)
        assert k3.store.journal.vector() == {DEVICES[0]: 322, DEVICES[4]: 2}
        assert k3.store.check_in_of(anna.id, DAY) is not None
        assert k3.store.check_in_of(leonie.id, DAY) is not None
        assert k3.store.guest(leonie.id).consent_contacts is False
    finally:
        original.store.close()
        moved.store.close()


def test_a_kiosk_set_up_again_continues_after_its_own_earlier_changes(k1, k2, anna, leonie, tmp_path):
    """K2's database is lost; staff set it up again on the same machine from K1's `export --all`, which
    holds K2's earlier changes (origin K2, sequence 1). Its next change must not reuse sequence 1:
    K1 would take it for the change it already has, and the new change would never leave K2."""
    k2.clock.set(berlin(DAY, 9))
    assert k2.desk.check_in(anna.ticket_code).status == CheckInStatus.CHECKED_IN
    sync_pair(k2.store, k1.store)
    k2.store.close()

    export_bundle(k1.store, tmp_path / "all.bundle", everything=True)
    again = open_kiosk(tmp_path / "k2-again.sqlite3", DEVICES[1], "K2 again")
    again.store.enrol(k1.store.event_keys())
    try:
        import_bundle(again.store, tmp_path / "all.bundle")
        assert again.store.journal.vector()[DEVICES[1]] == 1
        again.clock.set(berlin(DAY, 9, 30))
        assert again.desk.check_in(leonie.ticket_code).status == CheckInStatus.CHECKED_IN

        assert again.store.journal.vector()[DEVICES[1]] == 2, "the new check-in is not in the journal"
        sync_all([k1.store, again.store])
        assert k1.store.check_in_of(leonie.id, DAY) is not None
        assert dump(k1.store) == dump(again.store)
    finally:
        again.store.close()


# -- double entries ------------------------------------------------------------------------------------
def test_a_badge_checked_in_at_two_kiosks_before_they_synced_is_listed_and_counted_once(k1, k2, anna, leonie):
    k1.clock.set(berlin(DAY, 9, 10))
    assert k1.desk.check_in(anna.ticket_code).status == CheckInStatus.CHECKED_IN
    k2.clock.set(berlin(DAY, 9, 5))  # earlier by the desk clock, although scanned later
    assert k2.desk.check_in(k2.desk.badge_token(anna)).status == CheckInStatus.CHECKED_IN
    k2.clock.set(berlin(DAY + timedelta(days=1), 9))  # another day: not a double entry
    k2.desk.check_in(leonie.ticket_code)
    k1.clock.set(berlin(DAY, 9, 20))
    k1.desk.check_in(leonie.ticket_code)
    assert double_entries(k1.store) == [] and double_entries(k2.store) == []

    sync_all([k1.store, k2.store])

    for kiosk in (k1, k2):
        assert double_entries(kiosk.store) == [{"guest_id": anna.id, "day": DAY.isoformat(), "kiosks": 2}]
        assert kiosk.store.check_in_of(anna.id, DAY).at == berlin(DAY, 9, 5)
        assert kiosk.store.check_in_counts() == {DAY: 2, DAY + timedelta(days=1): 1}
        assert [c.guest_id for c in kiosk.store.check_ins(DAY)].count(anna.id) == 1
        assert kiosk.store.checked_in_ids(DAY) == {anna.id, leonie.id}
    assert dump(k1.store) == dump(k2.store)


def test_the_same_badge_twice_at_one_kiosk_is_no_double_entry(k1, anna):
    k1.clock.set(berlin(DAY, 9))
    k1.desk.check_in(anna.ticket_code)
    k1.clock.set(berlin(DAY, 9, 1))
    assert k1.desk.check_in(anna.ticket_code).status == CheckInStatus.ALREADY_CHECKED_IN
    assert double_entries(k1.store) == []


# -- guests named before their data arrives ------------------------------------------------------------------
def test_a_walk_in_from_another_kiosk_checked_in_and_met_offline_resolves_when_their_data_arrives(
        k1, k2, anna, leonie):
    k2.clock.set(berlin(DAY, 9))
    walk_in = k2.desk.register_walk_in("Amrei", "Kolbeck", "Werkhof Süd", "")
    badge = k2.desk.badge_token(walk_in)

    # K1 has not synced: the badge is genuine, but the guest unknown.
    k1.clock.set(berlin(DAY, 9, 30))
    outcome = k1.desk.check_in(badge)
    assert (outcome.status, outcome.reason) == (CheckInStatus.REJECTED, Refusal.UNKNOWN_GUEST)
    verified = verify_badge_token(k1.desk.event.secret, k1.desk.event.id, badge)
    assert verified.guest_id == walk_in.id
    k1.desk.check_in(anna.ticket_code)
    k1.store.add_check_in(CheckIn(walk_in.id, DAY, berlin(DAY, 9, 30)))
    low, high = ContactExchange.pair(walk_in.id, anna.id)
    k1.store.add_contact(ContactExchange(low, high, berlin(DAY, 10), DAY))

    # Kept, though nobody knows the name yet.
    assert k1.store.guest(walk_in.id) is None
    assert k1.store.check_in_of(walk_in.id, DAY) is not None
    assert k1.store.contact_between(anna.id, walk_in.id) is not None
    # Nobody can say yet whether the badge belongs to a walk-in awaiting review: it counts for neither.
    assert k1.desk.contact_count(walk_in.id) == 0
    assert k1.desk.leaderboard_rows(top=None) == []

    sync_all([k1.store, k2.store])

    for kiosk in (k1, k2):
        guest = kiosk.store.guest(walk_in.id)
        assert guest is not None and (guest.first_name, guest.last_name) == ("Amrei", "Kolbeck")
        assert guest.walk_in and guest.organization_name == "Werkhof Süd"
        assert kiosk.store.check_in_of(walk_in.id, DAY).at == berlin(DAY, 9, 30)
        assert kiosk.store.contact_between(walk_in.id, anna.id).at == berlin(DAY, 10)
        assert kiosk.desk.leaderboard_rows(top=None) == []  # a walk-in awaiting review

    k2.store.set_needs_review(walk_in.id, False)  # staff approve her at K2
    sync_all([k1.store, k2.store])
    for kiosk in (k1, k2):
        assert kiosk.desk.contact_count(walk_in.id) == 1
        assert {r.display_name for r in kiosk.desk.leaderboard_rows(top=None)} == {"Amrei K.",
                                                                                   anna.first_name + " B."}
        assert kiosk.store.guest_count() == 301
        assert kiosk.desk.check_in(badge).status == CheckInStatus.ALREADY_CHECKED_IN
    assert dump_without_guest_origin(k1.store) == dump_without_guest_origin(k2.store)


def test_a_guest_named_in_a_bundle_before_their_data_resolves_when_the_next_bundle_brings_it(
        k1, k2, k3, anna, tmp_path):
    """K2 registers a walk-in; K3 (which got it) checks them in; K1 hears from K3 first, by bundle,
    but only K3's own changes - then from K2."""
    k2.clock.set(berlin(DAY, 9))
    walk_in = k2.desk.register_walk_in("Bodo", "Förster", "", "")
    sync_pair(k2.store, k3.store)
    k3.clock.set(berlin(DAY, 9, 15))
    assert k3.desk.check_in(walk_in.ticket_code).status == CheckInStatus.CHECKED_IN

    from_k3 = k3.store.journal.changes_since({**k3.store.journal.vector(), DEVICES[2]: 0})
    assert [c.kind for c in from_k3] == ["check_in"]
    k1.store.journal.ingest(from_k3)
    assert k1.store.guest(walk_in.id) is None
    assert k1.store.check_in_of(walk_in.id, DAY).at == berlin(DAY, 9, 15)

    export_bundle(k2.store, tmp_path / "k2.bundle", everything=True)
    import_bundle(k1.store, tmp_path / "k2.bundle")
    assert k1.store.guest(walk_in.id).first_name == "Bodo"
    assert k1.store.check_in_of(walk_in.id, DAY).at == berlin(DAY, 9, 15)
    sync_all([k1.store, k2.store, k3.store])
    assert dump_without_guest_origin(k1.store) == dump_without_guest_origin(k2.store) \
        == dump_without_guest_origin(k3.store)


# -- consent ---------------------------------------------------------------------------------------------
def _later(store: Store) -> None:
    """Let the wall clock move on, so the next change on any kiosk is stamped after everything so far."""
    newest = last_change(store).stamp
    while f"{time.time_ns() // 1_000_000:016d}" <= newest[:16]:
        time.sleep(0.001)


@pytest.mark.parametrize("order", ["edit first", "withdrawal first", "both ways"])
def test_a_later_consent_withdrawal_wins_over_an_older_edit_in_any_sync_order(k1, k2, k3, leonie, anna,
                                                                              order):
    k1.store.save_guests([replace(leonie, first_name="Leona", organization=None)])
    edit = last_change(k1.store)
    _later(k1.store)
    k2.store.set_consent(leonie.id, False)
    withdrawal = last_change(k2.store)
    assert withdrawal.stamp > edit.stamp

    if order == "edit first":
        sync_pair(k1.store, k3.store)
        sync_pair(k2.store, k3.store)
    elif order == "withdrawal first":
        sync_pair(k2.store, k3.store)
        sync_pair(k1.store, k3.store)
    sync_all([k3.store, k1.store, k2.store])

    for kiosk in (k1, k2, k3):
        guest = kiosk.store.guest(leonie.id)
        assert guest.consent_contacts is False
        assert (guest.first_name, guest.organization) == ("Leona", None)
        kiosk.clock.set(berlin(DAY, 9))
        kiosk.desk.check_in(leonie.ticket_code)
        kiosk.desk.check_in(anna.ticket_code)
        outcome = kiosk.desk.exchange_contact(kiosk.desk.badge_token(anna), kiosk.desk.badge_token(leonie))
        assert (outcome.status, outcome.reason) == (ContactStatus.REJECTED, Refusal.CONSENT_DECLINED)


def test_consent_given_again_later_counts(k1, k2, leonie):
    k1.store.set_consent(leonie.id, False)
    _later(k1.store)
    k2.store.set_consent(leonie.id, True)
    sync_all([k2.store, k1.store])
    assert k1.store.guest(leonie.id).consent_contacts is True
    assert k2.store.guest(leonie.id).consent_contacts is True


def test_an_edit_made_later_on_a_kiosk_that_has_not_seen_the_withdrawal_does_not_give_consent_back(
        k1, k2, leonie):
    """The guest withdraws consent at K2. Later, staff at K1 (not synced yet) correct the guest's first name.
    The name edit knows nothing about consent: after the sync the withdrawal must still stand - 'a consent
    withdrawal always wins over older data', and K1's consent value is older data."""
    k2.store.set_consent(leonie.id, False)
    _later(k2.store)
    k1.store.save_guests([replace(k1.store.guest(leonie.id), first_name="Leona")])
    sync_all([k1.store, k2.store])
    for kiosk in (k1, k2):
        guest = kiosk.store.guest(leonie.id)
        assert guest.first_name == "Leona"
        assert guest.consent_contacts is False, f"{kiosk.name}: the name edit gave consent back"


def test_edits_of_different_fields_at_two_kiosks_both_survive(k1, k2, leonie):
    """Last writer wins per field: a name corrected at K1 and an organization changed later at K2."""
    k1.store.save_guests([replace(k1.store.guest(leonie.id), first_name="Leona")])
    _later(k1.store)
    k2.store.save_guests([replace(k2.store.guest(leonie.id), organization=None)])
    sync_all([k1.store, k2.store])
    for kiosk in (k1, k2):
        guest = kiosk.store.guest(leonie.id)
        assert (guest.first_name, guest.organization) == ("Leona", None), kiosk.name


# -- organizations ---------------------------------------------------------------------------------------
def test_every_kiosk_knows_the_same_organizations_after_a_sync(k1, k2, leonie):
    """K1 moves a guest to a new organization, K2 (later, not synced) to another: both kiosks must end
    with the same organization table, whichever edit each applied first."""
    k1.store.save_guests([replace(k1.store.guest(leonie.id), organization=replace(leonie.organization,
                                                                                  name="Werkhof Süd"))])
    _later(k1.store)
    k2.store.save_guests([replace(k2.store.guest(leonie.id), organization=replace(leonie.organization,
                                                                                  name="Kanzlei Weißdorn"))])
    sync_all([k1.store, k2.store])
    assert k1.store.guest(leonie.id).organization_name == k2.store.guest(leonie.id).organization_name \
        == "Kanzlei Weißdorn"
    here, there = dump(k1.store)["organization_row"], dump(k2.store)["organization_row"]
    assert here == there, "K1 vs K2: " + table_diff("organization_row", here, there)
    assert k1.store.organizations() == k2.store.organizations()


def test_a_guest_row_names_the_kiosk_that_registered_the_guest_everywhere(k1, k2, k3, anna):
    """Walk-in registered at K2; K1 first hears of them through K3's check-in (a placeholder)."""
    k2.clock.set(berlin(DAY, 9))
    walk_in = k2.desk.register_walk_in("Cleo", "Strauß", "", "")
    sync_pair(k2.store, k3.store)
    k3.clock.set(berlin(DAY, 9, 15))
    k3.desk.check_in(walk_in.ticket_code)
    k1.store.journal.ingest(k3.store.journal.changes_since({**k3.store.journal.vector(), DEVICES[2]: 0}))
    sync_all([k1.store, k2.store, k3.store])
    columns = DUMPED["guest_row"]
    rows = {k.name: next(r for r in dump(k.store)["guest_row"] if r[0] == walk_in.id) for k in (k1, k2, k3)}
    for name, row in rows.items():
        assert row[columns.index("device_id")] == DEVICES[1], name
        assert row == rows[k2.name], name


# -- the kiosk sync command ------------------------------------------------------------------------------
def test_the_sync_commands_set_up_a_second_machine_and_report_status(tmp_path, monkeypatch):
    first_home, second_home = tmp_path / "machine-1", tmp_path / "machine-2"
    k1_db, k2_db, full, back = (tmp_path / "k1.sqlite3", tmp_path / "k2.sqlite3", tmp_path / "full.bundle",
                                tmp_path / "back.bundle")
    monkeypatch.setenv("KIOSK_HOME", str(first_home))
    assert cli("--db", str(k1_db), "demo", "--json")[0] == 0
    machine_1 = json.loads(cli("--db", str(k1_db), "sync", "status", "--json")[1])["device_id"]  # the database's id
    code, out, err = cli("--db", str(k1_db), "sync", "export", str(full), "--all", "--json")
    assert code == 0, err
    exported = json.loads(out)
    assert exported["changes"] == 321 and exported["device_id"] == machine_1  # the event, 20 sessions, 300 guests

    (tmp_path / "passphrase").write_text("Fruchthalle-Kiosk-2023\n")
    code, _, err = cli("--db", str(k1_db), "enrol", "export", str(tmp_path / "enrol.json"),
                       "--passphrase-file", str(tmp_path / "passphrase"))
    assert code == 0, err

    monkeypatch.setenv("KIOSK_HOME", str(second_home))
    code, out, err = cli("--db", str(k2_db), "sync", "import", str(full), "--json")
    assert code == 1 and "enrol" in err and not k2_db.exists()
    code, out, err = cli("--db", str(k2_db), "enrol", "import", str(tmp_path / "enrol.json"),
                         "--passphrase-file", str(tmp_path / "passphrase"), "--json")
    assert code == 0, err
    code, out, err = cli("--db", str(k2_db), "sync", "import", str(full), "--json")
    assert code == 0, err
    assert json.loads(out) == {"file": str(full), "changes": 321, "applied": 321, "from": machine_1}
    code, out, _ = cli("--db", str(k2_db), "sync", "import", str(full), "--json")
    assert code == 0 and json.loads(out)["applied"] == 0

    code, out, _ = cli("--db", str(k2_db), "sync", "status", "--json")
    assert code == 0
    state = json.loads(out)
    machine_2 = state["device_id"]
    assert machine_2 != machine_1
    assert state["changes"] == 321
    assert set(state["peers"]) == {f"bundle:{machine_1}"}
    assert state["peers"][f"bundle:{machine_1}"]["pending"] == 0
    assert state["peers"][f"bundle:{machine_1}"]["last_sync"]

    # A check-in at the second machine: one change waiting for the first, exported and imported there.
    store = Store.open(k2_db)
    anna = guest_by_external(store, "NT-0001")
    store.close()
    code, out, err = cli("--db", str(k2_db), "checkin", anna.ticket_code, "--json")
    assert code == 0, out + err
    state = json.loads(cli("--db", str(k2_db), "sync", "status", "--json")[1])
    assert state["changes"] == 322 and state["peers"][f"bundle:{machine_1}"]["pending"] == 1
    code, out, _ = cli("--db", str(k2_db), "sync", "export", str(back), "--to", machine_1, "--json")
    assert code == 0 and json.loads(out)["changes"] == 1

    monkeypatch.setenv("KIOSK_HOME", str(first_home))
    code, out, _ = cli("--db", str(k1_db), "sync", "import", str(back), "--json")
    assert code == 0 and json.loads(out)["applied"] == 1
    state = json.loads(cli("--db", str(k1_db), "sync", "status", "--json")[1])
    assert state["device_id"] == machine_1 and state["changes"] == 322
    assert state["peers"][f"bundle:{machine_2}"]["pending"] == 0  # the second machine has everything
    code, out, _ = cli("--db", str(k1_db), "sync", "status")
    assert code == 0 and machine_1 in out


def test_the_import_command_rejects_a_tampered_bundle_with_a_reason_and_exit_code_1(tmp_path, monkeypatch):
    db = tmp_path / "k1.sqlite3"
    assert cli("--db", str(db), "demo")[0] == 0
    bundle = tmp_path / "full.bundle"
    assert cli("--db", str(db), "sync", "export", str(bundle), "--all")[0] == 0
    data = bytearray(bundle.read_bytes())
    data[-40] ^= 0x01  # one bit of the sealed changes
    bundle.write_bytes(bytes(data))
    before = table_rows(db)
    code, out, err = cli("--db", str(db), "sync", "import", str(bundle), "--json")
    assert code == 1 and out == ""
    assert "changed or damaged after export" in err and "nothing imported" in err
    assert table_rows(db) == before
    code, out, err = cli("--db", str(tmp_path / "new.sqlite3"), "sync", "import", str(bundle))
    assert code == 1 and "nothing imported" in err


def test_the_doubles_command_lists_double_entries(k1, k2, anna):
    k1.clock.set(berlin(DAY, 9))
    k1.desk.check_in(anna.ticket_code)
    k2.clock.set(berlin(DAY, 9, 1))
    k2.desk.check_in(anna.ticket_code)
    sync_all([k1.store, k2.store])
    path = db_path(k1)
    k1.store.close()
    code, out, _ = cli("--db", str(path), "sync", "doubles", "--json")
    assert code == 0
    assert json.loads(out) == [{"guest_id": anna.id, "day": DAY.isoformat(), "kiosks": 2}]
