"""kiosk sync export | import | status | hub | doubles"""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import CliError, json_flag
from kiosk.sync import BundleError, double_entries, export_bundle, import_bundle, status


def register(subparsers) -> None:
    sync = subparsers.add_parser("sync", help="bring kiosks together: PostgreSQL hub or file bundles")
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    export = json_flag(actions.add_parser("export", help="write a signed bundle of changes"))
    export.add_argument("file", type=Path)
    export.add_argument("--all", action="store_true", help="everything, e.g. to set up a new kiosk")
    export.add_argument("--to", metavar="DEVICE_ID", help="only what that kiosk has not confirmed")
    export.set_defaults(run=run_export)
    importer = json_flag(actions.add_parser("import", help="merge a bundle (into an empty database: set up a kiosk)"))
    importer.add_argument("file", type=Path)
    importer.set_defaults(run=run_import)
    state = json_flag(actions.add_parser("status", help="device id, changes not yet sent, last sync per peer"))
    state.set_defaults(run=run_status)
    hub = json_flag(actions.add_parser("hub", help="push and pull through a PostgreSQL hub"))
    hub.add_argument("dsn", metavar="postgresql://...")
    hub.set_defaults(run=run_hub)
    doubles = json_flag(actions.add_parser("doubles", help="badges checked in at two kiosks on one day"))
    doubles.set_defaults(run=run_doubles)


def run_export(args, ctx) -> int:
    summary = export_bundle(ctx.store, args.file, to=args.to, everything=args.all)
    ctx.emit({"file": str(args.file), "changes": summary.changes, "device_id": summary.origin},
             f"wrote {summary.changes} changes to {args.file}")
    return 0


def run_import(args, ctx) -> int:
    store = ctx.store if ctx.db_path.exists() else ctx.new_store()
    try:
        summary = import_bundle(store, args.file)
    except BundleError as error:
        raise CliError(f"{error} (nothing imported)") from None
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
    ctx.emit(result.as_json(), f"hub: pushed {result.pushed}, pulled {result.pulled} changes")
    return 0


def run_doubles(args, ctx) -> int:
    rows = double_entries(ctx.store)
    ctx.emit(rows, lambda: "\n".join(f"{r['day']}  {r['guest_id']}  at {r['kiosks']} kiosks" for r in rows)
             or "no badge was checked in at two kiosks on one day")
    return 0
