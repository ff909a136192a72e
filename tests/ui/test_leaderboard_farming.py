"""The touch leaderboard does not show a guest whose contacts are all with walk-ins awaiting review."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from ui_support import FIRST_DAY, berlin, first_visitors

from kiosk.services.desk import FrontDesk

PUPPETS = 20


def farm(clock):
    """Before the kiosk starts: twenty walk-in puppets scanned against one badge, and one real contact."""
    def prepare(store):
        desk = FrontDesk(store, clock=clock)
        farmer, anna, jonas = distinct_public_names(first_visitors(store, FIRST_DAY))
        for guest in (farmer, anna, jonas):
            desk.check_in_guest(guest)
        for n in range(PUPPETS):
            clock.set(berlin(FIRST_DAY, 9, 20 + n))
            puppet = desk.register_walk_in("Puppe", f"Nummer {n}", "", "")
            desk.check_in_guest(puppet)
            assert desk.exchange_contact(desk.badge_token(puppet), desk.badge_token(farmer)).status == "new"
        clock.set(berlin(FIRST_DAY, 9, 50))
        assert desk.exchange_contact(desk.badge_token(anna), desk.badge_token(jonas)).status == "new"
        prepared.update(farmer=farmer, anna=anna, jonas=jonas)

    prepared = {}
    return prepare, prepared


def public(guest) -> str:
    return f"{guest.first_name} {guest.last_name[0]}."


def distinct_public_names(guests) -> list:
    chosen = {}
    for guest in guests:
        if guest.consent_contacts and guest.first_name and guest.last_name:
            chosen.setdefault(public(guest), guest)
    return list(chosen.values())[:3]


def shown_texts(kiosk) -> str:
    return "\n".join(w.text() for w in kiosk.screen().findChildren(QLabel) if w.isVisible())


def test_the_touch_leaderboard_does_not_show_the_farmer(make_kiosk, clock):
    prepare, people = farm(clock)
    kiosk = make_kiosk(prepare=prepare)
    farmer, anna, jonas = people["farmer"], people["anna"], people["jonas"]

    kiosk.tap("leaderboardButton")

    assert kiosk.current == "leaderboard"
    texts = shown_texts(kiosk)
    assert public(farmer) not in texts and "Puppe" not in texts
    assert public(anna) in texts and public(jonas) in texts
    champion = kiosk.text("championBanner")
    assert champion.endswith("1 Kontakt")
    assert public(anna) in champion or public(jonas) in champion
    kiosk.tap("leaderboardBack")
    assert kiosk.current == "welcome"
    assert public(farmer) not in shown_texts(kiosk)  # nor on the welcome screen's short board
