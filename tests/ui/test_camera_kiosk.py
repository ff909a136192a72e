"""The camera in the running kiosk: chosen by staff (or not), its preview on the welcome and contact
screens, and what it reads going the way of every scan: one repeat filter, then the flow on screen.

There is no camera here: a stand-in feed lets the kiosk believe one is connected, and the test puts
synthetic frames (tests/camera_frames.py) into the scanner's QVideoSink, as QtMultimedia would."""

from __future__ import annotations

import random

import pytest
from camera_frames import badge_card, invitation_card, shoot, video_frame
from PySide6.QtWidgets import QPushButton
from ui_support import FIRST_DAY, first_visitors

from kiosk.ui.camera.preview import CameraPreview
from kiosk.ui.camera.settings import chosen_camera, keep_camera

CAMERA = "/dev/video-test"


class StandInFeed:
    def __init__(self) -> None:
        self.running = False

    def start(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False


@pytest.fixture(autouse=True)
def one_camera_connected(monkeypatch):
    """The machine has one camera, 'Testkamera USB', whatever staff chose."""
    monkeypatch.setattr("kiosk.ui.camera.choice.connected_cameras", lambda: [(CAMERA, "Testkamera USB")])
    opener = lambda on_error: lambda device, sink: StandInFeed() if device == CAMERA else None  # noqa: E731
    monkeypatch.setattr("kiosk.ui.camera.feed.camera_opener", opener)


@pytest.fixture
def with_camera(make_kiosk):
    return make_kiosk(prepare=lambda store: keep_camera(store, CAMERA))


def previews(kiosk) -> dict[str, CameraPreview]:
    return {name: kiosk.screen(name).findChild(CameraPreview) for name in ("welcome", "contact")}


def show_to_camera(kiosk, card, kind: str = "tilt", seed: int = 0) -> None:
    kiosk.kiosk.camera.sink.setVideoFrame(video_frame(shoot(card, kind, random.Random(seed)).image))
    kiosk.settle()


def test_no_camera_chosen_no_preview_and_the_drawing_stays(kiosk):
    assert kiosk.kiosk.camera is not None and not kiosk.kiosk.camera.live
    assert not any(preview.isVisible() for preview in previews(kiosk).values())
    assert kiosk.screens.welcome.scan_picture.isVisible()


def test_an_invitation_held_up_to_the_camera_checks_the_guest_in(with_camera):
    kiosk = with_camera
    assert kiosk.kiosk.camera.live
    assert previews(kiosk)["welcome"].isVisible() and not kiosk.screens.welcome.scan_picture.isVisible()
    assert previews(kiosk)["welcome"].caption == "Halten Sie Ihren Code in den Rahmen."
    guest = first_visitors(kiosk.store, FIRST_DAY)[0]

    show_to_camera(kiosk, invitation_card(guest.ticket_code), "glare")

    assert kiosk.scans == [guest.ticket_code]
    assert kiosk.current == "consent"
    assert kiosk.text("consentGreeting") == f"Willkommen, {guest.full_name}!"


def test_the_camera_and_the_hand_scanner_share_one_repeat_filter(with_camera):
    kiosk = with_camera
    guest = first_visitors(kiosk.store, FIRST_DAY)[0]
    invitation = invitation_card(guest.ticket_code)
    kiosk.scan(guest.ticket_code)
    show_to_camera(kiosk, invitation, "dim", seed=1)  # the same invitation, a second later
    assert kiosk.scans == [guest.ticket_code]
    kiosk.wait_for_scan_window()
    show_to_camera(kiosk, invitation, "dim", seed=2)
    assert kiosk.scans == [guest.ticket_code, guest.ticket_code]


def test_two_badges_shown_to_the_camera_on_the_contact_screen_make_a_contact(with_camera):
    kiosk = with_camera
    first, second = [g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts][:2]
    for guest in (first, second):
        kiosk.desk.check_in_guest(guest)
    kiosk.tap("contactButton")
    assert previews(kiosk)["contact"].isVisible()

    show_to_camera(kiosk, badge_card(kiosk.desk.event, first, "cr80"), "blur", seed=3)
    assert kiosk.contact()["headline"] == "Jetzt die zweite Person"
    show_to_camera(kiosk, badge_card(kiosk.desk.event, second, "a6"), "bright", seed=4)

    assert kiosk.contact()["headline"] == "Neuer Kontakt!"
    assert kiosk.store.contact_between(first.id, second.id)


def chip(kiosk, text: str) -> QPushButton:
    chips = [b for b in kiosk.screen("staff").findChildren(QPushButton) if b.text() == text]
    assert len(chips) == 1, [b.text() for b in kiosk.screen("staff").findChildren(QPushButton)]
    return chips[0]


def test_staff_choose_the_camera_and_then_none(kiosk):
    kiosk.kiosk.staff_login.enter_staff_mode()
    kiosk.settle()
    kiosk.tap("staffNav-settings", screen="staff")
    assert chip(kiosk, "Keine Kamera").isChecked()
    assert kiosk.text("staffCameraState", screen="staff") == "Keine Kamera: Codes liest nur der Handscanner."

    kiosk.tap(chip(kiosk, "Testkamera USB"))

    assert chosen_camera(kiosk.store) == CAMERA and kiosk.kiosk.camera.live
    assert kiosk.text("staffCameraState", screen="staff") == \
        "Testkamera USB liest Codes neben dem Handscanner."
    kiosk.kiosk.staff_login.close()
    kiosk.settle()
    assert kiosk.current == "welcome" and previews(kiosk)["welcome"].isVisible()

    kiosk.kiosk.staff_login.enter_staff_mode()
    kiosk.settle()
    kiosk.tap("staffNav-settings", screen="staff")
    kiosk.tap(chip(kiosk, "Keine Kamera"))
    assert chosen_camera(kiosk.store) == "" and not kiosk.kiosk.camera.live
    kiosk.kiosk.staff_login.close()
    kiosk.settle()
    assert not previews(kiosk)["welcome"].isVisible() and kiosk.screens.welcome.scan_picture.isVisible()
