"""Check-in at the front desk: one check-in per guest and day, refusals with their codes."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone

from services_support import EVENT_DAYS, berlin

from kiosk.core.codes import sign_badge_token
from kiosk.core.refusals import Refusal
from kiosk.core.rules import CheckInStatus
from kiosk.services.desk import FrontDesk

DAY1, DAY2, DAY3 = EVENT_DAYS


def check_in_rows(db_path, guest_id=None) -> list[tuple]:
    connection = sqlite3.connect(str(db_path))
    try:
        query = "SELECT guest_id, day, at FROM check_in_row"
        rows = connection.execute(query + (" WHERE guest_id = ?" if guest_id else "") + " ORDER BY day",
                                  (guest_id,) if guest_id else ()).fetchall()
        return rows
    finally:
        connection.close()


def test_check_in_by_ticket_code_records_one_row_with_the_clock_time(desk, add_guest, db_path):
    guest = add_guest("Wiebke", "Tannhold")

    outcome = desk.check_in(guest.ticket_code)

    assert outcome.status == CheckInStatus.CHECKED_IN
    assert outcome.guest.id == guest.id
    assert outcome.check_in.day == DAY1
    assert outcome.check_in.at == berlin(DAY1, 9, 14)
    stored_at = outcome.check_in.at.isoformat(timespec="microseconds")
    assert check_in_rows(db_path) == [(guest.id, "2023-10-24", stored_at)]


def test_second_scan_on_the_same_day_answers_already_checked_in_with_the_earlier_time(
        desk, add_guest, clock, db_path):
    guest = add_guest("Wiebke", "Tannhold")
    first = desk.check_in(guest.ticket_code)
    clock.set(berlin(DAY1, 11, 42))

    second = desk.check_in(guest.ticket_code)

    assert second.status == CheckInStatus.ALREADY_CHECKED_IN
    assert second.reason is None
    assert second.guest.id == guest.id
    assert second.check_in.id == first.check_in.id
    assert second.check_in.at == berlin(DAY1, 9, 14)
    assert desk.event.local_time(second.check_in.at).strftime("%H:%M") == "09:14"
    assert len(check_in_rows(db_path, guest.id)) == 1


def test_ticket_scan_then_badge_scan_on_the_same_day_is_still_one_check_in(desk, add_guest, clock, db_path):
    guest = add_guest("Wiebke", "Tannhold")
    desk.check_in(guest.ticket_code)
    clock.advance(minutes=30)

    outcome = desk.check_in(desk.badge_token(guest))

    assert outcome.status == CheckInStatus.ALREADY_CHECKED_IN
    assert len(check_in_rows(db_path, guest.id)) == 1


def test_once_on_each_of_three_days_gives_three_check_ins(desk, add_guest, clock, db_path):
    guest = add_guest("Ansgar", "Lindqvist-Ober")
    outcomes = []
    for day in EVENT_DAYS:
        clock.set(berlin(day, 8, 55))
        outcomes.append(desk.check_in(guest.ticket_code))

    assert [o.status for o in outcomes] == [CheckInStatus.CHECKED_IN] * 3
    assert [o.check_in.day for o in outcomes] == list(EVENT_DAYS)
    assert [row[1] for row in check_in_rows(db_path, guest.id)] == ["2023-10-24", "2023-10-25", "2023-10-26"]
    assert desk.store.check_in_counts() == {DAY1: 1, DAY2: 1, DAY3: 1}


def test_explicit_day_overrides_the_clock(desk, add_guest):
    guest = add_guest("Ansgar", "Lindqvist-Ober")

    outcome = desk.check_in(guest.ticket_code, day=DAY3)

    assert outcome.status == CheckInStatus.CHECKED_IN
    assert outcome.check_in.day == DAY3
    assert desk.store.check_in_of(guest.id, DAY1) is None


def test_the_day_is_the_local_day_at_the_venue_not_the_utc_day(desk, add_guest, clock):
    guest = add_guest("Ansgar", "Lindqvist-Ober")
    clock.set(datetime(2023, 10, 24, 22, 30, tzinfo=timezone.utc))  # 00:30 on 25 October in Kaiserslautern

    outcome = desk.check_in(guest.ticket_code)

    assert outcome.check_in.day == DAY2


def test_guest_not_registered_for_that_day_is_rejected(desk, add_guest, clock, db_path):
    guest = add_guest("Minna", "Querfurt", days=(DAY1, DAY3))
    clock.set(berlin(DAY2, 10, 0))

    outcome = desk.check_in(guest.ticket_code)

    assert outcome.status == CheckInStatus.REJECTED
    assert outcome.reason == Refusal.NOT_REGISTERED_TODAY
    assert outcome.guest.id == guest.id
    assert check_in_rows(db_path) == []
    clock.set(berlin(DAY3, 10, 0))
    assert desk.check_in(guest.ticket_code).status == CheckInStatus.CHECKED_IN


def test_guest_without_day_restriction_may_come_on_every_day(desk, add_guest):
    guest = add_guest("Minna", "Querfurt", days=())
    assert all(desk.check_in(guest.ticket_code, day=d).status == CheckInStatus.CHECKED_IN for d in EVENT_DAYS)


def test_a_day_that_is_not_an_event_day_is_rejected(desk, add_guest, clock, db_path):
    guest = add_guest("Minna", "Querfurt")
    clock.set(berlin(date(2023, 10, 23), 17, 0))

    by_clock = desk.check_in(guest.ticket_code)
    by_argument = desk.check_in(guest.ticket_code, day=date(2023, 10, 27))

    assert by_clock.status == by_argument.status == CheckInStatus.REJECTED
    assert by_clock.reason == by_argument.reason == Refusal.NOT_AN_EVENT_DAY
    assert check_in_rows(db_path) == []


def test_unknown_ticket_code_is_rejected(desk, add_guest, db_path):
    add_guest("Minna", "Querfurt")

    outcome = desk.check_in("0123456789ABCDEFGHIJ")

    assert outcome.status == CheckInStatus.REJECTED
    assert outcome.reason == Refusal.UNKNOWN_CODE
    assert outcome.guest is None
    assert check_in_rows(db_path) == []


def test_badge_token_checks_the_guest_in(desk, add_guest):
    guest = add_guest("Minna", "Querfurt")

    outcome = desk.check_in(desk.badge_token(guest))

    assert outcome.status == CheckInStatus.CHECKED_IN
    assert outcome.guest.id == guest.id


def test_forged_truncated_and_foreign_badges_are_rejected_with_their_codes(desk, add_guest, db_path):
    guest = add_guest("Minna", "Querfurt")
    token = desk.badge_token(guest)
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")
    foreign = sign_badge_token(b"\x07" * 32, "00000000-0000-4000-8000-000000000001", guest.id)

    assert desk.check_in(forged).reason == Refusal.FORGED_TOKEN
    assert desk.check_in(token[:-4]).reason == Refusal.TRUNCATED_TOKEN
    assert desk.check_in(foreign).reason == Refusal.FOREIGN_EVENT
    assert check_in_rows(db_path) == []


def test_genuine_badge_of_a_guest_this_kiosk_does_not_know_is_told_apart_from_a_forgery(desk):
    token = sign_badge_token(desk.event.secret, desk.event.id, "6f1c2a8e-3d4b-4c5d-9e6f-7a8b9c0d1e2f")

    outcome = desk.check_in(token)

    assert outcome.status == CheckInStatus.REJECTED
    assert outcome.reason == Refusal.UNKNOWN_GUEST


def test_imported_codes_with_y_z_and_hyphen_resolve_from_a_layout_swapped_scan(desk, add_guest):
    guest = add_guest("Yvonne", "Zabel", ticket="ZY-2023-Y7Z")

    outcome = desk.check_in("YZß2023ßZ7Y")  # US scanner on a German layout

    assert outcome.status == CheckInStatus.CHECKED_IN
    assert outcome.guest.id == guest.id


def test_imported_codes_resolve_in_any_letter_case_and_with_surrounding_whitespace(desk, add_guest):
    guest = add_guest("Yvonne", "Zabel", ticket="ab-77-cd")

    assert desk.store.guest(guest.id).ticket_code == "ab-77-cd"  # kept as imported
    assert desk.check_in("  AB-77-CD\n").guest.id == guest.id


def test_a_long_imported_code_that_happens_to_start_with_b1_still_checks_in(desk, add_guest):
    # Registration systems choose their own codes; one that begins like a badge token must still work.
    guest = add_guest("Berit", "Einhaus", ticket="B1-2023-0000-4711-ABCD-EF")

    outcome = desk.check_in("B1-2023-0000-4711-ABCD-EF")

    assert outcome.status == CheckInStatus.CHECKED_IN, outcome.reason
    assert outcome.guest.id == guest.id


def test_check_in_survives_reopening_the_database(desk, add_guest, db_path, clock):
    from kiosk.storage import Store

    guest = add_guest("Minna", "Querfurt")
    desk.check_in(guest.ticket_code)
    desk.store.close()

    reopened = Store.open(db_path)
    try:
        again = FrontDesk(reopened, clock=clock).check_in(guest.ticket_code)
        assert again.status == CheckInStatus.ALREADY_CHECKED_IN
        assert again.check_in.at == berlin(DAY1, 9, 14)
    finally:
        reopened.close()
