"""Accessibility of the closed kiosk (EN 301 549 clause 5, WCAG 2.2 AA where it applies): the modes,
the header button and its panel, the idle warning, keyboard and keypad operation, low reach.

`Accessibility` is wired once by kiosk.ui.launch; everything else reaches it through the window's
signals (poked, idle_timeout), the router's went_home and the app-wide events.
"""

from __future__ import annotations


from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QWidget

from kiosk.ui.accessibility.focus import KeyboardNavigator
from kiosk.ui.accessibility.idle_warning import IdleWarning
from kiosk.ui.accessibility.modes import AccessMode, AccessModes, load_defaults, save_defaults
from kiosk.ui.accessibility.panel import AccessPanel, header_button, header_text
from kiosk.ui.accessibility.reach import ReachZone
from kiosk.ui.accessibility.reflow import Reflow


class Accessibility(QObject):
    def __init__(self, window, screens, language, events, router, store) -> None:
        super().__init__(window)
        self.window, self.screens, self.language = window, screens, language
        self.store = store
        self.modes = AccessModes(load_defaults(store), self)
        self.warning = IdleWarning(window)
        window.idle_warning = self.warning
        self.warning.expired.connect(window.idle_timeout.emit)
        window.poked.connect(self.warning.dismiss)
        self.panel = AccessPanel(window)
        self.panel.large_text_toggled.connect(self.modes.toggle_large_text)
        self.panel.high_contrast_toggled.connect(self.modes.toggle_high_contrast)
        self.button = header_button(self.panel.open)
        header = window.header.buttons
        header.insertWidget(header.indexOf(window.header.language_button), self.button)
        self.reach = ReachZone(window, screens.welcome)
        self.reflow = Reflow(window)
        self._one_column = False
        self.navigator = KeyboardNavigator(window, self._roots, self._way_back)
        self.modes.changed.connect(self._follow)
        events.language_did_change.connect(self.retranslate)
        events.day_did_change.connect(self.reach.follow_header)
        router.went_home.connect(self._home)
        window.poked.connect(lambda: QTimer.singleShot(0, self.reflow.holder, self.reflow.holder.resized) if self.reflow.active else None)
        window.installEventFilter(self)

    def start(self) -> None:
        """Show this kiosk's defaults; keys start to navigate."""
        self.navigator.install()
        self.modes.apply(self.modes.home)

    def shutdown(self) -> None:
        self.navigator.remove()

    def save_defaults(self, runner, mode: AccessMode, on_saved=None) -> None:
        """Staff chose new defaults: written in the background, shown once written."""
        def saved(written: AccessMode) -> None:
            self.modes.set_home(written)
            if on_saved is not None:
                on_saved(written)

        runner.run(save_defaults, self.store, mode, on_success=saved)

    def staff_card(self, runner) -> QWidget:
        from kiosk.ui.accessibility.staff_card import AccessDefaultsCard

        card = AccessDefaultsCard(self.modes.home, lambda mode: self.save_defaults(runner, mode))
        return card

    def retranslate(self) -> None:
        tr = self.language.tr
        self.button.setText(header_text(tr))
        self.button.setAccessibleName(tr("Display: large text and high contrast"))
        self.warning.retranslate(tr)
        self.panel.retranslate(tr)
        self.reach.follow_header()

    def _follow(self, mode: AccessMode) -> None:
        self.window.idle_factor = mode.time_factor
        self.panel.show_state(mode.large_text, mode.high_contrast)
        self._follow_orientation()
        # Screens measure some texts when they fill (the boards): fill again in the new sizes.
        self.language.set(self.language.lang)
        QTimer.singleShot(0, self.reflow.holder, self.reflow.holder.resized)  # once the new sizes are laid out

    def _follow_orientation(self) -> None:
        portrait = self.window.height() > self.window.width()
        low = self.modes.mode.low_reach and portrait
        # Large text, or the lower 60 % of the screen alone: a screen that needs more height scrolls
        # (first, so the window never grows to hold the tallest screen below the upper zone).
        self.reflow.set_active(self.modes.mode.large_text or low)
        self.reach.set_active(low)
        self.warning.low = self.panel.low = low
        if self.modes.mode.large_text or self._one_column:
            # Large text reflows into one column, the portrait arrangement, on a landscape screen too.
            self._one_column = self.modes.mode.large_text
            for name, screen in self.window.screens.items():
                if name != "staff":  # staff mode keeps its dense look
                    screen.set_portrait(portrait or self._one_column)
            self.screens.welcome.secondary.setDirection(  # three big buttons side by side do not fit
                QBoxLayout.Direction.TopToBottom if self._one_column else QBoxLayout.Direction.LeftToRight)

    def _home(self) -> None:
        self.panel.hide()
        self.modes.restore_home()

    def _roots(self) -> list[QWidget]:
        for overlay in (self.warning, self.panel):
            if overlay.isVisible():
                return [overlay]
        return [self.window.header, self.window.stack.currentWidget()]

    def _way_back(self) -> QAbstractButton | None:
        if self.panel.isVisible():
            return self.panel.done
        screen = self.window.current_screen
        return screen.way_back() if screen is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._follow_orientation)  # after the window arranged its screens
        return False
