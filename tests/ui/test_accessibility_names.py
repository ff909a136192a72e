"""A screen reader can read every control: through Qt's accessibility interface (what AT-SPI hands
to Orca) every button, field and focusable control on every guest screen, the header, the overlays
and staff mode has a name and the role of what it is."""

from __future__ import annotations

import pytest
from accessibility_support import GUEST_SCREENS, visit
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

from kiosk.ui.accessibility.focus import is_control

ROLES = {QAbstractButton: {QAccessible.Role.Button, QAccessible.Role.CheckBox},
         QLineEdit: {QAccessible.Role.EditableText}}


def unnamed(root: QWidget) -> list[str]:
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not (is_control(widget) or isinstance(widget, QAbstractButton)):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name).strip() if face is not None else ""
        where = widget.objectName() or type(widget).__name__
        if not name:
            problems.append(f"{where}: no name")
        for kind, roles in ROLES.items():
            if isinstance(widget, kind) and face.role() not in roles:
                problems.append(f"{where}: role {face.role()}")
    return problems


@pytest.mark.parametrize("screen", GUEST_SCREENS)
def test_every_control_of_a_guest_screen_has_a_name_and_role(kiosk, screen):
    visit(kiosk, screen)
    problems = unnamed(kiosk.window.current_screen) + unnamed(kiosk.window.header)
    assert not problems, problems


def test_the_overlays_controls_have_names(kiosk):
    access = kiosk.kiosk.access
    access.panel.open()
    assert not unnamed(access.panel)
    access.panel.hide()
    kiosk.tap("searchButton")
    access.warning.start(20)
    assert not unnamed(access.warning)


def test_staff_mode_controls_have_names(kiosk):
    kiosk.kiosk.staff_login.enter_staff_mode()
    kiosk.settle()
    assert kiosk.current == "staff"
    problems = unnamed(kiosk.window.current_screen)
    assert not problems, problems


def test_a_nameless_control_is_found(kiosk):
    key = kiosk.screens.search.keyboard.backspace_key
    key.setAccessibleName("")
    key.setText("")
    kiosk.tap("searchButton")
    assert any("key-backspace" in p for p in unnamed(kiosk.window.current_screen))
