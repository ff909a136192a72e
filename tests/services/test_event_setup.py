"""Event setup: days, own secret, settings with the event, staff PIN stored only as a scrypt hash."""

from __future__ import annotations

from datetime import date

import pytest
from services_support import EVENT_DAYS

from kiosk.services.setup import SetupError, check_staff_pin, create_event, parse_day_list, set_staff_pin
from kiosk.storage import Store


def test_created_event_is_stored_with_days_secret_and_settings(store):
    event = store.event()

    assert event.name == "Testtreffen"
    assert event.venue == "Fruchthalle"
    assert event.days == EVENT_DAYS
    assert len(event.secret) >= 32
    assert event.timezone == "Europe/Berlin"
    assert event.walk_ins_allowed is False
    assert event.contact_consent_default is True


def test_each_event_gets_its_own_secret(tmp_path):
    secrets = []
    for name in ("a", "b"):
        store = Store.open(tmp_path / f"{name}.sqlite3")
        try:
            secrets.append(create_event(store, "Treffen " + name, "Halle", EVENT_DAYS).secret)
        finally:
            store.close()
    assert secrets[0] != secrets[1]


def test_settings_live_with_the_event(store):
    store.update_event_settings(walk_ins_allowed=True, contact_consent_default=False)

    event = store.event()

    assert (event.walk_ins_allowed, event.contact_consent_default) == (True, False)
    with pytest.raises(ValueError):
        store.update_event_settings(colour="blue")


def test_a_database_holds_one_event(store):
    with pytest.raises(SetupError, match="already holds"):
        create_event(store, "Zweites Treffen", "Halle", EVENT_DAYS)


def test_day_lists_are_parsed_sorted_and_checked():
    assert parse_day_list("2023-10-26, 2023-10-24,2023-10-25,2023-10-24") == EVENT_DAYS
    for bad in ("", "24.10.2023", "2023-13-01"):
        with pytest.raises(SetupError):
            parse_day_list(bad)


def test_unknown_time_zone_is_refused(tmp_path):
    store = Store.open(tmp_path / "tz.sqlite3")
    try:
        with pytest.raises(SetupError, match="time zone"):
            create_event(store, "Treffen", "Halle", (date(2023, 10, 24),), timezone="Europe/Kaiserslautern")
        assert not store.has_event()
    finally:
        store.close()


def test_staff_pin_is_stored_only_as_a_salted_scrypt_hash(store, db_path):
    pin = "90817263"

    set_staff_pin(store, pin)

    stored = store.staff_pin_hash()
    scheme, n, r, p, salt, digest = stored.split("$")
    assert scheme == "scrypt"
    assert int(n) >= 2**14 and int(r) >= 8
    assert len(bytes.fromhex(salt)) >= 16 and len(bytes.fromhex(digest)) >= 32
    assert pin not in stored
    store.close()
    for file in db_path.parent.glob(db_path.name + "*"):  # the database and its WAL
        assert pin.encode() not in file.read_bytes()
    reopened = Store.open(db_path)
    try:
        assert check_staff_pin(reopened, pin)
        assert not check_staff_pin(reopened, "90817264")
    finally:
        reopened.close()


def test_invalid_pins_are_refused_and_nothing_is_stored(store):
    for pin in ("123", "12ab", "1234567890123"):
        with pytest.raises(SetupError):
            set_staff_pin(store, pin)
    assert store.staff_pin_hash() == ""
    assert not check_staff_pin(store, "1234")
