"""Guest lists as the registration tools export them, built from their exporters' own headers (invented people).

- pretix 2026.8, check-in list: src/pretix/plugins/checkinlists/exporters.py (CSVCheckinList.iterate_list), with
  "Include QR-code secret" ticked and the name scheme title_given_family (src/pretix/base/settings.py).
- pretix 2026.8, order data export, sheet "Order positions": src/pretix/base/exporters/orderlist.py
  (OrderListExporter.iterate_positions); its XLSX has the sheets Orders, Order positions, Order fees.
- German headers: pretix's src/pretix/locale/de/LC_MESSAGES/django.po.
- CSV as pretix's ListExporter writes it (src/pretix/base/exporter.py): UTF-8 without byte order mark; "CSV (with
  commas)" quotes every text cell, "CSV (with semicolons)" is Excel's dialect with ';'.
- Eventbrite's attendee summary report: the columns as importers of real reports list them.
- Indico's registrant spreadsheet: indico/modules/events/registration/util.py
  (generate_spreadsheet_from_registrations) with the personal-data field titles of models/items.py.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from importing_support import write_xlsx

_PRETIX = {  # English message id -> German, as the catalogue has them
    "Order code": "Bestellnummer", "Attendee name": "Name Teilnehmer*in", "Product": "Produkt", "Price": "Preis",
    "Checked in": "Eingecheckt", "Checked out": "Ausgetreten", "Automatically checked in": "Automatisch eingecheckt",
    "Secret": "Secret", "Email": "E-Mail", "Phone number": "Telefonnummer", "Company": "Firma",
    "Voucher code": "Gutscheincode", "Order date": "Bestelldatum", "Order time": "Bestelluhrzeit",
    "Requires special attention": "Benötigt besondere Behandlung", "Comment": "Kommentar",
    "Check-in text": "Check-in-Hinweis", "Seat ID": "Sitzplatz-ID", "Seat name": "Sitzbezeichnung",
    "Seat zone": "Sitzbereich", "Seat row": "Sitzreihe", "Seat number": "Sitzplatz-Nummer", "Blocked": "Gesperrt",
    "Valid from": "Gültig ab", "Valid until": "Gültig bis", "Address": "Adresse", "ZIP code": "Postleitzahl",
    "City": "Stadt", "Country": "Land", "State": "Bundesstaat", "Event slug": "Kurzname der Veranstaltung",
    "Event name": "Veranstaltungstitel", "Position ID": "Position", "Status": "Status", "Product ID": "Produkt-ID",
    "Variation": "Variante", "Variation ID": "Varianten-ID", "Tax rate": "Steuersatz", "Tax rule": "Steuerregel",
    "Tax value": "Steuer", "Attendee email": "E-Mail Teilnehmer*in", "Attendee company": "Teilnehmer*innen-Firma",
    "Voucher": "Gutschein", "Voucher budget usage": "Verwendetes Gutscheinbudget", "Voucher tag": "Gutschein-Tag",
    "Pseudonymization ID": "Pseudonyme ID", "Ticket secret": "Ticket-Code", "Order comment": "Bestellkommentar",
    "Follow-up date": "Datum zur Wiedervorlage", "Add-on to position ID": "Zusatzprodukt zu Position",
    "Invoice address company": "Rechnungsadresse: Firma", "Invoice address name": "Rechnungsadresse: Name",
    "Sales channel": "Verkaufskanal", "Title": "Titel", "Given name": "Vorname", "Family name": "Nachname",
    "Yes": "Ja", "No": "Nein", "paid": "bezahlt", "canceled": "storniert", "Name": "Name",
    "Orders": "Bestellungen", "Order positions": "Bestellzeilen", "Order fees": "Gebühren",
    "Order total": "Gesamtbetrag", "Check-in list": "Check-in-Liste",
}
_NAME_PARTS = ("Title", "Given name", "Family name")
# Products and the days they stand for, in the shop's two languages.
DAY_2_TICKET = {"en": "Day ticket Oct 25", "de": "Tagesticket 25.10."}
TWO_DAY_TICKET = {"en": "Day ticket Oct 24 + Oct 25", "de": "Tagesticket 24./25.10."}
ALL_DAYS_TICKET = {"en": "3-day ticket", "de": "3-Tages-Ticket"}


def _t(text: str, lang: str) -> str:
    return _PRETIX[text] if lang == "de" else text


def _name_headers(lang: str, order_export: bool) -> list[str]:
    """Check-in list: "Attendee name: {part}" (de "Teilnehmer*innenname: {part}"); order positions:
    _('Attendee name') + ': ' + label, so German "Name Teilnehmer*in: Vorname"."""
    if order_export or lang == "en":
        return [f"{_t('Attendee name', lang)}: {_t(part, lang)}" for part in _NAME_PARTS]
    return [f"Teilnehmer*innenname: {_t(part, lang)}" for part in _NAME_PARTS]


# Attendees of two orders: ABC12 is one company's order for three people under one e-mail address.
# (title, given, family, company, email, product key, secret, attention, check-in text)
PRETIX_GUESTS = [
    ("Dr.", "Jana", "Beispiel-Öztürk", "Digitalzentrum Seeland", "jana@example.org", "day2", "k7wq3ybdtq8xz2mf",
     False, ""),
    ("", "Jürgen", "Weiß", "Mühlenwerk GmbH", "einkauf@muehlenwerk.example", "all", "p4c9hm2vyzq7rt3k",
     True, "Rollstuhl: Platz in Reihe 1\nBegleitperson kommt mit"),
    ("", "Ayşe", "Kaya", "Mühlenwerk GmbH", "einkauf@muehlenwerk.example", "two", "r8d2kx7nyq4wm9tb", False, ""),
    ("Prof.", "Tomasz", "Żelazny", "Mühlenwerk GmbH", "einkauf@muehlenwerk.example", "all", "r8d2kx7nzq4wm9tb",
     False, ""),
]
_PRODUCTS = {"day2": DAY_2_TICKET, "two": TWO_DAY_TICKET, "all": ALL_DAYS_TICKET}


def pretix_checkin_rows(lang: str) -> list[list[object]]:
    headers = [_t("Order code", lang), _t("Attendee name", lang), *_name_headers(lang, False),
               *(_t(h, lang) for h in ("Product", "Price", "Checked in", "Checked out", "Automatically checked in",
                                       "Secret", "Email", "Phone number", "Company", "Voucher code", "Order date",
                                       "Order time", "Requires special attention", "Comment", "Check-in text",
                                       "Seat ID", "Seat name", "Seat zone", "Seat row", "Seat number", "Blocked",
                                       "Valid from", "Valid until", "Address", "ZIP code", "City", "Country",
                                       "State"))]
    rows = [headers]
    for number, (title, given, family, company, email, product, secret, attention, text) in enumerate(PRETIX_GUESTS):
        order = "XYZ9Q" if number == 0 else "ABC12"
        full = " ".join(p for p in (title, given, family) if p)
        rows.append([order, full, title, given, family, _PRODUCTS[product][lang], "120.00", "", "",
                     _t("No", lang), secret, email, "", company, "", "2023-09-01", "10:15:00",
                     _t("Yes" if attention else "No", lang), "", text, "", "", "", "", "", "", "", "", "", "", "",
                     "", ""])
    rows.append(["ABC12", "Fritz Sonnenschein", "", "", "", _PRODUCTS["day2"][lang], "0.00", "", "", _t("No", lang),
                 "w2m8q4hx6c9tjk3p", "fritz@example.org", "", "Sonnenschein & Partner", "", "2023-09-02",
                 "08:00:00", _t("No", lang), "", "", *[""] * 13])
    return rows


def pretix_positions_rows(lang: str) -> list[list[object]]:
    """The positions sheet: the order's "Email" is the buyer's, "Attendee email" the guest's own (empty
    where the shop did not ask for it); "Company" is not there, "Attendee company" is."""
    headers = [_t(h, lang) for h in ("Event slug", "Event name", "Order code", "Position ID", "Status", "Email",
                                     "Phone number", "Order date", "Order time", "Product", "Product ID", "Variation",
                                     "Variation ID", "Price", "Tax rate", "Tax rule", "Tax value", "Attendee name")]
    headers += _name_headers(lang, True)
    headers += [_t(h, lang) for h in ("Attendee email", "Attendee company", "Address", "ZIP code", "City", "Country",
                                      "State", "Voucher", "Voucher budget usage", "Voucher tag",
                                      "Pseudonymization ID", "Ticket secret", "Seat ID", "Seat name", "Seat zone",
                                      "Seat row", "Seat number", "Blocked", "Valid from", "Valid until",
                                      "Order comment", "Follow-up date", "Add-on to position ID",
                                      "Invoice address company", "Invoice address name", "Sales channel")]
    rows = [headers]
    for number, (title, given, family, company, _email, product, secret, _a, _t2) in enumerate(PRETIX_GUESTS):
        status = _t("canceled" if number == 3 else "paid", lang)
        own_email = f"{given.lower()}@example.org".replace("ü", "ue").replace("ş", "s") if number < 2 else ""
        full = " ".join(p for p in (title, given, family) if p)
        rows.append(["netzwerktreffen", "Netzwerktreffen", "ABC12", number + 1, status, "einkauf@muehlenwerk.example",
                     "", "2023-09-01", "10:15:00", _PRODUCTS[product][lang], 41, "", "", "120.00", "19.00", "",
                     "19.16", full, title, given, family, own_email, company, "", "", "", "", "", "", "", "",
                     f"PSEUDO{number}X7", secret, *[""] * 10, "Mühlenwerk GmbH", "Erika Einkauf", "web"])
    return rows


def pretix_orders_rows(lang: str) -> list[list[object]]:
    """The first sheet of the order data workbook: one row per order, the buyer's invoice name."""
    return [[_t(h, lang) for h in ("Event slug", "Order code", "Order total", "Status", "Email", "Company", "Name",
                                   "Title", "Given name", "Family name")],
            ["netzwerktreffen", "ABC12", "360.00", _t("paid", lang), "einkauf@muehlenwerk.example",
             "Mühlenwerk GmbH", "Erika Einkauf", "", "Erika", "Einkauf"]]


