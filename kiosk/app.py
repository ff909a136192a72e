"""The composition root: config -> database -> services -> main window."""

from __future__ import annotations

import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    from kiosk.cli import main as cli_main

    cli_main(argv if argv is not None else sys.argv[1:])
