"""The report's section on the programme: how many guests attended each session (counted at its door),
against its capacity. Breaks are left out unless someone was counted at one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.core.programme import SessionKind
from kiosk.storage import programme


@dataclass(frozen=True)
class SessionLine:
    day: date
    start: str  # local "HH:MM"
    title_de: str
    title_en: str
    room: str
    capacity: int | None
    attended: int

    def title(self, lang: str) -> str:
        first, second = (self.title_en, self.title_de) if lang == "en" else (self.title_de, self.title_en)
        return first or second


def collect_sessions(store, day: date | None = None) -> tuple[SessionLine, ...]:
    """Every session (of `day`) with how many attended, in time order; call inside the report's snapshot."""
    counts = programme.attendance_counts(store)
    lines = []
    for session in programme.sessions(store, day):
        attended = counts.get(session.id, 0)
        if session.kind != SessionKind.BREAK or attended:
            lines.append(SessionLine(session.day, f"{session.start:%H:%M}", session.title_de,
                                     session.title_en, session.room, session.capacity, attended))
    return tuple(lines)


def attendance_section(builder, width: float) -> list:
    """The flowables of the section, built with the report builder's own headings, table and numbers."""
    tr, loc, lines = builder.tr, builder.loc, builder.f.sessions
    parts = builder._section(tr("Attendance per session"),
                             tr("Guests counted at the door of each session (door mode); each guest counts "
                                "once per session."))
    if not lines:
        return parts + [builder._p(tr("No programme sessions."))]
    head = [tr("Session"), tr("Day"), tr("Start"), tr("Room"), tr("Capacity"), tr("Attended")]
    rows = [[line.title(loc.lang), loc.day_short(line.day).replace(" ", "\u00a0"), line.start, line.room,
             loc.number(line.capacity) if line.capacity else "–", _attended(line, loc)] for line in lines]
    return parts + [builder._table(head, rows, width)]


def _attended(line: SessionLine, loc) -> str:
    if not line.capacity:
        return loc.number(line.attended)
    return f"{loc.number(line.attended)} ({loc.percent(line.attended, line.capacity)})"