def write_pretix_csv(path: Path, rows: list[list[object]], semicolons: bool = False) -> Path:
    buffer = io.StringIO(newline="")
    if semicolons:
        writer = csv.writer(buffer, dialect="excel", delimiter=";")
    else:
        writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, delimiter=",")
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def write_pretix_order_xlsx(path: Path, lang: str) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheets = [("Orders", pretix_orders_rows(lang)), ("Order positions", pretix_positions_rows(lang)),
              ("Order fees", [[_t("Order code", lang), _t("Price", lang)], ["ABC12", "2.50"]])]
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(_t(title, lang))
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def write_pretix_checkin_xlsx(path: Path, lang: str) -> Path:
    return write_xlsx(path, pretix_checkin_rows(lang), sheet_title=_t("Check-in list", lang))


# Eventbrite's attendee summary report (English whatever the organiser's language).
EVENTBRITE_HEADERS = ["Order #", "Order Date", "Prefix", "First Name", "Last Name", "Suffix", "Email", "Quantity",
                      "Ticket Type", "Attendee #", "Barcode #", "Group", "Order Type", "Currency", "Total Paid",
                      "Fees Paid", "Eventbrite Fees", "Eventbrite Payment Processing", "Attendee Status",
                      "Job Title", "Company", "Work Phone"]
