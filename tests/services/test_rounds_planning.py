"""Planning a session's rounds on a real database: who is planned (door attendance, else today's
check-ins), colleagues and earlier contacts kept apart, table sizes, hosts, re-plans that keep started
rounds and seat late arrivals but not no-shows, starting rounds, a guest's own tables."""

from __future__ import annotations

from collections import Counter
from datetime import time

import pytest
from rounds_support import attend, crowd, pairs_of, seated, speed_session
from services_support import EVENT_DAYS, berlin

from kiosk.core.model import ContactExchange
from kiosk.core.programme import SessionKind
from kiosk.i18n import translator
from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import PlanOptions, PlanSource, RoundsDesk, RoundsError, RoundsRefusal

FAST = dict(time_limit=1.0)


@pytest.fixture
def programme(desk) -> ProgrammeDesk:
    return ProgrammeDesk(desk)


@pytest.fixture
def rounds(desk) -> RoundsDesk:
    return RoundsDesk(desk)


def test_the_guests_present_at_the_door_are_planned_each_once_per_round(programme, rounds, add_guest):
    session = speed_session(programme)
    guests = crowd(add_guest, 14, 4)
    attend(programme, session, guests[:12])  # two stayed away
    view = rounds.plan(session.id, PlanOptions(table_size=4, rounds=3, **FAST))
    assert view.source == PlanSource.ATTENDANCE and view.total == 3 and view.people == 12
    for number in (1, 2, 3):
        tables = seated(view, number)
        everyone = [g for table in tables for g in table]
        assert sorted(everyone) == sorted(g.id for g in guests[:12])
        assert [len(t) for t in tables] == [4, 4, 4]
    assert view.rounds[0].tables[0].seats[0].public_name.endswith(".")  # public names only ("Gast03 N.")


def test_without_door_scans_the_guests_checked_in_that_day_are_planned(programme, rounds, desk, add_guest, clock):
    session = speed_session(programme)
    guests = crowd(add_guest, 9, 3)
    for guest in guests[:8]:
        desk.check_in_guest(guest)
    view = rounds.plan(session.id, PlanOptions(table_size=4, rounds=2, **FAST))
    assert view.source == PlanSource.CHECK_INS
    assert {g for t in seated(view, 1) for g in t} == {g.id for g in guests[:8]}


def test_colleagues_and_earlier_contacts_do_not_share_a_table(programme, rounds, store, add_guest):
    session = speed_session(programme, day=EVENT_DAYS[1])
    guests = crowd(add_guest, 12, 3)  # three organizations of four
    attend_day = EVENT_DAYS[1]
    programme.desk.clock.set(berlin(attend_day, 12, 55))
    attend(programme, session, guests)
    met = [(guests[0].id, guests[1].id), (guests[2].id, guests[4].id), (guests[5].id, guests[7].id)]
    for a, b in met:
        low, high = ContactExchange.pair(a, b)
        store.add_contact(ContactExchange(low, high, berlin(EVENT_DAYS[0], 15), EVENT_DAYS[0]))
    view = rounds.plan(session.id, PlanOptions(table_size=3, rounds=2, **FAST))
    org = {g.id: g.organization_name for g in guests}
    together = pairs_of(view)
    assert not [p for p in together if len({org[g] for g in p}) == 1], "colleagues at one table"
    assert not {frozenset(p) for p in met} & set(together), "earlier contacts seated again"
    assert view.same_org == 0 and view.met_before == 0 and view.repeats == 0


def test_no_pair_meets_twice_when_the_numbers_allow_it(programme, rounds, add_guest):
    session = speed_session(programme)
    guests = crowd(add_guest, 16, 0)
    attend(programme, session, guests)
    view = rounds.plan(session.id, PlanOptions(table_size=4, rounds=4, **FAST))
    counts = Counter(pairs_of(view))
    assert max(counts.values()) == 1 and view.repeats == 0


@pytest.mark.parametrize("remainder, sizes", [("smaller", [4, 4, 3, 3]), ("larger", [5, 5, 4])])
def test_numbers_that_do_not_divide_make_smaller_or_larger_tables(programme, rounds, add_guest, remainder, sizes):
    session = speed_session(programme)
    attend(programme, session, crowd(add_guest, 14, 0))
    view = rounds.plan(session.id, PlanOptions(table_size=4, rounds=2, remainder=remainder, **FAST))
    assert sorted((len(t) for t in seated(view, 1)), reverse=True) == sizes


def test_one_to_one_rounds(programme, rounds, add_guest):
    session = speed_session(programme)
    attend(programme, session, crowd(add_guest, 6, 0))
    view = rounds.plan(session.id, PlanOptions(table_size=2, rounds=5, **FAST))
    assert all(len(t) == 2 for r in range(1, 6) for t in seated(view, r))
    assert len(set(pairs_of(view))) == 15  # everyone met everyone once


