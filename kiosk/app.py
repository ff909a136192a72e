"""The composition root: config -> database -> services -> main window.

`python main.py` starts the touch kiosk (creating the demo event when there is
no database yet); `python main.py COMMAND ...` runs the CLI (`kiosk --help`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from kiosk.config import data_dir, database_path

SCREENS = ("welcome", "search", "checked-in", "welcome-back", "contact", "leaderboard", "staff", "door",
           "staff-programme", "my-tables", "ticks", "staff-rounds")


def ui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Fruchthalle check-in kiosk (touch screen). "
                                     "Run 'main.py --help-cli' for the command line tools.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $KIOSK_DB or the user data dir)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--kiosk", action="store_true", help="full screen and frameless; guests cannot leave")
    mode.add_argument("--windowed", action="store_true", help="a normal window (default)")
    parser.add_argument("--lang", choices=("de", "en"), default="de")
    parser.add_argument("--printer", default=os.environ.get("KIOSK_PRINTER", ""),
                        help="cups:QUEUE, folder:/dir or pdf:/dir (default: $KIOSK_PRINTER or PDFs in the data dir)")
    parser.add_argument("--layout", default="a6", help="badge layout for on-demand printing")
    parser.add_argument("--hub", default=os.environ.get("KIOSK_HUB", ""), metavar="postgresql://...",
                        help="sync with this PostgreSQL hub every few minutes (default: $KIOSK_HUB)")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render one screen to a PNG and exit")
    parser.add_argument("--screen", default=None, metavar="NAME|N",
                        help=f"with --screenshot: the screen to render ({', '.join(SCREENS)}); with --display: "
                        "the monitor to fill (1, 2, ...; default: the last one)")
    parser.add_argument("--display", action="store_true",
                        help="the big screen for a projector: leaderboard, arrivals, programme, rounds")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT, e.g. 1080x1920 for portrait")
    parser.add_argument("--help-cli", action="store_true", help="list the command line tools")
    return parser


@dataclass
class UiOptions:
    db: Path
    kiosk_mode: bool
    lang: str
    printer: str
    layout: str
    screenshot: Path | None
    screen: str
    size: tuple[int, int]
    hub: str = ""
    display: bool = False  # the big screen (kiosk.ui.display) instead of the touch kiosk
    monitor: int | None = None  # --display --screen N
    quit_after: float | None = None


def parse_ui_args(argv: Sequence[str]) -> UiOptions:
    parser = ui_parser()
    args = parser.parse_args(argv)
    if args.help_cli:
        from kiosk.cli import build_parser

        build_parser().print_help()
        sys.exit(0)
    try:
        width, height = (int(part) for part in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size: '{args.size}' is not WIDTHxHEIGHT, e.g. 1920x1080")
    printer = args.printer or f"pdf:{data_dir() / 'printed-badges'}"
    screen, monitor = _screen_or_monitor(parser, args)
    return UiOptions(database_path(args.db), args.kiosk, args.lang, printer, args.layout,
                     Path(args.screenshot) if args.screenshot else None, screen, (width, height), args.hub,
                     args.display, monitor, args.quit_after)


def _screen_or_monitor(parser: argparse.ArgumentParser, args) -> tuple[str, int | None]:
    """--screen names a kiosk screen to render, or with --display the monitor (1, 2, ...) to fill."""
    if args.display:
        if args.screen is None:
            return "welcome", None
        if not args.screen.isdigit() or int(args.screen) < 1:
            parser.error(f"--screen: '{args.screen}' is not a screen number (1, 2, ...) for --display")
        return "welcome", int(args.screen)
    if args.screen not in (None, *SCREENS):
        parser.error(f"--screen: '{args.screen}' is not one of {', '.join(SCREENS)}")
    return args.screen or "welcome", None


def is_cli_command(argv: Sequence[str]) -> bool:
    """`main.py [--db PATH] COMMAND ...` runs the CLI; anything else starts the touch kiosk."""
    from kiosk.cli import command_names

    words = list(argv)
    if words[:1] == ["--db"]:
        words = words[2:]
    elif words and words[0].startswith("--db="):
        words = words[1:]
    return bool(words) and words[0] in command_names()


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if is_cli_command(argv):
        from kiosk.cli import main as cli_main

        cli_main(argv)
        return
    options = parse_ui_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if options.display:
        from kiosk.ui.display.app import run_display

        sys.exit(run_display(options))
    if options.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from kiosk.ui.screenshot import take_screenshot

        sys.exit(take_screenshot(options))
    from kiosk.display_check import display_problem

    problem = display_problem(os.environ)
    if problem:
        print(f"kiosk: error: {problem}", file=sys.stderr)
        sys.exit(1)
    from kiosk.ui.launch import run_kiosk

    sys.exit(run_kiosk(options))
