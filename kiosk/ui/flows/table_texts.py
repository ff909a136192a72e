"""The words of 'my tables' and of the ticks: what a guest reads about their rounds, and what a
confirmation recorded. Plain functions of the service's answers and the time, no widgets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.core.model import Guest
from kiosk.services.rounds import GuestRound, GuestTables, Mate, PlanView, TickOutcome
from kiosk.ui.screens.tables import RoundLine
from kiosk.ui.screens.ticks import MateChoice


@dataclass(frozen=True)
class GuestView:
    """A guest's tables in one session, and how the kiosk knows who they are."""

    guest: Guest
    tables: GuestTables
    plan: PlanView
    by_badge: bool  # scanned: they may tick their tablemates (found by name: they may only look)
    checked_in_at: datetime | None = None  # a scan at the welcome screen of a guest checked in today

    @property
    def session_id(self) -> str:
        return self.plan.session.id

    @property
    def any_started(self) -> bool:
        return any(r.started_at is not None for r in self.tables.rounds)


def names(tr, people: list[str]) -> str:
    """'Anna K.', 'Anna K. and Ben M.', 'Anna K., Ben M. and Clara S.'"""
    if len(people) < 2:
        return "".join(people)
    return tr("{names} and {last}", names=", ".join(people[:-1]), last=people[-1])


def round_lines(view: GuestView, now: datetime, local, tr) -> list[RoundLine]:
    """Each round the guest sits in; the running round (else the next one) stands out."""
    plan = view.plan
    running = plan.current(now)
    coming = plan.next_round
    highlighted = running or coming
    callout = tr("Now") if running is not None else tr("Next")
    return [RoundLine(tr("Round {number}", number=r.number).upper(), tr("Table {label}", label=r.label),
                      _mates_text(plan, r, tr), *_state(r, plan.minutes, now, local, running, coming, tr),
                      highlighted is not None and highlighted.number == r.number, callout)
            for r in view.tables.rounds]


def _mates_text(plan: PlanView, guest_round: GuestRound, tr) -> str:
    table = next((t for t in plan.rounds[guest_round.number - 1].tables if t.label == guest_round.label), None)
    with_whom = tr("with {names}", names=names(tr, list(guest_round.mates))) if guest_round.mates else ""
    if table is not None and table.name:  # a hosted table: the host organization keeps it all rounds
        return "\n".join(t for t in (tr("Hosted by {organization}", organization=table.name), with_whom) if t)
    return with_whom


def _state(guest_round: GuestRound, minutes: int, now: datetime, local, running, coming, tr) -> tuple[str, str]:
    """(state, tone) of one round for the guest."""
    if running is not None and running.number == guest_round.number:
        ends = guest_round.started_at + timedelta(minutes=minutes)
        return tr("Now · until {time}", time=f"{local(ends):%H:%M}"), "success"
    later_started = running is not None and running.number > guest_round.number
    if guest_round.started_at is not None and (later_started or now >= guest_round.started_at
                                               + timedelta(minutes=minutes)):
        return tr("Over"), ""
    if coming is not None and coming.number == guest_round.number:
        return tr("Next"), "warning"
    return "", ""


def ticks_offer(view: GuestView, tr) -> tuple[str, str]:
    """(hint, button text) below the tables: the way on to the ticks once a round has started."""
    if not view.any_started:
        return tr("Once your first round has started, you can confirm your contacts here."), ""
    if not view.by_badge:
        return tr("To confirm your contacts, please scan your badge."), ""
    return tr("Did you exchange contacts at your tables? Confirm them here."), tr("Confirm contacts")


def choices(mates: list[Mate], tr) -> tuple[list[MateChoice], str]:
    """The tiles (tablemates not ticked yet) and a line about those confirmed before."""
    def rounds_text(mate: Mate) -> str:
        return tr.plural("Round {numbers}", "Rounds {numbers}", len(mate.rounds),
                         numbers=names(tr, [str(n) for n in mate.rounds]))

    open_ = [MateChoice(m.guest_id, m.public_name, m.organization, rounds_text(m))
             for m in mates if not m.ticked and not m.contact]
    earlier = [f"{m.public_name} ({tr('contact') if m.contact else tr('waiting for the other side')})"
               for m in mates if m.ticked or m.contact]
    return open_, tr("Confirmed before: {names}", names=", ".join(earlier)) if earlier else ""


def tick_result(outcome: TickOutcome, tr) -> tuple[str, str, str, str]:
    """(tone, headline, names, detail) for the message after a confirmation."""
    made = {m.guest_id for m in outcome.contacts}
    waiting = [m.public_name for m in outcome.ticked if m.guest_id not in made]
    wait_text = tr.plural("Waiting for {names}: the contact counts once they tap you too.",
                          "Waiting for {names}: each contact counts once they tap you too.", len(waiting),
                          names=names(tr, waiting)) if waiting else ""
    if outcome.contacts:
        headline = tr.plural("{count} new contact!", "{count} new contacts!", len(outcome.contacts))
        return "success", headline, names(tr, [m.public_name for m in outcome.contacts]), wait_text
    if waiting:
        return "info", tr("Thank you!"), "", wait_text
    return "info", tr("Nothing new"), "", tr("You had confirmed these tablemates before.")
