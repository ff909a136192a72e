"""Speech output: Speech.say(text, lang) speaks, while it is switched on, through a voice handed in.

EspeakVoice runs Debian's espeak-ng, one process per utterance from a thread of its own: offline,
German and English voices in the one package, no daemon to keep running, the UI thread never waits
for it, and cancelled by killing the process. QtTextToSpeech was the other candidate: the PySide6 wheels
bring only its speech-dispatcher engine, which needs the speech-dispatcher daemon (and its
espeak-ng module) running in the kiosk's session, one more thing to fail at the door, and it
cannot write to a file for a test. RecordingVoice keeps what would have been said, for tests.
"""

from __future__ import annotations

import logging
import re
import shutil
import signal
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
ESPEAK_VOICES = {"de": "de", "en": "en"}
WORDS_PER_MINUTE = 160  # espeak-ng's default is 175: a little slower for strangers to a kiosk


class Voice(Protocol):
    available: bool

    def speak(self, text: str, lang: str, volume: int, queue: bool) -> None:
        """Start speaking and return at once; queue=False cuts off what is being said."""

    def stop(self) -> None: ...


@dataclass(frozen=True)
class Utterance:
    text: str
    lang: str
    volume: int
    queued: bool


class RecordingVoice:
    """Speaks nothing, keeps every utterance in order."""

    available = True

    def __init__(self) -> None:
        self.utterances: list[Utterance] = []
        self.stops = 0

    @property
    def texts(self) -> list[str]:
        return [u.text for u in self.utterances]

    def speak(self, text: str, lang: str, volume: int, queue: bool) -> None:
        self.utterances.append(Utterance(text, lang, volume, queue))

    def stop(self) -> None:
        self.stops += 1


class EspeakVoice(QObject):
    """espeak-ng, one process per utterance, started and waited for on a thread of its own: starting
    a process can take tens of milliseconds on a busy machine (tests/bench/bench_audio.py), which the
    UI thread must not spend. A new utterance kills the one being said; `to_file` writes WAV files
    there instead of playing (espeak-ng -w), for the test that hears the real voice."""

    finished_speaking = Signal()  # nothing left to say (emitted from the speech thread)

    def __init__(self, program: str | None = None, to_file: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.program = program or shutil.which("espeak-ng")
        self.available = self.program is not None
        if not self.available:
            log.warning("espeak-ng is not installed: no speech output (apt-get install espeak-ng)")
        self.to_file = to_file
        self._changed = threading.Condition()
        self._pending: list[Utterance] = []  # what is to be said, in order: at most one queued at the end
        self._process: subprocess.Popen | None = None
        self._cut = 0  # counts cut-offs: a process started for an utterance cut off meanwhile stops at once
        self._closing = False
        self._told = False
        self._thread = threading.Thread(target=self._run, name="kiosk-speech", daemon=True)
        if self.available:
            self._thread.start()

    @property
    def speaking(self) -> bool:
        with self._changed:
            return self._process is not None or bool(self._pending)

    def speak(self, text: str, lang: str, volume: int, queue: bool) -> None:
        if not self.available:
            return
        with self._changed:
            utterance = Utterance(text, lang, volume, queue)
            if queue:  # after what is being said; a later queued one replaces it
                self._pending = [u for u in self._pending if not u.queued] + [utterance]
            else:
                self._cut_off()
                self._pending = [utterance]
            self._changed.notify()

    def stop(self) -> None:
        with self._changed:
            self._pending = []
            self._cut_off()

    def close(self) -> None:
        """At shutdown: stop speaking and let the thread end."""
        with self._changed:
            self._closing = True
            self._changed.notify()
        self.stop()
        if self._thread.is_alive():
            self._thread.join(2)

    def _cut_off(self) -> None:
        self._cut += 1
        if self._process is not None:
            self._process.kill()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._pending and not self._closing:
                    self._changed.wait()
                if self._closing:
                    return
                utterance, cut = self._pending.pop(0), self._cut
            self._say(utterance, cut)

    def _say(self, utterance: Utterance, cut: int) -> None:
        args = [self.program, "-b", "1", "-v", ESPEAK_VOICES.get(utterance.lang, "de"),
                "-s", str(WORDS_PER_MINUTE), "-a", str(utterance.volume * 3 // 2)]  # 70 ~ espeak's own 100
        if self.to_file is not None:
            args += ["-w", str(self.to_file)]
        try:
            process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE)
        except OSError as error:
            log.warning("espeak-ng did not start: %s", error)
            return
        with self._changed:
            self._process = process
            if self._cut != cut:
                process.kill()  # cut off while it started
        # The text on standard input: nothing in it can be taken for an option.
        _, error = process.communicate(utterance.text.encode("utf-8"))
        with self._changed:
            self._process = None
            done = not self._pending
        if process.returncode not in (0, -signal.SIGKILL) and not self._told:
            self._told = True
            lines = error.decode(errors="replace").strip().splitlines()
            log.warning("espeak-ng could not speak (exit %s): %s", process.returncode,
                        lines[-1] if lines else "")
        if done:
            self.finished_speaking.emit()


class Speech(QObject):
    """Says texts in the guest's language while switched on (by the guest, or by headphones)."""

    toggled = Signal(bool)

    def __init__(self, voice: Voice, volume: int = 70, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.voice = voice
        self.volume = volume
        self.enabled = False
        self.said = 0  # utterances so far: the narrator reads a screen only if nothing was said since

    @property
    def available(self) -> bool:
        return self.voice.available

    def set_enabled(self, on: bool) -> None:
        if on == self.enabled or (on and not self.available):
            return
        self.enabled = on
        if not on:
            self.voice.stop()
        self.toggled.emit(on)

    def toggle(self) -> None:
        self.set_enabled(not self.enabled)

    def say(self, text: str, lang: str, queue: bool = False) -> None:
        if self.enabled and text:
            self.said += 1
            self.voice.speak(text, lang, self.volume, queue)


_SYMBOLS = {"▏": "", "★": "", "…": "", " · ": ", ", " — ": ", ", "\n": ". "}


def spoken(*parts: str) -> str:
    """Screen texts as one text to speak: empty parts left out, each a sentence, symbols that
    only the eye needs dropped, and lines in capitals (section headings) in normal case so the
    voice does not spell them."""
    sentences = []
    for part in parts:
        text = part or ""
        for symbol, replacement in _SYMBOLS.items():
            text = text.replace(symbol, replacement)
        text = re.sub(r"\s+", " ", text).strip(" .")
        if not text:
            continue
        if text.isupper():
            text = text.capitalize()
        text = text[0].upper() + text[1:]  # 'noch 45 Sekunden' read alone is a sentence too
        sentences.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(sentences)
