"""Contact exchange at the kiosk ("Kontakte knüpfen"): two badges, one after the other, and the
live leaderboard that follows from it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from ui_support import FIRST_DAY, first_visitors


@pytest.fixture
def people(kiosk):
    """Three checked-in guests who take part in networking (distinct first names), and one who declined."""
    chosen, names = [], set()
    for guest in first_visitors(kiosk.store, FIRST_DAY):
        if guest.consent_contacts and guest.first_name and guest.first_name not in names:
            chosen.append(guest)
            names.add(guest.first_name)
        if len(chosen) == 3:
            break
    declined = next(g for g in first_visitors(kiosk.store, FIRST_DAY) if not g.consent_contacts)
    for guest in (*chosen, declined):
        kiosk.desk.check_in_guest(guest)
    return (*chosen, declined)


def open_contact_mode(kiosk):
    kiosk.tap("contactButton")
    assert kiosk.current == "contact"
    assert kiosk.contact()["step"] == "SCHRITT 1 VON 2"
    assert kiosk.contact()["headline"] == "Erste Person: Namensschild scannen"


def badge(kiosk, guest) -> str:
    return kiosk.desk.badge_token(guest)


def contact_rows(kiosk):
    return kiosk.store.contacts()


def test_two_badges_make_a_new_contact_with_both_names_and_totals(kiosk, people):
    anna, jonas, _, _ = people
    open_contact_mode(kiosk)

    kiosk.scan(badge(kiosk, anna))
    assert kiosk.contact()["step"] == "SCHRITT 2 VON 2"
    assert kiosk.contact()["headline"] == "Jetzt die zweite Person"
    assert kiosk.contact()["detail"] == (f"Hallo {anna.first_name}! "
                                         "Jetzt scannt Ihr Gegenüber das eigene Namensschild.")
    assert kiosk.contact()["status"] == "noch 45 Sekunden"
    assert contact_rows(kiosk) == []

    kiosk.scan(badge(kiosk, jonas))

    shown = kiosk.contact()
    assert shown["headline"] == "Neuer Kontakt!"
    assert shown["detail"] == f"{anna.first_name} und {jonas.first_name}"
    first, second = shown["status"].split(" · ")
    assert first.startswith(f"{anna.first_name}: 1 Kontakt")
    assert second.startswith(f"{jonas.first_name}: 1 Kontakt")
    [row] = contact_rows(kiosk)
    assert {row.guest_low, row.guest_high} == {anna.id, jonas.id}
    assert row.day == FIRST_DAY
    assert kiosk.store.contact_between(anna.id, jonas.id) is not None
    assert kiosk.feedback.played[-1] == "contact"  # the bright triple blip


def test_totals_count_every_contact_of_each_person(kiosk, people):
    anna, jonas, clara, _ = people
    open_contact_mode(kiosk)
    kiosk.scan(badge(kiosk, anna))
    kiosk.scan(badge(kiosk, jonas))
    kiosk.scan(badge(kiosk, anna))
    kiosk.scan(badge(kiosk, clara))

    assert kiosk.contact()["headline"] == "Neuer Kontakt!"
    first, second = kiosk.contact()["status"].split(" · ")
    assert first == f"{anna.first_name}: 2 Kontakte"
    assert second.startswith(f"{clara.first_name}: 1 Kontakt")
    assert len(contact_rows(kiosk)) == 2


def test_one_contact_is_counted_in_the_singular(kiosk, people):
    """Bug: the total reads '1 Kontakte' (and '1 contacts' in English): the message ids
    '{name}: {count} contacts' / '{count} contacts' have no singular form."""
    anna, jonas, _, _ = people
    open_contact_mode(kiosk)
    kiosk.scan(badge(kiosk, anna))
    kiosk.scan(badge(kiosk, jonas))

    assert kiosk.contact()["status"] == f"{anna.first_name}: 1 Kontakt · {jonas.first_name}: 1 Kontakt"


def test_the_same_pair_again_already_know_each_other_and_still_one_row(kiosk, people):
    anna, jonas, _, _ = people
    open_contact_mode(kiosk)
    kiosk.scan(badge(kiosk, anna))
    kiosk.scan(badge(kiosk, jonas))
    assert len(contact_rows(kiosk)) == 1

    kiosk.wait_for_scan_window()  # the same badge right after itself would count as one read
    kiosk.scan(badge(kiosk, jonas))  # the other way round this time
    kiosk.scan(badge(kiosk, anna))

    shown = kiosk.contact()
    assert shown["headline"] == "Sie kennen sich schon"
    assert shown["detail"] == f"{jonas.first_name} und {anna.first_name}"
    assert shown["status"].startswith(f"{jonas.first_name}: 1 Kontakt")
    assert len(contact_rows(kiosk)) == 1


def test_badge_of_someone_who_declined_is_refused_first_or_second(kiosk, people):
    anna, _, _, declined = people
    open_contact_mode(kiosk)

    kiosk.scan(badge(kiosk, declined))
    assert kiosk.contact()["headline"] == "Das geht leider nicht"
    assert kiosk.contact()["detail"] == f"{declined.greeting_name} nimmt nicht am Kontakte-Knüpfen teil."
    assert kiosk.feedback.played[-1] == "problem"

    kiosk.scan(badge(kiosk, anna))  # starts a new exchange
    assert kiosk.contact()["headline"] == "Jetzt die zweite Person"
    kiosk.scan(badge(kiosk, declined))
    assert kiosk.contact()["headline"] == "Das geht leider nicht"
    assert kiosk.contact()["detail"] == f"{declined.greeting_name} nimmt nicht am Kontakte-Knüpfen teil."
    assert contact_rows(kiosk) == []


def test_badge_of_someone_not_checked_in_is_refused(kiosk, people):
    anna = people[0]
    absent = next(g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts)
    open_contact_mode(kiosk)
    kiosk.scan(badge(kiosk, anna))
    kiosk.scan(badge(kiosk, absent))

    assert kiosk.contact()["headline"] == "Das geht leider nicht"
    assert kiosk.contact()["detail"] == f"{absent.greeting_name} hat noch nicht eingecheckt."
    assert contact_rows(kiosk) == []


def test_ticket_code_is_not_a_badge_in_contact_mode(kiosk, people):
    anna, jonas, _, _ = people
    open_contact_mode(kiosk)

    kiosk.scan(anna.ticket_code)
    assert kiosk.current == "contact"
    assert kiosk.contact()["headline"] == "Das geht leider nicht"
    assert kiosk.contact()["detail"] == ("Bitte ein Namensschild scannen: Kontakte werden nur mit "
                                         "Namensschildern geknüpft.")

    kiosk.scan(badge(kiosk, anna))
    kiosk.scan(jonas.ticket_code)  # a typed or printed ticket code cannot farm contacts either
    assert kiosk.contact()["headline"] == "Das geht leider nicht"
    assert contact_rows(kiosk) == []
    assert len(kiosk.store.check_ins()) == 4  # and nobody was checked in on the way


def test_same_badge_twice_is_refused(kiosk, people):
    anna = people[0]
    open_contact_mode(kiosk)
    kiosk.scan(badge(kiosk, anna))
    kiosk.wait_for_scan_window()
    kiosk.scan(badge(kiosk, anna))

    assert kiosk.contact()["detail"] == ("Das war zweimal dasselbe Namensschild. "
                                         "Bitte das Namensschild einer zweiten Person scannen.")
    assert contact_rows(kiosk) == []


def test_forged_badge_in_contact_mode_is_refused(kiosk, people):
    anna = people[0]
    token = badge(kiosk, anna)
    open_contact_mode(kiosk)
    kiosk.scan(token[:-1] + ("A" if token[-1] != "A" else "B"))

    assert kiosk.contact()["detail"] == "Dieses Namensschild konnte nicht geprüft werden."
    assert contact_rows(kiosk) == []


def test_back_button_cancels_a_half_made_exchange(kiosk, people):
    anna, jonas, _, _ = people
    open_contact_mode(kiosk)
    kiosk.scan(badge(kiosk, anna))
    kiosk.tap("contactBack")
    assert kiosk.current == "welcome"

    open_contact_mode(kiosk)
    kiosk.scan(badge(kiosk, jonas))
    assert kiosk.contact()["headline"] == "Jetzt die zweite Person"  # Jonas is the first person now
    assert contact_rows(kiosk) == []


def test_new_contact_reaches_the_leaderboard_with_first_name_and_initial_only(kiosk, people):
    anna, jonas, clara, _ = people
    open_contact_mode(kiosk)
    for first, second in ((anna, jonas), (anna, clara)):
        kiosk.scan(badge(kiosk, first))
        kiosk.scan(badge(kiosk, second))
    kiosk.tap("contactBack")
    kiosk.tap("leaderboardButton")

    assert kiosk.current == "leaderboard"
    public = f"{anna.first_name} {anna.last_name[0]}."
    assert kiosk.text("championBanner") == (f"★ Netzwerkchampion: {public}, {anna.organization_name} – "
                                            "2 Kontakte")
    assert kiosk.text("championRow") == public
    texts = "\n".join(w.text() for w in kiosk.screen().findChildren(QLabel) if w.isVisible())
    assert anna.last_name not in texts.replace(public, "")
    assert "@" not in texts
