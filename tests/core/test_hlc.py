"""The hybrid logical clock: stamps that never run backwards, sort as text, and follow what was seen."""

from __future__ import annotations

from datetime import date, datetime, timezone

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kiosk.core.hlc import HybridClock, Stamp
from kiosk.core.model import CheckIn, new_id
from kiosk.storage import Store

DEVICE = "00000000-0000-4000-8000-00000000000a"
OTHER = "00000000-0000-4000-8000-00000000000b"

millis = st.integers(0, 10**16 - 1)
counters = st.integers(0, 99_999)
devices = st.sampled_from([DEVICE, OTHER, "kiosk.with.dots", "a", "z" * 36])
stamps = st.builds(Stamp, millis, counters, devices)


class WallClock:
    """A wall clock a test sets; it may jump backwards like a real one corrected by NTP."""

    def __init__(self, now: int = 1_698_134_400_000) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


# -- stamps as text ---------------------------------------------------------------------------------
def test_a_stamp_encodes_as_fixed_width_text():
    assert Stamp(1_698_134_400_000, 7, DEVICE).encode() == f"0001698134400000.00007.{DEVICE}"


@given(stamps)
def test_encoding_round_trips(stamp):
    assert Stamp.decode(stamp.encode()) == stamp


@given(stamps, stamps)
def test_text_order_is_clock_order(a, b):
    """'Later wins' is a string comparison, so text order must be (millis, counter, device) order."""
    assert (a.encode() < b.encode()) == (a < b)
    assert (a.encode() == b.encode()) == (a == b)


def test_equal_times_are_ordered_by_device():
    assert Stamp(5, 0, DEVICE).encode() < Stamp(5, 0, OTHER).encode()


# -- now() ----------------------------------------------------------------------------------------------
def test_stamps_follow_the_wall_clock():
    wall = WallClock(1000)
    clock = HybridClock(DEVICE, wall=wall)
    assert clock.now() == Stamp(1000, 0, DEVICE)
    wall.now = 1500
    assert clock.now() == Stamp(1500, 0, DEVICE)


def test_stamps_in_the_same_millisecond_count_up():
    clock = HybridClock(DEVICE, wall=WallClock(1000))
    assert [clock.now() for _ in range(3)] == [Stamp(1000, n, DEVICE) for n in range(3)]


def test_a_wall_clock_that_jumps_backwards_does_not_move_stamps_back():
    wall = WallClock(10_000)
    clock = HybridClock(DEVICE, wall=wall)
    first = clock.now()
    wall.now = 4_000  # NTP corrected the clock by six seconds
    second, third = clock.now(), clock.now()
    assert first < second < third
    assert second == Stamp(10_000, 1, DEVICE)
    wall.now = 10_001  # the wall clock caught up again
    assert clock.now() == Stamp(10_001, 0, DEVICE)


def test_a_clock_restarted_from_its_last_stamp_continues_after_it():
    last = Stamp(50_000, 3, DEVICE)
    clock = HybridClock(DEVICE, last, wall=WallClock(1_000))
    assert clock.now() == Stamp(50_000, 4, DEVICE)


steps = st.lists(st.one_of(st.tuples(st.just("wall"), st.integers(0, 3_000)),
                           st.tuples(st.just("now"), st.none()),
                           st.tuples(st.just("observe"), st.builds(Stamp, st.integers(0, 3_000),
                                                                   st.integers(0, 999), st.just(OTHER)))),
                 max_size=80)


@given(start=st.integers(0, 3_000), steps=steps)
def test_now_is_strictly_increasing_whatever_the_wall_clock_and_the_peers_do(start, steps):
    wall = WallClock(start)
    clock = HybridClock(DEVICE, wall=wall)
    issued: list[Stamp] = []
    seen: Stamp | None = None
    for action, value in steps:
        if action == "wall":
            wall.now = value
        elif action == "observe":
            clock.observe(value)
            seen = value if seen is None or value > seen else seen
        else:
            stamp = clock.now()
            assert stamp.device == DEVICE
            assert stamp.millis >= wall.now  # never behind the wall clock
            if issued:
                assert stamp > issued[-1]
                assert stamp.encode() > issued[-1].encode()
            if seen is not None:  # after everything observed so far
                assert (stamp.millis, stamp.counter) > (seen.millis, seen.counter)
                assert stamp.encode()[:22] > seen.encode()[:22]
            issued.append(stamp)


# -- observe() ----------------------------------------------------------------------------------------
def test_observing_a_later_stamp_puts_the_next_stamp_after_it():
    clock = HybridClock(DEVICE, wall=WallClock(1_000))
    clock.observe(Stamp(9_000, 5, OTHER))
    assert clock.now() == Stamp(9_000, 6, DEVICE)


