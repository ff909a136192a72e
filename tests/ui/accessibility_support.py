"""What the accessibility tests share: a walk to every guest screen, and reading text colours and
sizes from what is painted (contrast from pixels, clipping from font metrics)."""

from __future__ import annotations

from array import array
from collections import Counter

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QStyle, QStyleOptionButton, QWidget
from ui_support import FIRST_DAY, first_visitors

GUEST_SCREENS = ("welcome", "search", "confirm", "consent", "badge_preview", "message", "contact",
                 "leaderboard", "walk_in", "pin")


def visit(kiosk, name: str) -> None:
    """Bring the kiosk (a ui_support.Driver on the welcome screen) to one guest screen with content."""
    guest = [g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts][0]
    if name in ("search", "confirm"):
        kiosk.tap("searchButton")
        kiosk.tap_keys("mü")
        if name == "confirm":
            kiosk.tap("result-0")
    elif name in ("consent", "badge_preview", "message"):
        kiosk.scan(guest.ticket_code)
        if name != "consent":
            kiosk.tap("consentYes")
        if name == "message":
            kiosk.print_previewed_badge()
            kiosk.screens.message.hold()
    elif name in ("contact", "leaderboard", "walk_in"):
        kiosk.tap({"contact": "contactButton", "leaderboard": "leaderboardButton", "walk_in": "walkInButton"}[name])
    elif name == "pin":
        kiosk.kiosk.staff_login.open()
    kiosk.settle()
    kiosk.qtbot.wait(50)  # a layout pass for what the last step showed


def shown_texts(root: QWidget) -> list[QWidget]:
    """Visible labels and buttons with text under root (a screen, the header, an overlay)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text().strip() and widget.pixmap().isNull():
            found.append(widget)
        elif isinstance(widget, QPushButton) and QPushButton.text(widget).strip():
            found.append(widget)
    return found


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_area(widget: QWidget) -> QRect:
    """Where the widget draws its text: a label's contents, a button's contents (no padding, border)."""
    if isinstance(widget, QPushButton):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        return widget.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
    return widget.contentsRect()


def painted_colours(image: QImage, pixels: array, area: QRect) -> tuple[QColor, QColor, int]:
    """The background (the commonest colour) and the text (the commonest colour that stands out from
    it) of an area of a rendered image, and how many pixels of text there are."""
    counts: Counter = Counter()
    area = area.intersected(image.rect())
    for y in range(area.top(), area.bottom() + 1):
        start = y * image.width()
        counts.update(pixels[start + area.left():start + area.right() + 1])
    if not counts:
        return QColor(), QColor(), 0
    background = QColor(counts.most_common(1)[0][0])
    ink = Counter({rgb: n for rgb, n in counts.items() if ratio(QColor(rgb), background) >= 1.5})
    if not ink:
        return background, background, 0
    rgb, _ = ink.most_common(1)[0]
    return background, QColor(rgb), sum(ink.values())


def _pixels(image: QImage) -> array:
    """The image's pixels as 0xRRGGBB numbers, row after row."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    words = array("I", bytes(rgb.constBits())[:rgb.width() * rgb.height() * 4])
    return array("I", (w & 0xFFFFFF for w in words))


def contrast_problems(root: QWidget) -> list[str]:
    """Every text under root whose painted colour has less than 4.5:1 against its painted background."""
    image = root.grab().toImage()
    pixels = _pixels(image)
    problems = []
    for widget in shown_texts(root):
        if not in_view(widget, root):
            continue  # a list's row out of sight is not painted until it is scrolled to
        area = text_area(widget).translated(widget.mapTo(root, widget.rect().topLeft()))
        background, ink, amount = painted_colours(image, pixels, area)
        name = widget.objectName() or _text(widget)[:30]
        if amount < 10:
            problems.append(f"{name}: no text painted in {area.width()}x{area.height()} at {area.x()},{area.y()}")
        elif ratio(background, ink) < 4.5:
            problems.append(f"{name}: {ink.name()} on {background.name()} = {ratio(background, ink):.2f}:1")
    return problems


def _text(widget: QWidget) -> str:
    return QPushButton.text(widget) if isinstance(widget, QPushButton) else widget.text()


def clipping_problems(root: QWidget) -> list[str]:
    """Every text under root that needs more room than it has (font metrics against its area), or
    that sticks out of a parent that cuts it off (a scroll area's list may go on out of sight)."""
    problems = []
    for widget in shown_texts(root):
        area, text = text_area(widget), _text(widget)
        metrics = QFontMetrics(widget.font())
        wraps = isinstance(widget, QLabel) and widget.wordWrap()
        flags = Qt.TextFlag.TextWordWrap if wraps else 0
        needed = metrics.boundingRect(QRect(0, 0, area.width(), 100000), flags, text)
        name = widget.objectName() or text[:30]
        # A word too long for its line makes the bounding rect wider than the room given.
        if needed.height() > area.height() + 1 or needed.width() > area.width() + 1:
            problems.append(f"{name}: needs {needed.width()}x{needed.height()}, has {area.width()}x{area.height()}")
        outside = _cut_by_parent(widget, root)
        if outside:
            problems.append(f"{name}: cut off by {outside}")
    return problems


def in_view(widget: QWidget, root: QWidget) -> bool:
    """Not scrolled out of a list's view (a scroll area between the widget and root)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent.parentWidget(), QScrollArea):
            corner = widget.mapTo(parent, widget.rect().topLeft())
            if not parent.rect().contains(widget.rect().translated(corner)):
                return False
        parent = parent.parentWidget()
    return True


def _cut_by_parent(widget: QWidget, root: QWidget) -> str:
    rect, child, parent = widget.rect(), widget, widget.parentWidget()
    while parent is not None and child is not root:
        if isinstance(parent.parentWidget(), QScrollArea):
            return ""  # a scroll area's content goes on out of sight: it scrolls
        rect = rect.translated(child.pos())
        if not parent.rect().adjusted(-1, -1, 1, 1).contains(rect):
            return parent.objectName() or type(parent).__name__
        child, parent = parent, parent.parentWidget()
    return ""
