"""The real voice: espeak-ng (Debian package espeak-ng, installed by CI and the README's start command,
and here as root if missing) speaks German and English into WAV files, a new utterance cuts off
the old one, a queued one waits its turn, and without a sound card speaking ends by itself."""

from __future__ import annotations

import logging
import math
import os
import shutil
import struct
import subprocess
import wave
from pathlib import Path

import pytest

from kiosk.ui.audio.speech import EspeakVoice, RecordingVoice, Speech, spoken


@pytest.fixture(scope="module")
def espeak() -> str:
    """The espeak-ng program; installed with apt-get when missing and this is root (as .ci/run does)."""
    if shutil.which("espeak-ng") is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "espeak-ng"], env=env,
                       check=False, capture_output=True, timeout=900)
    program = shutil.which("espeak-ng")
    if program is None:
        pytest.fail("espeak-ng is missing and this is not root with apt-get: the real voice was not tested "
                    "(apt-get install espeak-ng)", pytrace=False)
    return program


@pytest.fixture
def speaking():
    """Makes EspeakVoices, each with a Speech switched on that speaks through it; their speech threads
    end with the test."""
    made = []

    def make(*args, **kwargs) -> tuple[EspeakVoice, Speech]:
        made.append(EspeakVoice(*args, **kwargs))
        speech = Speech(made[-1])
        speech.set_enabled(True)
        return made[-1], speech

    yield make
    for voice in made:
        voice.close()


def speak_to_file(qtbot, speaking, program: str, path: Path, text: str, lang: str) -> None:
    voice, speech = speaking(program, to_file=path)
    with qtbot.waitSignal(voice.finished_speaking, timeout=20_000):
        speech.say(text, lang)


def loudness(path: Path) -> tuple[float, float]:
    """(seconds, root mean square of the samples)."""
    with wave.open(str(path), "rb") as file:
        assert (file.getnchannels(), file.getsampwidth()) == (1, 2)
        frames = file.readframes(file.getnframes())
        seconds = file.getnframes() / file.getframerate()
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    return seconds, math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def test_espeak_ng_says_the_german_welcome_as_audio_of_a_plausible_length(qtbot, speaking, tmp_path,
                                                                          espeak):
    path = tmp_path / "willkommen.wav"
    speak_to_file(qtbot, speaking, espeak, path, "Willkommen, Sophie Becker. Ihr Namensschild wird gedruckt.",
                  "de")
    seconds, rms = loudness(path)
    assert 2.0 <= seconds <= 8.0, seconds  # eleven syllables a second or so at 160 words a minute
    assert rms > 500, rms  # speech, not silence


def test_english_uses_the_english_voice(qtbot, speaking, tmp_path, espeak):
    german, english = tmp_path / "de.wav", tmp_path / "en.wav"
    text = "Please take your badge from the printer."
    speak_to_file(qtbot, speaking, espeak, german, text, "de")
    speak_to_file(qtbot, speaking, espeak, english, text, "en")
    assert loudness(english)[1] > 500
    assert german.read_bytes() != english.read_bytes()  # another voice, another sound


def test_without_a_sound_card_speaking_ends_by_itself(qtbot, speaking, espeak, caplog):
    voice, speech = speaking(espeak)  # to the sound device, whatever this machine has
    with caplog.at_level(logging.WARNING), qtbot.waitSignal(voice.finished_speaking, timeout=20_000):
        speech.say("Hallo.", "de")
    assert not voice.speaking


# -- cutting off and queueing, with a stand-in that writes down what it was asked to say ------------------


@pytest.fixture
def stand_in(tmp_path) -> tuple[str, Path]:
    """A program taking espeak-ng's place: it waits a moment, then appends what it read to a log."""
    log = tmp_path / "said.log"
    program = tmp_path / "fake-espeak"
    program.write_text(f"#!/bin/sh\ntext=$(cat)\nsleep 0.3\necho \"$text\" >> {log}\n")
    program.chmod(0o755)
    return str(program), log


def test_a_new_utterance_cuts_off_the_one_being_said(qtbot, speaking, stand_in):
    program, log = stand_in
    voice, speech = speaking(program)
    with qtbot.waitSignal(voice.finished_speaking, timeout=5000):
        speech.say("Erster Gast.", "de")
        speech.say("Zweiter Gast.", "de")
    assert log.read_text().splitlines() == ["Zweiter Gast."]


def test_a_queued_utterance_waits_and_only_the_latest_queued_one_is_said(qtbot, speaking, stand_in):
    program, log = stand_in
    voice, speech = speaking(program)
    with qtbot.waitSignal(voice.finished_speaking, timeout=5000):
        speech.say("Willkommen.", "de")
        speech.say("Wird gedruckt.", "de", queue=True)
        speech.say("Bitte entnehmen.", "de", queue=True)
    assert log.read_text().splitlines() == ["Willkommen.", "Bitte entnehmen."]


def test_switching_speech_off_stops_the_voice(qtbot, speaking, stand_in):
    program, log = stand_in
    _, speech = speaking(program)
    speech.say("Gleich still.", "de")
    speech.set_enabled(False)
    qtbot.wait(600)
    assert not log.exists()
    speech.say("Nicht gesagt.", "de")
    qtbot.wait(600)
    assert not log.exists()


def test_without_espeak_ng_speech_cannot_be_switched_on_and_says_why(monkeypatch, caplog):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with caplog.at_level(logging.WARNING):
        voice = EspeakVoice()
    speech = Speech(voice)
    speech.set_enabled(True)
    assert not speech.available and not speech.enabled
    assert "espeak-ng is not installed" in caplog.text


# -- the text itself -------------------------------------------------------------------------------


def test_screen_texts_become_sentences_without_symbols_only_the_eye_needs():
    assert spoken("SCHRITT 1 VON 2", "", "Anna: 1 Kontakt · Ben: 2 Kontakte",
                  "Ihr Namensschild wird gedruckt …", "★ Netzwerkchampion: Anna S., Firma — 3 Kontakte",
                  "noch 45 Sekunden") == (
        "Schritt 1 von 2. Anna: 1 Kontakt, Ben: 2 Kontakte. Ihr Namensschild wird gedruckt. "
        "Netzwerkchampion: Anna S., Firma, 3 Kontakte. Noch 45 Sekunden.")


def test_speech_counts_what_it_said_only_while_on():
    voice = RecordingVoice()
    speech = Speech(voice, volume=40)
    speech.say("Nicht an.", "de")
    speech.set_enabled(True)
    speech.say("An.", "en")
    speech.say("", "en")
    assert [(u.text, u.lang, u.volume) for u in voice.utterances] == [("An.", "en", 40)]
    assert speech.said == 1
