"""The days a ticket product names, as registration tools name their day tickets.

pretix writes the product (and variation) of each ticket, Eventbrite its ticket type: "Tagesticket 25.10.",
"Day ticket Oct 25", "Tag 2", "Tagesticket 24./25.10.". A product that names no day ("3-Tages-Ticket",
"Festival pass", "Regulär") admits its guest on every day, as an empty days cell does.
"""

from __future__ import annotations

import re
from datetime import date

from kiosk.core.model import Event
from kiosk.core.search import fold

_MONTHS = {
    **dict.fromkeys(("jan", "januar", "january", "janner"), 1), **dict.fromkeys(("feb", "februar", "february"), 2),
    **dict.fromkeys(("mar", "marz", "march", "maerz"), 3), **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("mai", "may"), 5), **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7), **dict.fromkeys(("aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9), **dict.fromkeys(("okt", "oct", "oktober", "october"), 10),
    **dict.fromkeys(("nov", "november"), 11), **dict.fromkeys(("dez", "dec", "dezember", "december"), 12),
}
# 25.10. / 25.10.2023, with leading days of the same month: 24./25.10., 24. + 25.10., 24.-26.10. (a range)
_NUMERIC = re.compile(r"(?<!\d)((?:\d{1,2}\.\s*(?:[/+,&-]|und|and|bis)\s*)*)"
                      r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?")
_LEADING_DAY = re.compile(r"(\d{1,2})\.\s*([/+,&-]|und|and|bis)?")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\.?\s*([a-z]{3,9})\.?(?:\s+(\d{4}))?")  # 25. Oktober, 25 Oct 2023
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{4}))?")  # Oct 25, 2023
_DAY_NUMBER = re.compile(r"\b(?:tag|day)\s*(\d{1,2})\b")


class ProductDayError(ValueError):
    pass


def product_days(product: str, event: Event) -> tuple[date, ...]:
    """The event days a product names; () when it names none. ProductDayError when it names a day
    the event does not have (a ticket for another date must not quietly admit on every day)."""
    text = fold(product)
    days = {*_numeric_days(text, event), *_iso_days(text), *_named_month_days(text, event),
            *_numbered_days(text, event, product)}
    strangers = sorted(day for day in days if day not in event.days)
    if strangers:
        raise ProductDayError(f"product '{product}' is for {strangers[0].isoformat()}, not a day of the event")
    return tuple(sorted(days))


def _numeric_days(text: str, event: Event) -> list[date]:
    days = []
    for match in _NUMERIC.finditer(text):
        leading, day, month, year = match.groups()
        full_year = _year(year, event)
        last = _date(full_year, int(month), int(day))
        days.append(last)
        days += _leading_days(leading, full_year, int(month), last)
    return [day for day in days if day is not None]


def _leading_days(leading: str, year: int, month: int, last: date | None) -> list[date | None]:
    found = _LEADING_DAY.findall(leading)
    days = [_date(year, month, int(day)) for day, _ in found]
    if len(found) == 1 and found[0][1] in ("-", "bis") and days[0] and last:  # 24.-26.10.: every day between
        days = [date.fromordinal(n) for n in range(days[0].toordinal(), last.toordinal())]
    return days


def _iso_days(text: str) -> list[date]:
    return [day for y, m, d in _ISO.findall(text) if (day := _date(int(y), int(m), int(d)))]


def _named_month_days(text: str, event: Event) -> list[date]:
    found = [(day, month, year) for day, month, year in _DAY_MONTH.findall(text)]
    found += [(day, month, year) for month, day, year in _MONTH_DAY.findall(text)]
    return [day for d, month, year in found
            if month in _MONTHS and (day := _date(_year(year, event), _MONTHS[month], int(d)))]


def _numbered_days(text: str, event: Event, product: str) -> list[date]:
    days = []
    for number in map(int, _DAY_NUMBER.findall(text)):
        if not 1 <= number <= len(event.days):
            raise ProductDayError(f"product '{product}' names day {number}; the event has {len(event.days)}")
        days.append(event.days[number - 1])
    return days


def _year(text: str | None, event: Event) -> int:
    if not text:
        return event.days[0].year
    return int(text) + (2000 if len(text) == 2 else 0)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
