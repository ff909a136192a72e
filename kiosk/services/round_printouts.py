"""A session's round plan or quiz teams on paper, from staff mode: the PDF goes to this kiosk's printer
(A4) or, for the office printer, onto a USB stick. File and job names carry the kind, the session's day
and start only: never a guest's name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.round_plans import PlanKind, RoundsError, RoundsRefusal
from kiosk.printing import PrintResult, open_printer
from kiosk.printing.folder import write_atomically
from kiosk.services.rounds import RoundsDesk

PAPER = "A4"  # round sheets are landscape A4 pages, the cards ten to an A4 page


@dataclass(frozen=True)
class Printout:
    stem: str  # "rounds-2024-05-14-1300": no personal data
    pdf: bytes
    pages_of: str  # "rounds" (sheets and cards) or "teams"


def printout(rounds: RoundsDesk, session_id: str, lang: str) -> Printout:
    """The session's stored plan as one PDF: round sheets and personal cards, or the quiz team lists."""
    from kiosk.reports.round_sheets import plan_pdf, quiz_teams_pdf

    view = rounds.plan_view(session_id)
    if view is None:
        raise RoundsError(RoundsRefusal.NO_PLAN, "this session has no plan yet")
    session = view.session
    stem = f"{'teams' if view.kind == PlanKind.QUIZ else 'rounds'}-{session.day.isoformat()}-{session.start:%H%M}"
    if view.kind == PlanKind.QUIZ:
        return Printout(stem, quiz_teams_pdf(view, lang), "teams")
    return Printout(stem, plan_pdf(view, rounds.everyones_tables(session_id), lang), "rounds")


def print_on(printer_spec: str, document: Printout, now: datetime) -> PrintResult:
    """Hand the PDF to the printer named by `printer_spec` (cups:, folder: or pdf:)."""
    printer = open_printer(printer_spec)
    if hasattr(printer, "prefix"):
        printer.prefix = "plan"  # a file printer's files are no badges: 'plan-rounds-...pdf'
    return printer.send(document.pdf, f"{document.stem}-{now:%H%M%S}", PAPER)


def save_in(folder: Path, document: Printout) -> Path:
    """Write the PDF into `folder` (a USB stick) whole or not at all; a number keeps earlier copies."""
    path, number = folder / f"{document.stem}.pdf", 2
    while path.exists():
        path, number = folder / f"{document.stem}-{number}.pdf", number + 1
    write_atomically(path, document.pdf)
    return path
