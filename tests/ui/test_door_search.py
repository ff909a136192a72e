"""The name search lists every match, best first, in a list that scrolls by dragging."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from kiosk.core.search import SearchIndex


def visible_results(kiosk) -> list[QPushButton]:
    return [b for b in kiosk.screens.search.result_buttons if b.isVisible()]


def all_matches(kiosk, query: str) -> list[str]:
    return [hit.name for hit in SearchIndex(kiosk.store.guests()).search(query, 10_000)]


def drag_up(kiosk, pixels: int) -> None:
    """A finger (here the left mouse button) pressed on the list, moved up, and lifted: sent to the
    window as the system sends them, so Qt's gesture recognition sees them as it would a person's."""
    viewport = kiosk.screens.search.results_view.viewport()
    window = kiosk.window.windowHandle()
    start = viewport.mapTo(kiosk.window, QPoint(viewport.width() // 2, viewport.height() - 20))
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 21):
        QTest.mouseMove(window, start - QPoint(0, pixels * step // 20), 10)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start - QPoint(0, pixels), 10)
    kiosk.settle()


@pytest.mark.parametrize("query", ["weiß", "mü"])
def test_every_match_is_listed_best_first(kiosk, query):
    expected = all_matches(kiosk, query)
    assert len(expected) > 5  # more than the five the search used to show

    kiosk.tap("searchButton")
    kiosk.tap_keys(query)

    assert [b.text().split("\n")[0] for b in visible_results(kiosk)] == expected


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_dragging_the_list_brings_the_last_name_into_reach(make_kiosk, size):
    kiosk = make_kiosk(size=size)
    kiosk.tap("searchButton")
    kiosk.tap_keys("m")
    results = visible_results(kiosk)
    view = kiosk.screens.search.results_view
    last = results[-1]
    assert len(results) > 12 and last.visibleRegion().isEmpty()  # more than one screenful

    for _ in range(30):
        if not last.visibleRegion().isEmpty():
            break
        drag_up(kiosk, view.viewport().height() // 2)

    assert view.verticalScrollBar().value() > 0
    assert not kiosk.find("confirmYes").isVisible()  # a drag that ends on a name is no tap on it
    assert not last.visibleRegion().isEmpty()
    name = last.text().split("\n")[0]
    kiosk.settle()
    kiosk.tap(last)
    assert kiosk.text("confirmName") == name


def test_the_list_uses_the_height_above_the_keyboard_in_portrait(make_kiosk):
    kiosk = make_kiosk(size=(1080, 1920))
    kiosk.tap("searchButton")
    kiosk.tap_keys("m")
    screen = kiosk.screens.search
    view_bottom = screen.results_view.mapTo(screen, QPoint(0, screen.results_view.height())).y()
    query_top = screen.query_label.mapTo(screen, QPoint(0, 0)).y()
    assert query_top - view_bottom < 160  # the hint line and spacing, no empty band
    assert len([b for b in visible_results(kiosk) if not b.visibleRegion().isEmpty()]) >= 7
