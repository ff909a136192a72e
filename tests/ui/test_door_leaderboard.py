"""The touch leaderboard: rows tall enough for their letters, equal counts at equal ranks, and the
tie rule for the champion said on the screen."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel
from ui_support import FIRST_DAY, berlin, first_visitors

from kiosk.services.desk import FrontDesk


def contacts(clock, pairs: list[tuple[int, int]], rename: dict[int, str] | None = None):
    """Before the kiosk starts: guests checked in, then the given contacts, a minute apart."""
    def prepare(store):
        desk = FrontDesk(store, clock=clock)
        guests = [g for g in first_visitors(store, FIRST_DAY) if g.consent_contacts and g.first_name][:12]
        for index, first_name in (rename or {}).items():
            guests[index] = dataclasses.replace(guests[index], first_name=first_name)
            store.save_guests([guests[index]])
        for guest in guests:
            desk.check_in_guest(guest)
        for minute, (a, b) in enumerate(pairs):
            clock.set(berlin(FIRST_DAY, 10, minute))
            assert desk.exchange_contact(desk.badge_token(guests[a]), desk.badge_token(guests[b])).status == "new"
        clock.set(berlin(FIRST_DAY, 11))
        people.extend(guests)

    people = []
    return prepare, people


def ranks(kiosk, column: str = "overall") -> list[str]:
    board = getattr(kiosk.screens.leaderboard, column)
    return [board.grid.itemAtPosition(row, 0).widget().text() for row in range(board.grid.rowCount())
            if board.grid.itemAtPosition(row, 0) is not None]


def test_equal_counts_share_a_rank_and_the_tie_rule_is_said(make_kiosk, clock):
    # 0 and 1 meet first (1 each), then 2 and 3 (1 each), then 4 meets 5 and 6 (4: 2, 5: 1, 6: 1)
    prepare, people = contacts(clock, [(0, 1), (2, 3), (4, 5), (4, 6)])
    kiosk = make_kiosk(prepare=prepare)
    kiosk.tap("leaderboardButton")

    assert ranks(kiosk) == ["★", "2.", "2.", "2.", "2.", "2.", "2."]
    assert ranks(kiosk, "today") == ["1.", "2.", "2.", "2.", "2.", "2.", "2."]
    assert not kiosk.find("tieRule", QLabel).isVisible()  # a clear champion needs no rule


def test_a_tie_for_first_shows_both_first_and_says_who_leads(make_kiosk, clock):
    prepare, people = contacts(clock, [(0, 1), (2, 3)])
    kiosk = make_kiosk(prepare=prepare)
    kiosk.tap("leaderboardButton")

    assert ranks(kiosk) == ["★", "1.", "1.", "1."]
    assert ranks(kiosk, "today") == ["1.", "1.", "1.", "1."]
    assert kiosk.text("tieRule") == "Bei Gleichstand liegt vorn, wer die Zahl zuerst erreicht hat."
    assert kiosk.find("tieRule", QLabel).isVisible()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_every_row_is_tall_enough_for_descenders_and_cedillas(make_kiosk, clock, size):
    full_board = [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9), (10, 11), (0, 2)]  # ten rows shown in each column
    prepare, people = contacts(clock, full_board, rename={0: "Ayşe", 1: "Birgit", 2: "Gjyqy"})
    kiosk = make_kiosk(prepare=prepare, size=size)
    kiosk.tap("leaderboardButton")

    screen = kiosk.screens.leaderboard
    texts = [w for w in screen.findChildren(QLabel) if w.isVisible() and w.text()]
    assert any(w.text().startswith("Ayşe") for w in texts)
    assert len(ranks(kiosk)) == len(ranks(kiosk, "today")) == 10
    assert (kiosk.window.width(), kiosk.window.height()) == size  # grown rows still fit the screen
    for widget in texts:
        metrics = QFontMetrics(widget.font())
        inner = widget.contentsRect()
        flags = Qt.TextFlag.TextWordWrap if widget.wordWrap() else Qt.TextFlag.TextSingleLine
        needed = metrics.boundingRect(0, 0, inner.width(), 10_000, flags, widget.text()).height()
        assert needed >= metrics.ascent() + metrics.descent()
        assert inner.height() >= needed, f"'{widget.text()}' is cut: {inner.height()} < {needed}"
        assert widget.visibleRegion().boundingRect().height() >= needed, widget.text()
