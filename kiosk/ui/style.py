"""The kiosk's look: one palette, one font family, sizes readable from 60 cm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.i18n import ASSETS

FONT_FAMILY = "DejaVu Sans"

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

STYLESHEET = f"""
QWidget {{ font-family: "{FONT_FAMILY}"; color: {INK}; font-size: 26px; }}
QMainWindow, #screen {{ background: {PAPER}; }}
#header {{ background: {NAVY}; }}
#header QLabel {{ color: white; }}
#eventName {{ font-size: 34px; font-weight: bold; }}
#eventDay {{ font-size: 24px; color: #D8E2F0; }}
#card {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 28px; }}
QLabel[role="hero"] {{ font-size: 64px; font-weight: bold; color: {NAVY}; }}
QLabel[role="title"] {{ font-size: 46px; font-weight: bold; color: {NAVY}; }}
QLabel[role="name"] {{ font-size: 72px; font-weight: bold; color: {NAVY}; }}
QLabel[role="subtitle"] {{ font-size: 32px; color: {MUTED}; }}
QLabel[role="body"] {{ font-size: 28px; color: {INK}; }}
QLabel[role="muted"] {{ font-size: 24px; color: {MUTED}; }}
QLabel[role="section"] {{ font-size: 26px; font-weight: bold; color: {MUTED}; letter-spacing: 2px; }}
QLabel[role="status"] {{ font-size: 28px; color: {INK}; background: {PAPER}; border-radius: 18px;
                         padding: 18px 24px; }}
QLabel[role="query"] {{ font-size: 40px; color: {INK}; background: {CARD}; border: 3px solid {PRIMARY};
                        border-radius: 18px; padding: 14px 24px; }}
QLabel[role="query"][empty="true"] {{ color: {MUTED}; font-size: 28px; border-color: {LINE}; }}
QLabel[tone="none"] {{ background: transparent; }}
QLabel[tone="success"] {{ background: {SUCCESS_BG}; color: {SUCCESS}; }}
QLabel[tone="warning"] {{ background: {WARNING_BG}; color: {WARNING_TEXT}; }}
QLabel[tone="error"] {{ background: {ERROR_BG}; color: {ERROR}; }}
QPushButton {{ border: none; border-radius: 20px; padding: 18px 36px; font-size: 30px; font-weight: bold;
               min-height: 72px; }}
QPushButton[role="primary"] {{ background: {PRIMARY}; color: white; }}
QPushButton[role="primary"]:pressed {{ background: {PRIMARY_DARK}; }}
QPushButton[role="secondary"] {{ background: {CARD}; color: {PRIMARY}; border: 3px solid {PRIMARY}; }}
QPushButton[role="secondary"]:pressed {{ background: #DCE8F5; }}
QPushButton[role="quiet"] {{ background: transparent; color: {PRIMARY}; text-decoration: underline;
                             font-weight: normal; }}
QPushButton[role="danger"] {{ background: {ERROR}; color: white; }}
QPushButton[role="lang"] {{ background: transparent; color: white; border: 2px solid #8FA7C8;
                            border-radius: 16px; font-size: 24px; padding: 8px 22px; min-height: 56px; }}
QPushButton[role="key"] {{ background: {CARD}; color: {INK}; border: 1px solid {LINE};
                           border-bottom: 4px solid {LINE}; border-radius: 14px; font-size: 32px;
                           padding: 0; min-height: 84px; min-width: 78px; }}
QPushButton[role="key"]:pressed {{ background: #DCE8F5; border-bottom-width: 1px; }}
QPushButton[role="key-wide"] {{ background: #E6EBF2; color: {INK}; border: 1px solid {LINE};
                                border-bottom: 4px solid {LINE}; border-radius: 14px; font-size: 28px;
                                padding: 0 20px; min-height: 84px; }}
QPushButton[role="key-wide"]:pressed {{ background: #DCE8F5; }}
QPushButton[role="result"] {{ background: {CARD}; border: 2px solid {LINE}; border-radius: 20px;
                              text-align: left; padding: 0; font-weight: normal; min-height: 96px; }}
QPushButton[role="result"]:pressed {{ background: #DCE8F5; border-color: {PRIMARY}; }}
QLineEdit {{ background: {CARD}; border: 2px solid {LINE}; border-radius: 16px; padding: 14px 20px;
             font-size: 32px; }}
QLineEdit:focus {{ border-color: {PRIMARY}; }}
QProgressBar {{ background: {LINE}; border: none; border-radius: 6px; max-height: 12px; }}
QProgressBar::chunk {{ background: {PRIMARY}; border-radius: 6px; }}
QTableView {{ font-size: 20px; background: {CARD}; gridline-color: {LINE}; }}
QHeaderView::section {{ font-size: 18px; font-weight: bold; background: {PAPER}; padding: 8px;
                        border: none; border-bottom: 2px solid {LINE}; }}
QTabBar::tab {{ font-size: 22px; padding: 14px 28px; }}
"""


def load_fonts() -> None:
    for path in sorted((ASSETS / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


def apply_style(app: QApplication) -> None:
    load_fonts()
    app.setFont(QFont(FONT_FAMILY, 14))
    app.setStyleSheet(STYLESHEET)


def icon_path(name: str) -> Path:
    return ASSETS / "icons" / name
