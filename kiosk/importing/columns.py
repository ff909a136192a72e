"""Header names as registration tools and German Excel write them, and cell values they use."""

from __future__ import annotations

import re
from functools import lru_cache

from kiosk.core.model import Category, OrganizationKind

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "externalid", "externeid", "teilnehmerid", "teilnehmernummer", "registrationid",
                    "attendeeid", "buchungsnummer", "anmeldenummer", "registrierungsnummer", "nr"),
    "title": ("titel", "title", "akademischertitel", "academictitle"),
    "first_name": ("vorname", "firstname", "givenname", "forename", "vornamen"),
    "last_name": ("nachname", "lastname", "surname", "familienname", "familyname"),
    "full_name": ("name", "fullname", "vollstandigername", "teilnehmer", "teilnehmerin"),
    "organization": ("organisation", "organization", "firma", "company", "unternehmen", "institution",
                     "einrichtung", "arbeitgeber", "organisationname", "organizationname", "affiliation"),
    "organization_kind": ("organisationsart", "organisationstyp", "organizationtype", "organisationtype",
                          "organizationkind", "art", "typ", "type", "kind"),
    "category": ("kategorie", "category", "rolle", "role", "teilnahmeart"),
    # A ticket type is a product name ("Tagesticket 25.10.", "Day ticket Oct 25"); one that is a category
    # word ("Referentin") still sets the category.
    "product": ("tickettyp", "tickettype", "ticketart", "produkt", "product"),
    "email": ("email", "emailadresse", "emailaddress", "mail", "mailadresse"),
    "days": ("tage", "days", "tag", "day", "teilnahmetage", "dates", "datum", "attendancedays"),
    "ticket_code": ("ticket", "code", "ticketcode", "barcode", "qrcode", "einladungscode",
                    "invitationcode", "ticketnummer"),
    "consent": ("kontaktaustausch", "consent", "networking", "contactexchange", "einwilligung",
                "networkingconsent"),
    "needs_attention": ("needsattention", "besonderebehandlung", "achtung"),
    "note": ("hinweis", "note", "notes", "checkinnote", "checkinhinweis"),
    "status": ("status", "anmeldestatus"),
}

# The registration tools' own exports, header by header as their exporters write them. Such a column
# outranks a generic one for the same field: pretix's order positions carry both the buyer's "Email" and
# the "Attendee email", and the attendee's is the guest's.
TOOL_TITLES = ("Attendee name: Title", "Teilnehmer*innenname: Titel", "Name Teilnehmer*in: Titel")  # pretix
TOOL_HEADERS: dict[str, tuple[str, ...]] = {
    # pretix 2026.8: the check-in list (src/pretix/plugins/checkinlists/exporters.py, CSVCheckinList) and the
    # order data export's "Order positions" sheet (src/pretix/base/exporters/orderlist.py,
    # OrderListExporter.iterate_positions); name parts are "Attendee name: {part}" with the labels of
    # PERSON_NAME_SCHEMES (src/pretix/base/settings.py). German from src/pretix/locale/de/LC_MESSAGES/django.po:
    # the check-in list says "Teilnehmer*innenname: Vorname", the order positions "Name Teilnehmer*in: Vorname".
    "full_name": ("Attendee name", "Name Teilnehmer*in"),
    "first_name": ("Attendee name: Given name", "Attendee name: First name", "Teilnehmer*innenname: Vorname",
                   "Name Teilnehmer*in: Vorname"),
    "last_name": ("Attendee name: Family name", "Teilnehmer*innenname: Nachname", "Name Teilnehmer*in: Nachname"),
    "email": ("Attendee email", "E-Mail Teilnehmer*in"),
    "organization": ("Attendee company", "Teilnehmer*innen-Firma"),
    # pretix's "Secret" (check-in list, same word in German) and "Ticket secret" / "Ticket-Code" (order
    # positions) are what the QR code on the guest's pretix ticket holds. Eventbrite's "Barcode #" reads
    # as "barcode", a generic alias.
    "ticket_code": ("Secret", "Ticket secret"),
    "external_id": ("Pseudonymization ID", "Pseudonyme ID"),  # pretix: one per ticket, stable across exports
    "needs_attention": ("Requires special attention", "Benötigt besondere Behandlung"),
    "note": ("Check-in text",),  # German "Check-in-Hinweis" is a generic alias
    # Eventbrite's attendee summary report ("Attendee Status"; its other columns, "First Name", "Last Name",
    # "Email", "Company", "Ticket Type", "Barcode #", are generic ones) and Indico's registrant spreadsheet
    # (indico/modules/events/registration/util.py, generate_spreadsheet_from_registrations: "ID", "Name",
    # the form's "First Name", "Last Name", "Email Address", "Affiliation", "Title", and "Registration
    # state"). Indico's form titles are created in English (an organiser may rename them); for Eventbrite's
    # German report headers no source was at hand, so only the generic German aliases cover them.
    "status": ("Attendee Status", "Registration state"),
    "title": TOOL_TITLES + ("Prefix",),  # Eventbrite's "Prefix (Mr., Mrs., etc.)": Dr. kept, salutations dropped
}

