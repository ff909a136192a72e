"""Staff mode's 'Speeddating' page, driven through the running kiosk (German, 1920 x 1080): today's
speed networking planned with staff's options while the page says it is planning (and may be stopped),
the planner's figures and where the people came from, round 1 started after a confirmation (the big
screen's source shows it from its start), the plan printed and saved to a USB stick as PDFs, and quiz
teams of a chosen size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from test_tables import PEOPLE, speed_session
from ui_support import FIRST_DAY, berlin

from kiosk.core.round_plans import PlanKind, PlanSource
from kiosk.demo import DEMO_STAFF_PIN
from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import RoundsDesk
from kiosk.services.rounds.display import SessionRounds
from kiosk.storage import rounds as stored

QUICK = 0.2  # seconds the planner may search in these tests


def open_rounds(kiosk):
    QTest.keyClick(kiosk.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    kiosk.settle()
    for digit in DEMO_STAFF_PIN:
        kiosk.tap(f"pin-{digit}", settle=False)
    kiosk.tap("pin-ok")
    kiosk.tap("staffNav-rounds")
    page = kiosk.kiosk.staff_login.staff.rounds
    page.planning_seconds = page.quiz.planning_seconds = QUICK
    return page


def arrive(kiosk, count: int = PEOPLE, door: bool = False) -> list:
    """Guests checked in today (and, with `door`, scanned at the speed networking's door)."""
    guests = sorted((g for g in kiosk.store.guests() if g.registered_for(FIRST_DAY)), key=lambda g: g.external_id)
    for guest in guests[:count]:
        kiosk.desk.check_in_guest(guest)
        if door:
            ProgrammeDesk(kiosk.desk).attend_guest(speed_session(kiosk.store).id, guest)
    return guests[:count]


def shown(kiosk, name: str) -> str:
    return kiosk.shown_text(name)


def test_staff_plan_with_their_options_and_see_the_figures_and_the_check_in_warning(make_kiosk):
    kiosk = make_kiosk()
    arrive(kiosk)
    page = open_rounds(kiosk)
    session = speed_session(kiosk.store)
    assert kiosk.find(f"roundsSession-{session.id}").isChecked()  # today's only session, chosen
    kiosk.tap("roundsTableSizeLess")  # 4 -> 3
    kiosk.tap("roundsCountMore")  # 'automatisch' -> 1
    kiosk.tap("roundsCountMore")  # -> 2
    kiosk.tap("roundsMinutesMore")  # 8 -> 9
    kiosk.tap("roundsRemainder-larger")
    assert shown(kiosk, "roundsCountValue") == "2" and shown(kiosk, "roundsTableSizeValue") == "3"
    kiosk.tap("roundsPlan")
    plan = stored.stored_plan(kiosk.store, session.id)
    assert (plan.table_size, plan.total, plan.minutes, plan.remainder) == (3, 2, 9, "larger")
    assert plan.source == PlanSource.CHECK_INS
    assert shown(kiosk, "roundsFigures").startswith(f"{PEOPLE} Personen · 4 Tische · 2 Runden à 9 Minuten\n"
                                                    "Paare, die sich zweimal treffen: ")
    assert shown(kiosk, "roundsSource") == ("Aus den heutigen Check-ins geplant, weil an der Tür dieser "
                                            "Veranstaltung niemand gescannt wurde.")
    assert shown(kiosk, "roundsFeedback") == "Geplant: Speed-Networking der Zentren"
    assert kiosk.find("roundsPlan").text() == "Neu planen für alle, die jetzt da sind"
    assert page.model.rowCount() == 2 and page.model.text(0, 1) == "geplant"


def test_a_plan_from_the_door_says_nothing_about_check_ins(make_kiosk):
    kiosk = make_kiosk()
    arrive(kiosk, door=True)
    open_rounds(kiosk)
    kiosk.tap("roundsPlan")
    assert stored.stored_plan(kiosk.store, speed_session(kiosk.store).id).source == PlanSource.ATTENDANCE
    assert shown(kiosk, "roundsSource") == "" and shown(kiosk, "roundsFigures").startswith(f"{PEOPLE} Personen")


def test_planning_shows_that_it_runs_and_staff_may_stop_it_early(make_kiosk):
    kiosk = make_kiosk()
    arrive(kiosk)
    page = open_rounds(kiosk)
    page.planning_seconds = 30.0
    seen = {}
    plan = page.rounds.plan

    def watched(session_id, options, cancel):
        QApplication.processEvents()
        seen["label"] = page.planning.text() if page.planning.isVisible() else ""
        seen["plan enabled"] = page.plan_button.isEnabled()
        kiosk.tap("roundsStopPlanning", settle=False)  # staff stop the search while it runs
        seen["limit"] = options.time_limit
        return plan(session_id, options, cancel)

    page.rounds.plan = watched
    kiosk.tap("roundsPlan")
    assert seen == {"label": "Plane … (höchstens 30 Sekunden)", "plan enabled": False, "limit": 30.0}
    assert not page.planning.isVisible() and page.plan_button.isEnabled()
    assert stored.stored_plan(kiosk.store, speed_session(kiosk.store).id) is not None  # the best so far


def test_staff_start_round_1_after_confirming_and_the_big_screen_counts_from_then(make_kiosk, clock):
    kiosk = make_kiosk()
    arrive(kiosk, door=True)
    page = open_rounds(kiosk)
    kiosk.tap("roundsPlan")
    session = speed_session(kiosk.store)
    clock.set(berlin(FIRST_DAY, 13, 3))
    assert kiosk.find("roundsStart").text() == "Runde 1 starten"
    kiosk.tap("roundsStart")
    assert stored.starts(kiosk.store, session.id) == {}  # asked first
    assert kiosk.text("roundsConfirmQuestion") == ("Runde 1 jetzt starten? Die Großleinwand zählt ab jetzt "
                                                   "8 Minuten herunter.")
    kiosk.tap("roundsConfirmYes")
    assert stored.starts(kiosk.store, session.id) == {1: berlin(FIRST_DAY, 13, 3)}
    assert shown(kiosk, "roundsStartFeedback") == "Runde 1 hat um 13:03 begonnen und endet um 13:11."
    assert kiosk.find("roundsStart").text() == "Runde 2 starten"
    assert page.model.text(0, 1) == "13:03–13:11"
    board = SessionRounds(kiosk.desk).current_round(berlin(FIRST_DAY, 13, 5), "de")
    assert (board.number, board.started_at) == (1, berlin(FIRST_DAY, 13, 3))


def test_the_plan_is_printed_on_this_kiosks_printer_and_saved_on_a_usb_stick(make_kiosk, printed_dir, tmp_path):
    kiosk = make_kiosk()
    arrive(kiosk, door=True)
    page = open_rounds(kiosk)
    assert not kiosk.find("roundsPrint").isEnabled()  # nothing planned yet
    kiosk.tap("roundsPlan")
    kiosk.tap("roundsPrint")
    printed = sorted(printed_dir.glob("plan-rounds-2024-05-14-1300-*.pdf"))
    assert len(printed) == 1 and printed[0].read_bytes().startswith(b"%PDF")
    assert shown(kiosk, "roundsPaperStatus").startswith("An den Drucker geschickt")
    page.paper.folders = lambda: []
    kiosk.tap("roundsSave")
    assert shown(kiosk, "roundsPaperStatus") == ("Kein USB-Stick gefunden. Bitte einen einstecken und noch einmal "
                                                 "versuchen.")
    stick = tmp_path / "stick"
    stick.mkdir()
    page.paper.folders = lambda: [stick]
    kiosk.tap("roundsSave")
    kiosk.tap("roundsSave")  # a second copy keeps the first
    saved = sorted(p.name for p in stick.iterdir())
    assert saved == ["rounds-2024-05-14-1300-2.pdf", "rounds-2024-05-14-1300.pdf"]
    data = (stick / saved[1]).read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert shown(kiosk, "roundsPaperStatus").startswith(f"Gespeichert als {stick}")


def test_quiz_teams_of_the_chosen_size_are_formed_and_printed(make_kiosk, printed_dir):
    kiosk = make_kiosk()
    arrive(kiosk, count=18)
    open_rounds(kiosk)
    quiz = next(s for s in RoundsDesk(kiosk.desk).quiz_sessions())
    assert kiosk.find(f"quizSession-{quiz.id}").isChecked()
    kiosk.tap("quizTeamSizeMore")  # 5 -> 6
    kiosk.tap("quizForm")
    teams = RoundsDesk(kiosk.desk).plan_view(quiz.id)
    assert teams.kind == PlanKind.QUIZ and [len(t.seats) for t in teams.rounds[0].tables] == [6, 6, 6]
    assert shown(kiosk, "quizFigures").startswith("18 Personen in 3 Teams")
    kiosk.tap("quizPrint")
    printed = sorted(printed_dir.glob("plan-teams-2024-05-14-1900-*.pdf"))
    assert len(printed) == 1 and printed[0].read_bytes().startswith(b"%PDF")


def test_a_refused_plan_names_why(make_kiosk):
    kiosk = make_kiosk()
    open_rounds(kiosk)
    kiosk.tap("roundsPlan")  # nobody here yet
    assert shown(kiosk, "roundsFeedback") == "Für die Planung müssen mindestens zwei Gäste anwesend sein."
    assert stored.stored_plan(kiosk.store, speed_session(kiosk.store).id) is None


def test_the_page_fits_a_portrait_screen(make_kiosk):
    kiosk = make_kiosk(size=(1080, 1920))
    arrive(kiosk, door=True)
    open_rounds(kiosk)
    kiosk.tap("roundsPlan")
    staff = kiosk.kiosk.staff_login.staff
    assert staff.narrow and kiosk.window.width() == 1080
    cut = [w.objectName() or w.text() for w in staff.rounds.findChildren(QLabel)
           if w.isVisible() and w.width() < w.minimumSizeHint().width()]
    assert staff.layout().minimumSize().width() <= 1080 and not cut, cut