def test_hosts_keep_their_organizations_table_and_visitors_rotate(programme, rounds, add_guest):
    session = speed_session(programme)
    hosts = [add_guest("Hanna", "Gastgeberin", organization="Digitalzentrum Nord"),
             add_guest("Henrik", "Gastgeber", organization="Digitalzentrum Süd")]
    visitors = crowd(add_guest, 8, 4)
    attend(programme, session, hosts + visitors)
    view = rounds.plan(session.id, PlanOptions(rounds=3, hosts=("Digitalzentrum Nord", "digitalzentrum süd"), **FAST))
    assert view.hosts == ("Digitalzentrum Nord", "digitalzentrum süd")
    for r in view.rounds:
        assert [t.name for t in r.tables] == ["Digitalzentrum Nord", "Digitalzentrum Süd"]
        assert [[s.guest_id for s in t.seats if s.host] for t in r.tables] == [[hosts[0].id], [hosts[1].id]]
    assert all(len(t) == 5 for r in (1, 2, 3) for t in seated(view, r))
    at_north = [seated(view, r)[0] - {hosts[0].id} for r in (1, 2, 3)]
    assert at_north[0] != at_north[1] != at_north[2]  # visitors rotate


def test_hosts_that_nobody_present_belongs_to_are_refused(programme, rounds, add_guest):
    session = speed_session(programme)
    attend(programme, session, crowd(add_guest, 6, 2))
    with pytest.raises(RoundsError) as refused:
        rounds.plan(session.id, PlanOptions(hosts=("digital_centre",), **FAST))
    assert refused.value.code == RoundsRefusal.INVALID_PLAN and "host" in str(refused.value)


def test_the_default_number_of_rounds_fits_the_session_and_the_people(programme, rounds, add_guest):
    session = speed_session(programme, start=time(13), end=time(13, 40))  # 40 minutes: 4 rounds of 8 + changes
    attend(programme, session, crowd(add_guest, 20, 0))
    assert rounds.plan(session.id, PlanOptions(**FAST)).total == 4
    small = speed_session(programme, start=time(15), end=time(16))
    attend(programme, small, crowd(add_guest, 4, 0))
    assert rounds.plan(small.id, PlanOptions(table_size=2, **FAST)).total == 3  # 3 rounds: all have met


@pytest.mark.parametrize("options, code", [
    (PlanOptions(table_size=1), RoundsRefusal.INVALID_PLAN),
    (PlanOptions(minutes=0), RoundsRefusal.INVALID_PLAN),
    (PlanOptions(rounds=0), RoundsRefusal.INVALID_PLAN),
    (PlanOptions(table_size=2, rounds=9), RoundsRefusal.INVALID_PLAN),
])
def test_bad_settings_are_refused_and_nothing_is_written(programme, rounds, add_guest, store, options, code):
    session = speed_session(programme)
    attend(programme, session, crowd(add_guest, 4, 0))
    with pytest.raises(RoundsError) as refused:
        rounds.plan(session.id, options)
    assert refused.value.code == code and "\n" not in str(refused.value)
    assert rounds.plan_view(session.id) is None


def test_nobody_present_and_unknown_sessions_are_refused(programme, rounds):
    session = speed_session(programme)
    with pytest.raises(RoundsError) as nobody:
        rounds.plan(session.id)
    assert nobody.value.code == RoundsRefusal.NOBODY_TO_PLAN
    with pytest.raises(RoundsError) as unknown:
        rounds.plan("not-a-session")
    assert unknown.value.code == RoundsRefusal.UNKNOWN_SESSION


def test_a_replan_keeps_started_rounds_seats_late_arrivals_and_drops_no_shows(programme, rounds, add_guest):
    session = speed_session(programme)
    guests = crowd(add_guest, 17, 0)
    attend(programme, session, guests[:16])
    first = rounds.plan(session.id, PlanOptions(table_size=4, rounds=3, **FAST))
    rounds.start_round(session.id)
    programme.attend_guest(session.id, guests[16])  # came late
    assert programme.undo(session.id, guests[0].id)  # left (staff undid their attendance)
    second = rounds.plan(session.id, PlanOptions(table_size=4, **FAST))
    assert second.total == 3  # a re-plan keeps the number of rounds
    assert second.rounds[0].tables == first.rounds[0].tables and second.rounds[0].started
    later = {g for r in (2, 3) for t in seated(second, r) for g in t}
    assert guests[16].id in later and guests[0].id not in later and len(later) == 16
    assert Counter(pairs_of(second)).most_common(1)[0][1] == 1  # late plans avoid round 1's pairs


def test_absent_guests_are_left_out_of_the_rounds_still_to_play(programme, rounds, add_guest):
    session = speed_session(programme)
    guests = crowd(add_guest, 9, 3)
    attend(programme, session, guests)
    view = rounds.plan(session.id, PlanOptions(table_size=4, rounds=2, absent=(guests[3].id,), **FAST))
    assert guests[3].id not in {g for r in (1, 2) for t in seated(view, r) for g in t}


