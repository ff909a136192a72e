"""Hot folder and PDF-only backends: complete files, named by job id, clear failures."""

from __future__ import annotations

import os

import pytest

from kiosk.printing import HotFolderPrinter, PdfOnlyPrinter, PrintFailure, open_printer, safe_job_name

PDF = b"%PDF-1.4\n" + b"x" * 10_000 + b"\n%%EOF\n"


def test_hot_folder_gets_the_whole_file_under_the_job_id(tmp_path):
    result = HotFolderPrinter(tmp_path).send(PDF, "3f2a-job")
    assert result.ok
    assert [p.name for p in tmp_path.iterdir()] == ["badge-3f2a-job.pdf"]
    assert (tmp_path / "badge-3f2a-job.pdf").read_bytes() == PDF


def test_the_file_appears_by_rename_so_a_watcher_never_sees_half(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def watching_replace(source, target):
        seen.append((os.path.basename(source), os.path.getsize(source), os.path.exists(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", watching_replace)
    HotFolderPrinter(tmp_path).send(PDF, "job-7")
    assert seen == [(".badge-job-7.pdf.part", len(PDF), False)]


def test_a_missing_hot_folder_is_a_failure_not_a_new_folder(tmp_path):
    result = HotFolderPrinter(tmp_path / "unplugged").send(PDF, "job-1")
    assert not result.ok and result.code == PrintFailure.FOLDER_MISSING
    assert not (tmp_path / "unplugged").exists()


def test_an_unwritable_folder_fails_and_leaves_no_part_file(tmp_path, monkeypatch):
    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = HotFolderPrinter(tmp_path).send(PDF, "job-1")
    assert not result.ok and result.code == PrintFailure.WRITE_FAILED
    assert list(tmp_path.iterdir()) == []


def test_pdf_only_creates_its_folder(tmp_path):
    result = PdfOnlyPrinter(tmp_path / "badges" / "today").send(PDF, "job-2")
    assert result.ok and result.reference.endswith("badge-job-2.pdf")


def test_printer_specs():
    assert open_printer("badges").name == "cups:badges"
    assert open_printer("cups:label-printer").name == "cups:label-printer"
    assert isinstance(open_printer("folder:/srv/hot"), HotFolderPrinter)
    assert isinstance(open_printer("pdf:/tmp/x"), PdfOnlyPrinter)
    with pytest.raises(ValueError):
        open_printer("fax:123")


def test_job_ids_cannot_escape_the_folder():
    assert safe_job_name("../../etc/passwd") == "etcpasswd"
    with pytest.raises(ValueError):
        safe_job_name("/../")
