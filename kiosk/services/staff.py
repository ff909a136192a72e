"""Staff mode behind the PIN: the guest table, corrections, printing and today's numbers.

Plain Python (no Qt), so every staff action can be tested without widgets. Each
action that changes the database is one transaction together with its audit row;
audit rows name guests by id and actions by word, never by name or e-mail.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Literal

from kiosk.core.model import Guest, PrintJob, PrintStatus
from kiosk.core.refusals import KioskError
from kiosk.core.search import SearchIndex, fold
from kiosk.printing import PrintingUnavailable, PrinterInfo, list_printers
from kiosk.printing.batch import BatchResult, Progress, print_batch
from kiosk.services.desk import FrontDesk

GuestFilter = Literal["all", "checked_in", "not_yet", "walk_ins"]
FILTERS: tuple[GuestFilter, ...] = ("all", "checked_in", "not_yet", "walk_ins")
SLOT_MINUTES = 15

# The words staff actions leave in the audit log (the UI translates them).
UNDO_CHECK_IN = "undo_check_in"  # written by FrontDesk.undo_check_in
REPRINT = "reprint"
APPROVE_WALK_IN = "approve_walk_in"
WALK_INS_SETTING = "set_walk_ins_allowed"
RETRY_PRINTS = "retry_failed_prints"
BATCH_PRINT = "batch_print"


class NoPrinter(RuntimeError):
    """This kiosk was started without a print queue."""


@dataclass(frozen=True)
class StaffGuestRow:
    guest_id: str
    name: str
    organization: str
    category: str
    checked_in_at: str  # today's check-in, local "HH:MM", or ""
    walk_in: bool
    needs_review: bool
    expected_today: bool = True  # registered for today (or for every day)


@dataclass(frozen=True)
class PrintJobRow:
    job_id: str
    guest_id: str
    guest_name: str
    printer: str
    status: str
    reason: str
    attempts: int
    updated_at: str  # local "HH:MM"


@dataclass(frozen=True)
class AuditEntry:
    at: str  # local "YYYY-MM-DD HH:MM:SS"
    action: str
    guest_id: str
    guest_name: str  # looked up for the staff screen now; never stored in the log
    detail: str


@dataclass(frozen=True)
class PrinterOverview:
    kiosk_printer: str  # the spec this kiosk prints to ("" when none)
    printers: tuple[PrinterInfo, ...]
    problem: str = ""  # a PrintFailure code when CUPS could not be asked

    @property
    def kiosk_kind(self) -> str:
        """'pdf', 'folder' or 'cups': only a CUPS printer (or none yet) makes CUPS's state matter."""
        kind, _, target = self.kiosk_printer.partition(":")
        return kind if target and kind in ("pdf", "folder") else "cups"

    @property
    def folder(self) -> str:
        """Where a pdf: or folder: printer puts the badges."""
        return self.kiosk_printer.partition(":")[2] if self.kiosk_kind != "cups" else ""


@dataclass(frozen=True)
class BatchScope:
    """Which badges a batch prints: a guest-list filter, or one category or organization."""

    group: str = "all"  # a GuestFilter, "category" or "organization"
    value: str = ""
    not_printed: bool = False  # leave out guests who have a printed badge already


@dataclass(frozen=True)
class SyncOverview:
    device_id: str
    hub: str | None  # None: this kiosk syncs by bundles only
    last_sync: str | None  # local "HH:MM"
    last_error: str | None
    pending: int | None  # changes the hub has not confirmed
    doubles: tuple[tuple[str, str], ...]  # (guest name, day)
    refused: bool = False  # two databases wrote as one replica: staff must act before syncing again


