"""Every guest screen fits the screen it is shown on, in both orientations, every look and both
languages: the window's minimum size (the widest and tallest any of its screens may shrink to) is
within the screen, and what the window draws is exactly the screen's size (a minimum wider than the
screen makes Qt grow the window past the screen's edge: 1186 px on a 1080 px portrait screen)."""

from __future__ import annotations

import pytest
from accessibility_support import GUEST_SCREENS, visit
from test_accessibility_look import MODES as LOOKS
from test_accessibility_look import SIZES
from test_door_mode import start_door_mode
from test_tables import plan_rounds, speed_session
from ui_support import FIRST_DAY, berlin


def each_screen(kiosk):
    """The guest screens with content (accessibility_support's walk), then 'welcome back', the speed
    networking's tables and ticks, and door mode (last: it stays)."""
    router = kiosk.kiosk.router
    for name in GUEST_SCREENS:
        router.go_home()
        visit(kiosk, name)
        yield name
    here = kiosk.store.checked_in_ids()
    checked_in = next(g for g in kiosk.store.guests() if g.id in here and g.consent_contacts)
    at = kiosk.clock.now
    kiosk.clock.set(berlin(FIRST_DAY, 10, 0))  # before the rounds: a second scan says 'welcome back'
    router.go_home()
    kiosk.wait_for_scan_window()
    kiosk.scan(checked_in.ticket_code)
    assert kiosk.current == "message", kiosk.current
    yield "welcome-back"
    kiosk.clock.set(at)
    router.go_home()
    kiosk.tap("tablesButton")
    kiosk.wait_for_scan_window()
    kiosk.scan(kiosk.desk.badge_token(checked_in))
    assert kiosk.current == "tables", kiosk.current
    yield "my-tables"
    kiosk.tap("tablesTicks")
    assert kiosk.current == "ticks", kiosk.current
    yield "ticks"
    router.go_home()
    start_door_mode(kiosk, speed_session(kiosk.store).id)
    kiosk.wait_for_scan_window()
    kiosk.scan(kiosk.desk.badge_token(checked_in))
    assert kiosk.current == "door", kiosk.current
    yield "door"


def misfits(kiosk, width: int, height: int) -> list[str]:
    found = []
    for name in each_screen(kiosk):
        kiosk.qtbot.wait(50)  # a layout pass for what the last step showed
        least = kiosk.window.minimumSizeHint()
        if least.width() > width or least.height() > height:
            found.append(f"{name} ({kiosk.current}): the window needs {least.width()}x{least.height()}")
        drawn = kiosk.window.grab().size()
        if (drawn.width(), drawn.height()) != (width, height):
            found.append(f"{name} ({kiosk.current}): drawn {drawn.width()}x{drawn.height()}")
    return found


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("look", LOOKS)
def test_every_guest_screen_fits_the_screen_exactly(make_kiosk, clock, look, size, lang):
    kiosk = make_kiosk("--lang", lang, size=SIZES[size],
                       prepare=lambda store: plan_rounds(store, clock, started=1, at=(13, 5)))
    kiosk.kiosk.access.modes.set_home(LOOKS[look])  # as staff set it: going home keeps it
    kiosk.settle()
    problems = misfits(kiosk, *SIZES[size])
    assert not problems, "\n".join(problems)


def test_the_header_puts_its_buttons_below_the_event_name_only_where_both_do_not_fit_side_by_side(make_kiosk):
    kiosk = make_kiosk(size=SIZES["portrait"])
    header = kiosk.window.header
    right_edge = header.width() - 48

    def buttons_below_the_name() -> bool:
        kiosk.settle()
        kiosk.qtbot.wait(50)
        assert header.tail.geometry().right() + 1 == right_edge  # at the right in either arrangement
        return header.tail.geometry().top() > header.lead.geometry().bottom()

    assert not buttons_below_the_name()
    kiosk.kiosk.access.modes.toggle_large_text()
    assert buttons_below_the_name()
    assert header.height() >= header.heightForWidth(header.width())  # the second row has its height
    assert kiosk.window.width() == 1080
    kiosk.kiosk.access.modes.toggle_large_text()
    assert not buttons_below_the_name()


def test_a_refilled_board_leaves_nothing_of_its_last_rows_on_the_screen(qtbot):
    """Bug: 'Noch keine Kontakte' painted over a full board's third row in the README's screenshots:
    the rows taken out wait for the event loop to be deleted, and a screenshot has none running."""
    from PySide6.QtWidgets import QApplication, QLabel

    from kiosk.i18n import translator
    from kiosk.services.desk import LeaderboardRow
    from kiosk.ui.screens.leaderboard import LeaderboardScreen

    board = LeaderboardScreen()
    qtbot.addWidget(board)
    board.retranslate(translator("en"))
    board.show()
    rows = [LeaderboardRow(1, "Mira T.", "Zentrum Nord", 3, "g1"), LeaderboardRow(2, "Ole K.", "", 2, "g2")]
    board.set_rows(rows, rows)
    QApplication.processEvents()  # as a screenshot settles: no event loop runs, nothing deleted later is
    shown = [w.text() for w in board.findChildren(QLabel) if w.isVisible()]
    assert "No contacts yet. Be the first!" not in shown and shown.count("Mira T.") == 2
