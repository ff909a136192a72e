"""Speech output at the door, driven through the real widgets: switched on by the speaker button or F2
or by plugging in headphones, it reads every guest screen and says every outcome in the guest's
language. What the kiosk would say is captured by its recording voice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_support import FIRST_DAY, first_visitors

from kiosk.demo import DEMO_STAFF_PIN


class Listener:
    """What the kiosk says from now on, as a guest hears it."""

    def __init__(self, kiosk, qtbot) -> None:
        self.kiosk, self.qtbot = kiosk, qtbot
        self.audio = kiosk.kiosk.audio
        self.voice = self.audio.outputs.voice
        self._heard = 0

    def new(self) -> list[str]:
        """Texts said since the last call, once the narrator has read what it was going to."""
        self.qtbot.waitUntil(lambda: not self.audio.narrator.pending, timeout=3000)
        texts = self.voice.texts[self._heard:]
        self._heard = len(self.voice.texts)
        return texts

    def last(self) -> str:
        texts = self.new()
        assert texts, "nothing was said"
        return texts[-1]


@pytest.fixture
def listener(kiosk, qtbot) -> Listener:
    """Speech switched on with the header's speaker button."""
    listener = Listener(kiosk, qtbot)
    kiosk.tap(kiosk.find("speechButton", screen="header"))
    return listener


def consenting_guests(kiosk) -> list:
    return [g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts and g.first_name]


# -- switching it on and off ---------------------------------------------------------------------


def test_speech_is_off_until_asked_for_and_says_nothing(kiosk, qtbot):
    listener = Listener(kiosk, qtbot)
    kiosk.scan("NOT-A-CODE")
    kiosk.tap("messageDone")
    assert listener.new() == []
    assert not kiosk.kiosk.audio.speech.enabled


def test_the_speaker_button_is_in_the_header_on_every_guest_screen_big_and_named(kiosk):
    button = kiosk.find("speechButton", screen="header")
    assert button.accessibleName() == "Sprachausgabe"
    assert button.width() >= 72 and button.height() >= 72  # a thumb finds it: 12 mm and more
    header = kiosk.window.header
    assert button.mapTo(header, button.rect().topRight()).x() >= header.width() - 60  # the right corner
    for screen in ("welcome", "search", "contact", "leaderboard", "message", "consent"):
        kiosk.window.show_screen(screen)
        assert button.isVisible(), screen
    kiosk.tap(header.language_button)
    assert button.accessibleName() == "Speech output"


def test_the_button_switches_speech_on_and_the_screen_is_read_with_how_to_switch_it_off(listener, kiosk):
    said = listener.last()
    assert said.startswith("Die Sprachausgabe ist an. Ausschalten mit F2 oder mit der Lautsprecher-Taste "
                           "oben rechts. Herzlich willkommen! Scannen Sie Ihre Einladung")
    assert "Schaltflächen: Meinen Namen suchen, Kontakte knüpfen, Bestenliste" in said
    assert kiosk.find("speechButton", screen="header").isChecked()
    assert listener.voice.utterances[-1].lang == "de"


def test_f2_switches_speech_on_and_off(kiosk, qtbot):
    speech, voice = kiosk.kiosk.audio.speech, kiosk.kiosk.audio.outputs.voice
    kiosk.send_key(key=Qt.Key.Key_F2)
    assert speech.enabled and kiosk.find("speechButton", screen="header").isChecked()
    kiosk.send_key(key=Qt.Key.Key_F2)
    assert not speech.enabled and voice.stops == 1  # what was being said stops at once
    assert not kiosk.find("speechButton", screen="header").isChecked()


