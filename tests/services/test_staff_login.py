"""Staff login: wrong PINs lock the pad for longer each time, and neither a restart nor a right
PIN during the lockout resets that; every wrong PIN and every lockout is audited."""

from __future__ import annotations

from kiosk.services.setup import set_staff_pin
from kiosk.services.staff_login import StaffLogin
from kiosk.storage import Store

PIN = "481516"


def actions(store: Store) -> list[str]:
    return [action for _, action, _, _ in reversed(store.audit_log())]


def test_three_wrong_pins_lock_for_a_minute_and_a_restart_does_not_unlock(store, db_path, clock):
    set_staff_pin(store, PIN)
    login = StaffLogin(store, clock)
    assert [login.attempt(p).seconds_locked for p in ("111111", "222222")] == [0, 0]
    third = login.attempt("333333")
    assert not third.accepted and third.seconds_locked == 60
    store.close()

    reopened = Store.open(db_path)  # the kiosk was restarted to get round the lockout
    try:
        again = StaffLogin(reopened, clock)
        assert again.seconds_locked() == 60
        refused = again.attempt(PIN)
        assert not refused.accepted and refused.seconds_locked == 60  # the right PIN is not even tried
        clock.advance(seconds=59)
        assert again.seconds_locked() == 1
        clock.advance(seconds=1)
        assert again.attempt(PIN).accepted
        assert again.seconds_locked() == 0
        assert actions(reopened).count("staff_pin_wrong") == 3
        assert actions(reopened).count("staff_pin_locked") == 1
        assert actions(reopened)[-1] == "staff_login"
    finally:
        reopened.close()


def test_each_further_round_of_wrong_pins_locks_longer(store, clock):
    set_staff_pin(store, PIN)
    login = StaffLogin(store, clock)
    locks = []
    for _ in range(3):
        for wrong in ("000000", "000001", "000002"):
            outcome = login.attempt(wrong)
        locks.append(outcome.seconds_locked)
        clock.advance(seconds=outcome.seconds_locked)
    assert locks == [60, 120, 180]
    assert login.attempt(PIN).accepted
    login.attempt("000000")
    assert login.seconds_locked() == 0  # a success starts the count again


def test_the_lockout_stays_on_this_kiosk(store, clock):
    """It is about the pad in front of a guest: not journaled, so no sync locks another kiosk."""
    set_staff_pin(store, PIN)
    before = store.journal.vector()
    login = StaffLogin(store, clock)
    for wrong in ("000000", "000001", "000002"):
        login.attempt(wrong)
    assert store.journal.vector() == before
