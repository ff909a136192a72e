"""Staff mode behind the PIN: the guest table, corrections with their audit rows, printing, numbers."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from services_support import FixedClock, berlin

from kiosk.core.codes import sign_badge_token
from kiosk.core.model import ContactExchange, PrintStatus, new_id
from kiosk.core.refusals import KioskError, Refusal
from kiosk.demo import create_demo
from kiosk.printing import PrintFailure, PrinterInfo, PrintingUnavailable, PrintResult
from kiosk.printing.jobs import PrintQueue
from kiosk.services.desk import FrontDesk
from kiosk.services.staff import NoPrinter, StaffDesk
from kiosk.storage import Store

DAY = date(2023, 10, 24)


@pytest.fixture
def demo_path(tmp_path):
    return tmp_path / "staff.sqlite3"


@pytest.fixture
def demo(demo_path):
    store = Store.open(demo_path, device_id="11111111-2222-4333-8444-555555555555")
    create_demo(store, first_day=DAY)
    yield store
    store.close()


@pytest.fixture
def clock():
    return FixedClock(berlin(DAY, 8, 50))


@pytest.fixture
def front(demo, clock):
    return FrontDesk(demo, clock=clock)


@pytest.fixture
def pdf_dir(tmp_path):
    return tmp_path / "badges"


@pytest.fixture
def staff(demo, front, pdf_dir):
    return StaffDesk(demo, front, PrintQueue(demo, default_printer=f"pdf:{pdf_dir}"))


def by_ref(store, ref: str):
    """A demo guest by participant id ('NT-0003'); the demo list is generated, names are invented."""
    return next(g for g in store.guests() if g.external_id == ref)


def check_in_at(front, clock, guest, hour, minute):
    clock.set(berlin(DAY, hour, minute))
    front.check_in_guest(guest)


def audit_rows(path) -> list[tuple[str, str, str]]:
    connection = sqlite3.connect(str(path))
    try:
        query = "SELECT action, subject, detail FROM audit_row ORDER BY created_at"
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_all_guests_come_sorted_by_last_name_with_their_organization(staff, demo):
    rows = staff.guest_rows("all", "")

    assert len(rows) == len(demo.guests())
    last_names = [demo.guest(r.guest_id).last_name for r in rows]
    assert last_names[:3] == sorted(last_names)[:3]
    soren = next(r for r in rows if r.guest_id == by_ref(demo, "NT-0003").id)
    assert (soren.name, soren.organization, soren.category) == ("Søren Förster", "Digitalzentrum Breisgau",
                                                                "participant")
    assert soren.checked_in_at == "" and not soren.walk_in and not soren.needs_review


def test_filters_split_today_into_checked_in_and_not_yet(staff, demo, front, clock):
    first, second = by_ref(demo, "NT-0003"), by_ref(demo, "NT-0005")
    check_in_at(front, clock, first, 9, 2)
    check_in_at(front, clock, second, 9, 31)

    checked_in = staff.guest_rows("checked_in", "")
    not_yet = staff.guest_rows("not_yet", "")

    assert [(r.guest_id, r.checked_in_at) for r in checked_in] == [(second.id, "09:31"), (first.id, "09:02")]
    assert first.id not in {r.guest_id for r in not_yet}
    expected_today = [g for g in demo.guests() if g.registered_for(DAY)]
    assert len(not_yet) == len(expected_today) - 2
    assert all(r.expected_today for r in not_yet)
    paul = by_ref(demo, "NT-0010")  # registered for days 2 and 3 only
    assert paul.id not in {r.guest_id for r in not_yet}
    assert not next(r for r in staff.guest_rows("all", "Meier") if r.guest_id == paul.id).expected_today


def test_walk_ins_filter_shows_walk_ins_waiting_for_review_first(staff, front, demo):
    approved = front.register_walk_in("Wendelin", "Quappe", "Freies Labor", "")
    waiting = front.register_walk_in("Ysolde", "Amsel", "", "")
    demo.set_needs_review(approved.id, False)

    rows = staff.guest_rows("walk_ins", "")

    assert [(r.guest_id, r.needs_review) for r in rows] == [(waiting.id, True), (approved.id, False)]
    assert all(r.walk_in for r in rows)


@pytest.mark.parametrize("query", ["förster", "foerster", "FORSTER", "Förs"])
def test_search_folds_umlauts_like_the_guest_search(staff, demo, query):
    found = {r.guest_id for r in staff.guest_rows("all", query)}

    foersters = {g.id for g in demo.guests() if g.last_name == "Förster"}
    assert found == foersters


def test_search_and_filter_combine(staff, demo, front, clock):
    soren = by_ref(demo, "NT-0003")
    check_in_at(front, clock, soren, 9, 10)

    assert [r.guest_id for r in staff.guest_rows("checked_in", "förster breisgau")] == [soren.id]
    assert soren.id not in {r.guest_id for r in staff.guest_rows("not_yet", "förster")}
    assert staff.guest_rows("all", "zzzz") == []


def test_undo_check_in_removes_todays_row_and_audits_by_id(staff, demo, front, clock, demo_path):
    guest = by_ref(demo, "NT-0003")
    check_in_at(front, clock, guest, 9, 5)

    assert staff.undo_check_in(guest.id) is True

    assert demo.check_in_of(guest.id, DAY) is None
    assert ("undo_check_in", guest.id, "2023-10-24 staff") in audit_rows(demo_path)
    assert staff.undo_check_in(guest.id) is False  # nothing left to undo: no second audit row
    assert [a for a, *_ in audit_rows(demo_path)].count("undo_check_in") == 1


def test_reprint_writes_a_pdf_marks_the_job_done_and_audits(staff, demo, pdf_dir, demo_path):
    guest = by_ref(demo, "NT-0012")

    job = staff.reprint(guest.id)

    assert job.status == PrintStatus.DONE
    assert (pdf_dir / f"badge-{job.id}.pdf").read_bytes().startswith(b"%PDF")
    assert ("reprint", guest.id, f"job {job.id}") in audit_rows(demo_path)
    assert [(r.job_id, r.guest_name, r.status) for r in staff.print_jobs()] == [
        (job.id, "Prof. Dr. Ralf Förster", "done")]


def test_reprint_without_a_print_queue_says_so(demo, front):
    staff = StaffDesk(demo, front)
    with pytest.raises(NoPrinter):
        staff.reprint(by_ref(demo, "NT-0003").id)


def test_failed_prints_are_listed_with_their_reason_and_retried(demo, front, demo_path):
    class Flaky:
        name = "flaky"
        offline = True

        def send(self, pdf, job_id, media=""):
            if self.offline:
                return PrintResult.failed(PrintFailure.QUEUE_DISABLED, "printer flaky is disabled: paper out")
            return PrintResult.done("flaky-1")

    printer = Flaky()
    staff = StaffDesk(demo, front, PrintQueue(demo, default_printer="flaky", printers=lambda spec: printer))
    guest = by_ref(demo, "NT-0005")

    failed = staff.reprint(guest.id)
    assert failed.status == PrintStatus.FAILED and staff.failed_print_count() == 1
    assert "paper out" in staff.print_jobs()[0].reason

    printer.offline = False
    retried = staff.retry_failed_prints()

    assert [j.status for j in retried] == [PrintStatus.DONE]
    assert staff.failed_print_count() == 0
    assert ("retry_failed_prints", "", "1 retried, 1 done") in audit_rows(demo_path)


def test_approving_a_walk_in_clears_the_flag_once(staff, front, demo, demo_path):
    walk_in = front.register_walk_in("Wendelin", "Quappe", "Freies Labor", "w.quappe@example.org")

    assert staff.approve_walk_in(walk_in.id) is True
    assert staff.approve_walk_in(walk_in.id) is False

    assert not demo.needs_review(walk_in.id)
    assert [a for a, *_ in audit_rows(demo_path)].count("approve_walk_in") == 1
    assert staff.today_counts()["walk_ins_to_review"] == 0


def test_an_action_and_its_audit_row_are_one_transaction(staff, front, demo, monkeypatch):
    walk_in = front.register_walk_in("Wendelin", "Quappe", "", "")

    def broken_audit(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(demo, "audit", broken_audit)
    with pytest.raises(OSError):
        staff.approve_walk_in(walk_in.id)
    with pytest.raises(OSError):
        staff.set_walk_ins_allowed(False)

    assert demo.needs_review(walk_in.id)  # rolled back with the failed audit row
    assert demo.event().walk_ins_allowed


def test_walk_ins_can_be_closed_and_the_desk_knows_at_once(staff, front, demo, demo_path):
    assert staff.walk_ins_allowed() is True

    staff.set_walk_ins_allowed(False)

    assert demo.event().walk_ins_allowed is False and staff.walk_ins_allowed() is False
    assert ("set_walk_ins_allowed", "", "off") in audit_rows(demo_path)
    with pytest.raises(KioskError) as refused:
        front.register_walk_in("Ysolde", "Amsel", "", "")
    assert refused.value.code == Refusal.WALK_INS_CLOSED


def test_arrivals_are_counted_per_quarter_hour_from_first_to_last(staff, demo, front, clock):
    guests = [by_ref(demo, f"NT-{n:04d}") for n in (1, 2, 3, 5, 6)]
    for guest, (hour, minute) in zip(guests, [(8, 52), (9, 0), (9, 14), (9, 15), (9, 47)]):
        check_in_at(front, clock, guest, hour, minute)

    assert staff.arrivals_per_quarter_hour(DAY) == [
        ("08:45", 1), ("09:00", 2), ("09:15", 1), ("09:30", 0), ("09:45", 1)]
    assert staff.arrivals_per_quarter_hour(date(2023, 10, 25)) == []


def test_today_counts(staff, demo, front, clock):
    a, b, c = by_ref(demo, "NT-0001"), by_ref(demo, "NT-0002"), by_ref(demo, "NT-0003")
    for guest in (a, b, c):
        check_in_at(front, clock, guest, 9, 0)
    demo.add_contact(ContactExchange(*ContactExchange.pair(a.id, b.id), at=clock(), day=DAY))
    front.register_walk_in("Wendelin", "Quappe", "", "")
    staff.reload()

    counts = staff.today_counts()

    registered = sum(1 for g in demo.guests() if g.registered_for(DAY))
    assert counts == {"registered_today": registered, "checked_in": 3, "not_yet": registered - 3,
                      "walk_ins_to_review": 1, "contacts_today": 1}


def test_a_scanned_ticket_or_badge_names_the_guest_and_a_bad_code_its_refusal(staff, demo, front):
    guest = by_ref(demo, "NT-0003")
    event = demo.event()

    assert staff.guest_for_code(guest.ticket_code) == (guest.id, None)
    assert staff.guest_for_code(sign_badge_token(event.secret, event.id, guest.id)) == (guest.id, None)
    assert staff.guest_for_code("NOPE-NOPE-NOPE") == (None, "unknown_code")


def test_a_walk_in_registered_after_opening_is_found_by_scan(staff, front):
    staff.guest_rows()
    walk_in = front.register_walk_in("Ysolde", "Amsel", "", "")

    assert staff.guest_for_code(walk_in.ticket_code) == (walk_in.id, None)
    assert walk_in.id in {r.guest_id for r in staff.guest_rows("walk_ins")}


def test_audit_log_holds_ids_and_words_never_names_or_emails(staff, front, demo, clock, demo_path):
    guest = by_ref(demo, "NT-0003")
    check_in_at(front, clock, guest, 9, 0)
    walk_in = front.register_walk_in("Wendelin", "Quappe", "Freies Labor", "w.quappe@example.org")
    staff.undo_check_in(guest.id)
    staff.reprint(guest.id)
    staff.approve_walk_in(walk_in.id)
    staff.set_walk_ins_allowed(False)

    stored = " ".join(" ".join(row) for row in audit_rows(demo_path))
    for secret in ("Søren", "Förster", "Wendelin", "Quappe", "Freies Labor", "@", "example.org"):
        assert secret not in stored
    entries = staff.audit_entries()
    assert [e.action for e in entries[:4]] == ["set_walk_ins_allowed", "approve_walk_in", "reprint",
                                               "undo_check_in"]
    assert entries[1].guest_name == "Wendelin Quappe"  # looked up for the screen, not stored
    assert len(entries[0].at) == len("2023-10-24 09:00:00")


def test_printer_overview_lists_cups_queues_or_says_why_not(demo, front, pdf_dir):
    queue = PrintQueue(demo, default_printer=f"pdf:{pdf_dir}")
    ready = StaffDesk(demo, front, queue, printers=lambda: [PrinterInfo("badges", "idle", default=True)])

    def no_cups():
        raise PrintingUnavailable(PrintFailure.CUPS_NOT_RUNNING, "the CUPS scheduler is not running")

    overview = ready.printer_overview()
    assert overview.kiosk_printer == f"pdf:{pdf_dir}"
    assert [p.name for p in overview.printers] == ["badges"] and overview.problem == ""
    assert StaffDesk(demo, front, queue, printers=no_cups).printer_overview().problem == "cups_not_running"


def test_unknown_filter_is_refused(staff):
    with pytest.raises(ValueError):
        staff.guest_rows("everyone", "")


def test_print_jobs_of_unknown_guests_keep_an_empty_name(staff, demo):
    guest = by_ref(demo, "NT-0003")
    job = demo.add_print_job(guest.id, "a6", "pdf:/nowhere")
    assert staff.print_jobs()[0].job_id == job.id
    assert staff.guest_name(new_id()) == ""
