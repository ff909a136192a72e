"""The big screen (main.py --display) shows what is in the database and follows it: the leaderboards,
today's arrivals, now and next in the programme, the current round from its source; it re-reads when
another Store commits to the same file, and only then."""

from __future__ import annotations

from datetime import timedelta

from display_support import FakeRounds, a_round, make_display, other_kiosk, tick  # noqa: F401 - fixtures
from ui_support import FIRST_DAY, berlin

from kiosk.core.leaderboard import shared_ranks
from kiosk.services.desk import FrontDesk


def board_names(panel) -> list[str]:
    return [row.name.full_text for row in panel.rows if row.isVisibleTo(panel)]


def test_the_boards_show_the_leaderboard_rows_of_the_database(make_display, other_kiosk, clock):
    a, b, c, d = other_kiosk.arrive(4)
    for n, (x, y) in enumerate([(a, b), (a, c), (a, d), (b, c), (b, d)]):
        other_kiosk.meet(x, y, minute=n)

    display = make_display()

    expected = FrontDesk(display.store, clock=clock).leaderboard_rows(None, 10)
    overall = display.screen.overall
    assert board_names(overall) == [row.display_name for row in expected]
    assert [row.count.full_text for row in overall.rows[:4]] == [str(row.contacts) for row in expected]
    assert overall.rows[0].objectName() == "championRow" and overall.rows[0].rank.full_text == "★"
    places = shared_ranks([row.contacts for row in expected])
    assert [row.rank.full_text for row in overall.rows[1:4]] == [f"{p}." for p in places[1:]]
    assert board_names(display.screen.today) == board_names(overall)  # all of it happened today
    assert display.screen.today.rows[0].objectName() != "championRow"  # one champion: the overall one


def test_the_boards_equal_the_kiosk_leaderboard_on_a_simulated_day(make_display, other_kiosk, clock):
    """The display counts in SQL (analytics.top_networkers); the kiosk ranks in Python: same rows."""
    from kiosk.demo.simulate import simulate_day

    simulate_day(other_kiosk.store, FIRST_DAY)
    display = make_display()

    desk = FrontDesk(display.store, clock=clock)
    for panel, day in ((display.screen.overall, None), (display.screen.today, FIRST_DAY)):
        expected = desk.leaderboard_rows(day, 10)
        assert len(expected) == 10
        assert board_names(panel) == [row.display_name for row in expected]
        assert [row.count.full_text for row in panel.rows] == [str(row.contacts) for row in expected]
        assert [row.organization for row in expected] == [row.org.full_text for row in panel.rows]


def test_a_contact_another_store_records_appears_without_a_restart(make_display, other_kiosk):
    display = make_display()
    assert display.screen.overall.empty.isVisibleTo(display.screen)
    assert display.reader.poll() is None  # nothing changed: nothing is read again

    anna, jonas = other_kiosk.arrive(2)
    other_kiosk.meet(anna, jonas)
    tick(display)

    assert sorted(board_names(display.screen.overall)) == sorted(
        f"{g.first_name} {g.last_name[0]}." for g in (anna, jonas))
    assert not display.screen.overall.empty.isVisibleTo(display.screen)


def test_contacts_with_walk_ins_awaiting_review_do_not_count(make_display, other_kiosk, clock):
    farmer, anna, jonas = other_kiosk.arrive(3)
    desk = other_kiosk.desk
    for n in range(5):
        clock.set(berlin(FIRST_DAY, 9, 30 + n))
        puppet = desk.register_walk_in("Puppe", f"Nummer {n}", "", "")
        desk.check_in_guest(puppet)
        desk.exchange_contact(desk.badge_token(puppet), desk.badge_token(farmer))
    other_kiosk.meet(anna, jonas)

    display = make_display()

    shown = board_names(display.screen.overall) + board_names(display.screen.today)
    assert f"{farmer.first_name} {farmer.last_name[0]}." not in shown
    assert not any(name.startswith("Puppe") for name in shown)
    assert f"{anna.first_name} {anna.last_name[0]}." in shown


def test_arrivals_today_are_counted_and_drawn(make_display, other_kiosk, clock):
    other_kiosk.arrive(3, hour=9, minute=0)
    other_kiosk.arrive(2, hour=9, minute=40)
    clock.set(berlin(FIRST_DAY, 10, 5))

    display = make_display()

    arrivals = display.screen.arrivals
    assert arrivals.number.full_text == "5"
    assert arrivals.caption.full_text == "Gäste sind angekommen"
    totals = [total for _, total in arrivals.curve.points]
    assert totals[0] == 3 and totals[-1] == 5 and totals == sorted(totals)
    assert arrivals.curve.points[-1][0] == 10 * 60 + 5  # the curve runs on to now

    other_kiosk.arrive(1, hour=10, minute=6)
    clock.set(berlin(FIRST_DAY, 10, 7))
    tick(display)
    assert arrivals.number.full_text == "6"