def test_headphones_plugged_in_switch_speech_on_and_unplugged_off(kiosk, qtbot):
    devices, speech = kiosk.kiosk.audio.outputs.devices, kiosk.kiosk.audio.speech
    devices.plug("Built-in Audio Analog Stereo")
    devices.plug("HDMI / DisplayPort 2 Output")
    assert not speech.enabled  # not headphones
    devices.plug("USB PnP Sound Device Headset")
    assert speech.enabled
    devices.unplug("USB PnP Sound Device Headset")  # where the platform reports it
    assert not speech.enabled
    devices.plug("Kopfhörer (Bluetooth)")
    assert speech.enabled
    kiosk.tap("searchButton")
    kiosk.let_idle_time_pass()  # the guest walked away: the next one starts without speech
    assert not speech.enabled


def test_a_guest_who_walks_away_leaves_speech_off_for_the_next_one(listener, kiosk):
    kiosk.tap("searchButton")
    kiosk.let_idle_time_pass()
    assert kiosk.current == "welcome"
    assert not kiosk.kiosk.audio.speech.enabled


# -- every screen and outcome ----------------------------------------------------------------------


def test_a_check_in_is_spoken_from_the_question_to_the_printed_badge(listener, kiosk):
    guest = consenting_guests(kiosk)[0]
    listener.new()

    kiosk.scan(guest.ticket_code)
    consent = listener.last()
    assert consent.startswith(f"Willkommen, {guest.greeting_name}! Beim Netzwerken mitmachen?")
    assert consent.endswith("Tippen Sie auf „Ja, ich mache mit“ oder „Nein, danke“.")

    kiosk.tap("consentYes")
    assert listener.new() == [f"Willkommen, {guest.greeting_name}. Ihr Namensschild: Stimmt Ihr Name? "
                              "Tippen Sie auf „Drucken“ oder „Name korrigieren“."]

    kiosk.print_previewed_badge()
    assert listener.new() == [f"Willkommen, {guest.full_name}. Ihr Namensschild wird gedruckt.",
                              "Bitte entnehmen Sie Ihr Namensschild am Drucker."]
    assert [u.queued for u in listener.voice.utterances[-2:]] == [False, True]  # the second waits its turn


def test_a_refusal_and_a_second_visit_are_spoken(listener, kiosk):
    guest = consenting_guests(kiosk)[0]
    kiosk.desk.check_in_guest(guest)
    listener.new()

    kiosk.scan("NOT-A-CODE")
    assert listener.new() == ["Das hat leider nicht geklappt. Dieser Code steht nicht auf der Gästeliste. "
                              "Bitte wenden Sie sich an das Team am Infostand."]
    kiosk.wait_for_scan_window()
    kiosk.scan(guest.ticket_code)
    said = listener.last()
    assert said == (f"Schön, dass Sie wieder da sind, {guest.greeting_name}! Sie haben heute bereits "
                    "um 09:10 Uhr eingecheckt. Sie brauchen ein neues Namensschild? Das Team am Infostand "
                    "druckt es Ihnen gern.")


def test_a_contact_exchange_is_spoken_step_by_step(listener, kiosk):
    anna, jonas = consenting_guests(kiosk)[:2]
    for guest in (anna, jonas):
        kiosk.desk.check_in_guest(guest)
    kiosk.tap("contactButton")
    assert listener.last().startswith("Kontakte knüpfen. Schritt 1 von 2. "
                                      "Erste Person: Namensschild scannen.")

    kiosk.scan(kiosk.desk.badge_token(anna))
    assert listener.new() == [f"Jetzt die zweite Person. Hallo {anna.first_name}! Jetzt scannt Ihr Gegenüber "
                              "das eigene Namensschild. Noch 45 Sekunden."]
    kiosk.scan(kiosk.desk.badge_token(jonas))
    assert listener.new() == [f"Neuer Kontakt! {anna.first_name} und {jonas.first_name}. "
                              f"{anna.first_name}: 1 Kontakt, {jonas.first_name}: 1 Kontakt."]
    assert kiosk.feedback.played[-1] == "contact"


