"""kiosk event create | staff-pin | demo"""

from __future__ import annotations

import getpass
import sys

from kiosk.cli import CliError, json_flag
from kiosk.core.pins import RECOMMENDED_LENGTH
from kiosk.services.setup import SetupError, create_event, parse_day_list, set_staff_pin


def register(subparsers) -> None:
    event = subparsers.add_parser("event", help="set up the event")
    event_commands = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    create = json_flag(event_commands.add_parser("create", help="create the event with its own secret"))
    create.add_argument("--name", required=True)
    create.add_argument("--venue", default="")
    create.add_argument("--days", required=True, help="ISO dates, comma-separated: 2023-10-24,2023-10-25")
    create.add_argument("--timezone", default="Europe/Berlin")
    create.add_argument("--walk-ins", action="store_true", help="allow walk-in registration at the kiosk")
    create.add_argument("--no-contact-consent", action="store_true",
                        help="guests must opt in to contact exchange (default: opted in, may decline)")
    create.set_defaults(run=run_event_create)

    pin = subparsers.add_parser("staff-pin", help="set the staff PIN (asked twice, or one line on stdin)")
    pin.set_defaults(run=run_staff_pin)

    demo = json_flag(subparsers.add_parser("demo", help="create the demo event (three days from today)"))
    demo.add_argument("--simulate", action="store_true",
                      help="add realistic arrivals and contacts for all three days (for reports and screenshots)")
    demo.set_defaults(run=run_demo)


def run_event_create(args, ctx) -> int:
    try:
        days = parse_day_list(args.days)
        event = create_event(ctx.new_store(), args.name, args.venue, days, args.timezone,
                             walk_ins_allowed=args.walk_ins, contact_consent_default=not args.no_contact_consent)
    except SetupError as error:
        raise CliError(str(error)) from None
    payload = {"id": event.id, "name": event.name, "days": [d.isoformat() for d in event.days]}
    ctx.emit(payload, f"created event '{event.name}' with {len(event.days)} days in {ctx.db_path}")
    return 0


def _read_pin() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass(f"New staff PIN (4-12 digits, {RECOMMENDED_LENGTH} or more recommended): ")
    if getpass.getpass("Repeat the PIN: ") != first:
        raise CliError("the two PINs differ; nothing changed")
    return first


def run_staff_pin(args, ctx) -> int:
    pin = _read_pin()
    try:
        set_staff_pin(ctx.store, pin)
    except SetupError as error:
        raise CliError(str(error)) from None
    short = len(pin) < RECOMMENDED_LENGTH
    print("staff PIN set" + (f" ({RECOMMENDED_LENGTH} or more digits are recommended: a short PIN is soon "
                             "guessed by whoever watches the pad)" if short else ""))
    return 0


def run_demo(args, ctx) -> int:
    from kiosk.demo import DEMO_STAFF_PIN, create_demo

    if ctx.db_path.exists() and ctx.store.has_event():
        raise CliError(f"{ctx.db_path} already holds an event; use another --db for the demo")
    report = create_demo(ctx.new_store())
    event = ctx.store.event()
    if args.simulate:
        from kiosk.demo.simulate import simulate

        simulate(ctx.store)
    payload = {"event": event.name, "days": [d.isoformat() for d in event.days], **report.as_json(),
               "check_ins": sum(ctx.store.check_in_counts().values()), "contacts": len(ctx.store.contacts())}
    ctx.emit(payload, f"demo event '{event.name}' ({event.days[0]} to {event.days[-1]}): "
                      f"{report.created} guests, {payload['check_ins']} check-ins, {payload['contacts']} contacts, "
                      f"staff PIN {DEMO_STAFF_PIN}, database {ctx.db_path}")
    return 0