def test_now_and_next_come_from_the_programme_and_follow_the_clock(make_display, clock):
    clock.set(berlin(FIRST_DAY, 9, 10))
    display = make_display()
    sessions = display.desk.programme(FIRST_DAY)
    programme = display.screen.programme
    current = next(s for s in sessions if s.start.hour == 9)
    assert programme.now.full_text == current.title("de")
    assert programme.now_time.full_text == current.time_text
    upcoming = [s for s in sessions if s.start > current.start][:3]
    assert [title.full_text for _, title in programme.next_rows] == [s.title("de") for s in upcoming]
    assert display.screen.clock.full_text == "09:10"

    clock.set(berlin(FIRST_DAY, upcoming[0].start.hour, upcoming[0].start.minute))
    tick(display)  # no data changed: the clock alone moves now and next on
    assert programme.now.full_text == upcoming[0].title("de")


def test_without_programme_today_it_says_so(make_display):
    class NoProgramme:
        def __init__(self, desk) -> None:
            pass

        def slots(self, day, lang):
            return []

    display = make_display(programme=NoProgramme)
    assert display.screen.programme.now.full_text == "Gerade kein Programmpunkt"
    assert display.screen.programme.next_rows[0][1].full_text == "Das Programm für heute ist vorbei"


def test_the_round_panel_counts_down_from_its_source(make_display, clock):
    rounds = FakeRounds(a_round(started_at=clock() - timedelta(minutes=2, seconds=30)))
    display = make_display(rounds=rounds)

    panel = display.screen.round
    assert display.screen.mode == "round" and panel.isVisibleTo(display.screen)
    assert not display.screen.programme.isVisibleTo(display.screen)
    assert panel.number.full_text == "Runde 2 von 4"
    assert panel.countdown.full_text == "04:30" and panel.state.full_text == "verbleibend"
    assert display.screen.overall.limit == 4
    asked = len(rounds.asked)

    clock.advance(seconds=31)
    tick(display)  # the countdown moves with the clock; the source is not asked each second
    assert panel.countdown.full_text == "03:59"
    assert len(rounds.asked) == asked

    seats = [(cell.text, next_cell.text) for cell, next_cell in zip(panel.seat_list.cells()[::2],
                                                                     panel.seat_list.cells()[1::2])]
    expected = sorted((name, table.label) for table in rounds.status.tables for name in table.names)
    assert seats == expected  # everyone, alphabetically, with their table


def test_a_round_not_yet_started_and_one_that_is_over(make_display, clock, monotonic):
    rounds = FakeRounds(a_round(started_at=None, minutes=7))
    display = make_display(rounds=rounds)
    panel = display.screen.round
    assert panel.countdown.full_text == "07:00" and panel.state.full_text == "Gleich geht es los"

    rounds.status = a_round(started_at=clock() - timedelta(minutes=8), minutes=7)
    monotonic.advance(30)  # the display reads its sources again at least every 30 seconds
    tick(display)
    assert panel.countdown.full_text == "00:00"
    assert panel.state.full_text == "Die Zeit ist um: bitte Tisch wechseln"
    assert panel.progress.done == 1.0 and panel.progress.last_minute

    rounds.status = None
    monotonic.advance(30)
    tick(display)
    assert display.screen.mode == "boards" and not panel.isVisibleTo(display.screen)
    assert display.screen.programme.isVisibleTo(display.screen) and display.screen.overall.limit == 10


def test_a_big_round_takes_the_whole_width(make_display, clock):
    display = make_display(rounds=FakeRounds(a_round(started_at=clock(), people=90)))
    assert display.screen.mode == "wide round"
    assert not display.screen.overall.isVisibleTo(display.screen)
    assert display.screen.round.width() > 0.9 * display.screen.width()


def test_english_when_the_kiosk_speaks_english(make_display, clock):
    display = make_display("--lang", "en", rounds=FakeRounds(a_round(started_at=clock())))
    assert display.screen.overall.title.full_text == "LEADERBOARD · ALL DAYS"
    assert display.screen.round.number.full_text == "Round 2 of 4"
    assert display.screen.event_day.full_text.startswith("Tuesday, 14 May 2024 · Day 1 of 3")


def test_a_failed_read_keeps_the_board_and_tries_again(make_display, other_kiosk, monkeypatch):
    anna, jonas = other_kiosk.arrive(2)
    other_kiosk.meet(anna, jonas)
    display = make_display()
    shown = board_names(display.screen.overall)

    def broken():
        raise OSError("disk I/O error")

    monkeypatch.setattr(display.reader, "read", broken)
    other_kiosk.meet(*other_kiosk.arrive(2))
    tick(display)
    assert display.failures == 1 and board_names(display.screen.overall) == shown

    monkeypatch.undo()
    tick(display)
    assert len(board_names(display.screen.overall)) == 4


def test_after_a_slow_read_the_display_rests_before_reading_again(make_display, other_kiosk, monotonic):
    display = make_display()
    reader, read = display.reader, display.reader.read

    def slow_read():
        monotonic.advance(2.0)  # a read that takes two seconds (a huge event on a slow PC)
        return read()

    display.reader.read = slow_read
    other_kiosk.meet(*other_kiosk.arrive(2))
    assert reader.poll() is not None
    other_kiosk.meet(*other_kiosk.arrive(2))
    monotonic.advance(7.9)
    assert reader.poll() is None  # four times two seconds have not passed
    monotonic.advance(0.1)
    data = reader.poll()
    assert data is not None and len(data.overall) == 4  # then the change made meanwhile is read
