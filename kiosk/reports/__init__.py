"""What the organiser and the press office take home: the event report, the champion's
certificate, staff exports and each guest's own contacts.

    pdf = report_pdf(store, lang="en", day=None)    # figures: collect_figures(store, day)
    pdf = certificate_pdf(store, lang="de")          # NoChampion when nobody may be named
    rows = export(store, "guests", Path("gaeste.xlsx"), excel_de=False, lang="de")
    found = write_my_contacts(store, guest_id, Path("kontakte.vcf"))

Privacy (forget, purge) lives in kiosk.storage.privacy, next to the data it erases.
"""

from __future__ import annotations

from datetime import date

from .certificate import CertificateText, render_certificate
from .contacts import MyContacts, UnknownGuest, my_contacts, write_my_contacts
from .exports import EXPORTS, ExportError, export, neutralise
from .figures import EventFigures, Networker, champion, collect_figures
from .report import render_report

__all__ = ["EXPORTS", "EventFigures", "ExportError", "MyContacts", "Networker", "NoChampion", "UnknownGuest",
           "certificate_pdf", "champion", "collect_figures", "export", "my_contacts", "neutralise", "report_pdf",
           "write_my_contacts"]


class NoChampion(LookupError):
    """Nobody who may be named has made a contact yet."""


def report_pdf(store, lang: str = "de", day: date | None = None) -> bytes:
    return render_report(collect_figures(store, day), lang)


def certificate_pdf(store, lang: str = "de", winner: Networker | None = None) -> bytes:
    winner = winner or champion(store)
    if winner is None:
        raise NoChampion("no networking champion yet: nobody who agreed to contact exchange has made a contact")
    event = store.event()
    return render_certificate(CertificateText(winner.full_name, winner.organization, winner.contacts,
                                              event.name, event.venue, event.days), lang)
