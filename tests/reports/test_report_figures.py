"""The report's figures, checked against the hand-counted small event and against the demo database."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import date, timedelta

from event_scenario import DAYS, query

from kiosk.core.leaderboard import rank_networkers
from kiosk.core.model import ContactExchange, utc_now
from kiosk.reports import collect_figures
from kiosk.services.desk import FrontDesk
from kiosk.storage import analytics


def by_day(figures):
    return {d.day: d for d in figures.days}


# -- the small event, counted by hand ------------------------------------------------------
def test_check_ins_registrations_and_no_shows_per_day(small):
    days = by_day(collect_figures(small.store))

    assert [(d.registered, d.checked_in, d.walk_ins, d.no_shows) for d in days.values()] == [
        (5, 4, 0, 1), (5, 4, 1, 2), (3, 2, 0, 1)]


def test_arrivals_are_counted_per_local_quarter_hour_with_empty_ones_between(small):
    days = by_day(collect_figures(small.store))

    assert days[DAYS[0]].arrivals == (("09:00", 2), ("09:15", 1), ("09:30", 0), ("09:45", 0), ("10:00", 0),
                                      ("10:15", 0), ("10:30", 1))
    assert days[DAYS[1]].arrivals == (("08:45", 1), ("09:00", 1), ("09:15", 0), ("09:30", 2))
    assert days[DAYS[2]].arrivals == (("09:00", 1), ("09:15", 0), ("09:30", 1))


def test_attendance_by_kind_counts_guests_once_and_walk_ins_only_as_attending(small):
    figures = collect_figures(small.store)

    assert [(a.kind, a.registered, a.attended) for a in figures.by_kind] == [
        ("digital_centre", 2, 3), ("ministry", 1, 1), ("research", 1, 1), ("press", 1, 1), ("", 1, 0)]
    assert (figures.registered_guests, figures.attendees) == (6, 6)


def test_attendance_by_organization_lists_most_attended_first(small):
    figures = collect_figures(small.store)

    assert [(a.name, a.registered, a.attended) for a in figures.by_organization] == [
        ("Digitalzentrum Saalkreis", 2, 3), ("Forschungsinstitut Moorbach", 1, 1),
        ("Ministerium für Hügelland", 1, 1), ("Pfälzer Rundschau", 1, 1)]
    assert figures.other_organizations.name == "0"


def test_contacts_per_day_matrix_and_share_across_organizations(small):
    figures = collect_figures(small.store)

    assert [d.contacts for d in figures.days] == [3, 3, 1]
    assert (figures.cross_organization, figures.same_organization) == (5, 2)
    assert figures.kind_matrix == {("digital_centre", "digital_centre"): 2, ("digital_centre", "research"): 3,
                                   ("research", "digital_centre"): 3, ("digital_centre", "press"): 1,
                                   ("press", "digital_centre"): 1, ("press", "research"): 1,
                                   ("research", "press"): 1}
    assert figures.matrix_kinds == ("digital_centre", "research", "press")


def test_networkers_rank_by_contacts_then_whoever_got_there_first(small):
    networkers = collect_figures(small.store).networkers

    assert [(n.rank, n.public_name, n.contacts) for n in networkers] == [
        (1, "Amrei K.", 4), (2, "Edda Q.", 4), (3, "Bodo F.", 2), (4, "Cleo S.", 2), (5, "Greta W.", 2)]
    assert networkers[0].full_name == "Amrei Kolbeck"
    assert networkers[0].organization == "Digitalzentrum Saalkreis"


def test_a_guest_who_withdrew_consent_leaves_the_ranking_but_not_the_counts(small):
    small.store.set_consent(small.ids["Kolbeck"], False)

    figures = collect_figures(small.store)

    assert figures.champion.public_name == "Edda Q."
    assert figures.contacts == 7


def test_one_day_covers_only_that_day(small):
    figures = collect_figures(small.store, DAYS[1])

    assert [d.day for d in figures.days] == [DAYS[1]]
    assert (figures.registered_guests, figures.attendees, figures.contacts) == (5, 4, 3)
    assert [(n.public_name, n.contacts) for n in figures.networkers] == [
        ("Cleo S.", 2), ("Amrei K.", 2), ("Edda Q.", 1), ("Greta W.", 1)]  # Cleo had her 2nd at 12:01
    assert [(a.kind, a.registered, a.attended) for a in figures.by_kind] == [
        ("digital_centre", 2, 2), ("ministry", 1, 0), ("research", 1, 1), ("press", 1, 1)]


def test_an_event_without_activity_has_zero_figures(tmp_path):
    from kiosk.services.setup import create_event
    from kiosk.storage import Store

    store = Store.open(tmp_path / "empty.sqlite3", device_id="11111111-2222-4333-8444-555555555555")
    create_event(store, "Leer", "", DAYS)
    figures = collect_figures(store)

    assert figures.contacts == figures.check_ins == figures.attendees == 0
    assert figures.networkers == () and figures.champion is None and figures.kind_matrix == {}
    store.close()


# -- the demo event, checked against plain SQL over the same database -----------------------
def test_demo_check_ins_per_day_match_the_check_in_table(demo):
    figures = collect_figures(demo.store)
    counted = dict(query(demo.path, "SELECT day, COUNT(*) FROM check_in_row GROUP BY day"))

    assert {d.day.isoformat(): d.checked_in for d in figures.days} == counted
    assert figures.check_ins == sum(counted.values()) > 500
    assert all(sum(n for _, n in d.arrivals) == d.checked_in for d in figures.days)


def test_demo_registrations_and_no_shows_match_the_guest_list(demo):
    figures = collect_figures(demo.store)
    guests = query(demo.path, "SELECT id, days, walk_in FROM guest_row")
    came = set(query(demo.path, "SELECT guest_id, day FROM check_in_row"))
    for day in figures.days:
        registered = [gid for gid, days, walk_in in guests
                      if not walk_in and (days == "[]" or day.day.isoformat() in json.loads(days))]
        assert day.registered == len(registered)
        assert day.no_shows == sum(1 for gid in registered if (gid, day.day.isoformat()) not in came) > 0


def test_demo_contacts_and_cross_organization_share_match_the_contact_table(demo):
    figures = collect_figures(demo.store)
    organization = dict(query(demo.path, "SELECT id, organization_id FROM guest_row"))
    pairs = query(demo.path, "SELECT guest_low_id, guest_high_id, day FROM contact_row")

    same = sum(1 for low, high, _ in pairs if organization[low] and organization[low] == organization[high])
    assert (figures.contacts, figures.same_organization) == (len(pairs), same)
    assert {d.day.isoformat(): d.contacts for d in figures.days} == Counter(day for _, _, day in pairs)
    lower_triangle = sum(n for (a, b), n in figures.kind_matrix.items() if a <= b)
    assert lower_triangle == len(pairs)


def test_demo_attendance_by_organization_matches_distinct_attendees(demo):
    figures = collect_figures(demo.store)
    attended = query(demo.path, "SELECT o.name, COUNT(DISTINCT c.guest_id) FROM check_in_row c "
                                "JOIN guest_row g ON g.id = c.guest_id JOIN organization_row o "
                                "ON o.id = g.organization_id GROUP BY o.name")

    expected = sorted(attended, key=lambda row: (-row[1], row[0]))
    shown = [(a.name, a.attended) for a in figures.by_organization]
    assert [n for _, n in shown] == [n for _, n in expected[:len(shown)]]
    assert all((name, n) in attended for name, n in shown)
    assert figures.attendees == query(demo.path, "SELECT COUNT(DISTINCT guest_id) FROM check_in_row")[0][0]


def test_demo_top_networkers_are_the_front_desks_leaderboard(demo):
    desk = FrontDesk(demo.store)
    for day in (None, *demo.store.event().days):
        figures = collect_figures(demo.store, day)
        board = desk.leaderboard_rows(day, top=10)
        assert [(n.guest_id, n.public_name, n.contacts) for n in figures.networkers] == [
            (row.guest_id, row.display_name, row.contacts) for row in board]


def test_ranking_in_sql_agrees_with_the_core_leaderboard_on_random_contacts(small):
    store, rng = small.store, random.Random(11)
    ids = sorted(small.ids.values())
    start = utc_now() - timedelta(days=400)
    exchanges = []
    with store.atomic():
        for low, high in {tuple(sorted(rng.sample(ids, 2))) for _ in range(40)} - {
                (c.guest_low, c.guest_high) for c in store.contacts()}:
            at = start + timedelta(minutes=rng.randrange(3))  # many equal times: ties all the way down
            exchange = ContactExchange(low, high, at, DAYS[rng.randrange(3)])
            store.add_contact(exchange)
            exchanges.append(exchange)
    consenting = {g.id for g in store.guests() if g.consent_contacts}
    for day in (None, *DAYS):
        expected = [s for s in rank_networkers(store.contacts(), day=day) if s.guest_id in consenting]
        got = analytics.top_networkers(store, day, top=10)
        assert [(s.guest_id, s.contacts) for s in expected[:10]] == [(row[0], row[1]) for row in got]


def test_figures_ignore_days_outside_the_report_day(small):
    figures = collect_figures(small.store, date(2023, 10, 26))

    assert [d.arrivals for d in figures.days] == [(("09:00", 1), ("09:15", 0), ("09:30", 1))]
    assert figures.kind_matrix == {("digital_centre", "research"): 1, ("research", "digital_centre"): 1}
