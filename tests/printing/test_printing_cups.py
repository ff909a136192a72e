"""The CUPS backend against a real CUPS with a PDF printer, and against CUPS that is missing or stuck."""

from __future__ import annotations

import io
import shutil
import stat
import subprocess
import time
import uuid

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from kiosk.badges import load_layout, render_badges
from kiosk.core.codes import sign_badge_token
from kiosk.printing import CupsPrinter, PrintFailure, PrintingUnavailable, list_printers, open_printer


def badge_pdf(store, guest) -> bytes:
    return render_badges(store.event(), [guest], "a6")


def test_a_badge_goes_through_cups_and_comes_out_as_pdf(cups_pdf, store, guest, tmp_path):
    job_id = uuid.uuid4().hex
    result = CupsPrinter(cups_pdf.queue).send(badge_pdf(store, guest), job_id, load_layout("a6").media)
    assert result.ok, result.reason
    assert result.reference.startswith(cups_pdf.queue + "-")
    printed = cups_pdf.wait_for_output(job_id)
    assert len(PdfReader(io.BytesIO(printed.read_bytes())).pages) == 1
    # What the printer got still scans: render the printed file at 203 dpi and decode.
    png = tmp_path / "printed"
    subprocess.run(["pdftoppm", "-r", "203", "-gray", "-png", "-singlefile", "-aa", "no", "-aaVector", "no",
                    str(printed), str(png)], check=True, timeout=60)
    found = [r.text for r in zxingcpp.read_barcodes(Image.open(png.with_suffix(".png")))]
    event = store.event()
    assert found == [sign_badge_token(event.secret, event.id, guest.id)]


def test_printers_lists_the_queue_and_its_state(cups_pdf):
    printers = {p.name: p for p in list_printers()}
    assert printers[cups_pdf.queue].state == "idle" and printers[cups_pdf.queue].ready


def test_a_disabled_queue_fails_with_the_reason(cups_pdf, store, guest):
    subprocess.run(["cupsdisable", "-r", "paper jam", cups_pdf.queue], check=True, timeout=30)
    try:
        result = CupsPrinter(cups_pdf.queue).send(badge_pdf(store, guest), "job-disabled", "A6")
        listed = {p.name: p for p in list_printers()}[cups_pdf.queue]
    finally:
        subprocess.run(["cupsenable", cups_pdf.queue], check=True, timeout=30)
    assert not result.ok and result.code == PrintFailure.QUEUE_DISABLED
    assert "paper jam" in result.reason
    assert listed.state == "disabled" and not listed.ready


def test_a_queue_that_rejects_jobs_fails_with_a_reason(cups_pdf):
    subprocess.run(["cupsreject", cups_pdf.queue], check=True, timeout=30)
    try:
        result = CupsPrinter(cups_pdf.queue).send(b"%PDF-1.4\n%%EOF\n", "job-rejected", "A6")
    finally:
        subprocess.run(["cupsaccept", cups_pdf.queue], check=True, timeout=30)
    assert not result.ok and result.code == PrintFailure.QUEUE_REJECTING


def test_a_missing_queue_fails_quickly(cups_pdf):
    started = time.monotonic()
    result = open_printer("cups:no-such-printer").send(b"%PDF-1.4\n", "job-1", "A6")
    assert not result.ok and result.code == PrintFailure.QUEUE_MISSING
    assert "no-such-printer" in result.message
    assert time.monotonic() - started < 5


def test_cups_not_running_is_said_plainly(monkeypatch, tmp_path):
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cupsd.sock"))
    result = CupsPrinter("badges").send(b"%PDF-1.4\n", "job-1")
    assert not result.ok and result.code == PrintFailure.CUPS_NOT_RUNNING
    with pytest.raises(PrintingUnavailable) as raised:
        list_printers()
    assert raised.value.code == PrintFailure.CUPS_NOT_RUNNING


def fake_tools(directory, script: str) -> None:
    for name in ("lp", "lpstat"):
        tool = directory / name
        tool.write_text("#!/bin/sh\n" + script + "\n")
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)


def test_a_hanging_cups_never_hangs_the_kiosk(monkeypatch, tmp_path):
    fake_tools(tmp_path, f"{shutil.which('sleep')} 30; echo late")  # a child that holds the pipe
    monkeypatch.setenv("PATH", f"{tmp_path}")
    started = time.monotonic()
    result = CupsPrinter("badges", status_timeout=0.5, send_timeout=0.5).send(b"%PDF-1.4\n", "job-1")
    assert not result.ok and result.code == PrintFailure.TIMEOUT
    assert time.monotonic() - started < 3


def test_lp_that_fails_gives_its_message(monkeypatch, tmp_path):
    fake_tools(tmp_path, 'case "$0" in *lpstat) echo "printer badges is idle.  enabled since today";;'
                         ' *) echo "lp: Unsupported document-format" >&2; exit 1;; esac')
    monkeypatch.setenv("PATH", f"{tmp_path}")
    result = CupsPrinter("badges").send(b"%PDF-1.4\n", "job-1")
    assert not result.ok and result.code == PrintFailure.PRINT_FAILED
    assert "Unsupported document-format" in result.reason


def test_without_cups_tools_the_reason_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CupsPrinter("badges").send(b"%PDF-1.4\n", "job-1")
    assert not result.ok and result.code == PrintFailure.CUPS_MISSING and "cups-client" in result.message


def test_job_title_carries_the_job_id_only():
    args = CupsPrinter("badges")._lp_args("../Jonas Becker;rm", "A6")
    assert args[:4] == ["lp", "-d", "badges", "-t"] and args[4] == "JonasBeckerrm"
    assert ["-o", "media=A6"] == args[5:7]
