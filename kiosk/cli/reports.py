"""kiosk report | champion | export | my-contacts | purge | forget"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.cli import CliError, json_flag
from kiosk.i18n import LANGUAGES
from kiosk.outputs import atomic_output


def _day(text: str | None, option: str = "--day") -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option}: '{text}' is not a date like 2023-10-24") from None


def _output(parser, suffixes: str) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, metavar=f"FILE{suffixes}")


def _lang(parser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default="de", help="language of the document (default: de)")


def register(subparsers) -> None:
    report = json_flag(subparsers.add_parser("report", help="the event report as PDF, with charts"))
    _output(report, ".pdf")
    report.add_argument("--day", help="only this day (YYYY-MM-DD); default: the whole event")
    _lang(report)
    report.set_defaults(run=run_report)

    champion = json_flag(subparsers.add_parser("champion", help="the networking champion's certificate (A4 PDF)"))
    _output(champion, ".pdf")
    _lang(champion)
    champion.set_defaults(run=run_champion)

    export = json_flag(subparsers.add_parser("export",
                                             help="guests (with check-in status), check-ins or contacts"))
    export.add_argument("what", choices=("guests", "check-ins", "contacts"))
    _output(export, ".csv|.xlsx")
    export.add_argument("--excel-de", action="store_true", help="CSV for German Excel: ';' and UTF-8 with BOM")
    _lang(export)
    export.set_defaults(run=run_export)

    mine = json_flag(subparsers.add_parser("my-contacts", help="a guest's contacts as vCard or CSV"))
    mine.add_argument("guest_id")
    _output(mine, ".vcf|.csv")
    mine.add_argument("--excel-de", action="store_true", help="CSV for German Excel: ';' and UTF-8 with BOM")
    _lang(mine)
    mine.set_defaults(run=run_my_contacts)

    purge = json_flag(subparsers.add_parser(
        "purge", help="anonymise guests whose event days all ended before a date (counts stay)"))
    purge.add_argument("--before", required=True, help="YYYY-MM-DD, today at the latest")
    purge.add_argument("--dry-run", action="store_true", help="only count the guests it would anonymise")
    purge.set_defaults(run=run_purge)

    forget = json_flag(subparsers.add_parser("forget", help="erase one guest's personal data (right to erasure)"))
    forget.add_argument("guest_id")
    forget.set_defaults(run=run_forget)


def _target(ctx, path: Path, allowed: tuple[str, ...]) -> Path:
    """The checked place to write `path` (see kiosk.outputs), before any work is done."""
    if path.suffix.lower() not in allowed:
        raise CliError(f"{path}: the file name must end in {' or '.join(allowed)}")
    return ctx.output_target(path)


def _write(target: Path, data: bytes) -> None:
    with atomic_output(target) as temporary:
        temporary.write_bytes(data)


def run_report(args, ctx) -> int:
    from kiosk.reports import collect_figures
    from kiosk.reports.report import render_report

    target = _target(ctx, args.output, (".pdf",))
    day = _day(args.day)
    event = ctx.store.event()
    if day is not None and day not in event.days:
        raise CliError(f"--day: {day} is not a day of '{event.name}' ({', '.join(map(str, event.days))})")
    figures = collect_figures(ctx.store, day)
    _write(target, render_report(figures, args.lang))
    payload = {"output": str(args.output), "day": day.isoformat() if day else None, "lang": args.lang,
               "check_ins": figures.check_ins, "attendees": figures.attendees, "contacts": figures.contacts}
    ctx.emit(payload, f"report written to {args.output}: {figures.check_ins} check-ins, "
                      f"{figures.attendees} guests attended, {figures.contacts} contacts")
    return 0


def run_champion(args, ctx) -> int:
    from kiosk.reports import NoChampion, certificate_pdf, champion

    target = _target(ctx, args.output, (".pdf",))
    winner = champion(ctx.store)
    try:
        _write(target, certificate_pdf(ctx.store, args.lang, winner))
    except NoChampion as error:
        raise CliError(str(error)) from None
    payload = {"output": str(args.output), "guest_id": winner.guest_id, "name": winner.full_name,
               "organization": winner.organization, "contacts": winner.contacts}
    ctx.emit(payload, f"certificate for {winner.full_name} ({winner.contacts} contacts) written to {args.output}")
    return 0


def run_export(args, ctx) -> int:
    from kiosk.reports import export

    target = _target(ctx, args.output, (".csv", ".xlsx"))
    with atomic_output(target) as temporary:
        rows = export(ctx.store, args.what, temporary, excel_de=args.excel_de, lang=args.lang)
    ctx.emit({"output": str(args.output), "export": args.what, "rows": rows},
             f"{rows} rows of {args.what} written to {args.output}")
    return 0


def run_my_contacts(args, ctx) -> int:
    from kiosk.reports import UnknownGuest, write_my_contacts

    target = _target(ctx, args.output, (".vcf", ".csv"))
    try:
        with atomic_output(target) as temporary:
            found = write_my_contacts(ctx.store, args.guest_id, temporary, lang=args.lang,
                                      excel_de=args.excel_de)
    except UnknownGuest as error:
        raise CliError(str(error)) from None
    note = f" ({found.withheld} who did not agree to share left out)" if found.withheld else ""
    ctx.emit({**found.as_json(), "output": str(args.output)},
             f"{len(found.cards)} contacts written to {args.output}{note}; names and organizations only")
    return 0


def run_purge(args, ctx) -> int:
    from kiosk.storage.privacy import purge_before

    before = _day(args.before, "--before")
    event = ctx.store.event()
    today = datetime.now(ZoneInfo(event.timezone)).date()
    if before > today:
        raise CliError(f"--before: {before} lies in the future; personal data can be purged only for days "
                       "that have ended")
    result = purge_before(ctx.store, before, dry_run=args.dry_run)
    verb = "would anonymise" if args.dry_run else "anonymised"
    travels = "" if args.dry_run else "; the other kiosks do the same when they get it by sync"
    ctx.emit(result.as_json(), f"{verb} {result.guests} guests whose event days ended before {before}; "
                               f"check-ins and contacts stay as anonymous counts{travels}")
    return 0


def run_forget(args, ctx) -> int:
    from kiosk.storage.privacy import forget_guest, forgotten_ids

    if args.guest_id in forgotten_ids(ctx.store):
        raise CliError(f"guest {args.guest_id} has already been forgotten")
    result = forget_guest(ctx.store, args.guest_id)
    if not result.found:
        raise CliError(f"no guest with id {args.guest_id}")
    ctx.emit(result.as_json(), f"forgot guest {args.guest_id}: personal data erased here and, through sync, "
                               f"on the other kiosks; {result.check_ins_removed} check-ins, "
                               f"{result.contacts_removed} contacts and {result.print_jobs_removed} print jobs "
                               "removed")
    return 0
