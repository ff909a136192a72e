"""Contacts with walk-ins awaiting staff review count for nobody until staff approve the walk-in.

The rule (kiosk.core.leaderboard.counted): a contact counts when both guests are confirmed. It
looks at who is confirmed now: once approved, every contact of the walk-in counts, those made
before the approval too, on the day and at the time they were made.
"""

from __future__ import annotations

import pytest
from services_support import EVENT_DAYS, berlin

from kiosk.core.rules import ContactStatus
from kiosk.services.staff import StaffDesk
from kiosk.storage.privacy import forget_guest

DAY1, DAY2, _ = EVENT_DAYS


@pytest.fixture
def staff(store, desk) -> StaffDesk:
    return StaffDesk(store, desk)


@pytest.fixture
def open_desk(store, desk):
    store.update_event_settings(walk_ins_allowed=True)
    desk.reload_event()
    return desk


@pytest.fixture
def guests(open_desk, add_guest):
    """Anna, Bodo and Clara from the guest list, checked in."""
    found = {name: add_guest(name, "Liste") for name in ("Anna", "Bodo", "Clara")}
    for guest in found.values():
        open_desk.check_in_guest(guest)
    return found


def walk_in(desk, first: str):
    guest = desk.register_walk_in(first, "Spontan", "", "")
    assert desk.check_in_guest(guest).status == "checked_in"  # may check in while awaiting review
    return guest


def meet(desk, clock, when, a, b):
    clock.set(when)
    outcome = desk.exchange_contact(desk.badge_token(a), desk.badge_token(b))
    assert outcome.status == ContactStatus.NEW, outcome.reason
    return outcome


def standings(desk, day=None) -> list[tuple[str, int]]:
    return [(s.guest_id, s.contacts) for s in desk.leaderboard(day, top=None)]


def test_a_contact_with_a_walk_in_awaiting_review_counts_for_neither_side(open_desk, clock, guests, store):
    anna, bodo = guests["Anna"], guests["Bodo"]
    wilma = walk_in(open_desk, "Wilma")
    meet(open_desk, clock, berlin(DAY1, 10), anna, wilma)
    meet(open_desk, clock, berlin(DAY1, 11), anna, bodo)

    both = sorted([(anna.id, 1), (bodo.id, 1)])  # a tie at 11:00: the guest id decides
    assert standings(open_desk) == standings(open_desk, DAY1) == both
    assert [row.guest_id for row in open_desk.leaderboard_rows()] == [gid for gid, _ in both]
    assert (open_desk.contact_count(anna.id), open_desk.contact_count(wilma.id)) == (1, 0)
    assert store.contact_between(anna.id, wilma.id) is not None  # recorded all the same


def test_once_approved_every_contact_counts_at_the_time_it_was_made(open_desk, staff, clock, guests):
    anna, bodo, clara = guests["Anna"], guests["Bodo"], guests["Clara"]
    wilma = walk_in(open_desk, "Wilma")
    meet(open_desk, clock, berlin(DAY1, 10), anna, wilma)   # before the approval
    meet(open_desk, clock, berlin(DAY1, 11), bodo, clara)
    clock.set(berlin(DAY2, 9))
    assert staff.approve_walk_in(wilma.id)
    meet(open_desk, clock, berlin(DAY2, 10), wilma, clara)  # after it

    board = {s.guest_id: (s.contacts, s.reached_at) for s in open_desk.leaderboard(top=None)}

    assert board == {clara.id: (2, berlin(DAY2, 10)), wilma.id: (2, berlin(DAY2, 10)),
                     anna.id: (1, berlin(DAY1, 10)),  # the contact's time, not the approval's
                     bodo.id: (1, berlin(DAY1, 11))}
    assert [gid for gid, _ in standings(open_desk)][2:] == [anna.id, bodo.id]  # Anna got there first
    assert dict(standings(open_desk, DAY1)) == dict.fromkeys((anna.id, wilma.id, bodo.id, clara.id), 1)
    assert open_desk.contact_count(wilma.id) == 2


def test_two_walk_ins_count_for_each_other_only_when_both_are_approved(open_desk, staff, clock, guests):
    wilma, xaver = walk_in(open_desk, "Wilma"), walk_in(open_desk, "Xaver")
    meet(open_desk, clock, berlin(DAY1, 10), wilma, xaver)

    staff.approve_walk_in(wilma.id)
    assert standings(open_desk) == []
    staff.approve_walk_in(xaver.id)
    assert sorted(standings(open_desk)) == sorted([(wilma.id, 1), (xaver.id, 1)])


def test_puppet_contacts_do_not_decide_ties_either(open_desk, clock, guests):
    """Anna's only counted contact is at 12:00; the earlier puppet contact must not put her ahead."""
    anna, bodo, clara = guests["Anna"], guests["Bodo"], guests["Clara"]
    puppet = walk_in(open_desk, "Puppe")
    meet(open_desk, clock, berlin(DAY1, 9, 30), anna, puppet)
    meet(open_desk, clock, berlin(DAY1, 11), bodo, clara)
    meet(open_desk, clock, berlin(DAY1, 12), anna, clara)

    board = open_desk.leaderboard(top=None)

    assert [(s.guest_id, s.contacts, s.reached_at) for s in board] == [
        (clara.id, 2, berlin(DAY1, 12)), (bodo.id, 1, berlin(DAY1, 11)), (anna.id, 1, berlin(DAY1, 12))]


def test_a_rejected_walk_in_is_forgotten_and_their_contacts_never_count(open_desk, staff, clock, guests,
                                                                        store):
    anna = guests["Anna"]
    wilma = walk_in(open_desk, "Wilma")
    meet(open_desk, clock, berlin(DAY1, 10), anna, wilma)

    forget_guest(store, wilma.id)

    assert not staff.approve_walk_in(wilma.id)  # nothing left to approve
    assert standings(open_desk) == []
    refused = open_desk.exchange_contact(open_desk.badge_token(wilma), open_desk.badge_token(anna))
    assert refused.status == ContactStatus.REJECTED  # the badge no longer works
    assert open_desk.contact_count(anna.id) == 0


def test_a_contact_on_a_day_outside_the_event_is_refused_and_not_recorded(open_desk, guests, store):
    anna, bodo = guests["Anna"], guests["Bodo"]
    outcome = open_desk.exchange_contact(open_desk.badge_token(anna), open_desk.badge_token(bodo),
                                         day=DAY1.replace(year=1999))

    assert (outcome.status, outcome.reason) == (ContactStatus.REJECTED, "not_an_event_day")
    assert store.contacts() == []


def test_a_contact_on_another_event_day_is_recorded_on_that_day(open_desk, guests, store):
    anna, bodo = guests["Anna"], guests["Bodo"]
    outcome = open_desk.exchange_contact(open_desk.badge_token(anna), open_desk.badge_token(bodo), day=DAY2)

    assert outcome.status == ContactStatus.NEW
    assert [c.day for c in store.contacts()] == [DAY2]
