"""kiosk rounds plan --session|show|start|print|tick and kiosk quiz teams: the event's own sessions.

`kiosk rounds plan --people N` (kiosk.cli.rounds) plans numbers; with `--session ID` it plans the guests
present at that session and stores the plan (run_plan_session). The other actions and `kiosk quiz`
are registered here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.cli import CliError, json_flag
from kiosk.core.round_plans import PlanKind, PlanSource, RoundsError
from kiosk.core.refusals import KioskError
from kiosk.i18n import LANGUAGES
from kiosk.outputs import atomic_output
from kiosk.services.desk import FrontDesk
from kiosk.services.rounds import PlanOptions, PlanView, RoundsDesk

SESSION_HELP = "the session's id (kiosk programme list shows them)"


def add_session_options(plan: argparse.ArgumentParser) -> None:
    """Options of `rounds plan` that only a --session plan uses."""
    plan.add_argument("--minutes", type=int, default=None, metavar="M", help="minutes per round (default 8)")
    plan.add_argument("--hosts", metavar="ORGS", help="hosted tables: organization names or kinds (e.g. "
                      "digital_centre), comma-separated; their guests keep their own table, others rotate")
    plan.add_argument("--absent", metavar="IDS", help="guest ids (comma-separated) not to seat: no-shows")


def add_actions(actions) -> None:
    show = json_flag(actions.add_parser("show", help="a session's plan: rounds, tables, who sits where"))
    show.add_argument("--session", required=True, metavar="ID", help=SESSION_HELP)
    show.set_defaults(run=run_show)
    start = json_flag(actions.add_parser("start", help="start a round (default: the next one)"))
    start.add_argument("--session", required=True, metavar="ID", help=SESSION_HELP)
    start.add_argument("--round", type=int, metavar="N", help="which round (rounds start in order)")
    start.set_defaults(run=run_start)
    printing = actions.add_parser("print", help="the plan as PDF: a sheet per round and a card per guest")
    printing.add_argument("--session", required=True, metavar="ID", help=SESSION_HELP)
    printing.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    only = printing.add_mutually_exclusive_group()
    only.add_argument("--cards-only", action="store_true", help="only the personal cards")
    only.add_argument("--sheets-only", action="store_true", help="only the sheets per round")
    printing.add_argument("--lang", choices=LANGUAGES, default="de", help="language (default: de)")
    printing.set_defaults(run=run_print)
    tick = json_flag(actions.add_parser("tick", help="a guest ticks the tablemates they exchanged contacts with"))
    tick.add_argument("--session", required=True, metavar="ID", help=SESSION_HELP)
    tick.add_argument("guest", metavar="GUEST", help="a guest id, ticket code or badge token")
    tick.add_argument("mates", nargs="+", metavar="MATE", help="tablemates: ids, ticket codes or badge tokens")
    tick.set_defaults(run=run_tick)


def register(subparsers) -> None:
    quiz = subparsers.add_parser("quiz", help="pub quiz: mixed teams from the guests present")
    actions = quiz.add_subparsers(dest="quiz_action", metavar="ACTION", required=True)
    teams = json_flag(actions.add_parser("teams", help="form mixed teams (and print them with -o)"))
    teams.add_argument("--session", required=True, metavar="ID", help=SESSION_HELP)
    teams.add_argument("--size", required=True, type=int, metavar="K", help="people per team")
    teams.add_argument("--remainder", choices=("smaller", "larger"), default="smaller",
                       help="when the numbers do not divide: teams of K-1 (default) or K+1")
    teams.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="also print the team lists")
    teams.add_argument("--lang", choices=LANGUAGES, default="de", help="language of the PDF (default: de)")
    teams.set_defaults(run=run_quiz_teams)


def _rounds(ctx) -> RoundsDesk:
    return RoundsDesk(FrontDesk(ctx.store))


def _local(ctx) -> Callable[[datetime], datetime]:
    return ctx.store.event().local_time


def _ids(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


def _refused(error: KioskError) -> CliError:
    return CliError(str(error))


def _pdf_target(ctx, path: Path) -> Path:
    if path.suffix.lower() != ".pdf":
        raise CliError(f"{path}: the file name must end in .pdf")
    return ctx.output_target(path)


def run_plan_session(args, ctx) -> int:
    if args.orgs:
        raise CliError("--orgs is for --people; a session's organizations come from its guests")
    options = PlanOptions(table_size=args.table_size, rounds=args.rounds, remainder=args.remainder,
                          hosts=_ids(args.hosts), absent=_ids(args.absent), time_limit=args.time_limit,
                          seed=args.seed, **({"minutes": args.minutes} if args.minutes is not None else {}))
    try:
        view = _rounds(ctx).plan(args.session, options)
    except RoundsError as error:
        raise _refused(error) from None
    ctx.emit(view.as_json(), lambda: describe(view, _local(ctx)))
    return 0


def describe(view: PlanView, local: Callable[[datetime], datetime]) -> str:
    """The plan as text; `local` turns the UTC start times into the event's time."""
    quiz = view.kind == PlanKind.QUIZ
    who = ("the guests scanned at the door" if view.source == PlanSource.ATTENDANCE else
           "the guests checked in that day (nobody was scanned at the session's door)")
    shape = (f"{len(view.rounds[0].tables)} teams" if quiz else f"{view.total} rounds of {view.minutes} min")
    lines = [f"{view.session.title('de')}: {view.people} guests, {who}; {shape}; "
             + ("" if quiz else f"pairs meeting again: {view.repeats}, ")
             + f"colleagues together: {view.same_org}, earlier contacts together: {view.met_before}"]
    for round_ in view.rounds:
        if not quiz:
            state = f"started {local(round_.started_at):%H:%M}" if round_.started_at else "not started"
            lines.append(f"round {round_.number} ({state}):")
        for table in round_.tables:
            names = ", ".join(s.public_name + (" (host)" if s.host else "") for s in table.seats)
            lines.append(f"  {'team' if quiz else 'table'} {table.label}{' ' + table.name if table.name else ''}: "
                         f"{names}")
    return "\n".join(lines)