def test_the_search_reads_how_many_names_were_found_and_the_first_of_them(listener, kiosk, qtbot):
    listener.new()
    kiosk.tap("searchButton")
    assert listener.new() == ["Meinen Namen suchen. Tippen Sie den Anfang Ihres Namens. Während Sie tippen, "
                              "erscheint hier Ihr Name."]
    kiosk.tap_keys("schm")
    said = listener.last()
    hits = [b.name_label.text() for b in kiosk.screen().result_buttons if b.isVisible()]
    assert said == (f"Schm. {len(hits)} Namen gefunden. Tippen Sie auf Ihren Namen oder ziehen Sie die "
                    f"Liste, um mehr zu sehen. {', '.join(hits[:5])}.")
    kiosk.press(kiosk.screen().result_buttons[0])
    kiosk.settle()
    assert listener.last() == (f"Sind Sie das? {hits[0]}. {kiosk.screen().confirm_org.text()}. "
                               "Tippen Sie auf „Ja, einchecken“ oder „Nein, zurück zur Liste“.")


def test_the_leaderboard_reads_the_champion(listener, kiosk):
    anna, jonas = consenting_guests(kiosk)[:2]
    for guest in (anna, jonas):
        kiosk.desk.check_in_guest(guest)
    kiosk.desk.exchange_with_totals(kiosk.desk.badge_token(anna), kiosk.desk.badge_token(jonas))
    kiosk.kiosk.boards.refresh()
    kiosk.tap("leaderboardButton")
    said = listener.last()
    assert said.startswith("Netzwerk-Bestenliste. Netzwerkchampion:")
    assert "1 Kontakt" in said and "★" not in said


def test_the_staff_pin_screen_and_a_wrong_pin_are_spoken(listener, kiosk):
    kiosk.window.staff_requested.emit()
    assert listener.last() == "Zugang für das Team. Bitte die Team-PIN eingeben."
    wrong = "1111" if DEMO_STAFF_PIN != "1111" else "2222"
    for digit in wrong:
        kiosk.tap(f"pin-{digit}", settle=False)
    kiosk.tap("pin-ok")
    assert listener.last() == "Falsche PIN. Bitte noch einmal versuchen."


def test_walk_in_registration_reads_its_fields_and_a_missing_name(listener, kiosk):
    kiosk.tap("walkInButton")
    assert listener.last() == ("Vor Ort registrieren. Bitte ausfüllen: Vorname, Nachname, Organisation, "
                               "E-Mail (optional). "
                               "Dann tippen Sie auf „Registrieren und Namensschild drucken“.")
    kiosk.tap("walkInSubmit")
    assert listener.last() == "Bitte geben Sie Ihren Namen ein."


def test_in_english_the_screen_is_read_again_in_english(listener, kiosk):
    listener.new()
    kiosk.tap(kiosk.window.header.language_button)
    said = listener.last()
    assert said.startswith("Welcome! Scan your invitation or tap to search.")
    assert listener.voice.utterances[-1].lang == "en"
    kiosk.scan("NOT-A-CODE")
    assert listener.new() == ["That did not work. This code is not on the guest list. "
                              "Please ask the team at the info desk."]


def test_the_idle_warning_is_read_before_the_kiosk_goes_home(listener, kiosk):
    kiosk.tap("searchButton")
    listener.new()
    kiosk.window.idle_timer.start(1)
    kiosk.qtbot.waitUntil(kiosk.window.idle_warning.isVisible, timeout=2000)
    said = listener.last()
    assert said.startswith("Brauchen Sie mehr Zeit? Sonst kehrt der Kiosk in ")


def test_a_keyboard_user_hears_the_name_of_each_control_they_move_to(listener, kiosk):
    from PySide6.QtWidgets import QApplication

    listener.new()
    heard = []
    for _ in range(3):
        kiosk.send_key(key=Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        heard.append((listener.new(), [f"{focused.accessibleName() or focused.text()}."]))
    kiosk.send_key(key=Qt.Key.Key_Tab)
    kiosk.send_key(key=Qt.Key.Key_Tab)  # quickly on: only where the focus lands is said
    focused = QApplication.focusWidget()
    heard.append((listener.new(), [f"{focused.accessibleName() or focused.text()}."]))
    assert all(said == expected for said, expected in heard), heard
