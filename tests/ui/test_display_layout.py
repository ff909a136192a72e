"""The big screen at 1920 x 1080 and 3840 x 2160: every text fits its box, inside its panel, and
everything is twice as big on the 4K screen (sizes follow the screen, not fixed pixels)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from display_support import (FakeRounds, a_round, clipped_seats, clipped_texts, make_display,  # noqa: F401
                             other_kiosk)
from ui_support import FIRST_DAY, berlin

SIZES = [(1920, 1080), (3840, 2160)]


def busy_day(other_kiosk, clock):
    """Ten networkers with long names and organizations, and a tie at the top."""
    guests = other_kiosk.arrive(12)
    for n, guest in enumerate(guests[1:11]):
        other_kiosk.meet(guests[0], guest, minute=n)
        other_kiosk.meet(guests[11], guest, minute=20 + n)
    clock.set(berlin(FIRST_DAY, 13, 20))


@pytest.mark.parametrize("size", SIZES)
def test_the_boards_fit_at_this_size(make_display, other_kiosk, clock, size):
    busy_day(other_kiosk, clock)
    display = make_display(size=size)
    screen = display.screen

    assert screen.size().toTuple() == size  # the layout never grows the window past the monitor
    assert len([r for r in screen.overall.rows if r.isVisibleTo(screen)]) == 10
    assert screen.overall.note.isVisibleTo(screen)  # the tie at the top is explained
    assert clipped_texts(screen) == []


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("people", [12, 40, 120, 250])
def test_the_round_fits_at_this_size(make_display, other_kiosk, clock, size, people):
    busy_day(other_kiosk, clock)
    rounds = FakeRounds(a_round(started_at=clock() - timedelta(seconds=20), people=people))
    display = make_display(size=size, rounds=rounds)
    seat_list = display.screen.round.seat_list

    assert display.screen.size().toTuple() == size
    assert clipped_texts(display.screen) == []
    assert clipped_seats(seat_list) == []
    names = [cell.text for cell in seat_list.cells() if not cell.pill]
    assert len(names) == people  # everyone is listed at once: nothing rotates


def test_everything_is_twice_as_big_on_a_4k_screen(make_display, other_kiosk, clock):
    busy_day(other_kiosk, clock)
    rounds = FakeRounds(a_round(started_at=clock(), people=24))
    sizes = {}
    for size in SIZES:
        display = make_display(size=size, rounds=rounds)
        screen = display.screen
        sizes[size] = (screen.clock.font().pixelSize(), screen.overall.rows[0].name.font().pixelSize(),
                       screen.round.countdown.font().pixelSize(),
                       screen.round.seat_list.cells()[0].font.pixelSize(), screen.overall.height())
    small, large = sizes[SIZES[0]], sizes[SIZES[1]]
    assert [round(b / a, 1) for a, b in zip(small, large)] == [2.0] * len(small)
