"""The kiosk's look: one font family, sizes readable from 60 cm, and its variants.

A `Look` is a palette and a text scale. The normal look, high contrast (light on black) and large text
(every font size twice as big) are the same style sheet written out with other numbers, applied to the
running application (`apply_look`): nothing restarts, every widget is re-polished.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.i18n import ASSETS

FONT_FAMILY = "DejaVu Sans"

# The normal palette by name; staff mode and the big screen use these directly.
NAVY = "#0B2545"
PRIMARY = "#0057A8"       # white text on it: 7.0:1
PRIMARY_DARK = "#003F7D"
SUCCESS = "#0B6B45"       # 6.5:1 with white
SUCCESS_BG = "#E3F4EC"
WARNING_TEXT = "#7A4500"  # 7.3:1 on WARNING_BG
WARNING_BG = "#FFF1D6"
ERROR = "#A61B1B"         # 7.0:1 with white
ERROR_BG = "#FCE8E8"
INK = "#14213D"
MUTED = "#4A5568"         # 7.4:1 on white
PAPER = "#F3F5F9"
CARD = "#FFFFFF"
LINE = "#D5DCE6"
GOLD = "#8A6100"          # 5.2:1 on white, for the champion


@dataclass(frozen=True)
class Palette:
    paper: str = PAPER
    card: str = CARD
    card_border: str = LINE
    ink: str = INK
    muted: str = MUTED
    heading: str = NAVY
    line: str = LINE
    primary: str = PRIMARY          # primary buttons' fill, secondary buttons' text and border
    on_primary: str = "#FFFFFF"
    primary_text: str = PRIMARY     # a primary-coloured word on the card (quiet buttons, secondary)
    pressed: str = "#DCE8F5"
    primary_pressed: str = PRIMARY_DARK
    key: str = CARD
    key_wide: str = "#E6EBF2"
    success: str = SUCCESS
    success_bg: str = SUCCESS_BG
    warning_text: str = WARNING_TEXT
    warning_bg: str = WARNING_BG
    error: str = ERROR
    error_bg: str = ERROR_BG
    on_sign: str = "#FFFFFF"        # the symbol on a message's coloured sign
    gold: str = GOLD
    header: str = NAVY
    header_text: str = "#FFFFFF"
    header_muted: str = "#D8E2F0"
    header_line: str = NAVY
    header_button: str = "#8FA7C8"
    # Keyboard focus as GOV.UK draws it: yellow under black text with a black frame, on every control.
    focus: str = "#FFD400"
    on_focus: str = "#0B0C0C"
    focus_frame: str = "#0B0C0C"


NORMAL = Palette()
# Light on black, nothing grey: every text 10:1 or more, every control framed in white.
HIGH_CONTRAST = Palette(
    paper="#000000", card="#000000", card_border="#FFFFFF", ink="#FFFFFF", muted="#FFFFFF",
    heading="#FFFFFF", line="#FFFFFF", primary="#FFFFFF", on_primary="#000000", primary_text="#FFFF66",
    pressed="#333333", primary_pressed="#C8C8C8", key="#000000", key_wide="#1A1A1A",
    success="#5CFF9D", success_bg="#000000", warning_text="#FFD84D", warning_bg="#000000",
    error="#FF9C9C", error_bg="#000000", on_sign="#000000", gold="#FFD84D", header="#000000",
    header_text="#FFFFFF", header_muted="#FFFFFF", header_line="#FFFFFF", header_button="#FFFFFF",
    focus="#FFFF00", on_focus="#000000", focus_frame="#FFFFFF")


@dataclass(frozen=True)
class Look:
    palette: Palette = NORMAL
    scale: float = 1.0  # every font size times this; 2.0 is the large-text mode

    def px(self, size: float) -> int:
        """A font size in this look: scaled, but headlines already big stop at HEADLINE_CAP."""
        return round(min(size * self.scale, max(size, HEADLINE_CAP)))

    def header_px(self, size: float) -> int:
        """The event's name and the header's buttons grow by half at most: at twice the size they would
        not fit side by side on a portrait screen (both stay above 0.7 degrees at 60 cm, EN 301 549 5.1.4)."""
        return round(size * min(self.scale, 1.5))


HEADLINE_CAP = 96  # 'Herzlich willkommen!' at 2 x 64 px would not fit a portrait screen's card


LARGE_TEXT_SCALE = 2.0
_current = Look()


def current() -> Look:
    """The look the application shows now (painted widgets read their colours from it)."""
    return _current


def look_for(high_contrast: bool, large_text: bool) -> Look:
    return Look(HIGH_CONTRAST if high_contrast else NORMAL, LARGE_TEXT_SCALE if large_text else 1.0)


def _buttons(p: Palette, px, hpx) -> str:
    def role(name: str, body: str, pressed: str = "", focus_padding: str = "") -> str:
        # Focus keeps the button's size: the frame takes the place of the padding it covers.
        rule = f'QPushButton[role="{name}"] {{ {body} }}\n'
        if pressed:
            rule += f'QPushButton[role="{name}"]:pressed {{ {pressed} }}\n'
        rule += (f'QPushButton[role="{name}"]:focus {{ background: {p.focus}; color: {p.on_focus}; '
                 f'border: 5px solid {p.focus_frame}; {focus_padding} }}\n')
        return rule

    big = f"padding: 18px 36px; font-size: {px(30)}px; font-weight: bold; min-height: 72px;"
    return "".join((
        f"QPushButton {{ border: none; border-radius: 20px; {big} }}\n",
        role("primary", f"background: {p.primary}; color: {p.on_primary};", f"background: {p.primary_pressed};",
             "padding: 13px 31px;"),
        role("secondary", f"background: {p.card}; color: {p.primary_text}; border: 3px solid {p.primary_text};",
             f"background: {p.pressed};", "padding: 16px 34px;"),
        role("quiet", f"background: transparent; color: {p.primary_text}; text-decoration: underline; "
                      "font-weight: normal;", "", "padding: 13px 31px;"),
        role("danger", f"background: {p.error}; color: {p.on_sign};", "", "padding: 13px 31px;"),
        role("lang", f"background: transparent; color: {p.header_text}; border: 2px solid {p.header_button}; "
                     f"border-radius: 16px; font-size: {hpx(24)}px; padding: 8px 22px; min-height: 56px;", "",
             "padding: 5px 19px;"),
        # A key is 78 px wide, in large text 72 (a 'W' at 64 px needs 71): eleven keys side by side
        # fit a portrait screen beside the reflow's scroll bar.
        role("key", f"background: {p.key}; color: {p.ink}; border: 1px solid {p.line}; "
                    f"border-bottom: 4px solid {p.line}; border-radius: 14px; font-size: {px(32)}px; "
                    f"padding: 0; min-height: 84px; min-width: {78 if px(32) == 32 else 72}px;",
             f"background: {p.pressed}; border-bottom-width: 1px;"),
        role("key-wide", f"background: {p.key_wide}; color: {p.ink}; border: 1px solid {p.line}; "
                         f"border-bottom: 4px solid {p.line}; border-radius: 14px; font-size: {px(28)}px; "
                         f"padding: 0 20px; min-height: 84px;",
             f"background: {p.pressed};", "padding: 0 16px;"),
        role("result", f"background: {p.card}; border: 2px solid {p.line}; border-radius: 20px; "
                       "text-align: left; padding: 0; font-weight: normal;",  # its height: search.ResultButton
             f"background: {p.pressed}; border-color: {p.primary_text};"),
    ))


def stylesheet(look: Look = Look()) -> str:
    p, px = look.palette, look.px
    return f"""
