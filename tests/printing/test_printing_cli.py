"""`kiosk badges`, `kiosk print`, `kiosk printers`, `kiosk print-jobs` end to end on a real database."""

from __future__ import annotations

import io
import json
import uuid
from datetime import date

import pytest
from pypdf import PdfReader

from kiosk.cli import run
from kiosk.core.model import CheckIn, Category, Guest, Organization, utc_now
from kiosk.services.setup import create_event
from kiosk.storage import Store

NAMES = [("Maximiliane", "Zimmermann-Leutheusser-Schnarrenberger", Category.SPEAKER),
         ("Юлия", "Соколова", Category.PRESS), ("Jonas", "Becker", Category.PARTICIPANT),
         ("Þórunn", "Guðmundsdóttir", Category.PARTICIPANT), ("Ole", "Brandt", Category.STAFF)]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    store = Store.open(path, device_id="11111111-2222-4333-8444-555555555555")
    create_event(store, "Netzwerktreffen", "Fruchthalle", (date(2026, 5, 14), date(2026, 5, 15)))
    guests = [Guest(id=str(uuid.uuid4()), first_name=f, last_name=l, ticket_code=f"CLITEST{i:012}",
                    organization=Organization("Fruchthalle eG"), category=c) for i, (f, l, c) in enumerate(NAMES)]
    store.save_guests(guests)
    store.add_check_in(CheckIn(guests[2].id, date(2026, 5, 14), utc_now()))
    store.close()
    return path


@pytest.fixture
def kiosk(capsys, db):
    def call(*argv):
        capsys.readouterr()
        try:
            code = run(["--db", str(db), *map(str, argv)])
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    return call


def ids(kiosk) -> dict[str, str]:
    code, out, _ = kiosk("guests", "--json")
    return {g["name"].split()[-1]: g["id"] for g in json.loads(out)}


def pages(path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_badges_for_everyone_with_progress_and_summary(kiosk, tmp_path):
    out_pdf = tmp_path / "badges.pdf"
    code, out, err = kiosk("badges", "-o", out_pdf, "--layout", "a4-4up")
    assert code == 0, err
    assert "5 badges on 2 pages (a4-4up)" in out and "5/5" in err
    assert pages(out_pdf) == 2


def test_badges_filters_combine(kiosk, tmp_path):
    guest_ids = ids(kiosk)
    out_pdf = tmp_path / "some.pdf"
    code, out, _ = kiosk("badges", "-o", out_pdf, "--guest", guest_ids["Becker"], "--guest",
                         guest_ids["Соколова"], "--json")
    assert code == 0 and json.loads(out)["badges"] == 2
    code, out, _ = kiosk("badges", "-o", out_pdf, "--category", "participant", "--json")
    assert json.loads(out)["badges"] == 2
    code, out, _ = kiosk("badges", "-o", out_pdf, "--checked-in-only", "--json")
    assert json.loads(out)["badges"] == 1 and json.loads(out)["needs_attention"] == []


def test_badges_errors_are_one_line(kiosk, tmp_path):
    code, _, err = kiosk("badges", "-o", tmp_path / "x.pdf", "--layout", "a5")
    assert code == 1 and "unknown badge layout 'a5'" in err
    code, _, err = kiosk("badges", "-o", tmp_path / "x.pdf", "--guest", "nope")
    assert code == 1 and "no guest with id nope" in err
    code, _, err = kiosk("badges", "-o", tmp_path / "x.pdf", "--category", "press", "--checked-in-only")
    assert code == 1 and "no guest matches" in err


def test_print_to_a_pdf_folder_is_a_done_job(kiosk, tmp_path):
    guest_id = ids(kiosk)["Becker"]
    code, out, err = kiosk("print", guest_id, "--printer", f"pdf:{tmp_path / 'printed'}", "--json")
    assert code == 0, err
    job = json.loads(out)
    assert job["status"] == "done" and (tmp_path / "printed" / f"badge-{job['id']}.pdf").exists()


def test_print_to_an_offline_printer_keeps_a_failed_job_and_retry_prints_it(kiosk, tmp_path):
    guest_id = ids(kiosk)["Becker"]
    hot = tmp_path / "hot"
    code, out, _ = kiosk("print", guest_id, "--printer", f"folder:{hot}")
    assert code == 1 and "folder_missing" in out and "print-jobs --retry" in out
    code, out, _ = kiosk("print-jobs", "--status", "failed", "--json")
    assert [j["status"] for j in json.loads(out)] == ["failed"]
    hot.mkdir()
    code, out, _ = kiosk("print-jobs", "--retry", "--json")
    assert code == 0 and [j["status"] for j in json.loads(out)] == ["done"]
    assert len(list(hot.glob("badge-*.pdf"))) == 1


def test_printers_lists_the_cups_queue(kiosk, cups_pdf):
    code, out, err = kiosk("printers", "--json")
    assert code == 0, err
    assert cups_pdf.queue in {p["name"] for p in json.loads(out)}


def test_print_through_cups(kiosk, cups_pdf):
    guest_id = ids(kiosk)["Guðmundsdóttir"]
    code, out, err = kiosk("print", guest_id, "--printer", cups_pdf.queue, "--json")
    assert code == 0, (out, err)
    assert json.loads(out)["status"] == "done"
    cups_pdf.wait_for_output(json.loads(out)["id"])
