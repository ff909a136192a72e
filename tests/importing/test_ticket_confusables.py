"""Ticket codes a scanner on another keyboard layout confuses (Y/Z swapped, '-' typed as 'ß'): reported at
import, and a scan that could mean either of two guests never checks in the other one."""

from __future__ import annotations

import pytest
from importing_support import EVENT, write_lines

from kiosk.core.codes import find_scanned_ticket, scan_variants, ticket_fold
from kiosk.core.model import Guest, new_id
from kiosk.core.refusals import KioskError, Refusal
from kiosk.importing import read_guest_file


def test_codes_that_differ_only_in_y_and_z_are_both_imported_with_a_notice_naming_both_lines(tmp_path):
    path = write_lines(tmp_path / "codes.csv", ["Vorname;Nachname;Ticket", "Yvonne;Abel;TICKET-Y-0001",
                                                "Zoe;Brandt;TICKET-Q-0002", "Zeno;Carl;ticket-z-0001"])

    parsed = read_guest_file(path, EVENT)

    assert [r.ticket_code for r in parsed.records] == ["TICKET-Y-0001", "TICKET-Q-0002", "ticket-z-0001"]
    [notice] = parsed.notices
    assert notice.line == 4 and notice.field == "ticket code"
    assert "line 2" in notice.reason and "TICKET-Y-0001" in notice.reason and "ticket-z-0001" in notice.reason


def test_codes_that_differ_only_in_hyphen_and_sharp_s_are_one_code_and_the_second_row_is_rejected(tmp_path):
    path = write_lines(tmp_path / "codes.csv", ["Vorname;Nachname;Ticket", "Yvonne;Abel;AB-77", "Zeno;Carl;ABß77"])

    parsed = read_guest_file(path, EVENT)

    assert [r.last_name for r in parsed.records] == ["Abel"]
    [rejected] = parsed.rejected
    assert (rejected.line, rejected.field) == (3, "ticket code")
    assert "line 2" in rejected.reason and "ß" in rejected.reason


def test_the_fold_puts_every_code_a_scan_could_be_taken_for_together():
    assert ticket_fold("ticketßz-0001") == ticket_fold("TICKET-Y-0001") == ticket_fold("TICKET-Z-0001")
    assert ticket_fold("TICKET-Y-0001") != ticket_fold("TICKET-X-0001")


def test_a_scan_with_a_sharp_s_tries_the_swapped_code_first():
    """Only a scanner typing on a swapped layout turns '-' into 'ß'; its Y and Z are swapped as well."""
    assert scan_variants("TICKETßZß0001") == ["TICKET-Y-0001", "TICKET-Z-0001"]
    assert scan_variants("TICKET-Z-0001") == ["TICKET-Z-0001", "TICKET-Y-0001"]


@pytest.fixture
def two_confusable_guests(tmp_path):
    from kiosk.services.setup import create_event
    from kiosk.storage import Store

    store = Store.open(tmp_path / "event.sqlite3", device_id="11111111-2222-4333-8444-555555555555")
    create_event(store, "Testtreffen", "Fruchthalle", EVENT.days)
    yvonne = Guest(id=new_id(), first_name="Yvonne", last_name="Abel", ticket_code="TICKET-Y-0001")
    zeno = Guest(id=new_id(), first_name="Zeno", last_name="Carl", ticket_code="TICKET-Z-0001")
    store.save_guests([yvonne, zeno])
    yield store, yvonne, zeno
    store.close()


@pytest.mark.parametrize("scan", ["TICKETßZß0001", "TICKET-Y-0001", "TICKET-Z-0001", "ticketßyß0001"])
def test_a_scan_that_could_mean_either_of_two_stored_guests_is_refused_as_ambiguous(two_confusable_guests, scan):
    store, _, _ = two_confusable_guests

    with pytest.raises(KioskError) as refused:
        find_scanned_ticket(scan, lambda key: store.guest_by_ticket([key]))

    assert refused.value.code == Refusal.AMBIGUOUS_CODE


def test_a_scan_of_a_code_no_other_guest_could_be_meant_by_finds_its_guest(two_confusable_guests):
    store, _, _ = two_confusable_guests
    other = Guest(id=new_id(), first_name="Quirin", last_name="Dorn", ticket_code="QY-0003")
    store.save_guests([other])

    found = find_scanned_ticket("QZß0003", lambda key: store.guest_by_ticket([key]))  # a swapped scanner

    assert found.id == other.id
    assert find_scanned_ticket("NOPE-0004", lambda key: store.guest_by_ticket([key])) is None


def test_the_front_desk_never_checks_in_the_other_guest_from_a_swapped_scan(two_confusable_guests):
    """Yvonne's TICKET-Y-0001 through a US scanner on a German layout arrives as TICKETßZß0001: Zeno's code
    with the hyphens swapped. The desk cannot know which of the two stands there: it refuses, kindly,
    and checks in neither; staff find the guest by name."""
    from kiosk.core.rules import CheckInStatus
    from kiosk.services.desk import FrontDesk

    store, yvonne, zeno = two_confusable_guests
    outcome = FrontDesk(store).check_in("TICKETßZß0001", day=EVENT.days[0])

    assert (outcome.status, outcome.reason) == (CheckInStatus.REJECTED, Refusal.AMBIGUOUS_CODE)
    assert store.check_in_of(zeno.id, EVENT.days[0]) is None
    assert store.check_in_of(yvonne.id, EVENT.days[0]) is None
