"""The big screen's look: the kiosk's navy, white and gold, turned around for a projector (light text
on a dark ground does not wash out in a lit hall), and every size scaled with the screen.

Sizes are written for 1920 x 1080; `unit` is how much bigger the screen is (2.0 on 3840 x 2160),
taken from the height, or from the width on a screen narrower than 16:9, so nothing runs off.
"""

from __future__ import annotations

from PySide6.QtGui import QFont

from kiosk.ui import style

DESIGN_WIDTH, DESIGN_HEIGHT = 1920, 1080

GROUND = style.NAVY
GROUND_DEEP = "#071A33"
PANEL = "rgba(255, 255, 255, 16)"
PANEL_EDGE = "rgba(255, 255, 255, 34)"
TEXT = "#FFFFFF"
MUTED = "#A9BCD6"  # 7.6:1 on the navy ground
ACCENT = "#7DBBFF"  # the counts and times: 7.9:1
GOLD = "#F5C451"  # the champion: 9.6:1
GOLD_TINT = "rgba(245, 196, 81, 46)"
ACCENT_SOLID = "#2F7BD0"  # bars and the progress bar


def unit_for(width: int, height: int) -> float:
    return max(0.25, min(height / DESIGN_HEIGHT, width / DESIGN_WIDTH))


def px(value: float, unit: float) -> int:
    return max(1, round(value * unit))


# role: (pixels at 1920 x 1080, bold, colour)
ROLES = {
    "event": (40, True, TEXT),
    "eventDay": (26, False, MUTED),
    "clock": (56, True, TEXT),
    "panelTitle": (24, True, MUTED),
    "rank": (30, True, MUTED),
    "name": (30, True, TEXT),
    "org": (20, False, MUTED),
    "count": (36, True, ACCENT),
    "empty": (28, False, MUTED),
    "note": (18, False, MUTED),
    "now": (40, True, TEXT),
    "nowTime": (26, True, ACCENT),
    "next": (28, False, TEXT),
    "nextTime": (24, True, ACCENT),
    "bigNumber": (120, True, TEXT),
    "caption": (26, False, MUTED),
    "roundTitle": (30, True, MUTED),
    "roundNumber": (64, True, TEXT),
    "countdown": (136, True, TEXT),
    "countdownCompact": (80, True, TEXT),
    "countdownNote": (30, True, GOLD),
}


def font(pixels: float, unit: float, bold: bool = False) -> QFont:
    value = QFont(style.FONT_FAMILY)
    value.setPixelSize(px(pixels, unit))
    value.setBold(bold)
    return value


def stylesheet(unit: float) -> str:
    rules = [f"#bigScreen {{ background: qlineargradient(x1:0, y1:0, x2:0, y2:1, stop:0 {GROUND}, "
             f"stop:1 {GROUND_DEEP}); }}",
             f"QLabel {{ font-family: \"{style.FONT_FAMILY}\"; background: transparent; }}",
             f"#panel {{ background: {PANEL}; border: {px(2, unit)}px solid {PANEL_EDGE}; "
             f"border-radius: {px(28, unit)}px; }}",
             f"#championRow {{ background: {GOLD_TINT}; border: {px(2, unit)}px solid {GOLD}; "
             f"border-radius: {px(16, unit)}px; }}",
             f"#championRow QLabel[role=\"name\"], #championRow QLabel[role=\"count\"], "
             f"#championRow QLabel[role=\"rank\"] {{ color: {GOLD}; }}",
             f"#championRow QLabel[role=\"name\"] {{ font-size: {px(34, unit)}px; }}"]
    for role, (size, bold, colour) in ROLES.items():
        weight = "bold" if bold else "normal"
        spacing = f" letter-spacing: {px(3, unit)}px;" if role == "panelTitle" else ""
        rules.append(f"QLabel[role=\"{role}\"] {{ font-size: {px(size, unit)}px; font-weight: {weight}; "
                     f"color: {colour};{spacing} }}")
    return "\n".join(rules)
