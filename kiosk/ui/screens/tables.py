"""'My tables' for speed networking: a guest scans their badge (or finds their name) and reads their
table in every round with the people at it, the round running now highlighted; from here, once a round
has started, they go on to confirm the contacts they made (kiosk.ui.screens.ticks).

The flow (kiosk.ui.flows.tables) writes every text; the screen lays them out."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui import style
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.welcome import ScanPicture
from kiosk.ui.widgets.common import Screen, button, card, label, screen_with_back_button, set_tone


@dataclass(frozen=True)
class RoundLine:
    """One round as the guest reads it."""

    heading: str  # "RUNDE 2"
    table: str  # "Tisch 7"
    mates: str  # "mit Ben M., Clara S. und David T."
    state: str  # "Läuft jetzt · bis 13:13", "Vorbei", "Als Nächstes" or ""
    tone: str  # the state's tone: success, warning or "" (none)
    current: bool  # the round running now (or the next one): drawn with a strong frame
    callout: str = ""  # for the current round: "Jetzt" or "Als Nächstes", above its table in large


class RoundRow(QFrame):
    """A round's card: the table large on the left, who sits there and the round's state beside it."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.current = False
        self.body = body = QHBoxLayout(self)
        body.setContentsMargins(28, 10, 28, 10)
        body.setSpacing(28)
        where = QVBoxLayout()
        where.setSpacing(0)
        self.heading = self._label("section", f"tablesRound-{number}")
        self.table = self._label("title", f"tablesTable-{number}")
        where.addWidget(self.heading)
        where.addWidget(self.table)
        self.who = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.who.setSpacing(8)
        self.mates = self._label("body", f"tablesMates-{number}")
        self.state = self._label("status", f"tablesState-{number}")
        self.who.addWidget(self.mates, 1)
        self.who.addWidget(self.state, 0, Qt.AlignmentFlag.AlignVCenter)
        body.addLayout(where, 0)
        body.addLayout(self.who, 1)

    @staticmethod
    def _label(role: str, name: str):
        widget = label(role)
        widget.setObjectName(name)
        return widget

    def show_line(self, line: RoundLine) -> None:
        self.heading.setText(line.heading)
        self.table.setText(line.table)
        self.mates.setText(line.mates)
        self.state.setText(line.state)
        self.state.setVisible(bool(line.state))
        set_tone(self.state, line.tone or "none")
        self.current = line.current
        self.update()

    def set_portrait(self, portrait: bool) -> None:
        """Narrow: the state goes below the names (their lines need the width)."""
        self.who.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self.body.setContentsMargins(28, 18 if portrait else 10, 28, 18 if portrait else 10)  # six fit landscape
        # Below the names the state takes the column's width and may wrap (large text); beside them, one line.
        self.who.setAlignment(self.state, Qt.AlignmentFlag(0) if portrait else Qt.AlignmentFlag.AlignVCenter)
        self.state.setWordWrap(portrait)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.current:  # a frame in the look's own colours: high contrast draws it in its yellow
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(style.current().palette.primary_text), 6))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(3, 3, -3, -3), 26, 26)


