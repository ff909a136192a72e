"""The kiosk's tones: three short, distinct WAV files made by kiosk.ui.audio.tones, and what a running
kiosk plays (recorded, not heard) for a check-in, a refusal and a new contact, at the volume staff set."""

from __future__ import annotations

import logging
import math
import struct
import sys
import wave

import pytest
from PySide6.QtCore import QTimer
from ui_support import FIRST_DAY, first_visitors

from kiosk.ui.audio import tones
from kiosk.ui.audio.settings import AudioSettings
from kiosk.ui.audio.sounds import BellOutput, QtSoundOutput, RecordingOutput, Sounds, device_output


def read_tone(kind: str) -> tuple[wave._wave_params, list[int]]:
    with wave.open(str(tones.sound_file(kind)), "rb") as file:
        params = file.getparams()
        frames = file.readframes(params.nframes)
    return params, list(struct.unpack(f"<{params.nframes}h", frames))


def strength(samples: list[int], frequency: float, rate: int) -> float:
    """The power of one frequency in the samples (a one-bin DFT, Goertzel's way)."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    before = before_that = 0.0
    for sample in samples:
        before, before_that = sample + coefficient * before - before_that, before
    return before * before + before_that * before_that - coefficient * before * before_that


def dominant(samples: list[int], rate: int) -> float:
    return max(range(100, 3000, 10), key=lambda f: strength(samples, f, rate))


def bursts(samples: list[int], rate: int) -> int:
    """How many separate sounds, with silence between them (5 ms windows)."""
    window = rate // 200
    loud = [max(abs(s) for s in samples[i:i + window]) > 800 for i in range(0, len(samples), window)]
    return sum(1 for i, on in enumerate(loud) if on and (i == 0 or not loud[i - 1]))


def test_the_committed_tone_files_are_what_the_generator_makes():
    for kind in ("success", "problem", "contact"):
        params, samples = read_tone(kind)
        made = tones.tone_samples(kind)
        assert len(samples) == len(made), kind
        # at most one step apart: another machine's libm may round a sine differently
        assert max(abs(a - b) for a, b in zip(samples, made)) <= 1, kind


@pytest.mark.parametrize("kind", ["success", "problem", "contact"])
def test_each_tone_is_a_short_16_bit_wav(kind):
    params, samples = read_tone(kind)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44100)
    seconds = params.nframes / params.framerate
    assert 0.15 <= seconds <= 0.5, seconds
    assert max(abs(s) for s in samples) > 8000  # audible, not silence
    assert tones.sound_file(kind).stat().st_size < 50_000


def test_the_three_tones_differ_in_pitch_and_rhythm():
    rate = tones.RATE
    success, problem, contact = (read_tone(kind)[1] for kind in ("success", "problem", "contact"))
    half = len(success) // 3
    # success rises: its start around 880 Hz, its end around 1318 Hz
    assert abs(dominant(success[:half], rate) - 880) <= 10
    assert abs(dominant(success[-half:], rate) - 1320) <= 10
    assert dominant(problem, rate) < 300  # low
    assert dominant(contact, rate) > 2000  # bright
    # two struck notes rising, two low ones, three quick blips
    assert (bursts(success, rate), bursts(problem, rate), bursts(contact, rate)) == (2, 2, 3)


# -- what a running kiosk plays -------------------------------------------------------------------


def set_volume(volume: int, muted: bool = False):
    return lambda store: AudioSettings(volume, muted).save(store)


def test_check_in_refusal_and_contact_play_their_tones_in_order_at_the_set_volume(make_kiosk):
    kiosk = make_kiosk(prepare=set_volume(40))
    plays = kiosk.kiosk.audio.outputs.sound.plays
    guests = [g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts]
    anna, jonas = guests[0], guests[1]
    kiosk.desk.check_in_guest(jonas)

    kiosk.scan(anna.ticket_code)  # checked in; the consent question follows
    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()
    kiosk.tap("messageDone")
    kiosk.wait_for_scan_window()
    kiosk.scan("NOT-A-CODE")
    kiosk.tap("messageDone")
    kiosk.tap("contactButton")
    kiosk.scan(kiosk.desk.badge_token(anna))
    kiosk.scan(kiosk.desk.badge_token(jonas))

    assert kiosk.contact()["headline"] == "Neuer Kontakt!"
    assert plays == [("success", 40), ("problem", 40), ("success", 40), ("contact", 40)]


def test_staff_set_the_volume_and_mute_and_the_kiosk_keeps_them(make_kiosk):
    from kiosk.demo import DEMO_STAFF_PIN

    kiosk = make_kiosk()
    audio = kiosk.kiosk.audio
    kiosk.window.staff_requested.emit()
    for digit in DEMO_STAFF_PIN:
        kiosk.tap(f"pin-{digit}", settle=False)
    kiosk.tap("pin-ok")
    kiosk.tap("staffNav-settings")
    assert kiosk.text("staffVolume") == "Lautstärke: 70 %"

    kiosk.tap("staffVolumeDown")
    kiosk.tap("staffVolumeDown")
    kiosk.tap("staffTestTone")
    kiosk.tap("staffTonesOff")
    kiosk.tap("staffTestTone")  # muted: nothing plays

    assert kiosk.text("staffVolume") == "Lautstärke: 50 %"
    assert audio.outputs.sound.plays == [("success", 50)]
    assert audio.sounds.played == ["success", "success"]  # both asked for
    assert AudioSettings.load(kiosk.store) == AudioSettings(50, True)
    for _ in range(5):
        kiosk.tap("staffVolumeUp")
    assert kiosk.text("staffVolume") == "Lautstärke: 100 %" and not kiosk.find("staffVolumeUp").isEnabled()
    assert audio.speech.volume == 100  # speech follows the volume too


def test_a_kiosk_starts_with_the_volume_it_kept(make_kiosk):
    kiosk = make_kiosk(prepare=set_volume(30, muted=True))
    audio = kiosk.kiosk.audio
    assert (audio.sounds.volume, audio.sounds.muted, audio.speech.volume) == (30, True, 30)
    kiosk.scan("NOT-A-CODE")
    assert audio.outputs.sound.plays == [] and audio.sounds.played == ["problem"]


def test_a_spoilt_setting_falls_back_to_the_default_and_says_which(tmp_path, caplog):
    from kiosk.storage import Store

    store = Store.open(tmp_path / "k.sqlite3")
    store.keep_kiosk_settings("audio.", {"volume": "loud", "muted": "0"})
    with caplog.at_level(logging.WARNING):
        assert AudioSettings.load(store) == AudioSettings()
    assert "audio.volume='loud'" in caplog.text
    AudioSettings(20, True).save(store)
    assert AudioSettings.load(store) == AudioSettings(20, True)
    store.close()


def test_unknown_sound_kinds_are_refused():
    sounds = Sounds(RecordingOutput())
    with pytest.raises(ValueError, match="unknown sound 'beep'"):
        sounds.play("beep")


# -- the real output -------------------------------------------------------------------------------


def test_qt_sound_output_without_an_audio_device_neither_fails_nor_blocks(qtbot, caplog):
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    output = QtSoundOutput()
    effects = output._effects.values()
    qtbot.waitUntil(lambda: all(e.status() != QSoundEffect.Status.Loading for e in effects), timeout=5000)
    ticked = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    with caplog.at_level(logging.WARNING):
        for kind in ("success", "problem", "contact", "success"):
            output.play(kind, 60)
    qtbot.waitUntil(lambda: ticked == [True], timeout=2000)  # the event loop ran on: nothing waited
    if QMediaDevices.audioOutputs():
        assert all(e.status() == QSoundEffect.Status.Ready for e in effects)
    else:  # a machine without sound (CI): said once, silent after
        assert caplog.text.count("no audio output could play the kiosk's tones") == 1


def test_without_qtmultimedia_the_tones_fall_back_to_the_bell(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import fails as without the add-ons
    with caplog.at_level(logging.WARNING):
        output = device_output()
    assert isinstance(output, BellOutput)
    assert "tones fall back to the system bell" in caplog.text