# Headers that folding would spoil: Eventbrite's "Attendee #" folds to "attendee", which a plain list may use
# for the guest's name. Eventbrite's attendee summary report, as importers of it read it (EventMan's
# EbCSVImportPersonsHandler: "Order #", "Attendee #", "Barcode #", "First Name", "Last Name", "Email").
EXACT_HEADERS: dict[str, str] = {"attendee #": "external_id"}

# pretix's order data export as XLSX has the sheets "Orders", "Order positions" and "Order fees"
# ("Bestellungen", "Bestellzeilen", "Gebühren"): the guests are on the positions sheet, not the first.
GUEST_SHEETS = ("Order positions", "Bestellzeilen")

_HEADER_TO_FIELD = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}


@lru_cache(maxsize=4096)  # called for every cell of the category, kind and days columns
def header_key(header: str) -> str:
    from kiosk.core.search import fold

    return re.sub(r"[^a-z0-9]", "", fold(header))


def field_for_header(header: str) -> str | None:
    found = ranked_field(header)
    return found[0] if found else None


def ranked_field(header: str) -> tuple[str, int] | None:
    """The field a header names and how strongly: 2 for a tool's own header, 1 for a generic one."""
    exact = EXACT_HEADERS.get(header.strip().casefold())
    if exact:
        return exact, 2
    key = header_key(header)
    if key in _TOOL_KEYS:
        return _TOOL_KEYS[key], 2
    field = _HEADER_TO_FIELD.get(key)
    return (field, 1) if field else None


CATEGORY_WORDS: dict[str, Category] = {
    **dict.fromkeys(("", "teilnehmer", "teilnehmerin", "teilnehmerinnen", "participant", "attendee",
                     "gast", "guest"), Category.PARTICIPANT),
    **dict.fromkeys(("referent", "referentin", "speaker", "sprecher", "sprecherin", "vortragende",
                     "vortragender", "moderation", "moderator", "moderatorin"), Category.SPEAKER),
    **dict.fromkeys(("presse", "press", "media", "medien", "journalist", "journalistin"), Category.PRESS),
    **dict.fromkeys(("team", "staff", "orga", "organisation", "organisationsteam", "helfer", "helferin",
                     "crew"), Category.STAFF),
    **dict.fromkeys(("ehrengast", "vip", "guestofhonour", "guestofhonor"), Category.GUEST_OF_HONOUR),
}

ORGANIZATION_KIND_WORDS: dict[str, OrganizationKind] = {
    **dict.fromkeys(("digitalcentre", "digitalcenter", "zentrum", "mittelstanddigitalzentrum",
                     "digitalzentrum"), OrganizationKind.DIGITAL_CENTRE),
    **dict.fromkeys(("ministry", "ministerium", "bundesministerium"), OrganizationKind.MINISTRY),
    **dict.fromkeys(("projectagency", "projekttrager", "projekttraeger"), OrganizationKind.PROJECT_AGENCY),
    **dict.fromkeys(("research", "forschung", "begleitforschung", "wissenschaft", "institut"),
                    OrganizationKind.RESEARCH),
    **dict.fromkeys(("partnerhub", "partner", "hub", "edih", "forderinitiative", "foerderinitiative"),
                    OrganizationKind.PARTNER_HUB),
    **dict.fromkeys(("press", "presse", "medien", "media"), OrganizationKind.PRESS),
    **dict.fromkeys(("staff", "team", "veranstalter", "organiser", "organizer"), OrganizationKind.STAFF),
    **dict.fromkeys(("", "other", "sonstige", "andere"), OrganizationKind.OTHER),
}

# Status cells of a ticket or registration that no longer admits its guest: pretix's order status
# (canceled, expired, "canceled (paid fee)"; German storniert, abgelaufen, "storniert (bezahlte Gebühr)"),
# Eventbrite's attendee status, Indico's registration state (Withdrawn, Rejected).
CANCELLED_STATUS_WORDS = ("storniert", "canceled", "cancelled", "abgelaufen", "expired", "withdrawn", "rejected",
                          "refunded", "notattending", "zuruckgezogen", "abgelehnt", "erstattet")

# Forms of address, not titles: a badge shows "Dr." but never "Mr" (Indico's and Eventbrite's title fields
# offer both).
SALUTATIONS = {"mr", "mrs", "ms", "mx", "miss", "herr", "frau", "divers"}

YES_WORDS = {"ja", "yes", "y", "j", "true", "wahr", "1", "x"}
NO_WORDS = {"nein", "no", "n", "false", "falsch", "0"}


def _tool_keys() -> dict[str, str]:
    return {header_key(header): field for field, headers in TOOL_HEADERS.items() for header in headers}


_TOOL_KEYS = _tool_keys()
