"""'My tables', its name search and the ticks as the accessibility tests check every guest screen: all
text 4.5:1 against its painted background in every look and orientation, nothing cut off at normal and
double text size, every control named for a screen reader, all of it within reach in low-reach mode,
and the ticks done with a keyboard alone (Tab in reading order, Enter toggles a tile, Escape goes back)."""

from __future__ import annotations

import pytest
from accessibility_support import clipping_problems, contrast_problems
from PySide6.QtCore import Qt
from test_accessibility_keyboard import focused, key, tab_to
from test_accessibility_names import unnamed
from test_accessibility_reach import out_of_reach
from test_staff_rounds import open_rounds
from test_tables import planned_kiosk

from kiosk.ui.accessibility.modes import AccessMode

MODES = {"normal": AccessMode(), "high-contrast": AccessMode(high_contrast=True),
         "large-text": AccessMode(large_text=True)}
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def kiosk_in(make_kiosk, clock, mode: AccessMode, size):
    kiosk, session, guests, rounds = planned_kiosk(make_kiosk, clock, started=1, at=(13, 5), size=size)
    kiosk.kiosk.access.modes.set_home(mode)  # as staff set it: going home keeps it
    kiosk.settle()
    guest = next(g for g in guests if g.consent_contacts)
    return kiosk, guest


def each_screen(kiosk, guest):
    """Every screen of 'my tables' with content: the prompt, the search with names, the tables, the ticks."""
    router = kiosk.kiosk.router
    router.go_home()
    kiosk.tap("tablesButton")
    yield "prompt"
    kiosk.tap("tablesSearch")
    kiosk.kiosk.tables.search.set_query(guest.last_name[:3].lower())
    kiosk.settle()
    yield "search"
    router.go_home()
    kiosk.tap("tablesButton")
    kiosk.wait_for_scan_window()
    kiosk.scan(kiosk.desk.badge_token(guest))
    assert kiosk.current == "tables"
    yield "tables"
    kiosk.tap("tablesTicks")
    kiosk.tap(kiosk.kiosk.tables.ticks.tiles[0])
    yield "ticks"


def problems_on_each(kiosk, guest, check) -> list[str]:
    found = []
    for name in each_screen(kiosk, guest):
        kiosk.qtbot.wait(50)  # a layout pass for what the last step showed
        for root in (kiosk.window.header, kiosk.window.current_screen):
            found += [f"{name}: {problem}" for problem in check(root)]
    return found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", MODES)
def test_every_text_has_contrast_from_its_painted_pixels(make_kiosk, clock, mode, size):
    kiosk, guest = kiosk_in(make_kiosk, clock, MODES[mode], SIZES[size])
    problems = problems_on_each(kiosk, guest, contrast_problems)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["normal", "large-text"])
def test_no_text_is_cut_off(make_kiosk, clock, mode, size):
    kiosk, guest = kiosk_in(make_kiosk, clock, MODES[mode], SIZES[size])
    problems = problems_on_each(kiosk, guest, clipping_problems)
    assert not problems, "\n".join(problems)


def test_every_control_has_a_name_and_role(make_kiosk, clock):
    kiosk, guest = kiosk_in(make_kiosk, clock, AccessMode(), SIZES["landscape"])
    problems = problems_on_each(kiosk, guest, unnamed)
    tile = kiosk.kiosk.tables.ticks.tiles[0]
    assert tile.isChecked() and tile.accessibleName() == ", ".join(
        t for t in (tile.choice.name, tile.choice.organization, "ausgewählt") if t)
    assert not problems, problems


def test_the_staff_page_controls_have_names(make_kiosk, clock):
    kiosk, _ = kiosk_in(make_kiosk, clock, AccessMode(), SIZES["landscape"])
    page = open_rounds(kiosk)
    assert not unnamed(page)
    assert kiosk.find("roundsTableSizeLess").accessibleName() == "Personen pro Tisch: weniger"


def test_in_low_reach_every_control_is_in_the_lower_part(make_kiosk, clock):
    kiosk, guest = kiosk_in(make_kiosk, clock, AccessMode(low_reach=True), SIZES["portrait"])
    problems = problems_on_each(kiosk, guest, lambda root: out_of_reach(kiosk, [root]) if root is not
                                kiosk.window.header else [])
    assert not problems, problems


def test_the_ticks_with_the_keyboard_alone(make_kiosk, clock):
    kiosk, guest = kiosk_in(make_kiosk, clock, AccessMode(), SIZES["landscape"])
    tab_to(kiosk, "tablesButton")
    key(kiosk, Qt.Key.Key_Return)
    assert kiosk.current == "tables"
    kiosk.scan(kiosk.desk.badge_token(guest))
    tab_to(kiosk, "tablesTicks")
    key(kiosk, Qt.Key.Key_Return)
    assert kiosk.current == "ticks"
    tiles = kiosk.kiosk.tables.ticks.tiles
    order = []
    for _ in range(len(tiles) + 6):
        key(kiosk, Qt.Key.Key_Tab)
        order.append(focused(kiosk))
    assert [name for name in order if name.startswith("mate-")][:len(tiles)] == [t.objectName() for t in tiles], order
    tab_to(kiosk, tiles[1].objectName())
    key(kiosk, Qt.Key.Key_Return)
    assert tiles[1].isChecked() and not tiles[0].isChecked()
    assert kiosk.shown_text("ticksCount") == "1 Person ausgewählt"
    key(kiosk, Qt.Key.Key_Escape)
    assert kiosk.current == "tables"
