"""Contacts from the rounds: a guest ticks the tablemates they exchanged contacts with; a contact is
recorded (source "rounds") once both have ticked each other, only between people who really shared a
table in a started round, both consenting; it counts once per pair, like a badge scan, and not for a
walk-in awaiting review; erasure takes a guest's seats, ticks and contacts."""

from __future__ import annotations

import pytest
from rounds_support import attend, first_round_started, seated, speed_session

from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import PlanOptions, RoundsDesk, RoundsError, RoundsRefusal
from kiosk.services.staff import StaffDesk
from kiosk.storage import rounds as stored
from kiosk.storage.privacy import forget_guest


@pytest.fixture
def played(desk, add_guest, clock):
    """Eight guests planned in two rounds of tables of four; round 1 started, round 2 not."""
    return first_round_started(desk, add_guest, clock, rounds=2)


def mates_in_round(view, guest_id: str, number: int) -> list[str]:
    table = next(t for t in seated(view, number) if guest_id in t)
    return sorted(table - {guest_id})


def sources(store) -> list[tuple]:
    return store.db.execute_sql("SELECT guest_low_id, guest_high_id, source FROM contact_row").fetchall()


def test_tablemates_are_the_people_of_started_rounds_only(played):
    rounds, session, guests, view = played
    me = guests[0].id
    mates = rounds.tablemates(session.id, me)
    assert sorted(m.guest_id for m in mates) == mates_in_round(view, me, 1)
    assert all(m.rounds == (1,) and not m.ticked and not m.contact for m in mates)
    assert [m.public_name for m in mates] == sorted((m.public_name for m in mates), key=str.casefold)


def test_a_contact_is_recorded_when_both_tick_each_other(played, store, desk):
    rounds, session, guests, view = played
    me = guests[0].id
    mate = mates_in_round(view, me, 1)[0]
    first = rounds.tick(session.id, me, [mate])
    assert [m.guest_id for m in first.ticked] == [mate] and first.contacts == () and sources(store) == []
    assert not any(m.ticked for m in rounds.tablemates(session.id, mate))  # the other's tick is never shown
    second = rounds.tick(session.id, mate, [me])
    assert [m.guest_id for m in second.contacts] == [me]
    low, high = sorted((me, mate))
    assert sources(store) == [(low, high, "rounds")]
    assert desk.contact_count(me) == 1 and desk.contact_count(mate) == 1
    assert me in {row.guest_id for row in desk.leaderboard_rows(top=10)}
    again = rounds.tick(session.id, mate, [me])
    assert again.ticked == () and [m.guest_id for m in again.already] == [me] and len(sources(store)) == 1


def test_a_one_sided_tick_makes_no_contact(played, store):
    rounds, session, guests, view = played
    me = guests[0].id
    rounds.tick(session.id, me, mates_in_round(view, me, 1))
    assert sources(store) == [] and stored.contacts_by_source(store) == {}


def test_only_real_tablemates_can_be_ticked_and_then_nothing_is_recorded(played, store):
    rounds, session, guests, view = played
    me = guests[0].id
    mine = mates_in_round(view, me, 1)
    stranger = next(g.id for g in guests if g.id not in mine and g.id != me)
    later = [g for g in mates_in_round(view, me, 2) if g not in mine]  # round 2 has not started
    for wrong in [stranger, *later[:1], me]:
        with pytest.raises(RoundsError) as refused:
            rounds.tick(session.id, me, [mine[0], wrong])
        assert refused.value.code == RoundsRefusal.NOT_TABLEMATE and refused.value.details["guest_id"] == wrong
    assert stored.ticked_by(store, session.id, me) == set()


def test_a_guest_who_declined_contact_exchange_cannot_tick(desk, add_guest, store):
    programme, rounds = ProgrammeDesk(desk), RoundsDesk(desk)
    session = speed_session(programme)
    shy = add_guest("Scheu", "Person", consent=False)
    other = add_guest("Offen", "Person")
    attend(programme, session, [shy, other])
    rounds.plan(session.id, PlanOptions(table_size=2, rounds=1, time_limit=1.0))
    rounds.start_round(session.id)
    with pytest.raises(RoundsError) as refused:
        rounds.tick(session.id, shy.id, [other.id])
    assert refused.value.code == RoundsRefusal.CONSENT_DECLINED
    rounds.tick(session.id, other.id, [shy.id])  # one side alone never makes a contact
    assert sources(store) == []


def test_a_pair_that_scanned_badges_already_is_not_counted_twice(played, store, desk, clock):
    rounds, session, guests, view = played
    me = guests[0].id
    mate = mates_in_round(view, me, 1)[0]
    by_id = {g.id: g for g in guests}
    assert desk.exchange_contact(desk.badge_token(by_id[me]), desk.badge_token(by_id[mate])).status == "new"
    clock.advance(minutes=5)
    rounds.tick(session.id, me, [mate])
    outcome = rounds.tick(session.id, mate, [me])
    assert outcome.contacts == ()  # the contact existed already
    low, high = sorted((me, mate))
    assert sources(store) == [(low, high, "scan")] and desk.contact_count(me) == 1


def test_a_walk_in_awaiting_review_counts_only_once_approved(desk, store, clock):
    store.update_event_settings(walk_ins_allowed=True)
    desk.reload_event()
    programme, rounds = ProgrammeDesk(desk), RoundsDesk(desk)
    session = speed_session(programme)
    walk_in = desk.register_walk_in("Neu", "Ankömmling", "", "")
    regular = desk.register_walk_in("Stamm", "Gast", "", "")
    StaffDesk(store, desk).approve_walk_in(regular.id)
    attend(programme, session, [walk_in, regular])
    rounds.plan(session.id, PlanOptions(table_size=2, rounds=1, time_limit=1.0))
    rounds.start_round(session.id)
    rounds.tick(session.id, walk_in.id, [regular.id])
    rounds.tick(session.id, regular.id, [walk_in.id])
    assert len(sources(store)) == 1  # recorded ...
    assert desk.contact_count(regular.id) == 0 and stored.contacts_by_source(store) == {}  # ... not counted
    StaffDesk(store, desk).approve_walk_in(walk_in.id)
    assert desk.contact_count(regular.id) == 1 and stored.contacts_by_source(store) == {"rounds": 1}


def test_erasure_takes_a_guests_seats_ticks_and_contacts_from_rounds(played, store):
    rounds, session, guests, view = played
    me = guests[0].id
    mate = mates_in_round(view, me, 1)[0]
    rounds.tick(session.id, me, [mate])
    rounds.tick(session.id, mate, [me])
    forget_guest(store, me)
    for table in ("round_seat_row", "round_tick_row", "contact_row"):
        rows = store.db.execute_sql(f"SELECT * FROM {table}").fetchall()
        assert not [r for r in rows if me in r], table
    assert me not in {s.guest_id for r in rounds.plan_view(session.id).rounds for t in r.tables for s in t.seats}
    with pytest.raises(RoundsError) as gone:
        rounds.tables_of(session.id, me)
    assert gone.value.code == RoundsRefusal.NOT_SEATED
