"""Exporting and importing bundles, and what a kiosk knows about its peers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.bulk import bulk_work
from kiosk.core.model import utc_now
from kiosk.outputs import atomic_output, check_output_path
from kiosk.storage import NotEnrolled, Store
from kiosk.storage.keys import EventKeys

from .bundle import BundleError, BundleSummary, read_bundle, write_bundle
from .enrolment import Enrolment, EnrolmentError, open_enrolment, seal_enrolment
from .sealing import Sealer

BUNDLE_PEERS = "bundle:"  # peers met through bundles are named bundle:<device id>
SLICE_CHANGES = 1_000  # changes per slice of bulk work (storage.writer): 10-30 ms


def _peer_name(device_id: str) -> str:
    return BUNDLE_PEERS + device_id


def _event_keys(store: Store) -> EventKeys:
    keys = store.event_keys()
    if keys is None:
        raise NotEnrolled("this kiosk is not enrolled in an event yet: on a kiosk that runs the event, "
                          "'kiosk enrol export FILE', then here 'kiosk enrol import FILE'")
    return keys


def sealer(store: Store) -> Sealer:
    """The sealer of this kiosk's event; NotEnrolled if the kiosk lacks the key."""
    keys = _event_keys(store)
    return Sealer(keys.event_id, keys.secret)


def export_bundle(store: Store, path: Path, to: str | None = None, everything: bool = False,
                  seal: Sealer | None = None) -> BundleSummary:
    """Write what the target lacks: one peer (`to`), else what any known peer lacks, or everything."""
    seal = seal or sealer(store)
    journal = store.journal
    if everything:
        known: dict[str, int] = {}
    elif to:
        known = journal.peer_vector(_peer_name(to))
    else:
        known = _least_known(store)
    target = check_output_path(path, store.db.database)
    with atomic_output(target) as temporary, store.snapshot():  # one view of the journal throughout
        upto = journal.vector()
        return write_bundle(temporary, seal, store.device_id, upto,
                            journal.count_between(known, upto), journal.rows_between(known, upto))


def _least_known(store: Store) -> dict[str, int]:
    """Per origin, the least any bundle peer holds: export that, and nobody misses anything."""
    peers = store.sync_peers()
    vectors = [store.journal.peer_vector(p) for p in peers if p.startswith(BUNDLE_PEERS)]
    if not vectors:
        return {}
    origins = set().union(*vectors)
    return {o: min(v.get(o, 0) for v in vectors) for o in origins}


def import_bundle(store: Store, path: Path, seal: Sealer | None = None) -> BundleSummary:
    """Verify a bundle whole, then merge it batch by batch (an interrupted import can simply be repeated)."""
    bundle = read_bundle(Path(path), lambda event_id: seal or _sealer_for(store, event_id, Path(path).name))
    applied = 0
    with bulk_work(), store.bulk():  # each batch a slice: a check-in waits for one batch at most
        for batch in bundle.batches(SLICE_CHANGES):
            applied += store.journal.ingest(batch)
    store.journal.confirm(_peer_name(bundle.origin), bundle.vector)
    store.mark_synced(_peer_name(bundle.origin), utc_now())
    return BundleSummary(bundle.origin, bundle.count, applied)


def _sealer_for(store: Store, event_id: str, name: str) -> Sealer:
    try:
        seal = sealer(store)
    except NotEnrolled as error:
        raise BundleError(f"{name}: cannot be read here: {error}") from None
    if seal.event_id != event_id:
        running = f"'{store.event().name}'" if store.has_event() else "another event"
        raise BundleError(f"{name}: belongs to another event (this kiosk runs {running})")
    return seal


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



def export_enrolment(store: Store, path: Path, passphrase: str) -> Enrolment:
    """Write this kiosk's event keys for a new kiosk, sealed under the passphrase."""
    keys = _event_keys(store)
    enrolment = Enrolment(keys, store.event().name if store.has_event() else "")
    data = seal_enrolment(enrolment, passphrase)
    with atomic_output(check_output_path(path, store.db.database)) as temporary:
        temporary.write_bytes(data)
    store.audit("enrolment_exported", keys.event_id)
    return enrolment


def import_enrolment(store: Store, path: Path, passphrase: str) -> Enrolment:
    """Take the event keys from an enrolment file: from now on this kiosk reads and writes the event's sync."""
    return take_enrolment(store, open_enrolment(Path(path), passphrase), Path(path))


def take_enrolment(store: Store, enrolment: Enrolment, path: Path) -> Enrolment:
    """Take the keys of an enrolment file already opened (a kiosk not set up yet opens the file first,
    so that a refused one leaves no new database behind)."""
    try:
        store.enrol(enrolment.keys)
    except ValueError as error:
        raise EnrolmentError(f"{Path(path).name}: {error}") from None
    store.audit("enrolled", enrolment.keys.event_id)
    return enrolment
