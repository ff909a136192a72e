"""The programme as data: sessions of the event days, and who attended which session.

A session has a stable id (a UUID text, the same on every kiosk), a day, local start and end times,
a title per language, a room, a kind and optionally a capacity. Attendance follows the check-in
rules: once per guest and session (the earliest scan counts), refused when the room is full, and
staff may undo it (scans made before the undo no longer count).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from .model import new_id
from .refusals import KioskError, Refusal

MAX_TITLE = 200
MAX_ROOM = 100
MAX_CAPACITY = 100_000
_LEGACY_NAMESPACE = uuid.UUID("6f1c3c52-3b8e-4a4e-9a55-2f4e0d1c7a10")  # ids of sessions from the old JSON


class SessionKind(StrEnum):
    TALK = "talk"
    SPEED_NETWORKING = "speed_networking"
    QUIZ = "quiz"
    BREAK = "break"
    DINNER = "dinner"
    OTHER = "other"


# Words a programme file (or an old programme's title) uses for a kind, as word_key folds them.
KIND_WORDS = {
    SessionKind.TALK: ("talk", "vortrag", "vortrage", "vortraege", "impuls", "keynote", "lecture", "referat",
                       "podium", "panel", "begrussung", "begruessung", "welcome"),
    SessionKind.SPEED_NETWORKING: ("speednetworking", "speeddating", "speeddate"),
    SessionKind.QUIZ: ("quiz", "pubquiz", "quizabend"),
    SessionKind.BREAK: ("break", "pause", "kaffeepause", "mittagspause", "netzwerkpause", "coffeebreak",
                        "lunch", "mittagessen", "kaffee", "coffee"),
    SessionKind.DINNER: ("dinner", "abendessen", "abendveranstaltung", "essen"),
    SessionKind.OTHER: ("other", "sonstiges", "sonstige", "andere", "anderes", "misc"),
}
_KIND_BY_WORD = {word: kind for kind, words in KIND_WORDS.items() for word in words}


def word_key(text: str) -> str:
    """'Speed-Networking' -> 'speednetworking', 'Begrüßung' -> 'begrussung'."""
    folded = text.casefold().replace("ß", "ss").replace("ä", "a").replace("ö", "o").replace("ü", "u")
    return re.sub(r"[^a-z0-9]", "", folded)


def kind_for_word(text: str) -> SessionKind | None:
    """The kind a cell names ('Vortrag', 'Speed-Networking', 'quiz'...), None if it names none."""
    return _KIND_BY_WORD.get(word_key(text))


def kind_of(value: str) -> SessionKind:
    """A stored kind; one a newer kiosk introduced reads as OTHER here."""
    try:
        return SessionKind(value)
    except ValueError:
        return SessionKind.OTHER


@dataclass(frozen=True)
class Session:
    id: str
    day: date
    start: time
    end: time
    title_de: str
    title_en: str = ""
    room: str = ""
    kind: SessionKind = SessionKind.OTHER
    capacity: int | None = None  # None: no limit

    def title(self, lang: str) -> str:
        """The title in `lang`, else in the other language."""
        first, second = (self.title_en, self.title_de) if lang == "en" else (self.title_de, self.title_en)
        return first or second

    @property
    def time_text(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    def to_dict(self) -> dict:
        """As a journal payload and the CLI's JSON write it."""
        return {"id": self.id, "day": self.day.isoformat(), "start": f"{self.start:%H:%M}",
                "end": f"{self.end:%H:%M}", "title_de": self.title_de, "title_en": self.title_en,
                "room": self.room, "kind": str(self.kind), "capacity": self.capacity}

    @classmethod
    def from_dict(cls, data: dict) -> "Session":
        return cls(id=data["id"], day=date.fromisoformat(data["day"]),
                   start=time.fromisoformat(data["start"]), end=time.fromisoformat(data["end"]),
                   title_de=data.get("title_de", ""), title_en=data.get("title_en", ""),
                   room=data.get("room", ""),
                   kind=kind_of(data.get("kind", "other")), capacity=data.get("capacity"))


def new_session_id() -> str:
    return new_id()


