"""The event report shows contacts by source: badge scans and speed-networking tables (both ticked),
counted by the leaderboard's rule, each pair once, for the whole event or one day."""

from __future__ import annotations

import sys
from pathlib import Path

from rounds_support import first_round_started, seated
from services_support import EVENT_DAYS

from kiosk.reports import collect_figures, report_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from event_scenario import pdf_text  # noqa: E402


def test_the_report_counts_contacts_by_source(desk, store, add_guest, clock):
    rounds, session, guests, view = first_round_started(desk, add_guest, clock, rounds=1)
    first, second = (sorted(table) for table in seated(view, 1))
    for a, b in ((first[0], first[1]), (first[2], first[3]), (second[0], second[1])):
        rounds.tick(session.id, a, [b])
        rounds.tick(session.id, b, [a])
    rounds.tick(session.id, second[2], [second[3]])  # one side only: no contact
    by_id = {g.id: g for g in guests}
    desk.exchange_contact(desk.badge_token(by_id[first[0]]), desk.badge_token(by_id[second[3]]))
    desk.exchange_contact(desk.badge_token(by_id[first[0]]), desk.badge_token(by_id[first[1]]))  # known already
    figures = collect_figures(store)
    assert figures.contacts == 4 and figures.contact_sources == {"rounds": 3}
    assert collect_figures(store, EVENT_DAYS[0]).contact_sources == {"rounds": 3}
    assert collect_figures(store, EVENT_DAYS[1]).contact_sources == {}
    german = pdf_text(report_pdf(store, "de"))
    assert "Kontakte nach Herkunft" in german
    assert "Badges am Kiosk gescannt 1 25,0 %" in german
    assert "Speed-Networking-Tische (beide angekreuzt) 3 75,0 %" in german
    english = pdf_text(report_pdf(store, "en"))
    assert "Speed-networking tables (both ticked) 3 75.0%" in english and "All contacts 4 100.0%" in english