QWidget {{ font-family: "{FONT_FAMILY}"; color: {p.ink}; font-size: {px(26)}px; }}
QMainWindow, #screen {{ background: {p.paper}; }}
#header {{ background: {p.header}; border-bottom: 3px solid {p.header_line}; }}
#header QLabel {{ color: {p.header_text}; }}
#eventName {{ font-size: {look.header_px(34)}px; font-weight: bold; }}
#eventDay {{ font-size: {px(24)}px; color: {p.header_muted}; }}
#card {{ background: {p.card}; border: 2px solid {p.card_border}; border-radius: 28px; }}
QLabel[role="hero"] {{ font-size: {px(64)}px; font-weight: bold; color: {p.heading}; }}
QLabel[role="title"] {{ font-size: {px(46)}px; font-weight: bold; color: {p.heading}; }}
QLabel[role="name"] {{ font-size: {px(72)}px; font-weight: bold; color: {p.heading}; }}
QLabel[role="subtitle"] {{ font-size: {px(32)}px; color: {p.muted}; }}
QLabel[role="body"] {{ font-size: {px(28)}px; color: {p.ink}; }}
QLabel[role="muted"] {{ font-size: {px(24)}px; color: {p.muted}; }}
QLabel[role="small"] {{ font-size: {px(20)}px; color: {p.muted}; }}
QLabel[role="section"] {{ font-size: {px(26)}px; font-weight: bold; color: {p.muted}; letter-spacing: 2px; }}
QLabel[role="status"] {{ font-size: {px(28)}px; color: {p.ink}; background: {p.paper}; border-radius: 18px;
                         padding: 18px 24px; }}
