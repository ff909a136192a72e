"""The print job queue: every badge print is a row first, so nothing is lost when the printer is off.

A job goes queued -> printing -> done, or -> failed with a reason staff can read
('queue_disabled: printer badges is disabled: paper jam'). Failed jobs are retried
on request (`retry_failed`), jobs a crash left in 'printing' are marked failed on
start (`recover_interrupted`): whether that badge came out is unknown, so staff decide.

Printer I/O has timeouts (see cups.py); callers that must not wait at all (the
kiosk screen) pass an executor, and get the queued job back at once.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future

from kiosk.core.model import PrintJob, PrintStatus

from .base import Printer
from . import open_printer

DEFAULT_LAYOUT = "a6"
MAX_ATTEMPTS = 3


class PrintQueue:
    def __init__(self, store, default_printer: str = "", lang: str = "de",
                 printers: Callable[[str], Printer] = open_printer, max_attempts: int = MAX_ATTEMPTS) -> None:
        self.store = store
        self.default_printer = default_printer
        self.lang = lang
        self.printers = printers
        self.max_attempts = max_attempts

    def submit(self, guest_id: str, layout: str = DEFAULT_LAYOUT, printer: str = "") -> PrintJob:
        """Record a job (fast); it prints when `process` or `run_pending` gets to it."""
        if self.store.guest(guest_id) is None:
            raise LookupError(f"no guest with id {guest_id}")
        return self.store.add_print_job(guest_id, layout, printer or self.default_printer)

    def print_badge(self, guest_id: str, layout: str = DEFAULT_LAYOUT, printer: str = "",
                    executor: Executor | None = None) -> PrintJob | Future:
        """Record and print one badge: inline (returns the finished job) or on `executor` (a Future)."""
        job = self.submit(guest_id, layout, printer)
        if executor is not None:
            return executor.submit(self.process, job.id)
        return self.process(job.id)

    def process(self, job_id: str) -> PrintJob:
        """Render and send one job, and record how it went. Never raises for printer trouble."""
        job = self.store.print_job(job_id)
        if job is None:
            raise KeyError(f"no print job {job_id}")
        self.store.update_print_job(job.id, PrintStatus.PRINTING)
        status, reason = self._attempt(job)
        self.store.update_print_job(job.id, status, reason)
        return self.store.print_job(job.id)

    def _attempt(self, job: PrintJob) -> tuple[PrintStatus, str]:
        guest = self.store.guest(job.guest_id)
        if guest is None:
            return PrintStatus.FAILED, f"unknown_guest: no guest {job.guest_id}"
        if not job.printer:
            return PrintStatus.FAILED, "no_printer: no printer chosen for this kiosk"
        from kiosk.badges import LayoutError, load_layout, render_badges  # ReportLab: loaded on first print

        try:
            layout = load_layout(job.layout)
            pdf = render_badges(self.store.event(), [guest], job.layout, self.lang)
            printer = self.printers(job.printer)
        except (LayoutError, ValueError) as error:
            return PrintStatus.FAILED, f"render_failed: {error}"
        result = printer.send(pdf, job.id, layout.media)
        if result.ok:
            return PrintStatus.DONE, result.reference
        return PrintStatus.FAILED, result.reason

    def run_pending(self) -> list[PrintJob]:
        """Print every queued job, oldest first."""
        queued = sorted(self.store.print_jobs(PrintStatus.QUEUED), key=lambda j: j.created_at)
        return [self.process(job.id) for job in queued]

    def retry_failed(self) -> list[PrintJob]:
        """Try failed jobs again, each up to `max_attempts` attempts in all."""
        failed = sorted(self.store.print_jobs(PrintStatus.FAILED), key=lambda j: j.created_at)
        return [self.process(job.id) for job in failed if job.attempts < self.max_attempts]

    def recover_interrupted(self) -> list[PrintJob]:
        """On start-up: jobs left 'printing' by a crash become failed, for staff to check and retry."""
        stuck = self.store.print_jobs(PrintStatus.PRINTING)
        for job in stuck:
            self.store.update_print_job(job.id, PrintStatus.FAILED,
                                        "interrupted: the kiosk stopped while this badge was printing")
        return [self.store.print_job(job.id) for job in stuck]

    def failed_jobs(self) -> list[PrintJob]:
        return self.store.print_jobs(PrintStatus.FAILED)
