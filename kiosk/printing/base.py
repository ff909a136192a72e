"""One interface for every way a badge leaves the kiosk: a CUPS queue, a hot folder, a PDF file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from kiosk.core.printouts import safe_job_name

__all__ = ["PrintFailure", "PrintResult", "Printer", "safe_job_name"]


class PrintFailure(StrEnum):
    """Machine codes for why a print did not happen; the UI and CLI turn them into words."""

    CUPS_MISSING = "cups_missing"  # no lp/lpstat on this machine
    CUPS_NOT_RUNNING = "cups_not_running"
    QUEUE_MISSING = "queue_missing"
    QUEUE_DISABLED = "queue_disabled"  # stopped (paper out, cover open, switched off...)
    QUEUE_REJECTING = "queue_rejecting"
    TIMEOUT = "timeout"
    PRINT_FAILED = "print_failed"
    FOLDER_MISSING = "folder_missing"
    WRITE_FAILED = "write_failed"


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    code: PrintFailure | None = None
    message: str = ""  # one line in English for logs and the job list
    reference: str = ""  # the CUPS request id or the file written

    @classmethod
    def done(cls, reference: str, message: str = "") -> PrintResult:
        return cls(True, None, message, reference)

    @classmethod
    def failed(cls, code: PrintFailure, message: str) -> PrintResult:
        return cls(False, code, message)

    @property
    def reason(self) -> str:
        """What the job list stores: 'queue_disabled: paper jam'."""
        return f"{self.code}: {self.message}" if self.code else self.message


class Printer(Protocol):
    name: str

    def send(self, pdf: bytes, job_id: str, media: str = "") -> PrintResult:
        """Hand one PDF over; never raises for printer trouble and never blocks past its timeout."""
