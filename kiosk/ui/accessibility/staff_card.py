"""Staff mode's card for this kiosk's accessibility defaults: where it stands and who it serves."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.ui.accessibility.modes import AccessMode
from kiosk.ui.screens.staff_parts import staff_button, staff_card, staff_label

CHOICES = ("large_text", "high_contrast", "low_reach")


class AccessDefaultsCard(QWidget):
    def __init__(self, current: AccessMode, save, parent: QWidget | None = None) -> None:
        """`save(mode)` keeps the new defaults (in the background) and applies them."""
        super().__init__(parent)
        self._save, self._mode = save, current
        frame, layout = staff_card()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.title = staff_label("s-heading")
        self.text = staff_label("s-body")
        row = QHBoxLayout()
        row.setSpacing(10)
        self.chips = {}
        for name in CHOICES:
            chip = staff_button("s-chip", f"staffAccess-{name}", lambda _=False, n=name: self._flip(n),
                                checkable=True)
            self.chips[name] = chip
            row.addWidget(chip)
        row.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.show_mode(current)

    def show_mode(self, mode: AccessMode) -> None:
        self._mode = mode
        for name, chip in self.chips.items():
            chip.setChecked(getattr(mode, name))

    def _flip(self, name: str) -> None:
        wanted = AccessMode(**{n: (not getattr(self._mode, n)) if n == name else getattr(self._mode, n)
                               for n in CHOICES})
        self.show_mode(wanted)
        self._save(wanted)

    def retranslate(self, tr) -> None:
        self.title.setText(tr("Accessibility at this kiosk"))
        self.text.setText(tr("What every guest starts with. Guests can switch large text and high contrast "
                             "themselves in the header; low reach keeps every control in the lower 60 % "
                             "of a portrait screen, for a kiosk mounted for wheelchair users."))
        for name, text in zip(CHOICES, (tr("Large text"), tr("High contrast"), tr("Low reach"))):
            self.chips[name].setText(text)