def test_rounds_start_in_order_once_and_a_replan_after_the_last_start_is_refused(programme, rounds, add_guest, clock):
    session = speed_session(programme)
    attend(programme, session, crowd(add_guest, 8, 0))
    rounds.plan(session.id, PlanOptions(table_size=4, rounds=2, **FAST))
    with pytest.raises(RoundsError) as early:
        rounds.start_round(session.id, 2)
    assert early.value.code == RoundsRefusal.ROUND_OUT_OF_ORDER
    with pytest.raises(RoundsError) as unknown:
        rounds.start_round(session.id, 3)
    assert unknown.value.code == RoundsRefusal.UNKNOWN_ROUND
    one = rounds.start_round(session.id)
    clock.advance(minutes=1)
    again = rounds.start_round(session.id, 1)
    assert one.number == 1 and not one.already and again.already and again.started_at == one.started_at
    clock.advance(minutes=9)
    two = rounds.start_round(session.id)
    assert two.number == 2 and two.started_at == clock.now
    view = rounds.plan_view(session.id)
    assert view.current(clock.now).number == 2 and view.next_round is None
    for refused in (lambda: rounds.start_round(session.id), lambda: rounds.plan(session.id, PlanOptions(**FAST))):
        with pytest.raises(RoundsError) as done:
            refused()
        assert done.value.code == RoundsRefusal.ALL_ROUNDS_STARTED


def test_starting_without_a_plan_is_refused(programme, rounds):
    session = speed_session(programme)
    with pytest.raises(RoundsError) as refused:
        rounds.start_round(session.id)
    assert refused.value.code == RoundsRefusal.NO_PLAN


def test_a_guest_sees_their_table_and_tablemates_in_every_round(programme, rounds, add_guest):
    session = speed_session(programme)
    guests = crowd(add_guest, 8, 0)
    attend(programme, session, guests[:7])
    view = rounds.plan(session.id, PlanOptions(table_size=4, rounds=2, **FAST))
    mine = rounds.tables_of(session.id, guests[0].id)
    assert mine.guest_name == "Gast00 N." and [r.number for r in mine.rounds] == [1, 2]
    for r in mine.rounds:
        table = next(t for t in view.rounds[r.number - 1].tables if t.label == r.label)
        assert sorted(r.mates) == sorted(s.public_name for s in table.seats if s.guest_id != guests[0].id)
    labels = [r.label for r in mine.rounds]
    assert mine.card_line(translator("de")) == f"Runde 1: Tisch {labels[0]} · Runde 2: Tisch {labels[1]}"
    assert mine.card_line(translator("en")) == f"Round 1: table {labels[0]} · Round 2: table {labels[1]}"
    with pytest.raises(RoundsError) as absent:
        rounds.tables_of(session.id, guests[7].id)
    assert absent.value.code == RoundsRefusal.NOT_SEATED


def test_quiz_teams_are_one_round_of_mixed_teams(programme, rounds, add_guest):
    quiz = speed_session(programme, kind=SessionKind.QUIZ, start=time(19), end=time(21))
    guests = crowd(add_guest, 15, 3)
    attend(programme, quiz, guests)
    view = rounds.quiz_teams(quiz.id, team_size=5, options=PlanOptions(**FAST))
    assert view.kind == "quiz" and view.total == 1
    org = {g.id: g.organization_name for g in guests}
    assert [sorted(Counter(org[g] for g in team).values()) for team in seated(view, 1)] == [[1, 2, 2]] * 3
    assert rounds.tables_of(quiz.id, guests[0].id).card_line(translator("de")).startswith("Team ")
    with pytest.raises(RoundsError) as refused:
        rounds.start_round(quiz.id)
    assert refused.value.code == RoundsRefusal.UNKNOWN_ROUND


def test_the_sessions_for_rounds_and_quizzes_of_a_day(programme, rounds):
    speed = speed_session(programme)
    quiz = speed_session(programme, kind=SessionKind.QUIZ, start=time(19), end=time(21))
    speed_session(programme, kind=SessionKind.TALK, start=time(9), end=time(10))
    assert rounds.round_sessions(EVENT_DAYS[0]) == [speed] and rounds.quiz_sessions(EVENT_DAYS[0]) == [quiz]
    assert rounds.round_sessions(EVENT_DAYS[1]) == []


def test_every_refusal_has_a_message_in_german_and_english():
    from kiosk.services.rounds import ROUNDS_REFUSAL_MESSAGES

    german = translator("de")
    assert set(ROUNDS_REFUSAL_MESSAGES) == set(RoundsRefusal)
    assert all(german(text) != text for text in ROUNDS_REFUSAL_MESSAGES.values())


def test_everyones_tables_for_the_cards_in_name_order(programme, rounds, add_guest):
    session = speed_session(programme)
    guests = crowd(add_guest, 6, 0)
    attend(programme, session, guests[:5])
    rounds.plan(session.id, PlanOptions(table_size=2, rounds=2, **FAST))
    cards = rounds.everyones_tables(session.id)
    assert [c.full_name for c in cards] == [f"Gast{i:02d} Nachname{i:02d}" for i in range(5)]
    assert all(len(c.rounds) <= 2 for c in cards) and sum(len(c.rounds) for c in cards) == 10
