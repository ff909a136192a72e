"""kiosk badges | print | printers | print-jobs"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from kiosk.badges import LayoutError, layout_names, load_layout, render
from kiosk.cli import CliError, json_flag
from kiosk.core.model import Category, PrintJob, PrintStatus
from kiosk.i18n import LANGUAGES
from kiosk.outputs import atomic_output
from kiosk.printing import PrintingUnavailable, list_printers
from kiosk.printing.jobs import PrintQueue

PRINTER_ENV = "KIOSK_PRINTER"


def register(subparsers) -> None:
    badges = json_flag(subparsers.add_parser("badges", help="make a PDF of name badges (all guests by default)"))
    badges.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.pdf")
    badges.add_argument("--layout", default="a6", help=f"one of {', '.join(layout_names())} (default a6)")
    badges.add_argument("--guest", action="append", default=[], metavar="ID", help="only this guest (repeatable)")
    badges.add_argument("--category", choices=[str(c) for c in Category], help="only guests of this category")
    badges.add_argument("--checked-in-only", action="store_true", help="only guests who have checked in")
    badges.add_argument("--lang", choices=LANGUAGES, default="de", help="badge language (default de)")
    badges.set_defaults(run=run_badges)

    printing = json_flag(subparsers.add_parser("print", help="print one guest's badge (kept as a print job)"))
    printing.add_argument("guest_id")
    printing.add_argument("--printer", help=f"cups:QUEUE, folder:PATH or pdf:PATH (default ${PRINTER_ENV}, "
                                            "else the CUPS default queue)")
    printing.add_argument("--layout", default="a6")
    printing.add_argument("--lang", choices=LANGUAGES, default="de")
    printing.set_defaults(run=run_print)

    printers = json_flag(subparsers.add_parser("printers", help="list the CUPS printer queues and their state"))
    printers.set_defaults(run=run_printers)

    jobs = json_flag(subparsers.add_parser("print-jobs", help="list print jobs; --retry prints failed ones again"))
    jobs.add_argument("--status", choices=[str(s) for s in PrintStatus])
    jobs.add_argument("--retry", action="store_true", help="retry failed jobs (and print queued ones)")
    jobs.set_defaults(run=run_print_jobs)


def run_badges(args, ctx) -> int:
    target = ctx.output_target(args.output)
    layout = _layout(args.layout)
    guests = _select_guests(ctx.store, args)
    started = time.perf_counter()
    result = render(ctx.store.event(), guests, layout, args.lang, progress=_progress_bar(len(guests)))
    with atomic_output(target) as temporary:
        temporary.write_bytes(result.pdf)
    seconds = time.perf_counter() - started
    attention = sorted({p.guest_id for p in result.placements
                        for d in p.elements if d.missing or d.below_minimum})
    pages = result.placements[-1].page + 1
    payload = {"output": str(args.output), "badges": len(guests), "pages": pages, "layout": layout.name,
               "seconds": round(seconds, 2), "needs_attention": attention}

    def text() -> str:
        line = (f"{len(guests)} badge{'s' if len(guests) != 1 else ''} on {pages} page{'s' if pages != 1 else ''}"
                f" ({layout.name}) written to {args.output} in {seconds:.1f} s")
        if attention:
            line += f"\n{len(attention)} badge(s) need a look (missing glyphs or very small text): " \
                    + ", ".join(attention)
        return line

    ctx.emit(payload, text)
    return 0


def _layout(name: str):
    try:
        return load_layout(name)
    except LayoutError as error:
        raise CliError(str(error)) from None


def _select_guests(store, args) -> list:
    if args.guest:
        guests = [store.guest(guest_id) for guest_id in args.guest]
        unknown = [gid for gid, guest in zip(args.guest, guests) if guest is None]
        if unknown:
            raise CliError(f"no guest with id {', '.join(unknown)}")
    else:
        guests = sorted(store.guests(), key=lambda g: (g.last_name.casefold(), g.first_name.casefold()))
    if args.category:
        guests = [g for g in guests if str(g.category) == args.category]
    if args.checked_in_only:
        present = store.checked_in_ids(among=[g.id for g in guests])
        guests = [g for g in guests if g.id in present]
    if not guests:
        raise CliError("no guest matches; no PDF written")
    return guests


def _progress_bar(total: int, width: int = 30):
    """A bar on stderr for batches; redrawn at most a hundred times."""
    if total < 2:
        return None
    step = max(1, total // 100)

    def show(done: int, _total: int) -> None:
        if done % step and done != total:
            return
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def run_print(args, ctx) -> int:
    _layout(args.layout)
    spec = _printer_spec(args.printer)
    if ctx.store.guest(args.guest_id) is None:
        raise CliError(f"no guest with id {args.guest_id}")
    job = PrintQueue(ctx.store, spec, args.lang).print_badge(args.guest_id, args.layout)
    ctx.emit(job_json(job), lambda: (f"printed on {job.printer} ({job.reason})" if job.status == PrintStatus.DONE
                                     else f"print failed on {job.printer}: {job.reason} "
                                          f"(job {job.id} kept; retry with 'kiosk print-jobs --retry')"))
    return 0 if job.status == PrintStatus.DONE else 1


def _printer_spec(explicit: str | None) -> str:
    if explicit or os.environ.get(PRINTER_ENV):
        return explicit or os.environ[PRINTER_ENV]
    try:
        default = next((p.name for p in list_printers() if p.default), None)
    except PrintingUnavailable as error:
        raise CliError(f"no printer given and CUPS cannot be asked ({error}); use --printer") from None
    if default is None:
        raise CliError(f"no printer given and CUPS has no default queue; use --printer or set {PRINTER_ENV}")
    return f"cups:{default}"


def run_printers(args, ctx) -> int:
    try:
        printers = list_printers()
    except PrintingUnavailable as error:
        raise CliError(f"{error} ({error.code})") from None
    payload = [{"name": p.name, "state": p.state, "accepting": p.accepting, "ready": p.ready,
                "reason": p.reason, "default": p.default} for p in printers]

    def text() -> str:
        if not printers:
            return "no printer queues; add one with lpadmin (see README, 'Printing badges')"
        return "\n".join(f"{'*' if p.default else ' '} {p.name:<24} {p.state:<9}"
                         f"{'' if p.accepting else ' not accepting'}{'  ' + p.reason if p.reason else ''}"
                         for p in printers)

    ctx.emit(payload, text)
    return 0


def run_print_jobs(args, ctx) -> int:
    if args.retry:
        queue = PrintQueue(ctx.store)
        touched = queue.run_pending() + queue.retry_failed()
        ctx.emit([job_json(j) for j in touched], lambda: "\n".join(map(job_line, touched)) or "nothing to retry")
        return 0 if all(j.status == PrintStatus.DONE for j in touched) else 1
    jobs = ctx.store.print_jobs(args.status)
    ctx.emit([job_json(j) for j in jobs], lambda: "\n".join(map(job_line, jobs)) or "no print jobs")
    return 0


def job_json(job: PrintJob) -> dict:
    return {"id": job.id, "guest_id": job.guest_id, "layout": job.layout, "printer": job.printer,
            "status": str(job.status), "reason": job.reason, "attempts": job.attempts,
            "updated_at": job.updated_at.isoformat()}


def job_line(job: PrintJob) -> str:
    return f"{job.id}  {job.status:<8} {job.printer:<20} {job.attempts}x  {job.reason}"