EVENTBRITE_ROWS = [
    ["4711001", "2023-09-03 10:01", "Dr.", "Ingrid", "Nordmann", "", "ingrid@example.no", "1", "Day ticket Oct 25",
     "9001", "8148473111261370011001", "", "Eventbrite Completed", "EUR", "80.00", "4.00", "3.00", "1.00",
     "Attending", "CTO", "Fjordlys Data AS", ""],
    ["4711002", "2023-09-04 12:30", "Mr.", "Ole", "Hansen", "", "team@havbris.example", "2", "Speaker", "9002",
     "8148473111261370012001", "", "Free Order", "EUR", "0.00", "0.00", "0.00", "0.00", "Attending", "", "Havbris",
     ""],
    ["4711002", "2023-09-04 12:30", "", "Siri", "Berg", "", "team@havbris.example", "2", "Full pass", "9003",
     "8148473111261370012002", "", "Free Order", "EUR", "0.00", "0.00", "0.00", "0.00", "Attending", "",
     "Havbris", ""],
    ["4711003", "2023-09-05 09:00", "", "Kari", "Dahl", "", "kari@example.no", "1", "Day ticket Oct 24", "9004",
     "8148473111261370013001", "", "Eventbrite Completed", "EUR", "80.00", "4.00", "3.00", "1.00",
     "Not Attending", "", "Dahl Consult", ""],
]

# Indico: "ID" (the registration's friendly id), "Name" (first and last), then the form's fields by title.
INDICO_HEADERS = ["ID", "Name", "First Name", "Last Name", "Email Address", "Affiliation", "Title", "Position",
                  "Registration date", "Registration state", "Checked in"]
INDICO_ROWS = [
    ["17", "Maria Rossi", "Maria", "Rossi", "maria.rossi@example.it", "Istituto di Fisica", "Prof.", "Professor",
     "2023-08-30 14:02:11", "Complete", "False"],
    ["18", "Jean Dupont", "Jean", "Dupont", "jean.dupont@example.fr", "Laboratoire Central", "Mr", "",
     "2023-08-31 09:12:45", "Complete", "False"],
    ["19", "Anna van der Berg", "Anna", "van der Berg", "anna@example.nl", "Universiteit Zuid", "Dr", "",
     "2023-09-01 16:40:00", "Complete", "False"],
    ["20", "Luca Bianchi", "Luca", "Bianchi", "luca@example.it", "Istituto di Fisica", "", "",
     "2023-09-02 11:00:00", "Withdrawn", "False"],
]


def write_csv(path: Path, rows: list[list[object]], bom: bool = True) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path
