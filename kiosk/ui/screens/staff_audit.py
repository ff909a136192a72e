"""The staff log in words: every action the kiosk audits has a translated name, and each detail the
code writes (dates, counts, machine flags) is shown translated and formatted, without internal ids."""

from __future__ import annotations

import re
from datetime import date

from kiosk.services.staff import AuditEntry

ACTION_WORDS = {
    "undo_check_in": "Check-in undone",
    "reprint": "Badge reprinted",
    "approve_walk_in": "Walk-in approved",
    "set_walk_ins_allowed": "Walk-in registration changed",
    "retry_failed_prints": "Failed prints retried",
    "batch_print": "Badges printed in bulk",
    "staff_note_set": "Staff note changed",
    "walk_in_registered": "Walk-in registered",
    "name_corrected": "Name corrected by the guest: to check",
    "event_created": "Event created",
    "staff_pin_set": "Staff PIN set",
    "staff_login": "Staff mode opened",
    "staff_logout": "Staff mode closed",
    "staff_pin_wrong": "Wrong staff PIN",
    "staff_pin_locked": "Staff PIN pad locked",
    "enrolment_exported": "Enrolment file written",
    "enrolled": "Kiosk enrolled",
    "replica_forked": "Copied database: new replica id",
    "guest_forgotten": "Guest's data erased",
    "personal_data_purged": "Personal data deleted after the event",
    "undo_attendance": "Attendance at a session undone",
    "session_saved": "Programme session saved",
    "session_removed": "Programme session removed",
    "programme_imported": "Programme imported",
    "round_planned": "Speed-networking rounds planned",
    "round_started": "Speed-networking round started",
}

# kiosk.storage.replica writes why a database took a new replica id; the ids themselves are left out.
FORK_REASONS = {
    "an id was given on opening": "An id was given when the database was opened.",
    "the database had no fingerprint yet (made by an earlier version)":
        "The database was made by an earlier version.",
    "the database file was copied or moved": "The database file was copied or moved.",
}


def action_text(entry: AuditEntry, tr) -> str:
    word = ACTION_WORDS.get(entry.action)
    return tr(word) if word else entry.action


def detail_text(entry: AuditEntry, tr) -> str:
    """The detail for staff eyes; texts the code did not write (a future action) pass unchanged."""
    formatter = DETAILS.get(entry.action)
    try:
        return formatter(entry.detail, tr) if formatter else entry.detail
    except (ValueError, KeyError, AttributeError):  # an older or hand-made row: show it as it is
        return entry.detail


def _undo(detail: str, tr) -> str:
    day, _, note = detail.partition(" ")
    text = tr("for {day}", day=format_day(date.fromisoformat(day), tr))
    return text + (" · " + tr("in staff mode") if note == "staff" else f" · {note}" if note else "")


def _walk_ins(detail: str, tr) -> str:
    return tr("open") if detail == "on" else tr("closed")


def _retry(detail: str, tr) -> str:
    retried, done = (int(n) for n in re.fullmatch(r"(\d+) retried, (\d+) done", detail).groups())
    return tr("{count} retried, {done} printed.", count=retried, done=done)


def _batch(detail: str, tr) -> str:
    values = dict(part.split("=") for part in detail.split() if "=" in part)
    text = tr("{printed} of {total} printed", printed=int(values["printed"]), total=int(values["total"]))
    if int(values["failed"]):
        text += " · " + tr("{count} failed", count=int(values["failed"]))
    if "cancelled" in detail.split():
        text += " · " + tr("cancelled")
    return text


def _locked(detail: str, tr) -> str:
    seconds, wrong = (int(n) for n in re.fullmatch(r"(\d+) s after (\d+) wrong PINs", detail).groups())
    return tr.plural("Locked for {seconds} s after {count} wrong PIN",
                     "Locked for {seconds} s after {count} wrong PINs", wrong, seconds=seconds)


def _forked(detail: str, tr) -> str:
    why = detail.partition(": ")[2]
    return tr(FORK_REASONS[why])


def _purged(detail: str, tr) -> str:
    day, count = re.fullmatch(r"before (\S+): (\d+) guests", detail).groups()
    return tr.plural("{count} guest, registered before {day}", "{count} guests, registered before {day}",
                     int(count), day=format_day(date.fromisoformat(day), tr))


def _none(detail: str, tr) -> str:
    return ""  # only an internal id (a print job's): nothing staff can act on


DETAILS = {"undo_check_in": _undo, "set_walk_ins_allowed": _walk_ins, "retry_failed_prints": _retry,
           "batch_print": _batch, "staff_pin_locked": _locked, "replica_forked": _forked,
           "personal_data_purged": _purged, "reprint": _none}


def format_day(day: date, tr) -> str:
    return day.strftime("%d.%m.%Y") if getattr(tr, "lang", "en") == "de" else day.isoformat()
