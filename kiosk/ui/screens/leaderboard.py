"""The live networking leaderboard: top 10 overall and today, the champion highlighted; equal counts
share a rank, and a tie for first says how the champion was chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.leaderboard import shared_ranks
from kiosk.i18n import translator
from kiosk.services.desk import LeaderboardRow
from kiosk.ui.widgets.common import Screen, card, label, screen_with_back_button


class BoardColumn(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, self.layout_ = card()
        self.layout_.setContentsMargins(40, 24, 40, 24)  # ten rows fit a portrait half screen uncut
        self.layout_.setSpacing(8)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.heading = label("section")
        self.layout_.addWidget(self.heading)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(20)
        self.grid.setVerticalSpacing(2)
        self.layout_.addLayout(self.grid)
        self.layout_.addStretch(1)

    def fill(self, rows: list[LeaderboardRow], contacts_word, empty_text: str, champion: bool) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().hide()  # out of sight now: deleteLater waits for the event loop (screenshots)
                item.widget().deleteLater()
        if not rows:
            self.grid.addWidget(label("muted", empty_text), 0, 0, 1, 3)
            return
        for index, (row, place) in enumerate(zip(rows, shared_ranks([r.contacts for r in rows]))):
            lead = champion and index == 0
            rank = label("title" if lead else "body", "★" if lead else f"{place}.")
            rank.setProperty("accent", "gold" if lead else "muted")  # the colours of the look shown
            who = QWidget()
            lines = QVBoxLayout(who)
            lines.setContentsMargins(0, 2, 0, 2)
            lines.setSpacing(0)
            name = label("body", row.display_name, wrap=False)
            name.setProperty("strong", True)
            organization = label("small", row.organization, wrap=False)
            lines.addWidget(name)
            lines.addWidget(organization)
            count = label("title" if lead else "body", str(row.contacts), align=Qt.AlignmentFlag.AlignRight)
            count.setAccessibleName(contacts_word(row.contacts))
            for widget in (rank, name, organization, count):
                _never_shorter_than_its_text(widget)
            for column, widget in enumerate((rank, who, count)):
                self.grid.addWidget(widget, index, column)
            if lead:
                name.setObjectName("championRow")
        self.grid.setColumnStretch(1, 1)


def _never_shorter_than_its_text(widget: QLabel) -> None:
    """A full board must not squeeze a row below its font's height: that cut off descenders and
    cedillas ('Ayşe', 'Birgit'). Polished first, so the role's font size is the one measured."""
    widget.ensurePolished()
    widget.setMinimumHeight(widget.sizeHint().height())


class LeaderboardScreen(Screen):
    name = "leaderboard"
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = screen_with_back_button(self, "leaderboardBack")
        self.champion = label("status", align=Qt.AlignmentFlag.AlignHCenter)
        self.champion.setObjectName("championBanner")
        outer.addWidget(self.champion)
        self.tie_rule = label("muted", align=Qt.AlignmentFlag.AlignHCenter)
        self.tie_rule.setObjectName("tieRule")
        self.tie_rule.hide()
        outer.addWidget(self.tie_rule)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(32)
        self.overall = BoardColumn()
        self.today = BoardColumn()
        self.columns.addWidget(self.overall, 1)
        self.columns.addWidget(self.today, 1)
        outer.addLayout(self.columns, 1)
        self._tr = translator()
        self._rows: tuple[list[LeaderboardRow], list[LeaderboardRow]] = ([], [])

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.back_button.setText(tr("Back"))
        self.title.setText(tr("Networking leaderboard"))
        self.overall.heading.setText(tr("ALL DAYS"))
        self.today.heading.setText(tr("TODAY"))
        self.set_rows(*self._rows)

    def set_rows(self, overall: list[LeaderboardRow], today: list[LeaderboardRow]) -> None:
        tr = self._tr
        self._rows = (overall, today)
        contacts_word = lambda n: tr.plural("{count} contact", "{count} contacts", n)  # noqa: E731
        empty = tr("No contacts yet. Be the first!")
        self.overall.fill(overall, contacts_word, empty, champion=True)
        self.today.fill(today, contacts_word, empty, champion=False)
        if overall:
            leader = overall[0]
            self.champion.setText(tr.plural("★ Networking champion: {name}, {organization} — {count} contact",
                                            "★ Networking champion: {name}, {organization} — {count} contacts",
                                            leader.contacts, name=leader.display_name,
                                            organization=leader.organization))
        else:
            self.champion.setText(tr("Who will be networking champion?"))
        self.tie_rule.setText(tr("On equal counts, whoever reached the count first leads."))
        self.tie_rule.setVisible(len(overall) > 1 and overall[0].contacts == overall[1].contacts)

    def set_portrait(self, portrait: bool) -> None:
        self.columns.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
