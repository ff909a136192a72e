"""kiosk sync export | import | status | hub | doubles, and kiosk enrol export | import"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from kiosk.cli import CliError, json_flag
from kiosk.storage import ReplicaCollision
from kiosk.sync import (BundleError, EnrolmentError, double_entries, export_bundle, export_enrolment, import_bundle,
                        new_passphrase, status)
from kiosk.sync.enrolment import open_enrolment
from kiosk.sync.service import take_enrolment


def register(subparsers) -> None:
    sync = subparsers.add_parser("sync", help="bring kiosks together: PostgreSQL hub or file bundles")
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    export = json_flag(actions.add_parser("export", help="write a signed bundle of changes"))
    export.add_argument("file", type=Path)
    export.add_argument("--all", action="store_true", help="everything, e.g. to set up a new kiosk")
    export.add_argument("--to", metavar="DEVICE_ID", help="only what that kiosk has not confirmed")
    export.set_defaults(run=run_export)
    importer = json_flag(actions.add_parser("import", help="merge a bundle (a new kiosk: enrol it first)"))
    importer.add_argument("file", type=Path)
    importer.set_defaults(run=run_import)
    state = json_flag(actions.add_parser("status", help="device id, changes not yet sent, last sync per peer"))
    state.set_defaults(run=run_status)
    hub = json_flag(actions.add_parser("hub", help="push and pull through a PostgreSQL hub"))
    hub.add_argument("dsn", metavar="postgresql://...")
    hub.set_defaults(run=run_hub)
    doubles = json_flag(actions.add_parser("doubles", help="badges checked in at two kiosks on one day"))
    doubles.set_defaults(run=run_doubles)
    _register_enrol(subparsers)


def _register_enrol(subparsers) -> None:
    enrol = subparsers.add_parser("enrol", help="give a new kiosk the event's keys (sync never carries them)")
    actions = enrol.add_subparsers(dest="enrol_command", metavar="ACTION", required=True)
    export = json_flag(actions.add_parser("export", help="write the event's keys, sealed under a passphrase"))
    export.add_argument("file", type=Path)
    export.add_argument("--passphrase-file", type=Path, metavar="PATH", help="first line: the passphrase")
    export.add_argument("--generate-passphrase", action="store_true", help="make a strong one and print it once")
    export.set_defaults(run=run_enrol_export)
    importer = json_flag(actions.add_parser("import", help="take the event's keys from an enrolment file"))
    importer.add_argument("file", type=Path)
    importer.add_argument("--passphrase-file", type=Path, metavar="PATH", help="first line: the passphrase")
    importer.set_defaults(run=run_enrol_import)


def run_export(args, ctx) -> int:
    ctx.output_target(args.file)  # refused before the database is even opened
    summary = export_bundle(ctx.store, args.file, to=args.to, everything=args.all)
    ctx.emit({"file": str(args.file), "changes": summary.changes, "device_id": summary.origin},
             f"wrote {summary.changes} changes to {args.file}")
    return 0


def run_import(args, ctx) -> int:
    if not ctx.db_path.exists():
        raise CliError(f"no database at {ctx.db_path}: a new kiosk must be enrolled first "
                       "('kiosk enrol import FILE' with a file from 'kiosk enrol export' on a set-up kiosk); "
                       "nothing imported")
    try:
        summary = import_bundle(ctx.store, args.file)
    except BundleError as error:
        raise CliError(f"{error} (nothing imported)") from None
    except ReplicaCollision as error:
        raise CliError(str(error)) from None
    ctx.emit({"file": str(args.file), "changes": summary.changes, "applied": summary.applied,
              "from": summary.origin},
             f"{args.file}: {summary.applied} new of {summary.changes} changes from kiosk {summary.origin}")
    return 0


def run_status(args, ctx) -> int:
    state = status(ctx.store)
    lines = [f"device {state.device_id}: {state.changes} changes in the journal"]
    lines += [f"  {peer}: {info['pending']} not yet sent, last sync {info['last_sync'] or 'never'}"
              for peer, info in state.peers.items()] or ["  never synced"]
    ctx.emit(state.as_json(), "\n".join(lines))
    return 0


def run_hub(args, ctx) -> int:
    from kiosk.sync.hub import HubUnavailable, sync_with_hub

    try:
        result = sync_with_hub(ctx.store, args.dsn)
    except HubUnavailable as error:
        raise CliError(f"{error}; the changes wait here until the hub is reachable") from None
    except ReplicaCollision as error:
        raise CliError(str(error)) from None
    ctx.emit(result.as_json(), f"hub: pushed {result.pushed}, pulled {result.pulled} changes")
    return 0


def run_doubles(args, ctx) -> int:
    rows = double_entries(ctx.store)
    ctx.emit(rows, lambda: "\n".join(f"{r['day']}  {r['guest_id']}  at {r['kiosks']} kiosks" for r in rows)
             or "no badge was checked in at two kiosks on one day")
    return 0


def _passphrase(args, twice: bool) -> str:
    if args.passphrase_file:
        try:
            lines = args.passphrase_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CliError(f"--passphrase-file {args.passphrase_file}: cannot be read ({error})") from None
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Passphrase for the enrolment file: ")
    if twice and getpass.getpass("Repeat the passphrase: ") != first:
        raise CliError("the two passphrases differ; nothing written")
    return first


def run_enrol_export(args, ctx) -> int:
    ctx.output_target(args.file)
    generated = new_passphrase() if args.generate_passphrase else None
    try:
        enrolment = export_enrolment(ctx.store, args.file, generated or _passphrase(args, twice=True))
    except EnrolmentError as error:
        raise CliError(f"{error}; nothing written") from None
    payload = {"file": str(args.file), "event_id": enrolment.keys.event_id, "event": enrolment.event_name}
    if generated:
        payload["passphrase"] = generated
    ctx.emit(payload, f"wrote the keys of '{enrolment.event_name}' to {args.file}, sealed under the passphrase"
             + (f"\npassphrase (shown once; write it down): {generated}" if generated else ""))
    return 0


def run_enrol_import(args, ctx) -> int:
    try:
        enrolment = open_enrolment(args.file, _passphrase(args, twice=False))  # before a database is made
        store = ctx.store if ctx.db_path.exists() else ctx.new_store()
        take_enrolment(store, enrolment, args.file)
    except EnrolmentError as error:
        raise CliError(f"{error}; nothing changed") from None
    ctx.emit({"file": str(args.file), "event_id": enrolment.keys.event_id, "event": enrolment.event_name},
             f"enrolled in '{enrolment.event_name}': now import a bundle ('kiosk sync import FILE') "
             "or sync with the hub ('kiosk sync hub postgresql://...')")
    return 0