class TablesScreen(Screen):
    name = "tables"
    back_requested = Signal()
    search_requested = Signal()
    ticks_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._portrait = False
        self.rows: list[RoundRow] = []
        outer = screen_with_back_button(self, "tablesBack")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_prompt())
        self.pages.addWidget(self._build_result())
        outer.addWidget(self.pages, 1)

    def _build_prompt(self) -> QWidget:
        frame, layout = card()
        layout.setContentsMargins(72, 48, 72, 48)
        self.scan_picture = ScanPicture()
        self.prompt = label("hero", align=Qt.AlignmentFlag.AlignHCenter)
        self.prompt.setObjectName("tablesPrompt")
        self.prompt_detail = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.prompt_detail.setObjectName("tablesPromptDetail")
        self.search_button = button("secondary", on_click=self.search_requested.emit)
        self.search_button.setObjectName("tablesSearch")
        layout.addStretch(1)
        layout.addWidget(self.scan_picture, 2)
        layout.addWidget(self.prompt)
        layout.addWidget(self.prompt_detail)
        layout.addStretch(1)
        layout.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignHCenter)
        return frame

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.result_body = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        self.result_body.setContentsMargins(0, 0, 0, 0)
        self.result_body.setSpacing(32)
        frame, layout = card()
        layout.setContentsMargins(40, 36, 40, 36)
        self.guest_name = self._label("title", "tablesGuestName")
        self.note = self._label("muted", "tablesNote")
        self.session_title = self._label("subtitle", "tablesSession")
        self.session_detail = self._label("muted", "tablesSessionDetail")
        self.now_caption = self._label("section", "tablesNowCaption")
        self.now_table = self._label("name", "tablesNowTable")
        self.ticks_hint = self._label("body", "tablesTicksHint")
        self.ticks_button = button("primary", on_click=self.ticks_requested.emit)
        self.ticks_button.setObjectName("tablesTicks")
        for widget in (self.guest_name, self.note, self.session_title, self.session_detail):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.now_caption)
        layout.addWidget(self.now_table)
        layout.addStretch(1)
        layout.addWidget(self.ticks_hint)
        layout.addWidget(self.ticks_button)
        self.result_body.addWidget(frame, 2)
        rounds = QWidget()
        self.rounds_list = QVBoxLayout(rounds)
        self.rounds_list.setContentsMargins(0, 0, 0, 0)
        self.rounds_list.setSpacing(14)
        self.rounds_list.addStretch(1)
        self.result_body.addWidget(rounds, 3)
        return page

    @staticmethod
    def _label(role: str, name: str):
        widget = label(role)
        widget.setObjectName(name)
        return widget

    # -- what the flow calls -------------------------------------------------------------------------
    def show_prompt(self, headline: str, detail: str) -> None:
        self.prompt.setText(headline)
        self.prompt_detail.setText(detail)
        self.pages.setCurrentIndex(0)

    def show_tables(self, name: str, note: str, session: str, session_detail: str, lines: list[RoundLine],
                    ticks_hint: str, ticks_button: str) -> None:
        """The guest's rounds, the one that matters now large; `ticks_button` '' hides the way on to the
        ticks (no round started yet, or the guest was found by name: ticks need their badge)."""
        now = next((line for line in lines if line.current), None)
        self.now_caption.setText(now.callout.upper() if now else "")
        self.now_table.setText(now.table if now else "")
        for widget in (self.now_caption, self.now_table):
            widget.setVisible(now is not None)
        self.guest_name.setText(name)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.session_title.setText(session)
        self.session_detail.setText(session_detail)
        self.ticks_hint.setText(ticks_hint)
        self.ticks_hint.setVisible(bool(ticks_hint))
        self.ticks_button.setText(ticks_button)
        self.ticks_button.setVisible(bool(ticks_button))
        while len(self.rows) < len(lines):
            row = RoundRow(len(self.rows) + 1)
            row.set_portrait(self._portrait)
            self.rounds_list.insertWidget(len(self.rows), row)
            self.rows.append(row)
        for index, row in enumerate(self.rows):
            row.setVisible(index < len(lines))
            if index < len(lines):
                row.show_line(lines[index])
        self.pages.setCurrentIndex(1)

    @property
    def showing_tables(self) -> bool:
        return self.pages.currentIndex() == 1

    def spoken(self, tr) -> list[str]:
        """What the narrator reads (kiosk.ui.audio.narration)."""
        if not self.showing_tables:
            return [self.title.text(), self.prompt.text(), self.prompt_detail.text(),
                    tr("Buttons: {names}.", names=self.search_button.text())]
        rounds = [", ".join(t for t in (row.heading.text().title(), row.table.text(), row.mates.text(),
                                        row.state.text() if row.state.isVisibleTo(self) else "") if t)
                  for row in self.rows if row.isVisibleTo(self)]
        ticks = self.ticks_button.text() if self.ticks_button.isVisibleTo(self) else ""
        return [self.guest_name.text(), self.note.text() if self.note.isVisibleTo(self) else "",
                self.session_title.text(), *rounds,
                self.ticks_hint.text() if self.ticks_hint.isVisibleTo(self) else "",
                tr("Buttons: {names}.", names=ticks) if ticks else ""]

    # -- Screen --------------------------------------------------------------------------------------
    def retranslate(self, tr) -> None:
        """The flow re-writes the guest's texts when the language changes (language_did_change)."""
        self.back_button.setText(tr("Back"))
        self.title.setText(tr("My tables"))
        self.search_button.setText(tr("Search my name"))

    def set_portrait(self, portrait: bool) -> None:
        self._portrait = portrait
        self.result_body.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                      else QBoxLayout.Direction.LeftToRight)
        for row in self.rows:
            row.set_portrait(portrait)

    def reset(self) -> None:
        self.guest_name.clear()
        for row in self.rows:
            row.hide()
        self.pages.setCurrentIndex(0)


class TablesSearchScreen(SearchScreen):
    """The name search, for 'my tables': finding one's name shows the tables (never checks in)."""

    name = "tables_search"

    def retranslate(self, tr) -> None:
        super().retranslate(tr)
        self.title.setText(tr("My tables: search my name"))
        self.yes_button.setText(tr("Yes, show my tables"))