def run_show(args, ctx) -> int:
    rounds = _rounds(ctx)
    try:
        view = rounds.plan_view(args.session)
        if view is None:
            rounds.session(args.session)
            raise CliError(f"session {args.session} has no plan yet; make one with "
                           f"'kiosk rounds plan --session {args.session}'")
    except RoundsError as error:
        raise _refused(error) from None
    ctx.emit(view.as_json(), lambda: describe(view, _local(ctx)))
    return 0


def run_start(args, ctx) -> int:
    try:
        outcome = _rounds(ctx).start_round(args.session, args.round)
    except RoundsError as error:
        raise _refused(error) from None
    payload = {"round": outcome.number, "started_at": outcome.started_at.isoformat(), "already": outcome.already}
    at = _local(ctx)(outcome.started_at)
    text = (f"round {outcome.number} had started already at {at:%H:%M:%S}" if outcome.already
            else f"round {outcome.number} started at {at:%H:%M:%S}")
    ctx.emit(payload, text)
    return 0


def run_print(args, ctx) -> int:
    from kiosk.reports.round_sheets import plan_pdf

    target = _pdf_target(ctx, args.output)
    rounds = _rounds(ctx)
    try:
        view = rounds.plan_view(args.session)
        if view is None:
            rounds.session(args.session)
            raise CliError(f"session {args.session} has no plan yet; nothing was written")
        cards = [] if args.sheets_only else rounds.everyones_tables(args.session)
    except RoundsError as error:
        raise _refused(error) from None
    data = plan_pdf(view, cards, args.lang, sheets=not args.cards_only, with_cards=not args.sheets_only)
    with atomic_output(target) as temporary:
        temporary.write_bytes(data)
    print(f"wrote {args.output}: {view.total if not args.cards_only else 0} round sheet(s), {len(cards)} card(s)")
    return 0


def _guest_id(rounds: RoundsDesk, text: str) -> str:
    if rounds.store.guest(text) is not None:
        return text
    try:
        return rounds.guest_for_badge(text).id
    except KioskError as error:
        raise CliError(f"{text!r}: not a guest id, ticket code or badge of this event ({error.code})") from None


def run_tick(args, ctx) -> int:
    rounds = _rounds(ctx)
    guest = _guest_id(rounds, args.guest)
    mates = [_guest_id(rounds, mate) for mate in args.mates]
    try:
        outcome = rounds.tick(args.session, guest, mates)
    except RoundsError as error:
        raise _refused(error) from None
    payload = {"ticked": [m.guest_id for m in outcome.ticked], "contacts": [m.guest_id for m in outcome.contacts],
               "already": [m.guest_id for m in outcome.already]}
    ctx.emit(payload, lambda: "\n".join(
        [f"ticked {m.public_name}" + (": contact recorded (both ticked)" if m in outcome.contacts else "")
         for m in outcome.ticked] + [f"{m.public_name} was ticked already" for m in outcome.already]))
    return 0


def run_quiz_teams(args, ctx) -> int:
    target = _pdf_target(ctx, args.output) if args.output else None
    try:
        view = _rounds(ctx).quiz_teams(args.session, args.size, PlanOptions(remainder=args.remainder))
    except RoundsError as error:
        raise _refused(error) from None
    if target is not None:
        from kiosk.reports.round_sheets import quiz_teams_pdf

        with atomic_output(target) as temporary:
            temporary.write_bytes(quiz_teams_pdf(view, args.lang))
    ctx.emit(view.as_json(), lambda: describe(view, _local(ctx)) + (f"\nwrote {args.output}" if target else ""))
    return 0