def test_observing_an_older_stamp_changes_nothing():
    clock = HybridClock(DEVICE, wall=WallClock(1_000))
    mine = clock.now()
    clock.observe(Stamp(500, 42, OTHER))
    assert clock.last == mine
    assert clock.now() == Stamp(1_000, 1, DEVICE)


def test_observing_the_same_time_from_a_peer_still_moves_on():
    clock = HybridClock(DEVICE, wall=WallClock(1_000))
    clock.observe(Stamp(1_000, 0, "zzzz"))  # same time, a device that sorts after ours
    stamp = clock.now()
    assert stamp.encode() > Stamp(1_000, 0, "zzzz").encode()


@given(st.lists(stamps, max_size=20))
def test_observe_never_moves_the_clock_back(remotes):
    clock = HybridClock(DEVICE, wall=WallClock(0))
    previous = (clock.last.millis, clock.last.counter)
    for remote in remotes:
        clock.observe(remote)
        current = (clock.last.millis, clock.last.counter)
        assert current >= previous
        assert current >= (remote.millis, remote.counter)
        previous = current


# -- the counter's width ------------------------------------------------------------------------------
def test_stamps_keep_sorting_as_text_when_one_millisecond_holds_more_than_99999_of_them():
    """A kiosk whose wall clock is behind (NTP jumped it back, or it observed a peer whose clock runs
    ahead) stamps everything with the same millisecond and counts up. A bulk import of 100,000 guests
    in that time must still get stamps whose text sorts in order: merges compare the text."""
    clock = HybridClock(DEVICE, Stamp(2_000_000, 0, DEVICE), wall=WallClock(1_000_000))
    previous = clock.now().encode()
    for _ in range(100_001):
        stamp = clock.now().encode()
        assert stamp > previous, f"{stamp} sorts before {previous}"
        previous = stamp



@settings(deadline=None, max_examples=60)
@given(start_counter=st.integers(0, 99_999), count=st.integers(0, 30_000), later=st.booleans())
@example(start_counter=99_990, count=25_000, later=False)  # runs over into the next millisecond
def test_stamps_made_many_at_once_are_what_now_would_give_one_by_one(start_counter, count, later):
    """A batch of an import takes its stamps in one go; they must be the same stamps, in the same
    order, that as many calls of now() give at the same wall-clock reading."""
    wall = WallClock(2_000_000)
    last = Stamp(2_000_000 - (1 if later else 0), start_counter, DEVICE)
    one_by_one = HybridClock(DEVICE, last, wall=wall)
    at_once = HybridClock(DEVICE, last, wall=wall)

    expected = [one_by_one.now().encode() for _ in range(count)]
    assert at_once.now_many(count) == expected
    assert at_once.last == one_by_one.last
    assert at_once.now() == one_by_one.now()

# -- the journal's clock ------------------------------------------------------------------------------
def test_a_reopened_kiosk_stamps_after_its_journal_even_if_its_wall_clock_went_back(tmp_path):
    path = tmp_path / "kiosk.sqlite3"
    store = Store.open(path, device_id=DEVICE)
    guest = new_id()
    store.add_check_in(CheckIn(guest, date(2023, 10, 24), datetime(2023, 10, 24, 7, tzinfo=timezone.utc)))
    before = store.journal.changes_since({})[-1].stamp
    store.close()

    store = Store.open(path, device_id=DEVICE)
    store.journal.clock.wall = lambda: 0  # the machine's clock was reset to 1970
    store.add_check_in(CheckIn(guest, date(2023, 10, 25), datetime(2023, 10, 25, 7, tzinfo=timezone.utc)))
    after = store.journal.changes_since({})[-1]
    store.close()
    assert after.seq == 2
    assert after.stamp > before


def test_ingesting_a_peers_changes_moves_the_journal_clock_past_them(tmp_path):
    ahead = Store.open(tmp_path / "ahead.sqlite3", device_id=OTHER)
    ahead.journal.clock.wall = lambda: 4_000_000_000_000  # a kiosk whose clock runs years ahead
    ahead.add_check_in(CheckIn(new_id(), date(2023, 10, 24), datetime(2023, 10, 24, 7, tzinfo=timezone.utc)))
    here = Store.open(tmp_path / "here.sqlite3", device_id=DEVICE)
    here.journal.ingest(ahead.journal.changes_since({}))
    here.add_check_in(CheckIn(new_id(), date(2023, 10, 24), datetime(2023, 10, 24, 8, tzinfo=timezone.utc)))
    theirs, mine = sorted(here.journal.changes_since({}), key=lambda c: c.origin == DEVICE)
    ahead.close()
    here.close()
    assert mine.stamp > theirs.stamp