class StaffDesk:
    def __init__(self, store, desk: FrontDesk, print_queue=None,
                 printers: Callable[[], list[PrinterInfo]] = list_printers, syncer=None) -> None:
        self.store = store
        self.desk = desk
        self.print_queue = print_queue
        self.syncer = syncer  # kiosk.sync.background.HubSyncer when a hub is configured
        self._list_printers = printers
        self._guests: dict[str, Guest] = {}
        self._by_name: list[str] = []
        self._index: SearchIndex | None = None
        self._loaded = False

    # -- sync ------------------------------------------------------------------------
    def sync_overview(self) -> "SyncOverview":
        """This kiosk's device, the hub's state, and badges checked in at two kiosks on one day."""
        from kiosk.sync import double_entries

        doubles = tuple((self.guest_name(d["guest_id"]) or d["guest_id"][:8], d["day"])
                        for d in double_entries(self.store))
        if self.syncer is None:
            return SyncOverview(self.store.device_id, None, None, None, None, doubles)
        state = self.syncer.state()
        pending = self.store.journal.pending_count(state.peer)
        last = self.desk.event.local_time(state.last_sync).strftime("%H:%M") if state.last_sync else None
        return SyncOverview(self.store.device_id, state.peer, last, state.last_error, pending, doubles,
                            state.refused)

    # -- the guest list ----------------------------------------------------------
    def reload(self) -> None:
        """Read the guest list afresh (staff mode does this on entry); check-ins are always read live."""
        guests = self.store.guests()
        self._guests = {g.id: g for g in guests}
        self._by_name = [g.id for g in sorted(guests, key=_name_key)]
        self._index = None
        self._loaded = True
        self.desk.reload_event()

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.reload()

    def guest_rows(self, filter: GuestFilter = "all", query: str = "") -> list[StaffGuestRow]:
        if filter not in FILTERS:
            raise ValueError(f"unknown filter {filter!r}; use one of {', '.join(FILTERS)}")
        self._ensure_loaded()
        day = self.desk.today()
        times = self._check_in_times(day)
        review = self._review_ids()
        ids = self._search(query) if query.strip() else self._default_order(filter, times, review)
        rows = []
        for guest_id in ids:
            guest = self._guests.get(guest_id)
            if guest is not None and _keep(filter, guest, day, times):
                rows.append(_row(guest, day, times, review))
        return rows

    def _search(self, query: str) -> list[str]:
        if self._index is None:
            self._index = SearchIndex(self._guests.values())
        return [hit.guest_id for hit in self._index.search(query, limit=max(1, len(self._guests)))]

    def _default_order(self, filter: GuestFilter, times: dict[str, str], review: set[str]) -> list[str]:
        if filter == "checked_in":  # the latest arrivals first
            return sorted(times, key=times.get, reverse=True)
        if filter == "walk_ins":  # the ones waiting for approval first
            return sorted(self._by_name, key=lambda gid: gid not in review)
        return self._by_name

    def _check_in_times(self, day: date) -> dict[str, str]:
        event = self.desk.event
        return {c.guest_id: event.local_time(c.at).strftime("%H:%M") for c in self.store.check_ins(day)}

    def _review_ids(self) -> set[str]:
        # Only walk-ins are flagged for review, and they are few: ask for each.
        return {gid for gid, g in self._guests.items() if g.walk_in and self.store.needs_review(gid)}

    def guest_name(self, guest_id: str) -> str:
        self._ensure_loaded()
        guest = self._guests.get(guest_id)
        return guest.full_name if guest else ""

    def guest_for_code(self, code: str) -> tuple[str | None, str | None]:
        """(guest id, None) for a scanned badge or ticket, (None, refusal code) otherwise."""
        try:
            guest = self.desk.resolve(code)
        except KioskError as error:
            return None, str(error.code)
        self._ensure_loaded()
        if guest.id not in self._guests:  # registered since staff mode opened
            self.reload()
        return guest.id, None

    # -- staff actions, one transaction each ---------------------------------------
    def undo_check_in(self, guest_id: str) -> bool:
        """Remove today's check-in (FrontDesk writes the audit row in the same transaction)."""
        return self.desk.undo_check_in(guest_id, self.desk.today(), "staff")

    def reprint(self, guest_id: str) -> PrintJob:
        """Record the job and its audit row together, then print outside the transaction.

        Printer I/O can take seconds; holding the SQLite write lock that long would
        stall every other kiosk writer. The job row exists first, so nothing is lost.
        """
        if self.print_queue is None:
            raise NoPrinter("no print queue on this kiosk")
        with self.store.atomic():
            job = self.print_queue.submit(guest_id)
            self.store.audit(REPRINT, guest_id, f"job {job.id}")
        return self.print_queue.process(job.id)

    def approve_walk_in(self, guest_id: str) -> bool:
        """Confirm a walk-in's registration; False when nothing awaits review (approved already, erased).

        From then on every contact of theirs counts, those made while they waited too (the rule:
        core.leaderboard.counted), here at once and on the other kiosks once they sync. To reject
        a walk-in, staff forget them (kiosk forget): their contacts are then deleted everywhere.
        """
        with self.store.atomic():
            if not self.store.needs_review(guest_id):
                return False
            self.store.set_needs_review(guest_id, False)
            self.store.audit(APPROVE_WALK_IN, guest_id)
        return True

    def walk_ins_allowed(self) -> bool:
        return self.store.event().walk_ins_allowed

    def set_walk_ins_allowed(self, allowed: bool) -> bool:
        with self.store.atomic():
            self.store.update_event_settings(walk_ins_allowed=allowed)
            self.store.audit(WALK_INS_SETTING, "", "on" if allowed else "off")
        self.desk.reload_event()
        return allowed

    def retry_failed_prints(self) -> list[PrintJob]:
        if self.print_queue is None:
            raise NoPrinter("no print queue on this kiosk")
        retried = self.print_queue.retry_failed()
        done = sum(1 for job in retried if job.status == PrintStatus.DONE)
        self.store.audit(RETRY_PRINTS, "", f"{len(retried)} retried, {done} done")
        return retried

    # -- batches for the pick-up table -------------------------------------------------
    def batch_choices(self) -> tuple[list[str], list[str]]:
        """The categories and organizations on the guest list, for choosing a batch."""
        self._ensure_loaded()
        guests = self._guests.values()
        categories = sorted({str(g.category) for g in guests})
        return categories, sorted({g.organization_name for g in guests if g.organization_name}, key=fold)

    def batch_guests(self, scope: BatchScope) -> list[str]:
        """The guests a batch prints, in pick-up order: last name, then first name."""
        self._ensure_loaded()
        day = self.desk.today()
        times = self._check_in_times(day) if scope.group in FILTERS else {}
        printed = self._printed_ids() if scope.not_printed else set()
        return [gid for gid in self._by_name
                if gid not in printed and _in_scope(scope, self._guests[gid], day, times)]

    def _printed_ids(self) -> set[str]:
        return {job.guest_id for job in self.store.print_jobs(PrintStatus.DONE)}

    def print_batch(self, scope: BatchScope, progress: Progress | None = None,
                    cancel: threading.Event | None = None) -> BatchResult:
        """Print the scope's badges one job at a time; `cancel` stops it after the badge in hand."""
        if self.print_queue is None:
            raise NoPrinter("no print queue on this kiosk")
        result = print_batch(self.print_queue, self.batch_guests(scope), progress, cancel)
        self.store.audit(BATCH_PRINT, "", result.summary)
        return result

    # -- numbers -------------------------------------------------------------------
    def arrivals_per_quarter_hour(self, day: date | None = None) -> list[tuple[str, int]]:
        """(local slot start "HH:MM", arrivals) for every 15 minutes from the first arrival to the last."""
        day = day or self.desk.today()
        event = self.desk.event
        minutes = [_slot(event.local_time(c.at)) for c in self.store.check_ins(day)]
        if not minutes:
            return []
        counts = Counter(minutes)
        return [(f"{m // 60:02d}:{m % 60:02d}", counts.get(m, 0))
                for m in range(min(minutes), max(minutes) + 1, SLOT_MINUTES)]

    def programme_hours(self, day: date | None = None) -> tuple[str, ...]:
        """("HH:MM", "HH:MM") from the day's first programme item to the end of its last; () without."""
        sessions = self.desk.programme(day or self.desk.today())
        if not sessions:
            return ()
        return f"{min(s.start for s in sessions):%H:%M}", f"{max(s.end for s in sessions):%H:%M}"

    def today_counts(self) -> dict[str, int]:
        self._ensure_loaded()
        day = self.desk.today()
        expected = {gid for gid, g in self._guests.items() if g.registered_for(day)}
        checked_in = self.store.checked_in_ids(day)
        return {"registered_today": len(expected), "checked_in": len(checked_in),
                "not_yet": len(expected - checked_in), "walk_ins_to_review": len(self._review_ids()),
                "contacts_today": len(self.store.contacts(day))}

    # -- printing and the log --------------------------------------------------------
    def print_jobs(self, limit: int = 200) -> list[PrintJobRow]:
        event = self.desk.event
        return [PrintJobRow(job.id, job.guest_id, self.guest_name(job.guest_id), job.printer, str(job.status),
                            job.reason, job.attempts, event.local_time(job.updated_at).strftime("%H:%M"))
                for job in self.store.print_jobs()[:limit]]

    def failed_print_count(self) -> int:
        return len(self.store.print_jobs(PrintStatus.FAILED))

    def printer_overview(self) -> PrinterOverview:
        kiosk_printer = self.print_queue.default_printer if self.print_queue else ""
        try:
            return PrinterOverview(kiosk_printer, tuple(self._list_printers()))
        except PrintingUnavailable as error:
            return PrinterOverview(kiosk_printer, (), str(error.code))

    def audit_entries(self, limit: int = 200) -> list[AuditEntry]:
        event = self.desk.event
        return [AuditEntry(event.local_time(at).strftime("%Y-%m-%d %H:%M:%S"), action, subject,
                           self.guest_name(subject) if subject else "", detail)
                for at, action, subject, detail in self.store.audit_log(limit)]


def _name_key(guest: Guest) -> tuple[str, str, str]:
    return fold(guest.last_name), fold(guest.first_name), fold(guest.organization_name)


def _keep(filter: GuestFilter, guest: Guest, day: date, times: dict[str, str]) -> bool:
    if filter == "checked_in":
        return guest.id in times
    if filter == "not_yet":
        return guest.id not in times and guest.registered_for(day)
    if filter == "walk_ins":
        return guest.walk_in
    return True


def _in_scope(scope: BatchScope, guest: Guest, day: date, times: dict[str, str]) -> bool:
    if scope.group == "category":
        return str(guest.category) == scope.value
    if scope.group == "organization":
        return guest.organization_name == scope.value
    return _keep(scope.group, guest, day, times)


def _row(guest: Guest, day: date, times: dict[str, str], review: set[str]) -> StaffGuestRow:
    return StaffGuestRow(guest.id, guest.full_name, guest.organization_name, str(guest.category),
                         times.get(guest.id, ""), guest.walk_in, guest.id in review,
                         guest.registered_for(day))


def _slot(moment: datetime) -> int:
    minutes = moment.hour * 60 + moment.minute
    return minutes - minutes % SLOT_MINUTES
