"""The registry of badge variables: what a layout's "{name}" placeholders stand for."""

from __future__ import annotations

import unicodedata
from datetime import date

from kiosk.core.codes import sign_badge_token
from kiosk.core.model import Event, Guest
from kiosk.i18n import Translator, category_label

VARIABLES = {
    "title": "academic or honorary title ('Prof. Dr.')",
    "first_name": "first name",
    "last_name": "last name",
    "title_first": "title and first name ('Prof. Dr. Maximiliane')",
    "full_name": "title, first and last name",
    "organization": "organization name",
    "category": "category word in the badge language ('Referent:in')",
    "event_name": "event name",
    "venue": "event venue",
    "event_dates": "the event's days ('14.–16.05.2026')",
    "valid_days": "the days this badge admits ('Gültig: 14.05. · 15.05.')",
    "token": "the signed badge token the QR code carries",
}
_EN_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def badge_values(event: Event, guest: Guest, tr: Translator) -> dict[str, str]:
    first, last = guest.first_name, guest.last_name
    if not first:  # a single name goes where the eye looks first
        first, last = last, ""
    values = {
        "title": guest.title,
        "first_name": first,
        "last_name": last,
        "title_first": " ".join(p for p in (guest.title, first) if p),
        "full_name": guest.full_name,
        "organization": guest.organization_name,
        "category": category_label(guest.category, tr),
        "event_name": event.name,
        "venue": event.venue,
        "event_dates": date_range(event.days, tr.lang),
        "valid_days": tr("Valid: {days}", days=" · ".join(short_date(d, tr.lang) for d in
                                                           (guest.days or event.days))),
        "token": sign_badge_token(event.secret, event.id, guest.id),
    }
    return {k: unicodedata.normalize("NFC", v) for k, v in values.items()}


def short_date(day: date, lang: str) -> str:
    return f"{day.day:02}.{day.month:02}." if lang == "de" else f"{day.day} {_EN_MONTHS[day.month - 1]}"


def long_date(day: date, lang: str) -> str:
    return f"{short_date(day, lang)}{day.year}" if lang == "de" else f"{short_date(day, lang)} {day.year}"


def date_range(days: tuple[date, ...], lang: str) -> str:
    """'14.–16.05.2026' / '14–16 May 2026' for consecutive days in one month, else a list."""
    if not days:
        return ""
    days = tuple(sorted(days))
    first, last = days[0], days[-1]
    consecutive = (last - first).days == len(days) - 1
    if len(days) > 1 and consecutive and (first.year, first.month) == (last.year, last.month):
        if lang == "de":
            return f"{first.day}.–{long_date(last, lang)}"
        return f"{first.day}–{long_date(last, lang)}"
    return ", ".join([short_date(d, lang) for d in days[:-1]] + [long_date(last, lang)])
