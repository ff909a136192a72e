"""kiosk programme import|list|add|edit|remove, kiosk attend, kiosk attendance"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from kiosk.cli import CliError, json_flag
from kiosk.cli.guests import guest_json
from kiosk.core.programme import (AttendanceOutcome, AttendStatus, InvalidSession, Session, SessionKind,
                                  kind_for_word)
from kiosk.core.refusals import KioskError
from kiosk.i18n import refusal_message, translator
from kiosk.importing import ImportFileError
from kiosk.importing.parsing import RowError, parse_days
from kiosk.importing.programme import KIND_HINT, parse_time
from kiosk.services.desk import FrontDesk
from kiosk.services.programme import ProgrammeDesk

_tr = translator("en")
ATTENDANCE_REASONS = {"session_full": "the room is full", "unknown_session": "there is no such session",
                      "not_session_day": "the session is on another day"}


def register(subparsers) -> None:
    programme = subparsers.add_parser("programme",
                                      help="the event's programme: import, list and edit sessions")
    actions = programme.add_subparsers(dest="action", metavar="ACTION", required=True)
    importer = json_flag(actions.add_parser(
        "import", help="import sessions from CSV/XLSX (German or English headers)"))
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
    importer.set_defaults(run=run_import)
    listing = json_flag(actions.add_parser("list", help="every session, or one day's"))
    listing.add_argument("--day", help="YYYY-MM-DD, 24.10.2023 or 'Tag 2'")
    listing.set_defaults(run=run_list)
    add = json_flag(actions.add_parser("add", help="add a session"))
    _session_options(add, required=True)
    add.set_defaults(run=run_add)
    edit = json_flag(actions.add_parser("edit", help="change a session (what is not given stays)"))
    edit.add_argument("session_id")
    _session_options(edit, required=False)
    edit.add_argument("--no-capacity", action="store_true", help="no limit on places")
    edit.set_defaults(run=run_edit)
    remove = json_flag(actions.add_parser("remove", help="remove a session"))
    remove.add_argument("session_id")
    remove.set_defaults(run=run_remove)

    attend = json_flag(subparsers.add_parser(
        "attend", help="record (or with --undo, undo) a guest at a session"))
    attend.add_argument("session_id")
    attend.add_argument("guest", metavar="GUEST_ID|CODE", help="a guest id, ticket code or badge token")
    attend.add_argument("--undo", action="store_true", help="staff undo: the guest no longer counts")
    attend.set_defaults(run=run_attend)
    attendance = json_flag(subparsers.add_parser(
        "attendance", help="who attends a session, in arrival order"))
    attendance.add_argument("session_id")
    attendance.set_defaults(run=run_attendance)


def _session_options(parser, required: bool) -> None:
    parser.add_argument("--day", required=required, help="YYYY-MM-DD, 24.10.2023 or 'Tag 2'")
    parser.add_argument("--start", required=required, metavar="HH:MM")
    parser.add_argument("--end", required=required, metavar="HH:MM")
    parser.add_argument("--title", required=required, help="the German title")
    parser.add_argument("--title-en", help="the English title")
    parser.add_argument("--room")
    parser.add_argument("--kind", help=KIND_HINT)
    parser.add_argument("--capacity", type=int, help="places; without it, no limit")


def _programme(ctx) -> ProgrammeDesk:
    return ProgrammeDesk(FrontDesk(ctx.store))


def session_json(session: Session, attended: int | None = None) -> dict:
    shown = session.to_dict()
    return shown if attended is None else {**shown, "attended": attended}


def _line(session: Session, attended: int | None = None) -> str:
    places = f" [{attended}/{session.capacity or '-'}]" if attended is not None else \
        (f" [{session.capacity} places]" if session.capacity else "")
    return (f"{session.day} {session.time_text}  {session.title('de')} ({session.kind}"
            f"{', ' + session.room if session.room else ''}){places}  {session.id}")


def run_import(args, ctx) -> int:
    try:
        report = _programme(ctx).import_file(args.file, dry_run=args.dry_run)
    except ImportFileError as error:
        raise CliError(f"{error} (nothing imported)") from None

    def text() -> str:
        dry = " (dry run, nothing written)" if report.dry_run else ""
        lines = [f"{report.source}: {report.added} added, {report.updated} updated, "
                 f"{len(report.rejected)} rejected{dry}"]
        lines += [f"  {report.source}, line {r.line}, {r.field}: {r.reason}" for r in report.rejected]
        lines += [f"  {report.source}, line {n.line}: note: {n.reason}" for n in report.notices]
        return "\n".join(lines)

    ctx.emit(report.as_json(), text)
    return 1 if report.rejected and not (report.added or report.updated) else 0


def run_list(args, ctx) -> int:
    programme = _programme(ctx)
    rows = programme.attendance_table(_day(args.day, programme) if args.day else None)
    ctx.emit([session_json(r.session, r.attended) for r in rows],
             lambda: "\n".join(_line(r.session, r.attended) for r in rows) or "no sessions")
    return 0


def run_add(args, ctx) -> int:
    programme = _programme(ctx)
    session = Session("", _day(args.day, programme), _time(args.start, "--start"), _time(args.end, "--end"),
                      args.title, args.title_en or "", args.room or "", _kind(args.kind), args.capacity)
    return _save(ctx, programme, session, "added")


def run_edit(args, ctx) -> int:
    programme = _programme(ctx)
    session = programme.session(args.session_id)
    if session is None:
        raise CliError(f"no session with id {args.session_id}")
    changes = {"day": args.day and _day(args.day, programme),
               "start": args.start and _time(args.start, "--start"),
               "end": args.end and _time(args.end, "--end"),
               "title_de": args.title, "title_en": args.title_en, "room": args.room,
               "kind": args.kind and _kind(args.kind), "capacity": args.capacity}
    session = replace(session, **{k: v for k, v in changes.items() if v is not None})
    if args.no_capacity:
        session = replace(session, capacity=None)
    return _save(ctx, programme, session, "saved")


def _save(ctx, programme: ProgrammeDesk, session: Session, done: str) -> int:
    try:
        saved = programme.save(session)
    except InvalidSession as error:
        raise CliError(f"--{error.field}: {error}") from None
    ctx.emit(session_json(saved), f"{done}: {_line(saved)}")
    return 0



def run_remove(args, ctx) -> int:
    if not _programme(ctx).remove(args.session_id):
        raise CliError(f"no session with id {args.session_id}")
    ctx.emit({"id": args.session_id, "removed": True}, f"removed {args.session_id}")
    return 0


def run_attend(args, ctx) -> int:
    programme = _programme(ctx)
    if programme.session(args.session_id) is None:
        raise CliError(f"no session with id {args.session_id}")
    guest = ctx.store.guest(args.guest)
    if args.undo:
        return _undo(ctx, programme, args, guest)
    if guest is not None:  # a guest id
        outcome = programme.attend_guest(args.session_id, guest)
    else:  # a ticket code or badge token, as the door scans it
        outcome = programme.attend(args.session_id, args.guest)
    ctx.emit(_outcome_json(outcome), lambda: _outcome_text(outcome))
    return 1 if outcome.status == AttendStatus.REJECTED else 0


def _undo(ctx, programme: ProgrammeDesk, args, guest) -> int:
    guest_id = guest.id if guest else _resolved(programme, args.guest)
    undone = programme.undo(args.session_id, guest_id)
    ctx.emit({"session_id": args.session_id, "guest_id": guest_id, "undone": undone},
             "attendance undone" if undone else "the guest was not counted at this session; nothing undone")
    return 0 if undone else 1


def _resolved(programme: ProgrammeDesk, code: str) -> str:
    try:
        return programme.desk.resolve(code).id
    except KioskError as error:
        raise CliError(f"{code}: {refusal_message(error.code, _tr, name='')}") from None


def _outcome_json(outcome: AttendanceOutcome) -> dict:
    return {"status": str(outcome.status), "reason": str(outcome.reason) if outcome.reason else None,
            "message": _reason(outcome) if outcome.reason else None,
            "guest": guest_json(outcome.guest) if outcome.guest else None,
            "present": outcome.present, "capacity": outcome.capacity}


def _reason(outcome: AttendanceOutcome) -> str:
    code = str(outcome.reason)
    return ATTENDANCE_REASONS.get(code) or refusal_message(code, _tr, name="")


def _outcome_text(outcome: AttendanceOutcome) -> str:
    count = f"{outcome.present} of {outcome.capacity}" if outcome.capacity else f"{outcome.present}"
    name = outcome.guest.full_name if outcome.guest else ""
    return {AttendStatus.RECORDED: f"attends: {name} ({count})",
            AttendStatus.ALREADY_HERE: f"already here: {name} ({count})",
            AttendStatus.REJECTED: f"rejected: {_reason(outcome)} ({count})"}[outcome.status]


def run_attendance(args, ctx) -> int:
    programme = _programme(ctx)
    session = programme.session(args.session_id)
    if session is None:
        raise CliError(f"no session with id {args.session_id}")
    attendees = programme.attendees(args.session_id)
    local = programme.desk.event.local_time
    payload = {"session": session_json(session), "attended": len(attendees),
               "attendees": [{**guest_json(a.guest), "at": local(a.at).strftime("%H:%M")} for a in attendees]}
    ctx.emit(payload, lambda: "\n".join([_line(session, len(attendees))] + [
        f"  {local(a.at):%H:%M}  {a.guest.full_name} — {a.guest.organization_name}  [{a.guest.id}]"
        for a in attendees]))
    return 0


def _day(text: str, programme: ProgrammeDesk) -> date:
    try:
        days = parse_days(text, programme.desk.event)
    except RowError as error:
        raise CliError(f"--day: {error}") from None
    if len(days) != 1:
        raise CliError(f"--day: '{text}' is not one day of the event")
    return days[0]


def _time(text: str, option: str):
    try:
        return parse_time(text, option)
    except RowError as error:
        raise CliError(f"{option}: {error}") from None


def _kind(text: str | None) -> SessionKind:
    if not text:
        return SessionKind.OTHER
    kind = kind_for_word(text)
    if kind is None:
        raise CliError(f"--kind: unknown kind '{text}' (use {KIND_HINT})")
    return kind
