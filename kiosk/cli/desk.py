"""kiosk checkin | walk-in | contact | leaderboard | stats"""

from __future__ import annotations

from datetime import date

from kiosk.cli import CliError, json_flag
from kiosk.cli.guests import guest_json
from kiosk.core.refusals import KioskError, Refusal
from kiosk.core.rules import CheckInStatus, ContactStatus
from kiosk.i18n import refusal_message, translator
from kiosk.services.desk import FrontDesk

_tr = translator("en")


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--day: '{text}' is not a date like 2023-10-24") from None


def register(subparsers) -> None:
    checkin = json_flag(subparsers.add_parser("checkin", help="check a guest in by ticket code or badge token"))
    checkin.add_argument("code")
    checkin.add_argument("--day", help="YYYY-MM-DD (default: today)")
    checkin.set_defaults(run=run_checkin)

    walk_in = json_flag(subparsers.add_parser(
        "walk-in", help="register a walk-in as the kiosk does (checks in, counts once staff approve)"))
    walk_in.add_argument("--first", required=True, metavar="NAME")
    walk_in.add_argument("--last", required=True, metavar="NAME")
    walk_in.add_argument("--organization", default="", metavar="ORG")
    walk_in.add_argument("--email", default="", metavar="E")
    walk_in.set_defaults(run=run_walk_in)

    contact = json_flag(subparsers.add_parser("contact", help="record a contact exchange of two badges"))
    contact.add_argument("code_a")
    contact.add_argument("code_b")
    contact.add_argument("--day", help="YYYY-MM-DD, an event day (default: today)")
    contact.set_defaults(run=run_contact)

    board = json_flag(subparsers.add_parser("leaderboard", help="the networking leaderboard"))
    board.add_argument("--day", help="only contacts made on this day")
    board.add_argument("--top", type=int, default=10)
    board.set_defaults(run=run_leaderboard)

    stats = json_flag(subparsers.add_parser("stats", help="guests, check-ins per day, contacts"))
    stats.set_defaults(run=run_stats)


def run_checkin(args, ctx) -> int:
    desk = FrontDesk(ctx.store)
    outcome = desk.check_in(args.code, _day(args.day))
    guest = outcome.guest
    at = desk.event.local_time(outcome.check_in.at).strftime("%H:%M") if outcome.check_in else None
    reason = refusal_message(outcome.reason, _tr, name=guest.greeting_name if guest else "") \
        if outcome.reason else None
    payload = {"status": str(outcome.status), "guest": guest_json(guest) if guest else None,
               "reason": str(outcome.reason) if outcome.reason else None, "message": reason, "at": at}
    texts = {CheckInStatus.CHECKED_IN: lambda: f"checked in: {guest.full_name} at {at}",
             CheckInStatus.ALREADY_CHECKED_IN: lambda: f"already checked in at {at}: {guest.full_name}",
             CheckInStatus.REJECTED: lambda: f"rejected: {reason}"}
    ctx.emit(payload, texts[outcome.status])
    return 1 if outcome.status == CheckInStatus.REJECTED else 0


def run_walk_in(args, ctx) -> int:
    desk = FrontDesk(ctx.store)
    try:
        guest = desk.register_walk_in(args.first, args.last, args.organization, args.email)
    except KioskError as error:
        raise CliError(_walk_in_problem(error, args)) from None
    ctx.emit({**guest_json(guest), "needs_review": True},
             f"registered walk-in {guest.full_name} ({guest.id}), awaiting staff review: "
             "their contacts count once staff approve them")
    return 0


def _walk_in_problem(error: KioskError, args) -> str:
    if error.code == Refusal.WALK_INS_CLOSED:
        return "walk-in registration is closed for this event; staff can open it in staff mode"
    if error.details.get("field") == "email":
        return f"--email: '{args.email}' is not an e-mail address"
    return "--first/--last: a walk-in needs a first or a last name"


def run_contact(args, ctx) -> int:
    desk = FrontDesk(ctx.store)
    day = _day(args.day) or desk.today()
    outcome = desk.exchange_contact(args.code_a, args.code_b, day)
    if outcome.reason == Refusal.NOT_AN_EVENT_DAY:
        days = ", ".join(d.isoformat() for d in desk.event.days)
        which = f"--day: {day}" if args.day else f"today ({day})"
        raise CliError(f"{which} is not a day of the event ({days})")
    blocking = outcome.blocking_guest
    reason = refusal_message(outcome.reason, _tr, name=blocking.greeting_name if blocking else "a guest") \
        if outcome.reason else None
    payload = {"status": str(outcome.status), "reason": str(outcome.reason) if outcome.reason else None,
               "message": reason, "guests": [guest_json(g) for g in outcome.guests],
               "totals": {g.id: desk.contact_count(g.id) for g in outcome.guests}}
    names = " and ".join(g.full_name for g in outcome.guests)
    texts = {ContactStatus.NEW: f"new contact: {names}", ContactStatus.ALREADY_KNOWN: f"already known: {names}",
             ContactStatus.REJECTED: f"rejected: {reason}"}
    ctx.emit(payload, texts[outcome.status])
    return 1 if outcome.status == ContactStatus.REJECTED else 0


def run_leaderboard(args, ctx) -> int:
    desk = FrontDesk(ctx.store)
    board = desk.leaderboard(_day(args.day), top=args.top)
    guests = {s.guest_id: ctx.store.guest(s.guest_id) for s in board}
    payload = [{"rank": s.rank, "guest": guest_json(guests[s.guest_id]), "contacts": s.contacts} for s in board]
    ctx.emit(payload, lambda: "\n".join(
        f"{s.rank:>3}. {guests[s.guest_id].full_name} — {guests[s.guest_id].organization_name}: {s.contacts}"
        for s in board) or "no contacts yet")
    return 0


def run_stats(args, ctx) -> int:
    store = ctx.store
    event = store.event()
    counts = store.check_in_counts()
    payload = {"event": event.name, "guests": store.guest_count(), "days": [d.isoformat() for d in event.days],
               "check_ins": {d.isoformat(): counts.get(d, 0) for d in event.days},
               "contacts": len(store.contacts())}
    ctx.emit(payload, lambda: "\n".join(
        [f"{event.name}: {payload['guests']} guests, {payload['contacts']} contacts"]
        + [f"  {day}: {n} check-ins" for day, n in payload["check_ins"].items()]))
    return 0
