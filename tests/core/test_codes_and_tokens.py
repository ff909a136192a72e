"""Ticket codes and signed badge tokens: unguessable, scanner-proof characters, offline verification."""

from __future__ import annotations

import math
import uuid
from collections import Counter

import pytest

from kiosk.core import codes
from kiosk.core.codes import (ALPHABET, TICKET_ALPHABET, TICKET_LENGTH, looks_like_token, new_event_secret, new_ticket_code,
                              scan_variants, sign_badge_token, ticket_key, verify_badge_token)
from kiosk.core.refusals import KioskError, Refusal

EVENT_ID = "3b8e4c2a-1f0d-4e6b-9a7c-5d2e8f1a0b3c"
OTHER_EVENT_ID = "9d7c6b5a-4e3f-4a1b-8c2d-0e1f2a3b4c5d"
SECRET = bytes(range(32))
GUEST_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
SCANNER_SAFE = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWX")
TYPIST_SAFE = SCANNER_SAFE - set("IO")  # no I or O beside 1 and 0 on a printed invitation


def refusal_of(raw: str, secret: bytes = SECRET, event_id: str = EVENT_ID) -> str:
    with pytest.raises(KioskError) as raised:
        verify_badge_token(secret, event_id, raw)
    return raised.value.code


def test_alphabet_is_digits_and_upper_case_letters_without_y_and_z():
    assert set(ALPHABET) == SCANNER_SAFE
    assert len(ALPHABET) == len(set(ALPHABET)) == 34


def test_ticket_codes_carry_at_least_96_random_bits():
    assert TICKET_LENGTH * math.log2(len(TICKET_ALPHABET)) >= 96
    samples = [new_ticket_code() for _ in range(2000)]
    assert all(len(c) == TICKET_LENGTH for c in samples)
    assert len(set(samples)) == len(samples)


