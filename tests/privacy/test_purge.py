"""purge --before: personal data of guests whose days have all ended goes; the report's counts stay."""

from __future__ import annotations

import re
from datetime import date

from event_scenario import DAYS, pdf_text, query, text_cells

from kiosk.reports import collect_figures, report_pdf
from kiosk.storage.privacy import PERSONAL_DATA_PURGED, anonymised_count, purge_before

AFTER_THE_EVENT = date(2023, 10, 27)


def everything(path) -> dict[str, list[tuple]]:
    tables = [t for (t,) in query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: sorted(query(path, f'SELECT * FROM "{t}"'), key=repr) for t in tables}


def counts_in(text: str) -> str:
    """The report's text without the names of networkers (the only part purge may change)."""
    return re.sub(r"Top 10 networkers.*?Who met whom", "", text)


def test_purge_keeps_every_count_of_the_report(demo):
    scopes = (None, *demo.store.event().days)
    before = [collect_figures(demo.store, day).counts() for day in scopes]
    text_before = counts_in(pdf_text(report_pdf(demo.store, "en")))

    result = purge_before(demo.store, AFTER_THE_EVENT)

    assert result.guests == 300 == anonymised_count(demo.store)
    assert [collect_figures(demo.store, day).counts() for day in scopes] == before
    assert counts_in(pdf_text(report_pdf(demo.store, "en"))) == text_before
    assert collect_figures(demo.store).networkers == ()  # nobody can be named any more


def test_purge_removes_personal_data_of_guests_whose_days_ended(small):
    result = purge_before(small.store, date(2023, 10, 26))

    assert result.guests == 3  # Bodo (24th, 25th), Cleo (25th), Fritz (24th)
    names = {(g.first_name, g.last_name) for g in small.store.guests()}
    assert names == {("Amrei", "Kolbeck"), ("Dario", "Yzerman"), ("Edda", "Quast"), ("Greta", "Wendel")}
    values = [value for _, _, value in text_cells(small.path)]
    for trace in ("Bodo", "Förster", "bodo@example.org", "Cleo", "Strauß", "cleo@example.org", "Fritz", "Ulbrich",
                  "K-2", "K-3", "K-6"):
        assert not any(trace in value for value in values), trace
    assert any("Pfälzer Rundschau" == value for value in values)  # organizations stay for the report
    data = small.path.read_bytes()
    assert b"bodo@example.org" not in data and b"Ulbrich" not in data


def test_purge_keeps_check_ins_contacts_and_organizations(small):
    before = collect_figures(small.store)
    check_ins = query(small.path, "SELECT COUNT(*) FROM check_in_row")

    purge_before(small.store, date(2023, 10, 26))

    after = collect_figures(small.store)
    assert after.counts() == before.counts()
    assert query(small.path, "SELECT COUNT(*) FROM check_in_row") == check_ins
    assert [n.public_name for n in after.networkers] == ["Amrei K.", "Edda Q.", "Greta W."]


def test_purge_removes_print_jobs_and_audit_details_of_purged_guests(small):
    bodo = small.ids["Förster"]
    small.store.add_print_job(bodo, "a6")
    small.store.add_print_job(small.ids["Kolbeck"], "a6")
    small.store.audit("reprint", bodo, "Bodo wollte ein neues Schild")

    result = purge_before(small.store, date(2023, 10, 26))

    assert result.print_jobs_removed == 1
    assert query(small.path, "SELECT guest_id FROM print_job_row") == [(small.ids["Kolbeck"],)]
    assert query(small.path, "SELECT detail FROM audit_row WHERE subject = ?", bodo) == [("",)]
    assert query(small.path, "SELECT detail FROM audit_row WHERE action = ?", PERSONAL_DATA_PURGED) == [
        ("before 2023-10-26: 3 guests",)]


def test_dry_run_and_repeated_purge_change_nothing(small):
    untouched = everything(small.path)

    dry = purge_before(small.store, AFTER_THE_EVENT, dry_run=True)

    assert dry.guests == 7 and everything(small.path) == untouched
    assert purge_before(small.store, AFTER_THE_EVENT).guests == 7
    assert purge_before(small.store, AFTER_THE_EVENT).guests == 0


def test_nothing_ends_before_the_first_day(small):
    assert purge_before(small.store, DAYS[0]).guests == 0
