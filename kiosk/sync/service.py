"""Exporting and importing bundles, and what a kiosk knows about its peers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kiosk.bulk import gc_paused
from kiosk.core.model import Change, utc_now
from kiosk.storage import NoEvent, Store

from .bundle import BundleError, BundleSummary, read_bundle, write_bundle

BUNDLE_PEERS = "bundle:"  # peers met through bundles are named bundle:<device id>


def _peer_name(device_id: str) -> str:
    return BUNDLE_PEERS + device_id


def export_bundle(store: Store, path: Path, to: str | None = None, everything: bool = False) -> BundleSummary:
    """Write what the target lacks: one peer (`to`), else what any known peer lacks, or everything."""
    event = store.event()
    journal = store.journal
    if everything:
        known: dict[str, int] = {}
    elif to:
        known = journal.peer_vector(_peer_name(to))
    else:
        known = _least_known(store)
    with store.snapshot():  # one view of the journal from the count to the last row
        upto = journal.vector()
        return write_bundle(Path(path), event.id, event.secret, store.device_id, upto,
                            journal.count_between(known, upto), journal.rows_between(known, upto))


def _least_known(store: Store) -> dict[str, int]:
    """Per origin, the least any bundle peer holds: export that, and nobody misses anything."""
    peers = store.sync_peers()
    vectors = [store.journal.peer_vector(p) for p in peers if p.startswith(BUNDLE_PEERS)]
    if not vectors:
        return {}
    origins = set().union(*vectors)
    return {o: min(v.get(o, 0) for v in vectors) for o in origins}


def import_bundle(store: Store, path: Path) -> BundleSummary:
    """Verify a bundle whole, then merge it batch by batch (an interrupted import can simply be repeated)."""
    bundle = read_bundle(Path(path), lambda event_id, event_changes: _secret_for(store, event_id, event_changes))
    applied = 0
    with gc_paused():
        for batch in bundle.batches():
            applied += store.journal.ingest(batch)
    store.journal.confirm(_peer_name(bundle.origin), bundle.vector)
    store.mark_synced(_peer_name(bundle.origin), utc_now())
    return BundleSummary(bundle.origin, bundle.count, applied)


def _secret_for(store: Store, event_id: str, event_changes: Callable[[], list[Change]]) -> bytes:
    try:
        event = store.event()
    except NoEvent:
        # Setting up a new kiosk: trust the event the bundle itself brings (the person holding
        # the USB stick is staff); the signature still proves the file is whole and unchanged.
        for change in event_changes():
            if change.payload.get("id") == event_id and "secret" in change.payload:
                return bytes.fromhex(change.payload["secret"])
        raise BundleError("this kiosk has no event yet and the bundle does not bring one; "
                          "export it with --all on a kiosk that has the event") from None
    if event.id != event_id:
        raise BundleError(f"the bundle belongs to another event (this kiosk runs '{event.name}')")
    return event.secret


@dataclass(frozen=True)
class SyncStatus:
    device_id: str
    changes: int
    peers: dict[str, dict]  # peer -> {"pending": n, "last_sync": iso or None}

    def as_json(self) -> dict:
        return {"device_id": self.device_id, "changes": self.changes, "peers": self.peers}


def status(store: Store) -> SyncStatus:
    journal = store.journal
    peers = {}
    for peer in store.sync_peers():
        last = store.last_synced(peer)
        peers[peer] = {"pending": journal.pending_count(peer), "last_sync": last.isoformat() if last else None}
    return SyncStatus(store.device_id, sum(journal.vector().values()), peers)


def double_entries(store: Store) -> list[dict]:
    """Badges checked in on the same day at two kiosks before they synced: staff should look at these."""
    return store.check_ins_at_several_kiosks()

