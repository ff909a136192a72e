"""forget: one guest's personal data leaves every table, the journal, every export and the database file.

What stays by design: the guest id (in the empty 'forgotten' row, the journal's forget change
and the audit entry) so that sync carries the erasure and nothing brings the person back.
Their check-ins and contacts are removed (storage.erasure), on every kiosk alike.
"""

from __future__ import annotations

import json
from datetime import date

from event_scenario import DAYS, berlin, pdf_text, query, text_cells

from kiosk.reports import certificate_pdf, collect_figures, export, report_pdf, write_my_contacts
from kiosk.services.desk import FrontDesk
from kiosk.storage import Store
from kiosk.storage.privacy import GUEST_FORGOTTEN, forget_guest, forgotten_ids

OTHER_KIOSK = "22222222-3333-4444-8555-666666666666"


def traces(edda) -> list[str]:
    return ["Edda", "Quast", "edda@example.org", edda.ticket_code, "K-5", "Forschungsinstitut Moorbach",
            "kam zu spät"]


def leave_traces_in_the_log_and_print_queue(store, guest_id: str) -> None:
    store.add_print_job(guest_id, "a6", "folder:/tmp/badges")
    store.add_print_job(guest_id, "a6")
    store.audit("undo_check_in", guest_id, "2023-10-26 Edda Quast kam zu spät")
    store.audit("reprint", guest_id, "job for Edda Quast")


def test_forget_leaves_no_trace_in_any_table_or_the_journal(small):
    edda = small.store.guest(small.ids["Quast"])
    leave_traces_in_the_log_and_print_queue(small.store, edda.id)
    before = [cell for cell in text_cells(small.path) if "Quast" in cell[2]]
    assert {table for table, _, _ in before} >= {"guest_row", "change_row", "audit_row"}

    result = forget_guest(small.store, edda.id)

    assert result.found and result.wiped and result.organization_removed
    assert (result.check_ins_removed, result.contacts_removed, result.print_jobs_removed) == (3, 4, 2)
    assert result.audit_rows_cleared == 2 and result.journal_entries_scrubbed >= 1
    for table, column, value in text_cells(small.path):
        for trace in traces(edda):
            assert trace not in value, (table, column, value)


def test_forget_leaves_no_trace_in_the_database_files(small):
    edda = small.store.guest(small.ids["Quast"])
    leave_traces_in_the_log_and_print_queue(small.store, edda.id)

    forget_guest(small.store, edda.id)

    files = [p for p in small.path.parent.iterdir() if p.name.startswith(small.path.name)]
    data = b"".join(p.read_bytes() for p in files)
    for trace in traces(edda):
        assert trace.encode("utf-8") not in data, trace


def test_the_erasure_travels_as_one_journal_change_and_one_audit_entry_with_the_id_only(small):
    gid = small.ids["Quast"]

    forget_guest(small.store, gid)
    again = forget_guest(small.store, gid)  # harmless: nothing more is recorded

    assert again.found and again.journal_entries_scrubbed == 0
    forgets = query(small.path, "SELECT payload FROM change_row WHERE kind = 'forget'")
    assert [json.loads(payload) for (payload,) in forgets] == [{"guest_id": gid}]
    audit = query(small.path, "SELECT subject, detail FROM audit_row WHERE action = ?", GUEST_FORGOTTEN)
    assert audit == [(gid, "")]
    assert forgotten_ids(small.store) == {gid}


def test_a_kiosk_that_syncs_the_journal_later_never_sees_the_person(small, tmp_path):
    edda = small.store.guest(small.ids["Quast"])
    forget_guest(small.store, edda.id)

    other_path = tmp_path / "other-kiosk.sqlite3"
    other = Store.open(other_path, device_id=OTHER_KIOSK)
    try:
        other.enrol(small.store.event_keys())
        other.journal.ingest(small.store.journal.changes_since({}))
        assert collect_figures(other).counts() == collect_figures(small.store).counts()
        for table, column, value in text_cells(other_path):
            for trace in traces(edda)[:-1]:
                assert trace not in value, (table, column, value)
    finally:
        other.close()


def test_forget_removes_the_persons_check_ins_and_contacts_from_the_counts(small):
    before = collect_figures(small.store)

    forget_guest(small.store, small.ids["Quast"])

    after = collect_figures(small.store)
    assert (before.check_ins, after.check_ins) == (10, 7)
    assert (before.contacts, after.contacts) == (7, 3)
    assert (before.registered_guests, after.registered_guests) == (6, 5)
    assert [n.public_name for n in after.networkers] == ["Amrei K.", "Bodo F.", "Cleo S.", "Greta W."]
    assert "research" not in [a.kind for a in after.by_kind]


def test_forget_leaves_no_trace_in_exports_reports_or_other_guests_contacts(small, tmp_path):
    edda = small.store.guest(small.ids["Quast"])

    forget_guest(small.store, edda.id)

    files = []
    for what in ("guests", "check-ins", "contacts"):
        for suffix in ("csv", "xlsx"):
            export(small.store, what, tmp_path / f"{what}.{suffix}", lang="en")
            files.append(tmp_path / f"{what}.{suffix}")
    for other in ("Kolbeck", "Förster", "Strauß", "Wendel"):
        write_my_contacts(small.store, small.ids[other], tmp_path / f"{other}.vcf")
        files.append(tmp_path / f"{other}.vcf")
    texts = [_text_of(path) for path in files]
    texts += [pdf_text(report_pdf(small.store, "en")), pdf_text(report_pdf(small.store, "de", DAYS[2])),
              pdf_text(certificate_pdf(small.store, "en"))]
    for text in texts:
        for trace in traces(edda) + [edda.id]:
            assert trace not in text


def test_forgetting_an_unknown_guest_records_nothing(small):
    journal = query(small.path, "SELECT COUNT(*) FROM change_row")
    audit = query(small.path, "SELECT COUNT(*) FROM audit_row")

    result = forget_guest(small.store, "00000000-0000-4000-8000-000000000000")

    assert not result.found
    assert query(small.path, "SELECT COUNT(*) FROM change_row") == journal
    assert query(small.path, "SELECT COUNT(*) FROM audit_row") == audit


def test_a_forgotten_guest_cannot_check_in_and_is_not_found(small):
    from kiosk.core.search import SearchIndex

    edda = small.store.guest(small.ids["Quast"])
    forget_guest(small.store, edda.id)

    desk = FrontDesk(small.store, clock=lambda: berlin(DAYS[2], 11))
    assert desk.check_in(edda.ticket_code, DAYS[2]).status == "rejected"
    assert SearchIndex(small.store.guests()).search("Quast") == []
    assert small.store.guest(edda.id) is None


def test_forgotten_walk_in_no_longer_counts_on_the_day(small):
    forget_guest(small.store, small.ids["Wendel"])

    day = {d.day: d for d in collect_figures(small.store).days}[date(2023, 10, 25)]
    assert (day.checked_in, day.walk_ins, day.contacts) == (3, 0, 2)


def test_purged_guest_can_still_be_forgotten(small):
    from kiosk.storage.privacy import purge_before

    purge_before(small.store, date(2023, 10, 26))

    result = forget_guest(small.store, small.ids["Strauß"])

    assert result.found and result.check_ins_removed == 1 and result.contacts_removed == 2
    assert small.ids["Strauß"] in forgotten_ids(small.store)
    assert not any("Pfälzer Rundschau" in value for _, _, value in text_cells(small.path))


def _text_of(path) -> str:
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        return "\n".join(str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row)
    return path.read_text(encoding="utf-8-sig")

