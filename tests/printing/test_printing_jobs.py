"""The print job queue: every print is recorded, failures keep their reason, and are retried."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from kiosk.core.model import PrintStatus
from kiosk.printing import PrintFailure, PrintResult
from kiosk.printing.jobs import PrintQueue


class FakePrinter:
    """Fails while `offline`; records what it got."""

    def __init__(self, offline: bool = False, delay: float = 0.0) -> None:
        self.name = "fake"
        self.offline = offline
        self.delay = delay
        self.sent: list[tuple[str, str, bytes]] = []

    def send(self, pdf: bytes, job_id: str, media: str = "") -> PrintResult:
        time.sleep(self.delay)
        if self.offline:
            return PrintResult.failed(PrintFailure.QUEUE_DISABLED, "printer fake is disabled: switched off")
        self.sent.append((job_id, media, pdf))
        return PrintResult.done(f"fake-{len(self.sent)}")


@pytest.fixture
def printer():
    return FakePrinter()


@pytest.fixture
def queue(store, printer):
    return PrintQueue(store, default_printer="fake", printers=lambda spec: printer)


def test_a_printed_badge_is_a_done_job(queue, printer, guest):
    job = queue.print_badge(guest.id)
    assert job.status == PrintStatus.DONE and job.attempts == 1 and job.reason == "fake-1"
    job_id, media, pdf = printer.sent[0]
    assert job_id == job.id and media == "A6" and pdf.startswith(b"%PDF")


def test_an_offline_printer_leaves_a_failed_job_with_its_reason(queue, printer, guest):
    printer.offline = True
    job = queue.print_badge(guest.id)
    assert job.status == PrintStatus.FAILED
    assert job.reason == "queue_disabled: printer fake is disabled: switched off"
    assert [j.id for j in queue.failed_jobs()] == [job.id]


def test_failed_jobs_are_retried_until_they_print(queue, printer, guest):
    printer.offline = True
    job = queue.print_badge(guest.id)
    queue.retry_failed()
    printer.offline = False
    retried = queue.retry_failed()
    assert [(j.id, j.status, j.attempts) for j in retried] == [(job.id, PrintStatus.DONE, 3)]
    assert queue.failed_jobs() == []


def test_retries_stop_after_the_maximum(store, printer, guest):
    queue = PrintQueue(store, "fake", printers=lambda spec: printer, max_attempts=2)
    printer.offline = True
    queue.print_badge(guest.id)
    assert len(queue.retry_failed()) == 1
    assert queue.retry_failed() == []


def test_a_missing_cups_queue_gives_a_failed_job_quickly(store, guest):
    started = time.monotonic()
    job = PrintQueue(store, default_printer="cups:kiosk-no-such-queue").print_badge(guest.id)
    assert job.status == PrintStatus.FAILED
    assert job.reason.split(":")[0] in ("queue_missing", "cups_not_running", "cups_missing")
    assert time.monotonic() - started < 10


def test_queued_jobs_survive_a_restart_and_print_later(store, printer, guest):
    PrintQueue(store, "fake", printers=lambda spec: printer).submit(guest.id, "label-62")
    later = PrintQueue(store, "fake", printers=lambda spec: printer)
    done = later.run_pending()
    assert [(j.status, j.layout) for j in done] == [(PrintStatus.DONE, "label-62")]
    assert printer.sent[0][1] == "Custom.62x100mm"


def test_a_crash_while_printing_becomes_a_failed_job_for_staff(store, queue, guest):
    job = queue.submit(guest.id)
    store.update_print_job(job.id, PrintStatus.PRINTING)
    recovered = PrintQueue(store, "fake").recover_interrupted()
    assert [(j.id, j.status) for j in recovered] == [(job.id, PrintStatus.FAILED)]
    assert recovered[0].reason.startswith("interrupted")


def test_unknown_guest_and_missing_printer_fail_with_reasons(store, queue, guest):
    with pytest.raises(LookupError):
        queue.print_badge("00000000-0000-4000-8000-000000000000")
    no_printer = PrintQueue(store, default_printer="")
    assert no_printer.print_badge(guest.id).reason.startswith("no_printer")
    assert queue.print_badge(guest.id, layout="a5").reason.startswith("render_failed")


def test_with_an_executor_the_caller_does_not_wait_for_the_printer(store, guest):
    slow = FakePrinter(delay=1.0)
    queue = PrintQueue(store, "fake", printers=lambda spec: slow)
    with ThreadPoolExecutor(max_workers=1) as pool:
        started = time.monotonic()
        future = queue.print_badge(guest.id, executor=pool)
        assert time.monotonic() - started < 0.5
        job = future.result(timeout=30)
    assert job.status == PrintStatus.DONE
