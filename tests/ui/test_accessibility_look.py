"""Every guest screen in every look (normal, high contrast, large text) and both orientations: all
text at least 4.5:1 against what is painted behind it (read from the rendered pixels), and no text
cut off (its font's metrics against the room it has); large text is twice the normal size."""

from __future__ import annotations

import pytest
from accessibility_support import GUEST_SCREENS, clipping_problems, contrast_problems, shown_texts, visit
from PySide6.QtWidgets import QLabel

from kiosk.ui.accessibility.modes import AccessMode

MODES = {"normal": AccessMode(), "high-contrast": AccessMode(high_contrast=True),
         "large-text": AccessMode(large_text=True)}
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def kiosk_in(make_kiosk, mode: AccessMode, size):
    kiosk = make_kiosk(size=size)
    kiosk.kiosk.access.modes.set_home(mode)  # as staff set it: going home keeps it
    kiosk.settle()
    return kiosk


def each_screen(kiosk):
    for name in GUEST_SCREENS:
        kiosk.kiosk.router.go_home()
        visit(kiosk, name)
        roots = [kiosk.window.header, kiosk.window.current_screen]
        yield name, roots


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", MODES)
def test_every_text_has_contrast_from_its_painted_pixels(make_kiosk, mode, size):
    kiosk = kiosk_in(make_kiosk, MODES[mode], SIZES[size])
    problems = [f"{name}: {problem}" for name, roots in each_screen(kiosk)
                for root in roots for problem in contrast_problems(root)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("mode", "size"), [("normal", "landscape"), ("normal", "portrait"),
                                           ("large-text", "landscape"), ("large-text", "portrait")])
def test_no_text_is_cut_off(make_kiosk, mode, size):
    kiosk = kiosk_in(make_kiosk, MODES[mode], SIZES[size])
    problems = [f"{name}: {problem}" for name, roots in each_screen(kiosk)
                for root in roots for problem in clipping_problems(root)]
    assert not problems, "\n".join(problems)


def test_large_text_doubles_every_text_up_to_headline_size(make_kiosk):
    kiosk = make_kiosk()
    visit(kiosk, "search")
    normal = {id(w): w.font().pixelSize() for w in shown_texts(kiosk.window.current_screen)}
    kiosk.kiosk.access.modes.toggle_large_text()
    kiosk.settle()
    widgets = shown_texts(kiosk.window.current_screen)
    assert len(widgets) > 40 and normal
    for widget in widgets:
        if id(widget) in normal:
            before, after = normal[id(widget)], widget.font().pixelSize()
            assert after >= min(2 * before, 96) and after >= before, (widget.objectName(), before, after)


def test_the_contrast_check_sees_text_that_is_too_light(make_kiosk):
    kiosk = make_kiosk()
    hero = kiosk.find("welcomeHero", QLabel)
    hero.setStyleSheet("color: #B8C0CC;")  # light grey on white: 1.8:1
    kiosk.settle()
    assert any("welcomeHero" in p for p in contrast_problems(kiosk.window.current_screen))


def test_the_clipping_check_sees_a_cut_label(make_kiosk):
    kiosk = make_kiosk()
    hero = kiosk.find("welcomeHero", QLabel)
    hero.setFixedWidth(200)
    kiosk.settle()
    assert any("welcomeHero" in p for p in clipping_problems(kiosk.window.current_screen))
