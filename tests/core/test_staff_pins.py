"""Staff PINs are hashed with salted scrypt; one hash per test, scrypt is slow on purpose."""

from __future__ import annotations

import pytest

from kiosk.core.pins import hash_pin, verify_pin

PIN = "73915048"


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin(PIN)


def test_the_hash_is_scrypt_with_a_salt_and_never_the_pin(stored):
    scheme, n, r, p, salt, digest = stored.split("$")
    assert scheme == "scrypt"
    assert int(n) >= 2**14 and int(r) >= 8 and int(p) >= 1
    assert len(bytes.fromhex(salt)) >= 16
    assert PIN not in stored


def test_the_right_pin_verifies_and_others_do_not(stored):
    assert verify_pin(PIN, stored)
    assert not verify_pin("73915049", stored)
    assert not verify_pin(PIN, "")
    assert not verify_pin(PIN, "md5$" + stored.split("$", 1)[1])


def test_the_same_pin_hashes_differently_each_time(stored):
    assert hash_pin(PIN) != stored


# Full-width and Arabic-Indic digits pass str.isdigit(), but the PIN pad cannot type them.
@pytest.mark.parametrize("pin", ["", "123", "12a4", "1234567890123", "1234 ", "１２３４", "٤٥٦٧"])
def test_pins_must_be_4_to_12_ascii_digits(pin):
    with pytest.raises(ValueError):
        hash_pin(pin)
