"""kiosk import-guests | search | guests | token"""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import CliError, json_flag
from kiosk.core.codes import sign_badge_token
from kiosk.core.model import Guest
from kiosk.core.search import SearchIndex
from kiosk.importing import ImportFileError
from kiosk.services.guest_import import import_guests


def guest_json(guest: Guest, with_code: bool = False) -> dict:
    shown = {"id": guest.id, "name": guest.full_name, "organization": guest.organization_name,
             "category": str(guest.category)}
    return {**shown, "ticket_code": guest.ticket_code} if with_code else shown


def register(subparsers) -> None:
    importer = json_flag(subparsers.add_parser("import-guests", help="import or update guests from CSV/XLSX"))
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    importer.set_defaults(run=run_import)

    search = json_flag(subparsers.add_parser("search", help="find guests by name or organization"))
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(run=run_search)

    guests = json_flag(subparsers.add_parser("guests", help="list every guest"))
    guests.add_argument("--with-codes", action="store_true", help="with ticket codes (for staff)")
    guests.set_defaults(run=run_guests)

    token = subparsers.add_parser("token", help="print a guest's signed badge token (what the QR carries)")
    token.add_argument("guest_id")
    token.set_defaults(run=run_token)


def run_import(args, ctx) -> int:
    try:
        report = import_guests(ctx.store, args.file, dry_run=args.dry_run)
    except ImportFileError as error:
        raise CliError(f"{error} (nothing imported)") from None

    def text() -> str:
        lines = [f"{report.source}: {report.created} created, {report.updated} updated, "
                 f"{report.unchanged} unchanged, {len(report.rejected)} rejected, {len(report.notices)} "
                 + ("notice" if len(report.notices) == 1 else "notices")
                 + (" (dry run, nothing written)" if report.dry_run else "")]
        lines += [f"  line {r.line}: {r.reason}" for r in report.rejected]
        lines += [f"  line {n.line}: note: {n.reason}" for n in report.notices]
        return "\n".join(lines)

    ctx.emit(report.as_json(), text)
    return 0


def run_search(args, ctx) -> int:
    hits = SearchIndex(ctx.store.guests()).search(args.query, limit=args.limit)
    payload = [{"id": h.guest_id, "name": h.name, "organization": h.organization} for h in hits]
    ctx.emit(payload, lambda: "\n".join(f"{h.name} — {h.organization}  [{h.guest_id}]" for h in hits)
             or "no guest found")
    return 0


def run_guests(args, ctx) -> int:
    guests = ctx.store.guests()
    code = (lambda g: f"  {g.ticket_code}") if args.with_codes else (lambda g: "")
    ctx.emit([guest_json(g, args.with_codes) for g in guests],
             lambda: "\n".join(f"{g.id}{code(g)}  {g.full_name} — {g.organization_name} ({g.category})"
                               for g in guests))
    return 0


def run_token(args, ctx) -> int:
    guest = ctx.store.guest(args.guest_id)
    if guest is None:
        raise CliError(f"no guest with id {args.guest_id}")
    event = ctx.store.event()
    print(sign_badge_token(event.secret, event.id, guest.id))
    return 0
