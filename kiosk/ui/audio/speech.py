"""Speech output: Speech.say(text, lang) speaks, while it is switched on, through a voice handed in.

EspeakVoice runs Debian's espeak-ng in a QProcess: offline, German and English voices in the one
package, no daemon to keep running, started without waiting (the UI thread never blocks on it)
and cancelled by killing the process. QtTextToSpeech was the other candidate: the PySide6 wheels
bring only its speech-dispatcher engine, which needs the speech-dispatcher daemon (and its
espeak-ng module) running in the kiosk's session, one more thing to fail at the door, and it
cannot write to a file for a test. RecordingVoice keeps what would have been said, for tests.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QProcess, Signal

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
    """espeak-ng, one process per utterance; `to_file` writes WAV files there instead of playing
    (espeak-ng -w), for the test that hears the real voice."""

    finished_speaking = Signal()  # nothing left to say

    def __init__(self, program: str | None = None, to_file: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.program = program or shutil.which("espeak-ng")
        self.available = self.program is not None
        if not self.available:
            log.warning("espeak-ng is not installed: no speech output (apt-get install espeak-ng)")
        self.to_file = to_file
        self._current: QProcess | None = None
        self._next: tuple[str, str, int] | None = None
        self._told = False

    def speak(self, text: str, lang: str, volume: int, queue: bool) -> None:
        if not self.available:
            return
        if queue and self._current is not None:
            self._next = (text, lang, volume)  # after what is being said; a later one replaces it
            return
        self.stop()
        self._start(text, lang, volume)

    def stop(self) -> None:
        self._next = None
        process, self._current = self._current, None
        if process is not None:
            process.kill()

    def close(self) -> None:
        """At shutdown: stop speaking and reap the process (the only wait, and a short one)."""
        process = self._current
        self.stop()
        if process is not None:
            process.waitForFinished(1000)

    def _start(self, text: str, lang: str, volume: int) -> None:
        args = ["-b", "1", "-v", ESPEAK_VOICES.get(lang, "de"), "-s", str(WORDS_PER_MINUTE),
                "-a", str(volume * 3 // 2)]  # volume 70 ~ espeak-ng's own default amplitude of 100
        if self.to_file is not None:
            args += ["-w", str(self.to_file)]
        process = QProcess(self)
        process.finished.connect(self._ended)
        process.errorOccurred.connect(self._failed)
        self._current = process
        process.start(self.program, args)
        # The text on standard input: nothing in it can be taken for an option.
        process.write(text.encode("utf-8"))
        process.closeWriteChannel()

    def _ended(self, code: int, _status: QProcess.ExitStatus) -> None:
        process = self.sender()
        process.deleteLater()
        if process is not self._current:
            return  # cut off by a newer utterance
        self._current = None
        if code != 0 and not self._told:
            self._told = True
            error = bytes(process.readAllStandardError()).decode(errors="replace").strip().splitlines()
            log.warning("espeak-ng could not speak (exit %s): %s", code, error[-1] if error else "")
        if self._next is not None:
            self._start(*self._next)
            self._next = None
        else:
            self.finished_speaking.emit()

    def _failed(self, error: QProcess.ProcessError) -> None:
        process = self.sender()
        if error == QProcess.ProcessError.FailedToStart:
            log.warning("espeak-ng did not start: %s", process.errorString())
            if process is self._current:
                self._current = None
                process.deleteLater()


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
