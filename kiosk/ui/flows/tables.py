"""'My tables' and the contacts from the rounds (issue 15): a guest scans their badge, or finds their
name, and sees their table in every speed-networking round; once a round has started, a guest who
scanned their badge ticks the tablemates they exchanged contacts with. A contact counts when both have
ticked each other.

At the welcome screen, while a planned round session is on (from half an hour before it starts to half
an hour after it ends), a guest already checked in today who scans their badge sees their tables
instead of 'welcome back': that is what they came to the kiosk for. Everyone else's scan is a check-in
as always (kiosk.ui.flows.check_in decides what it shows).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from kiosk.core.model import Guest
from kiosk.core.refusals import KioskError
from kiosk.core.round_plans import PlanKind
from kiosk.i18n import refusal_message
from kiosk.services.desk import Arrival, FrontDesk
from kiosk.services.rounds import ROUNDS_REFUSAL_MESSAGES, Mate, RoundsDesk, RoundsError, RoundsRefusal, TickOutcome
from kiosk.ui.flows.base import Flow, FlowKit
from kiosk.ui.flows.check_in import CheckInFlow
from kiosk.ui.flows.messages import RESULT_SECONDS
from kiosk.ui.flows.table_texts import GuestView, choices, round_lines, tick_result, ticks_offer
from kiosk.ui.problems import ProblemLog
from kiosk.ui.screens.tables import TablesScreen, TablesSearchScreen
from kiosk.ui.screens.ticks import TicksScreen
from kiosk.ui.widgets.common import Screen

AROUND_SESSION = timedelta(minutes=30)  # a checked-in guest's scan shows their tables this close to the session


class TablesFlow(Flow):
    def __init__(self, kit: FlowKit, desk: FrontDesk, check_in: CheckInFlow, problems: ProblemLog, *,
                 tables: TablesScreen, ticks: TicksScreen, search: TablesSearchScreen) -> None:
        super().__init__(kit.window)
        self.kit, self.desk, self.check_in, self.problems = kit, desk, check_in, problems
        self.rounds = RoundsDesk(desk)
        self.tables, self.ticks, self.search = tables, ticks, search
        self.planned: tuple[str, ...] = ()  # today's speed-networking sessions with a plan
        self.view: GuestView | None = None
        self._mates: list[Mate] = []
        self._failed = kit.messages.failure("my tables")
        kit.screens.welcome.tables_requested.connect(self.open)
        tables.back_requested.connect(self.done.emit)
        tables.search_requested.connect(lambda: kit.show(search))
        tables.ticks_requested.connect(self.open_ticks)
        search.back_requested.connect(self.open)
        search.guest_confirmed.connect(self.show_by_id)
        ticks.back_requested.connect(lambda: self._show(self.view) if self.view else self.open())
        ticks.confirm_requested.connect(self.confirm)
        ticks.chosen_changed.connect(self._count)
        for news in (kit.events.sync_did_finish, kit.events.staff_did_leave, kit.events.day_did_change):
            news.connect(self.refresh)  # a plan made in staff mode or at another kiosk, a new day
        kit.events.language_did_change.connect(self._render)

    def owns(self, screen: Screen | None) -> bool:
        return screen in (self.tables, self.ticks, self.search) or (
            screen is self.kit.screens.welcome and bool(self.planned))

    # -- which sessions are planned today ------------------------------------------------------------
    def refresh(self) -> None:
        self.kit.tasks.run(self._planned_today, on_success=self._found_planned,
                           on_failure=lambda error: self.problems.record("my tables", error))

    def _planned_today(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.rounds.round_sessions()
                     if (view := self.rounds.plan_view(s.id)) is not None and view.kind == PlanKind.ROUNDS)

    def _found_planned(self, planned: tuple[str, ...]) -> None:
        self.planned = planned
        self.kit.screens.welcome.set_tables(bool(planned))

    # -- finding the guest -----------------------------------------------------------------------------
    def open(self) -> None:
        self.view = None
        tr = self.kit.tr
        self.search.reset()
        self.tables.show_prompt(tr("Please scan your badge"), tr("Hold the QR code on your badge under the scanner."))
        self.kit.show(self.tables)

    def handle_scan(self, code: str) -> None:
        if self.kit.window.current_screen is self.kit.screens.welcome:
            self.kit.tasks.run(self._arrival, code, on_success=self._arrived, on_failure=self._failed)
        else:
            self.kit.tasks.run(self._by_badge, code, on_success=self._found, on_failure=self._refused)

    def _arrival(self, code: str) -> tuple[Arrival, GuestView | None]:
        """On the worker: a guest checked in today, seated in a round session on now -> their tables."""
        arrival = self.desk.look_up_arrival(code)
        if arrival.reason is not None or arrival.earlier is None:
            return arrival, None
        view = self._view_of(arrival.guest, around_now=True)
        return arrival, view and replace(view, by_badge=True, checked_in_at=arrival.earlier.at)

    def _arrived(self, found: tuple[Arrival, GuestView | None]) -> None:
        arrival, view = found
        if view is None:
            self.check_in.arrived(arrival)  # a check-in, a refusal or 'welcome back', as at any time
        else:
            self._show(view)

    def _by_badge(self, code: str) -> tuple[Guest, GuestView | None]:
        guest = self.rounds.guest_for_badge(code)
        view = self._view_of(guest, around_now=False)
        return guest, view and replace(view, by_badge=True)

    def show_by_id(self, guest_id: str) -> None:
        """Found by name: the tables only (ticking needs the badge)."""
        def look_up():
            guest = self.desk.store.guest(guest_id)
            if guest is None:
                raise KioskError("unknown_code", "the guest is gone (erased meanwhile)")
            return guest, self._view_of(guest, around_now=False)

        self.kit.tasks.run(look_up, on_success=self._found, on_failure=self._refused)

    def _view_of(self, guest: Guest, around_now: bool) -> GuestView | None:
        """The guest's tables in today's round session that matters now: the running or next one first,
        then the one that ended last. None if they have no seat in any (or, `around_now`, none is on)."""
        now = self.desk.clock()
        local = self.desk.event.local_time(now)

        def bounds(session) -> tuple[datetime, datetime]:
            return (datetime.combine(session.day, session.start, local.tzinfo),
                    datetime.combine(session.day, session.end, local.tzinfo))

        sessions = self.rounds.round_sessions()
        ahead = [s for s in sessions if bounds(s)[1] >= local]
        behind = sorted((s for s in sessions if bounds(s)[1] < local), key=lambda s: s.end, reverse=True)
        for session in ahead + behind:
            start, end = bounds(session)
            if around_now and not start - AROUND_SESSION <= local <= end + AROUND_SESSION:
                continue
            plan = self.rounds.plan_view(session.id)
            if plan is None or plan.kind != PlanKind.ROUNDS:
                continue
            try:
                return GuestView(guest, self.rounds.tables_of(session.id, guest.id), plan, by_badge=False)
            except RoundsError as error:
                if error.code != RoundsRefusal.NOT_SEATED:
                    raise
        return None

    def _found(self, found: tuple[Guest, GuestView | None]) -> None:
        _, view = found
        if view is None:
            self.kit.messages.problem(self.kit.tr(ROUNDS_REFUSAL_MESSAGES[RoundsRefusal.NOT_SEATED]))
        else:
            self._show(view)

    def _refused(self, error: BaseException) -> None:
        tr = self.kit.tr
        if isinstance(error, RoundsError):
            self.kit.messages.problem(tr(ROUNDS_REFUSAL_MESSAGES[RoundsRefusal(error.code)]))
        elif isinstance(error, KioskError):
            self.kit.messages.problem(refusal_message(error.code, tr, name=""))
        else:
            self.kit.messages.show_failure("my tables", error)

    # -- the tables ------------------------------------------------------------------------------------
    def _show(self, view: GuestView) -> None:
        self.view = view
        self._render_tables()
        self.kit.show(self.tables)
        self.kit.feedback.signal("success")
        self.kit.feedback.say(*self.tables.spoken(self.kit.tr))

    def _render_tables(self) -> None:
        view, tr, lang = self.view, self.kit.tr, self.kit.language.lang
        local = self.desk.event.local_time
        session = view.plan.session
        note = tr("Welcome back! You checked in today at {time}.", time=f"{local(view.checked_in_at):%H:%M}") \
            if view.checked_in_at else ""
        detail = " · ".join(t for t in (session.time_text, session.room) if t)
        hint, ticks = ticks_offer(view, tr)
        self.tables.show_tables(view.tables.full_name or view.tables.guest_name, note, session.title(lang), detail,
                                round_lines(view, self.desk.clock(), local, tr), hint, ticks)

    def _render(self) -> None:
        """The language changed: the same guest's screen in the new one."""
        current = self.kit.window.current_screen
        if current is self.tables and self.tables.showing_tables and self.view is not None:
            self._render_tables()
        elif current is self.tables:
            self.open()
        elif current is self.ticks and self.view is not None:
            self._show_mates(self._mates, keep=self.ticks.chosen())

    # -- ticks -------------------------------------------------------------------------------------------
    def open_ticks(self) -> None:
        view = self.view
        if view is None or not view.by_badge:
            return
        if not view.guest.consent_contacts:
            self._declined()
            return
        self.kit.tasks.run(self.rounds.tablemates, view.session_id, view.guest.id,
                           on_success=self._mates_found, on_failure=self._refused)

    def _mates_found(self, mates: list[Mate]) -> None:
        if not mates:
            tr = self.kit.tr
            self._message("info", tr("No tablemates yet"), "",
                          tr("Once your first round has started, you can confirm your contacts here."))
            return
        self._show_mates(mates)
        self.kit.show(self.ticks)
        self.kit.feedback.say(*self.ticks.spoken(self.kit.tr))

    def _show_mates(self, mates: list[Mate], keep: list[str] = ()) -> None:
        self._mates = mates
        tr = self.kit.tr
        tiles, earlier = choices(mates, tr)
        name = self.view.tables.full_name or self.view.tables.guest_name
        question = tr("{name}: with whom did you exchange contacts?", name=name) if tiles \
            else tr("{name}: you have confirmed all your tablemates.", name=name)
        self.ticks.show_mates(question, tr("Tap everyone you exchanged contacts with. A contact counts once you "
                                           "have both tapped each other."), tiles, earlier)
        for tile in self.ticks.tiles:
            tile.setChecked(tile.choice.guest_id in keep)

    def _count(self, count: int) -> None:
        tr = self.kit.tr
        self.ticks.show_count(tr.plural("{count} person chosen", "{count} people chosen", count) if count
                              else tr("Tap the people you exchanged contacts with."))

    def confirm(self, mate_ids: list[str]) -> None:
        view = self.view
        if view is None:
            return
        if not mate_ids:
            self.ticks.show_count(self.kit.tr("Please tap at least one person first."))
            return
        self.kit.tasks.run(self.rounds.tick, view.session_id, view.guest.id, mate_ids,
                           on_success=self._ticked, on_failure=self._tick_refused)

    def _ticked(self, outcome: TickOutcome) -> None:
        tone, headline, who, detail = tick_result(outcome, self.kit.tr)
        if outcome.contacts:
            self.kit.events.contact_did_record.emit()  # the boards count them now
        self._message(tone, headline, who, detail, sound="contact" if outcome.contacts else "success")

    def _tick_refused(self, error: BaseException) -> None:
        if isinstance(error, RoundsError) and error.code == RoundsRefusal.CONSENT_DECLINED:
            self._declined()
        else:
            self._refused(error)

    def _declined(self) -> None:
        """Contact exchange is off for this guest: said kindly, nothing recorded."""
        tr = self.kit.tr
        self._message("info", tr(ROUNDS_REFUSAL_MESSAGES[RoundsRefusal.CONSENT_DECLINED]), "",
                      tr("You chose not to exchange contacts at this event. If you would like to, the team at "
                         "the info desk will gladly change that."), sound="problem")

    def _message(self, tone: str, headline: str, name: str, detail: str, sound: str = "success") -> None:
        self.kit.feedback.signal(sound)
        self.kit.screens.message.show_message(tone, headline, name, detail, seconds=RESULT_SECONDS)
        self.kit.show(self.kit.screens.message)
        self.kit.feedback.say(headline, name, detail)

    def reset(self) -> None:
        self.view = None
        self._mates = []
        for screen in (self.tables, self.ticks, self.search):
            screen.reset()