def test_ticket_codes_use_only_scanner_and_typist_safe_characters_evenly():
    assert set(TICKET_ALPHABET) == TYPIST_SAFE and len(TICKET_ALPHABET) == 32
    samples = [new_ticket_code() for _ in range(2000)]
    assert set("".join(samples)) == TYPIST_SAFE
    # every position varies over (nearly) the whole alphabet, and no character dominates
    for position in (0, TICKET_LENGTH // 2, TICKET_LENGTH - 1):
        assert len({s[position] for s in samples}) >= 28
    counts = Counter("".join(samples))
    expected = 2000 * TICKET_LENGTH / len(TICKET_ALPHABET)
    assert all(0.8 * expected < n < 1.2 * expected for n in counts.values())


def test_event_secrets_are_long_and_random():
    assert len(new_event_secret()) >= 32
    assert new_event_secret() != new_event_secret()


def test_token_roundtrip():
    token = sign_badge_token(SECRET, EVENT_ID, GUEST_ID)

    assert verify_badge_token(SECRET, EVENT_ID, token).guest_id == GUEST_ID
    assert looks_like_token(token)


def test_tokens_use_only_scanner_safe_characters():
    for _ in range(200):
        token = sign_badge_token(SECRET, EVENT_ID, str(uuid.uuid4()))
        assert set(token) <= SCANNER_SAFE
        assert len(token) == codes.TOKEN_LENGTH
    edge = sign_badge_token(SECRET, EVENT_ID, "ffffffff-ffff-ffff-ffff-ffffffffffff")
    assert verify_badge_token(SECRET, EVENT_ID, edge).guest_id == "ffffffff-ffff-ffff-ffff-ffffffffffff"


def test_tokens_differ_per_guest_and_per_event():
    a = sign_badge_token(SECRET, EVENT_ID, GUEST_ID)
    assert a != sign_badge_token(SECRET, EVENT_ID, str(uuid.uuid4()))
    assert a != sign_badge_token(SECRET, OTHER_EVENT_ID, GUEST_ID)
    assert a != sign_badge_token(bytes(32), EVENT_ID, GUEST_ID)


def test_tokens_survive_lower_case_and_surrounding_whitespace():
    token = sign_badge_token(SECRET, EVENT_ID, GUEST_ID)
    assert verify_badge_token(SECRET, EVENT_ID, f"  {token.lower()}\r\n").guest_id == GUEST_ID


@pytest.mark.parametrize("position", [2, 8, 20, 40, -1])
def test_a_changed_character_anywhere_after_the_tag_is_a_forgery(position):
    token = sign_badge_token(SECRET, EVENT_ID, GUEST_ID)
    index = position % len(token)
    replacement = ALPHABET[(ALPHABET.index(token[index]) + 1) % len(ALPHABET)]
    forged = token[:index] + replacement + token[index + 1:]

    code = refusal_of(forged)

    assert code in (Refusal.FORGED_TOKEN, Refusal.FOREIGN_EVENT)
    if index >= 7:  # beyond prefix and event tag: guest part and signature
        assert code == Refusal.FORGED_TOKEN


def test_a_token_signed_with_another_secret_is_a_forgery():
    token = sign_badge_token(b"\xff" * 32, EVENT_ID, GUEST_ID)
    assert refusal_of(token) == Refusal.FORGED_TOKEN


def test_a_token_for_another_guest_with_a_copied_signature_is_a_forgery():
    genuine = sign_badge_token(SECRET, EVENT_ID, GUEST_ID)
    other = sign_badge_token(SECRET, EVENT_ID, "11111111-2222-4333-8444-555555555555")
    spliced = other[:-16] + genuine[-16:]
    assert refusal_of(spliced) == Refusal.FORGED_TOKEN


def test_truncated_tokens_are_rejected_as_truncated():
    token = sign_badge_token(SECRET, EVENT_ID, GUEST_ID)
    for cut in (1, 5, 16, 30):
        assert refusal_of(token[:-cut]) == Refusal.TRUNCATED_TOKEN


def test_an_overlong_or_foreign_character_token_is_rejected():
    token = sign_badge_token(SECRET, EVENT_ID, GUEST_ID)
    assert refusal_of(token + "0") == Refusal.FORGED_TOKEN
    assert refusal_of(token[:-1] + "Y") == Refusal.FORGED_TOKEN
    assert refusal_of(token[:-1] + "!") == Refusal.FORGED_TOKEN


def test_a_token_of_another_event_is_rejected_as_foreign():
    token = sign_badge_token(SECRET, OTHER_EVENT_ID, GUEST_ID)
    assert refusal_of(token) == Refusal.FOREIGN_EVENT
    assert refusal_of(sign_badge_token(b"\x01" * 32, OTHER_EVENT_ID, GUEST_ID)) == Refusal.FOREIGN_EVENT


def test_a_ticket_code_is_not_a_badge_token():
    assert refusal_of("TK-AAA-001") == Refusal.NOT_A_BADGE
    assert not looks_like_token(new_ticket_code())


def test_refusals_carry_machine_codes_and_a_message():
    with pytest.raises(KioskError) as raised:
        verify_badge_token(SECRET, EVENT_ID, "B1" + "0" * 10)
    assert raised.value.code == "truncated_token"
    assert str(raised.value)


def test_ticket_keys_undo_the_german_layout_hyphen_and_ignore_case():
    assert ticket_key("  tk-ßaa-001 ") == "TK--AA-001"
    assert ticket_key("TKßAAAß001") == "TK-AAA-001"


@pytest.mark.parametrize("imported, scanned", [
    ("ZY-2023-Y7Z", "YZß2023ßZ7Y"),   # US scanner on a German layout: Y<->Z and '-' -> 'ß'
    ("ZY-2023-Y7Z", "YZ-2023-Z7Y"),   # only Y and Z swapped
    ("ZY-2023-Y7Z", "ZYß2023ßY7Z"),   # only the hyphen turned into ß
    ("ZY-2023-Y7Z", "zy-2023-y7z"),   # caps lock the other way
    ("ABC-123", "ABCß123"),
])
def test_scan_variants_include_the_imported_code(imported, scanned):
    assert ticket_key(imported) in scan_variants(scanned)


def test_scan_variants_of_a_generated_code_is_just_the_code():
    code = new_ticket_code()
    assert scan_variants(code) == [code]


def test_ids_are_random_version_4_uuids_in_canonical_text():
    """Every synced row and change carries one: they must be real RFC 4122 UUIDs, unique."""
    import uuid as uuid_module

    from kiosk.core.model import new_id

    ids = [new_id() for _ in range(5000)]
    parsed = [uuid_module.UUID(text) for text in ids]
    assert all(u.version == 4 and u.variant == uuid_module.RFC_4122 for u in parsed)
    assert [str(u) for u in parsed] == ids
    assert len(set(ids)) == len(ids)
    # all four variant digits occur (the variant keeps two of the digit's four bits random)
    assert {text[19] for text in ids} == set("89ab")
