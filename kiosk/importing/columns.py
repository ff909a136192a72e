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
                     "einrichtung", "arbeitgeber", "organisationname", "organizationname"),
    "organization_kind": ("organisationsart", "organisationstyp", "organizationtype", "organisationtype",
                          "organizationkind", "art", "typ", "type", "kind"),
    "category": ("kategorie", "category", "rolle", "role", "tickettyp", "tickettype", "teilnahmeart"),
    "email": ("email", "emailadresse", "emailaddress", "mail", "mailadresse"),
    "days": ("tage", "days", "tag", "day", "teilnahmetage", "dates", "datum", "attendancedays"),
    "ticket_code": ("ticket", "code", "ticketcode", "barcode", "qrcode", "einladungscode",
                    "invitationcode", "ticketnummer"),
    "consent": ("kontaktaustausch", "consent", "networking", "contactexchange", "einwilligung",
                "networkingconsent"),
}

_HEADER_TO_FIELD = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}


@lru_cache(maxsize=4096)  # called for every cell of the category, kind and days columns
def header_key(header: str) -> str:
    from kiosk.core.search import fold

    return re.sub(r"[^a-z0-9]", "", fold(header))


def field_for_header(header: str) -> str | None:
    return _HEADER_TO_FIELD.get(header_key(header))


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

YES_WORDS = {"ja", "yes", "y", "j", "true", "wahr", "1", "x"}
NO_WORDS = {"nein", "no", "n", "false", "falsch", "0"}
