"""Contacts from the rounds at the kiosk (German, 1920 x 1080): after a round started a guest scans their
badge, taps the tablemates they exchanged contacts with and confirms; a contact is recorded (source
'rounds') once both have tapped each other, and the leaderboard counts it; one side alone waits; only
real tablemates are offered; a guest who declined contact exchange is told so kindly."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton
from test_tables import planned_kiosk

from kiosk.services.desk import public_name


def open_ticks(kiosk, guest) -> None:
    kiosk.tap("tablesButton")
    kiosk.scan(kiosk.desk.badge_token(guest))
    kiosk.tap("tablesTicks")
    assert kiosk.current == "ticks"


def tile(kiosk, guest) -> QPushButton:
    return kiosk.find(f"mate-{guest.id}", QPushButton)


def tick(kiosk, guest, mates) -> None:
    """One guest's whole visit: scan, open the ticks, tap the mates, confirm."""
    open_ticks(kiosk, guest)
    for mate in mates:
        kiosk.tap(tile(kiosk, mate))
    kiosk.tap("ticksConfirm")


def tablemates_in_round_1(rounds, session, guest) -> list[str]:
    plan = rounds.plan_view(session.id)
    table = next(t for t in plan.rounds[0].tables if guest.id in {s.guest_id for s in t.seats})
    return [s.guest_id for s in table.seats if s.guest_id != guest.id]


def contact_sources(store, a: str, b: str) -> list[str]:
    low, high = sorted((a, b))
    rows = store.db.execute_sql("SELECT source FROM contact_row WHERE guest_low_id = ? AND guest_high_id = ?",
                                (low, high)).fetchall()
    return [source for (source,) in rows]


def consenting_pair(kiosk, rounds, session, guests):
    by_id = {g.id: g for g in guests}
    for guest in guests:
        if not guest.consent_contacts:
            continue
        mates = [by_id[m] for m in tablemates_in_round_1(rounds, session, guest) if by_id[m].consent_contacts]
        if mates:
            return guest, mates[0]
    raise AssertionError("no two consenting tablemates in round 1")


def test_only_the_real_tablemates_of_started_rounds_are_offered(make_kiosk, clock):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5))
    guest = next(g for g in guests if g.consent_contacts)
    open_ticks(kiosk, guest)
    offered = {t.choice.guest_id for t in kiosk.kiosk.tables.ticks.tiles}
    assert offered == set(tablemates_in_round_1(rounds, session, guest)) and len(offered) == 3
    assert kiosk.shown_text("ticksExplanation").endswith("sobald Sie sich beide gegenseitig angetippt haben.")
    names = {t.name_label.text() for t in kiosk.kiosk.tables.ticks.tiles}
    assert names == {public_name(kiosk.store.guest(g)) for g in offered}


def test_both_ticking_each_other_makes_a_rounds_contact_the_leaderboard_counts(make_kiosk, clock):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5))
    anna, ben = consenting_pair(kiosk, rounds, session, guests)
    tick(kiosk, anna, [ben])
    shown = kiosk.message()
    assert shown["title"] == "Vielen Dank!" and public_name(ben) in shown["detail"]
    assert "sobald Sie dort auch angetippt werden" in shown["detail"]
    assert contact_sources(kiosk.store, anna.id, ben.id) == []
    kiosk.tap("messageDone")
    kiosk.wait_for_scan_window()
    tick(kiosk, ben, [anna])
    shown = kiosk.message()
    assert (shown["title"], shown["name"]) == ("1 neuer Kontakt!", public_name(anna))
    assert contact_sources(kiosk.store, anna.id, ben.id) == ["rounds"]
    assert kiosk.feedback.played[-1] == "contact"
    kiosk.tap("messageDone")
    kiosk.tap("leaderboardButton")
    today = [label.text() for label in kiosk.kiosk.boards.screen.today.findChildren(QLabel) if label.isVisible()]
    assert public_name(anna) in today and public_name(ben) in today, today


def test_one_side_alone_waits_and_a_second_visit_shows_them_as_confirmed_before(make_kiosk, clock):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5))
    anna, ben = consenting_pair(kiosk, rounds, session, guests)
    tick(kiosk, anna, [ben])
    assert kiosk.message()["title"] == "Vielen Dank!"
    kiosk.tap("messageDone")
    kiosk.wait_for_scan_window()
    open_ticks(kiosk, anna)
    assert f"mate-{ben.id}" not in {t.objectName() for t in kiosk.kiosk.tables.ticks.tiles}
    assert kiosk.shown_text("ticksEarlier") == f"Schon bestätigt: {public_name(ben)} (wartet auf die andere Seite)"


def test_confirming_with_nobody_tapped_asks_for_a_tap_and_records_nothing(make_kiosk, clock):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5))
    guest = next(g for g in guests if g.consent_contacts)
    open_ticks(kiosk, guest)
    kiosk.tap("ticksConfirm")
    assert kiosk.current == "ticks"
    assert kiosk.shown_text("ticksCount") == "Bitte tippen Sie zuerst mindestens eine Person an."
    assert kiosk.store.db.execute_sql("SELECT COUNT(*) FROM round_tick_row").fetchone()[0] == 0


def test_a_guest_who_declined_contact_exchange_is_told_kindly_and_nothing_is_recorded(make_kiosk, clock):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5))
    guest = guests[0]
    kiosk.desk.record_consent(guest.id, False)
    kiosk.tap("tablesButton")
    kiosk.scan(kiosk.desk.badge_token(guest))
    kiosk.tap("tablesTicks")
    shown = kiosk.message()
    assert shown["title"] == "Sie nehmen nicht am Kontaktaustausch teil."
    assert "ändert das Team am Infostand das gern" in shown["detail"]
    assert kiosk.store.db.execute_sql("SELECT COUNT(*) FROM round_tick_row").fetchone()[0] == 0


def test_a_refusal_by_the_service_at_confirmation_is_the_same_kind_message(make_kiosk, clock):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5))
    anna, ben = consenting_pair(kiosk, rounds, session, guests)
    open_ticks(kiosk, anna)
    kiosk.tap(tile(kiosk, ben))
    kiosk.desk.record_consent(anna.id, False)  # changed at the info desk meanwhile
    kiosk.tap("ticksConfirm")
    assert kiosk.message()["title"] == "Sie nehmen nicht am Kontaktaustausch teil."
    assert contact_sources(kiosk.store, anna.id, ben.id) == []
    assert kiosk.store.db.execute_sql("SELECT COUNT(*) FROM round_tick_row").fetchone()[0] == 0
