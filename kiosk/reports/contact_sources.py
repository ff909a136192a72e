"""The report's section on where contacts came from: two badges scanned at a kiosk, or tablemates of a
speed-networking round who both ticked each other. Counted by the leaderboard's rule (no contact with a
walk-in awaiting review), each pair once, by its earlier exchange. It follows the attendance per session (speed networking is
one of the sessions): the networking page has no room left."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import KeepTogether

from kiosk.storage import rounds

def collect_contact_sources(store, day: date | None = None) -> dict[str, int]:
    """Counted contacts of every source but badge scans (the report derives those from the total);
    call inside the report's snapshot."""
    return rounds.contacts_by_source(store, day)


def contact_sources_section(builder, width: float) -> list:
    """The flowables of the section, built with the report builder's own headings, table and numbers."""
    tr, loc, f = builder.tr, builder.loc, builder.f
    parts = builder._section(tr("Contacts by source"),
                             tr("How each pair's counted contact was made; a pair that did both counts once, "
                                "by the earlier."))
    if not f.contacts:
        return parts + [builder._p(tr("No contacts yet."))]
    others = dict(f.contact_sources)
    by_source = {"scan": f.contacts - sum(others.values()), "rounds": others.pop("rounds", 0), **others}
    labels = {"scan": tr("Badges scanned at a kiosk"), "rounds": tr("Speed-networking tables (both ticked)")}
    rows = [[labels.get(source, source), loc.number(n), loc.percent(n, f.contacts)]
            for source, n in by_source.items()]
    rows.append([tr("All contacts"), loc.number(f.contacts), loc.percent(f.contacts, f.contacts)])
    return [KeepTogether(parts + [builder._table([tr("Source"), tr("Contacts"), tr("Share")], rows, width,
                                                 total=True)])]
