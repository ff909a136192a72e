"""The report and certificate PDFs: the database's figures are in their text, in German and English."""

from __future__ import annotations

import pytest
from event_scenario import DAYS, pdf_pages, pdf_text, query

from kiosk.reports import NoChampion, certificate_pdf, collect_figures, report_pdf
from kiosk.reports.style import Locale


def test_small_event_report_shows_each_days_figures_in_its_table(small):
    text = pdf_text(report_pdf(small.store, lang="en"))

    assert "Tue 24 Oct 5 4 0 1 80.0%" in text  # registered, checked in, walk-ins, no-shows, rate
    assert "Wed 25 Oct 5 4 1 2 60.0%" in text
    assert "Thu 26 Oct 3 2 0 1 66.7%" in text
    assert "Total 13 10 1 4 69.2%" in text
    assert "Busiest quarter hour: 09:00 on Tue 24 Oct, with 2 arrivals." in text


def test_small_event_report_shows_attendance_and_networking(small):
    text = pdf_text(report_pdf(small.store, lang="en"))

    assert "Digital centres 2 3 150.0%" in text
    assert "No organization 1 0 0.0%" in text
    assert "5 of 7 contacts were between people of different organizations." in text
    assert "71.4%" in text
    assert "1 Amrei K. Digitalzentrum Saalkreis 4" in text
    assert "2 Edda Q. Forschungsinstitut Moorbach 4" in text
    assert "NETWORKING CHAMPION Amrei K. · Digitalzentrum Saalkreis 4 contacts" in text


def test_report_names_networkers_by_first_name_and_initial_only(small):
    text = pdf_text(report_pdf(small.store, lang="en"))

    for last_name in ("Kolbeck", "Quast", "Förster", "Strauß", "Wendel", "Yzerman", "Ulbrich"):
        assert last_name not in text
    assert "@example.org" not in text


def test_guest_without_consent_is_not_named_even_with_most_contacts(small):
    small.store.set_consent(small.ids["Kolbeck"], False)

    text = pdf_text(report_pdf(small.store, lang="en"))

    assert "Amrei" not in text
    assert "NETWORKING CHAMPION Edda Q. · Forschungsinstitut Moorbach 4 contacts" in text


def test_demo_report_figures_are_the_databases(demo):
    pdf = report_pdf(demo.store, lang="en")
    text = pdf_text(pdf)
    loc = Locale("en")

    assert pdf_pages(pdf) == 4  # arrivals, attendance, attendance per session, networking
    per_day = dict(query(demo.path, "SELECT day, COUNT(*) FROM check_in_row GROUP BY day"))
    contacts = query(demo.path, "SELECT COUNT(*) FROM contact_row")[0][0]
    figures = collect_figures(demo.store)
    for day in figures.days:
        assert day.checked_in == per_day[day.day.isoformat()]
        row = f"{loc.day_short(day.day)} {day.registered} {day.checked_in} {day.no_shows}"
        assert row in text
    assert f"{contacts} contacts made" in text
    assert f"{figures.cross_organization} of {contacts} contacts were between people" in text
    for networker in figures.networkers:
        assert f"{networker.rank} {networker.public_name} {networker.organization} {networker.contacts}" in text


def test_report_in_german_uses_german_words_dates_and_numbers(demo):
    text = pdf_text(report_pdf(demo.store, lang="de"))

    assert "VERANSTALTUNGSBERICHT" in text
    assert "24.–26. Oktober 2023" in text
    assert "Di 24.10." in text and "Ankünfte je 15 Minuten" in text
    assert "Wer hat wen getroffen" in text and "Digitalzentren" in text
    assert "Seite 1 von 4" in text
    assert " %" in text and "Page " not in text


def test_day_report_covers_one_day(small):
    text = pdf_text(report_pdf(small.store, lang="en", day=DAYS[1]))

    assert "DAY REPORT" in text and "Wednesday, 25 October 2023" in text
    assert "Wed 25 Oct 5 4 1 2 60.0%" in text
    assert "Tue 24 Oct" not in text and "Thu 26 Oct" not in text
    assert "NETWORKING CHAMPION Cleo S. · Pfälzer Rundschau 2 contacts" in text


def test_report_of_an_event_without_activity_says_so(tmp_path):
    from kiosk.services.setup import create_event
    from kiosk.storage import Store

    store = Store.open(tmp_path / "empty.sqlite3", device_id="11111111-2222-4333-8444-555555555555")
    create_event(store, "Leer", "Halle", DAYS)
    text = pdf_text(report_pdf(store, lang="en"))
    store.close()

    assert "No check-ins yet." in text and "No contacts yet." in text


def test_certificate_names_the_champion_with_count_organization_and_event(small):
    text = pdf_text(certificate_pdf(small.store, lang="en"))

    assert "Amrei Kolbeck" in text
    assert "Digitalzentrum Saalkreis" in text
    assert "for making 4 new contacts," in text
    assert "TESTTREFFEN" in text and "24–26 October 2023" in text
    assert "Edda" not in text


def test_certificate_in_german(small):
    text = pdf_text(certificate_pdf(small.store, lang="de"))

    assert "Amrei Kolbeck" in text and "Netzwerkchampion" in text
    assert "für 4 neu geknüpfte Kontakte" in text and "Fruchthalle Kaiserslautern, 26. Oktober 2023" in text


def test_certificate_goes_to_the_demo_leaderboards_first(demo):
    from kiosk.services.desk import FrontDesk

    first = FrontDesk(demo.store).leaderboard_rows(top=1)[0]
    guest = demo.store.guest(first.guest_id)

    text = pdf_text(certificate_pdf(demo.store, lang="de"))

    assert guest.full_name in text and guest.organization_name in text
    assert f"für {first.contacts} neu geknüpfte Kontakte" in text
    assert pdf_pages(certificate_pdf(demo.store, lang="en")) == 1


def test_no_certificate_without_a_champion_who_may_be_named(small):
    for guest in small.store.guests():
        small.store.set_consent(guest.id, False)

    with pytest.raises(NoChampion):
        certificate_pdf(small.store)