class InvalidSession(KioskError):
    """A session that breaks a rule; `field` names the field, the message says what is wrong."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(Refusal.INVALID_ENTRY, message, field=field_name)
        self.field = field_name


def session_problems(session: Session, event_days: tuple[date, ...]) -> list[InvalidSession]:
    """Every rule the session breaks (empty: it is valid)."""
    problems = []
    if not session.id.strip() or len(session.id) > 36:
        problems.append(InvalidSession("id", "a session needs an id of at most 36 characters"))
    if not (session.title_de.strip() or session.title_en.strip()):
        problems.append(InvalidSession("title", "a session needs a title"))
    if max(len(session.title_de), len(session.title_en)) > MAX_TITLE:
        problems.append(InvalidSession("title", f"the title is longer than {MAX_TITLE} characters"))
    if len(session.room) > MAX_ROOM:
        problems.append(InvalidSession("room", f"the room is longer than {MAX_ROOM} characters"))
    if event_days and session.day not in event_days:
        problems.append(InvalidSession("day", f"{session.day.isoformat()} is not a day of the event"))
    if session.end <= session.start:
        problems.append(InvalidSession("end", f"the end ({session.end:%H:%M}) is not after the start "
                                              f"({session.start:%H:%M})"))
    if session.capacity is not None and not 1 <= session.capacity <= MAX_CAPACITY:
        problems.append(InvalidSession("capacity", f"the capacity must be between 1 and {MAX_CAPACITY:,}"))
    return problems


def check_session(session: Session, event_days: tuple[date, ...]) -> Session:
    """The session with its texts trimmed, or InvalidSession for the first rule it breaks."""
    trimmed = Session(session.id.strip(), session.day, session.start, session.end, session.title_de.strip(),
                      session.title_en.strip(), session.room.strip(), session.kind, session.capacity)
    problems = session_problems(trimmed, event_days)
    if problems:
        raise problems[0]
    return trimmed


def by_time(sessions: list[Session]) -> list[Session]:
    return sorted(sessions, key=lambda s: (s.day, s.start, s.end, s.title_de, s.id))


# -- attendance ------------------------------------------------------------------------------------
class AttendanceRefusal(StrEnum):
    SESSION_FULL = "session_full"
    UNKNOWN_SESSION = "unknown_session"
    NOT_SESSION_DAY = "not_session_day"  # the session is on another day than today


class AttendStatus(StrEnum):
    RECORDED = "recorded"
    ALREADY_HERE = "already_here"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Attendance:
    session_id: str
    guest_id: str
    at: datetime
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class AttendanceOutcome:
    status: AttendStatus
    session: Session | None = None
    guest: object = None  # the Guest, when the scan named one
    attendance: Attendance | None = None  # the new one, or the earlier one
    present: int = 0  # how many attend the session now (with this guest, if recorded)
    reason: str | None = None  # an AttendanceRefusal or a Refusal of the scan

    @property
    def capacity(self) -> int | None:
        return self.session.capacity if self.session else None


def decide_attendance(session: Session, guest_id: str, today: date, earlier: Attendance | None,
                      present: int, now: datetime) -> AttendanceOutcome:
    """`present`: how many attend already. A guest already counted is 'already here', even in a full room."""
    if earlier is not None:
        return AttendanceOutcome(AttendStatus.ALREADY_HERE, session, attendance=earlier, present=present)
    if session.day != today:
        return AttendanceOutcome(AttendStatus.REJECTED, session, present=present,
                                 reason=AttendanceRefusal.NOT_SESSION_DAY)
    if session.capacity is not None and present >= session.capacity:
        return AttendanceOutcome(AttendStatus.REJECTED, session, present=present,
                                 reason=AttendanceRefusal.SESSION_FULL)
    return AttendanceOutcome(AttendStatus.RECORDED, session, attendance=Attendance(session.id, guest_id, now),
                             present=present + 1)


# -- the programme before sessions were data ---------------------------------------------------------
def sessions_from_legacy(items: list[dict], event_id: str, days: tuple[date, ...]) -> list[Session]:
    """The untyped programme an older version kept in the event ({day: number, start, end, de, en}) as
    sessions. Their ids derive from the event and the item, so every kiosk reads the same ids."""
    sessions = []
    for item in items:
        number = item.get("day", 0)
        if not isinstance(number, int) or not 1 <= number <= len(days):
            continue
        start = time.fromisoformat(item["start"])
        end = time.fromisoformat(item.get("end") or item["start"])
        title_de, title_en = item.get("de", ""), item.get("en", "")
        key = f"{event_id}|{number}|{item['start']}|{title_de}"
        session_id = str(uuid.uuid5(_LEGACY_NAMESPACE, key))
        sessions.append(Session(session_id, days[number - 1], start, end, title_de, title_en, "",
                                guess_kind(title_de or title_en)))
    return by_time(sessions)


def guess_kind(title: str) -> SessionKind:
    """A kind from the words of a title ('Abendessen mit Pubquiz' is a quiz)."""
    words = [word_key(word) for word in re.split(r"[\s,:;/]+", title)]
    found = {kind for word in words for kind in (_kind_in_word(word),) if kind}
    for kind in (SessionKind.QUIZ, SessionKind.SPEED_NETWORKING, SessionKind.DINNER, SessionKind.BREAK,
                 SessionKind.TALK):
        if kind in found:
            return kind
    return SessionKind.OTHER


def _kind_in_word(word: str) -> SessionKind | None:
    if word in _KIND_BY_WORD:
        return _KIND_BY_WORD[word]
    for prefix, kind in (("speed", SessionKind.SPEED_NETWORKING), ("impuls", SessionKind.TALK)):
        if word.startswith(prefix):
            return kind
    return None
