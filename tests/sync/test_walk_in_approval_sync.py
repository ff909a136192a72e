"""Staff approval of a walk-in travels like any guest edit: approved on kiosk 1, their contacts count
on kiosk 2 after the next sync; a contact that reaches a kiosk before the walk-in's own row counts
there only once the row (and with it the review flag) has arrived."""

from __future__ import annotations

from sync_support import FIRST_DAY, berlin, sync_pair

from kiosk.core.rules import ContactStatus
from kiosk.services.staff import StaffDesk
from kiosk.sync import export_bundle, import_bundle

PUPPETS = 5


def guests(kiosk, count: int) -> list:
    return sorted((g for g in kiosk.store.guests() if g.consent_contacts and g.registered_for(FIRST_DAY)),
                  key=lambda g: g.external_id)[:count]


def farm_at(kiosk) -> tuple[str, list[str]]:
    """Twenty-style farming, smaller: puppets registered at this kiosk, scanned against one badge."""
    desk = kiosk.desk
    kiosk.clock.set(berlin(FIRST_DAY, 9, 30))
    [farmer] = guests(kiosk, 1)
    desk.check_in_guest(farmer)
    puppets = []
    for n in range(PUPPETS):
        puppet = desk.register_walk_in("Puppe", f"Nummer {n}", "", "")
        desk.check_in_guest(puppet)
        outcome = desk.exchange_contact(desk.badge_token(puppet), desk.badge_token(farmer))
        assert outcome.status == ContactStatus.NEW
        puppets.append(puppet.id)
    return farmer.id, puppets


def board(kiosk) -> dict[str, int]:
    return {s.guest_id: s.contacts for s in kiosk.desk.leaderboard(top=None)}


def carry(source, target, tmp_path, name: str) -> None:
    bundle = tmp_path / f"{name}.bundle"
    export_bundle(source.store, bundle, to=target.device)
    import_bundle(target.store, bundle)


def test_approval_on_one_kiosk_changes_the_leaderboard_on_another_after_sync(kiosks, tmp_path):
    k1, k2, _ = kiosks
    farmer, puppets = farm_at(k1)
    carry(k1, k2, tmp_path, "farm")
    assert board(k2) == {} == board(k1)

    staff = StaffDesk(k1.store, k1.desk)
    for puppet in puppets[:2]:
        assert staff.approve_walk_in(puppet)
    assert board(k2) == {}  # not synced yet
    carry(k1, k2, tmp_path, "approvals")

    assert board(k2) == {farmer: 2, puppets[0]: 1, puppets[1]: 1} == board(k1)
    assert k2.desk.contact_count(farmer) == 2


def test_a_contact_that_arrives_before_the_walk_ins_row_does_not_count_yet(kiosks):
    """K2 hears of the contacts (and check-ins) from K1 but not yet of the walk-ins themselves."""
    k1, k2, _ = kiosks
    farmer, puppets = farm_at(k1)
    StaffDesk(k1.store, k1.desk).approve_walk_in(puppets[0])
    changes = k1.store.journal.changes_since(k2.store.journal.vector())
    k2.store.journal.ingest([c for c in changes if c.kind != "guest"])

    assert board(k2) == {}  # the puppets are placeholders here: nobody knows yet who approved whom

    sync_pair(k1.store, k2.store)
    assert board(k2) == {farmer: 1, puppets[0]: 1}