QLabel[role="query"] {{ font-size: {px(40)}px; color: {p.ink}; background: {p.card};
                        border: 3px solid {p.primary_text}; border-radius: 18px; padding: 14px 24px; }}
QLabel[role="query"][empty="true"] {{ color: {p.muted}; font-size: {px(28)}px; border-color: {p.line}; }}
QLabel[role="query"]:focus {{ border: 5px solid {p.focus_frame}; padding: 12px 22px; }}
QLabel[strong="true"] {{ font-weight: bold; }}
QLabel[accent="gold"] {{ color: {p.gold}; }}
QLabel[accent="muted"] {{ color: {p.muted}; }}
QLabel[tone="none"] {{ background: transparent; }}
QLabel[tone="success"] {{ background: {p.success_bg}; color: {p.success}; }}
QLabel[tone="warning"] {{ background: {p.warning_bg}; color: {p.warning_text}; }}
QLabel[tone="error"] {{ background: {p.error_bg}; color: {p.error}; }}
QLabel[onFocus="true"] {{ color: {p.on_focus}; }}
{_buttons(p, px, look.header_px)}
QLineEdit {{ background: {p.card}; color: {p.ink}; border: 2px solid {p.line}; border-radius: 16px;
             padding: 14px 20px; font-size: {px(32)}px; }}
QLineEdit:focus {{ border: 5px solid {p.primary_text}; padding: 11px 17px; }}
QProgressBar {{ background: {p.line}; border: none; border-radius: 6px; max-height: 12px; }}
QProgressBar::chunk {{ background: {p.primary_text}; border-radius: 6px; }}
QScrollArea[focusable="true"]:focus {{ border: 5px solid {p.focus_frame}; border-radius: 20px; }}
QTableView {{ font-size: 20px; background: {CARD}; gridline-color: {LINE}; }}
QHeaderView::section {{ font-size: 18px; font-weight: bold; background: {PAPER}; padding: 8px;
                        border: none; border-bottom: 2px solid {LINE}; }}
QTabBar::tab {{ font-size: 22px; padding: 14px 28px; }}
"""


STYLESHEET = stylesheet()


def load_fonts() -> None:
    for path in sorted((ASSETS / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


def apply_style(app: QApplication) -> None:
    load_fonts()
    app.setFont(QFont(FONT_FAMILY, 14))
    apply_look(app, Look())


def apply_look(app: QApplication, look: Look) -> None:
    """Show every widget in `look` now: the style sheet is replaced and Qt re-polishes the widgets."""
    global _current
    if look != _current or app.styleSheet() == "":
        _current = look
        app.setStyleSheet(stylesheet(look))


def icon_path(name: str) -> Path:
    return ASSETS / "icons" / name
