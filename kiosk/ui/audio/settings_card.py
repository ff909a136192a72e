"""Staff settings' sound card: the volume in steps of ten, tones on or muted, a test tone. A change
is heard at once and kept in the kiosk's database on the worker."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.audio.settings import AudioSettings
from kiosk.ui.audio.switch import TOGGLE_KEY
from kiosk.ui.screens.staff_parts import UNTRANSLATED, TaskRunner, staff_button, staff_card, staff_label

STEP = 10


class AudioCard(QWidget):
    def __init__(self, audio, store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.audio, self.store, self.runner = audio, store, runner
        self._tr = UNTRANSLATED
        frame, layout = staff_card()
        self.title = staff_label("s-heading")
        self.text = staff_label("s-body")
        volume = QHBoxLayout()
        volume.setSpacing(10)
        self.quieter = staff_button("s-tool", "staffVolumeDown", lambda: self.set_volume(-STEP))
        self.level = staff_label("s-strong", "staffVolume", wrap=False)
        self.louder = staff_button("s-tool", "staffVolumeUp", lambda: self.set_volume(+STEP))
        for step_button, sign in ((self.quieter, "−"), (self.louder, "+")):
            step_button.setText(sign)
            step_button.setMinimumWidth(84)  # a thumb's width, though the sign is narrow
        for widget in (self.quieter, self.level, self.louder):
            volume.addWidget(widget)
        volume.addStretch(1)
        tones = QHBoxLayout()
        tones.setSpacing(10)
        self.group = QButtonGroup(self)
        self.on_button = staff_button("s-chip", "staffTonesOn", lambda: self.set_muted(False),
                                      checkable=True)
        self.off_button = staff_button("s-chip", "staffTonesOff", lambda: self.set_muted(True),
                                       checkable=True)
        self.test_button = staff_button("s-tool", "staffTestTone", lambda: self.audio.sounds.play("success"))
        for widget in (self.on_button, self.off_button):
            self.group.addButton(widget)
            tones.addWidget(widget)
        tones.addWidget(self.test_button)
        tones.addStretch(1)
        for item in (self.title, self.text, volume, tones):
            (layout.addLayout if isinstance(item, QHBoxLayout) else layout.addWidget)(item)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self._show()

    def set_volume(self, step: int) -> None:
        current = self.audio.settings
        self._change(AudioSettings(max(0, min(100, current.volume + step)), current.muted))

    def set_muted(self, muted: bool) -> None:
        self._change(AudioSettings(self.audio.settings.volume, muted))

    def _change(self, settings: AudioSettings) -> None:
        self.audio.apply(settings)  # heard at once; kept on the worker
        self._show()
        self.runner.run(settings.save, self.store)

    def _show(self) -> None:
        settings, tr = self.audio.settings, self._tr
        self.level.setText(tr("Volume: {percent} %", percent=settings.volume))
        (self.off_button if settings.muted else self.on_button).setChecked(True)
        self.quieter.setEnabled(settings.volume > 0)
        self.louder.setEnabled(settings.volume < 100)

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Sounds and speech"))
        self.text.setText(tr("A short tone answers every scan: success, a problem, a new contact. "
                             "Guests switch speech output on with the speaker button at the top right, "
                             "with {key}, or by plugging in headphones; it speaks at this volume even "
                             "when the tones are muted.", key=TOGGLE_KEY))
        self.quieter.setAccessibleName(tr("Quieter"))
        self.louder.setAccessibleName(tr("Louder"))
        self.on_button.setText(tr("Tones on"))
        self.off_button.setText(tr("Tones muted"))
        self.test_button.setText(tr("Play a test tone"))
        self._show()
