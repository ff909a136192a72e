"""kiosk note: set or clear the staff flag and note of one guest."""

from __future__ import annotations

from kiosk.cli import CliError, json_flag
from kiosk.services.staff_notes import GuestNote, StaffNotes, UnknownGuest


def register(subparsers) -> None:
    note = json_flag(subparsers.add_parser(
        "note", help="set or clear a guest's staff note and 'needs attention' flag (never shown to guests)"))
    note.add_argument("guest_id")
    note.add_argument("text", nargs="?", help="the note for staff; without it the note is kept")
    flag = note.add_mutually_exclusive_group()
    flag.add_argument("--attention", dest="attention", action="store_true", default=None,
                      help="the guest is asked to stop by the info desk at check-in")
    flag.add_argument("--no-attention", dest="attention", action="store_false")
    flag.add_argument("--clear", action="store_true", help="remove the note and the flag")
    note.set_defaults(run=run_note)


def run_note(args, ctx) -> int:
    notes = StaffNotes(ctx.store)
    if args.clear and args.text is not None:
        raise CliError("--clear takes no note text")
    try:
        saved = notes.clear(args.guest_id) if args.clear else _save(notes, args)
    except UnknownGuest:
        raise CliError(f"no guest with id {args.guest_id}") from None
    ctx.emit(note_json(saved), lambda: _describe(saved))
    return 0


def _save(notes: StaffNotes, args) -> GuestNote:
    # Whatever the command leaves out stays as it was: `--attention` alone keeps the note.
    before = notes.note_of(args.guest_id)
    text = before.note if args.text is None else args.text
    attention = before.needs_attention if args.attention is None else args.attention
    return notes.save(args.guest_id, text, attention)


def note_json(note: GuestNote) -> dict:
    return {"id": note.guest_id, "note": note.note, "needs_attention": note.needs_attention}


def _describe(note: GuestNote) -> str:
    flag = "needs attention" if note.needs_attention else "no attention flag"
    return f"{note.guest_id}: {flag}; note: {note.note or '(none)'}"
