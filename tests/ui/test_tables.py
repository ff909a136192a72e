"""'My tables' at the kiosk, driven through the running kiosk (German, 1920 x 1080): the welcome button
appears once today's speed networking is planned; a guest scans their badge (or finds their name) and
reads their table in every round with the people at it, the running round highlighted; a guest checked
in today who scans at the welcome screen during the session sees their tables instead of 'welcome back'."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from ui_support import FIRST_DAY, berlin

from kiosk.core.programme import SessionKind
from kiosk.services.desk import FrontDesk, public_name
from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import PlanOptions, RoundsDesk
from kiosk.storage import programme as stored_programme

PEOPLE = 12


def speed_session(store):
    return next(s for s in stored_programme.sessions(store, FIRST_DAY) if s.kind == SessionKind.SPEED_NETWORKING)


def plan_rounds(store, clock, people: int = PEOPLE, started: int = 0, at=(13, 2)):
    """Guests counted at the door of the speed networking, three rounds of four planned (as staff do),
    `started` rounds started; the clock is left at `at` (local time) on the first day."""
    clock.set(berlin(FIRST_DAY, 12, 55))
    desk = FrontDesk(store, clock=clock)
    session = speed_session(store)
    guests = sorted((g for g in store.guests() if g.registered_for(FIRST_DAY)), key=lambda g: g.external_id)[:people]
    programme = ProgrammeDesk(desk)
    for guest in guests:
        programme.attend_guest(session.id, guest)
    rounds = RoundsDesk(desk)
    rounds.plan(session.id, PlanOptions(table_size=4, rounds=3, time_limit=0.2))
    for number in range(1, started + 1):
        clock.set(berlin(FIRST_DAY, 13, 10 * (number - 1)))
        rounds.start_round(session.id, number)
    clock.set(berlin(FIRST_DAY, *at))
    return session, guests, rounds


def planned_kiosk(make_kiosk, clock, size=(1920, 1080), **plan):
    found = {}

    def prepare(store):
        found["session"], found["guests"], _ = plan_rounds(store, clock, **plan)

    kiosk = make_kiosk(prepare=prepare, size=size)
    return kiosk, found["session"], found["guests"], RoundsDesk(kiosk.desk)


def shown_rounds(kiosk) -> list[tuple[str, str, str, str]]:
    rows = [row for row in kiosk.kiosk.tables.tables.rows if row.isVisible()]
    return [(r.heading.text(), r.table.text(), r.mates.text(), r.state.text() if r.state.isVisible() else "")
            for r in rows]


def test_the_welcome_button_appears_only_once_the_speed_networking_is_planned(make_kiosk, clock):
    kiosk = make_kiosk()
    button = kiosk.find("tablesButton", QPushButton)
    assert not button.isVisible()
    plan_rounds(kiosk.store, clock)
    kiosk.kiosk.events.staff_did_leave.emit()  # as after planning in staff mode
    kiosk.settle()
    assert button.isVisible() and button.text() == "Meine Tische"


def test_a_badge_shows_every_round_with_table_and_tablemates_and_the_running_round_stands_out(make_kiosk, clock):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 4))
    guest = guests[0]
    kiosk.tap("tablesButton")
    assert kiosk.current == "tables" and kiosk.shown_text("tablesPrompt") == "Bitte scannen Sie Ihr Namensschild"
    kiosk.scan(kiosk.desk.badge_token(guest))
    assert kiosk.current == "tables"
    assert kiosk.shown_text("tablesGuestName") == guest.full_name
    assert kiosk.shown_text("tablesSession") == "Speed-Networking der Zentren"
    assert kiosk.shown_text("tablesSessionDetail") == "13:00–14:30 · Galerie"
    tables = rounds.tables_of(session.id, guest.id)
    shown = shown_rounds(kiosk)
    assert [(h, t) for h, t, _, _ in shown] == [(f"RUNDE {r.number}", f"Tisch {r.label}") for r in tables.rounds]
    plan = rounds.plan_view(session.id)
    for (_, _, mates, _), guest_round in zip(shown, tables.rounds):
        table = next(t for t in plan.rounds[guest_round.number - 1].tables if t.label == guest_round.label)
        expected = {s.public_name for s in table.seats if s.guest_id != guest.id}
        assert expected and all(name in mates for name in expected), (mates, expected)
        assert public_name(guest) not in mates
    assert [state for *_, state in shown] == ["Läuft jetzt · bis 13:08", "Als Nächstes", ""]
    highlighted = [row.current for row in kiosk.kiosk.tables.tables.rows if row.isVisible()]
    assert highlighted == [True, False, False]
    assert kiosk.find("tablesTicks", QPushButton).isVisible()
    assert kiosk.feedback.played[-1] == "success"


def test_before_the_first_round_the_next_one_is_marked_and_ticks_wait(make_kiosk, clock):
    kiosk, session, guests, _ = planned_kiosk(make_kiosk, clock, started=0, at=(12, 58))
    kiosk.tap("tablesButton")
    kiosk.scan(guests[1].ticket_code)
    assert [state for *_, state in shown_rounds(kiosk)] == ["Als Nächstes", "", ""]
    assert not kiosk.find("tablesTicks", QPushButton).isVisible()
    assert kiosk.shown_text("tablesTicksHint").startswith("Sobald Ihre erste Runde begonnen hat")


def test_a_name_found_in_the_search_shows_the_tables_but_ticking_needs_the_badge(make_kiosk, clock):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1)
    guest = guests[2]
    kiosk.tap("tablesButton")
    kiosk.tap("tablesSearch")
    assert kiosk.current == "tables_search"
    kiosk.kiosk.tables.search.set_query(guest.last_name.lower())
    kiosk.settle()
    result = next(b for b in kiosk.kiosk.tables.search.result_buttons
                  if b.isVisible() and b.text() == f"{guest.full_name}\n{guest.organization_name}")  # namesakes
    kiosk.tap(result)
    kiosk.tap("confirmYes")
    assert kiosk.current == "tables" and kiosk.shown_text("tablesGuestName") == guest.full_name
    assert not kiosk.store.checked_in_ids(FIRST_DAY) & {guest.id}  # looking is no check-in
    assert not kiosk.find("tablesTicks", QPushButton).isVisible()
    assert kiosk.shown_text("tablesTicksHint") == "Um Ihre Kontakte zu bestätigen, scannen Sie bitte Ihr Namensschild."


def test_a_guest_without_a_seat_is_told_so(make_kiosk, clock):
    kiosk, session, guests, _ = planned_kiosk(make_kiosk, clock, started=1)
    outsider = next(g for g in kiosk.store.guests() if g.id not in {x.id for x in guests})
    kiosk.tap("tablesButton")
    kiosk.scan(kiosk.desk.badge_token(outsider))
    assert kiosk.message()["detail"] == "Sie haben in diesen Runden keinen Platz."
    kiosk.tap("messageDone")
    assert kiosk.current == "welcome"


def test_a_checked_in_guest_scanning_at_the_welcome_screen_during_the_session_sees_their_tables(make_kiosk, clock):
    kiosk, session, guests, _ = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5))
    guest = guests[3]
    clock.set(berlin(FIRST_DAY, 9, 30))
    kiosk.desk.check_in_guest(guest)
    clock.set(berlin(FIRST_DAY, 13, 5))
    kiosk.scan(kiosk.desk.badge_token(guest))
    assert kiosk.current == "tables" and kiosk.shown_text("tablesGuestName") == guest.full_name
    assert kiosk.shown_text("tablesNote") == "Schön, dass Sie wieder da sind! Sie haben heute um 09:30 eingecheckt."
    kiosk.window.idle_timeout.emit()
    kiosk.settle()
    assert kiosk.current == "welcome" and kiosk.kiosk.tables.view is None


def test_at_the_welcome_screen_arrivals_check_in_and_outside_the_session_welcome_back_stays(make_kiosk, clock):
    kiosk, session, guests, _ = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5))
    newcomer = guests[4]
    kiosk.scan(newcomer.ticket_code)  # not checked in yet: the check-in as always
    assert kiosk.current == "consent" or kiosk.current == "badge_preview"
    assert newcomer.id in kiosk.store.checked_in_ids(FIRST_DAY)
    kiosk.kiosk.router.go_home()
    clock.set(berlin(FIRST_DAY, 16, 0))  # long after the session
    kiosk.wait_for_scan_window()
    kiosk.scan(newcomer.ticket_code)
    assert kiosk.message()["title"].startswith("Schön, dass Sie wieder da sind")


def test_the_tables_and_the_ticks_are_spoken(make_kiosk, clock):
    from test_speech import Listener

    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 4))
    listener = Listener(kiosk, kiosk.qtbot)
    kiosk.tap(kiosk.find("speechButton", screen="header"))
    listener.new()
    kiosk.tap("tablesButton")
    assert listener.last() == ("Meine Tische. Bitte scannen Sie Ihr Namensschild. Halten Sie den QR-Code auf Ihrem "
                               "Namensschild unter den Scanner. Schaltflächen: Meinen Namen suchen.")
    guest = next(g for g in guests if g.consent_contacts)
    kiosk.scan(kiosk.desk.badge_token(guest))
    said = listener.last()
    table = rounds.tables_of(session.id, guest.id).rounds[0].label
    assert said.startswith(f"{guest.full_name}. Speed-Networking der Zentren. Runde 1, Tisch {table}, mit ")
    assert ", Läuft jetzt, bis 13:08. Runde 2, " in said and said.endswith("Schaltflächen: Kontakte bestätigen.")
    kiosk.tap("tablesTicks")
    assert listener.last().startswith(f"Kontakte aus den Runden. {guest.full_name}: Mit wem haben Sie Kontaktdaten "
                                      "ausgetauscht?")
