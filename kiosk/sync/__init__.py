"""Sync: kiosks converge through a PostgreSQL hub or file bundles.

    export_bundle(store, path, to=None, everything=False)
    import_bundle(store, path)
    sync_with_hub(store, dsn)            (kiosk.sync.hub)
    status(store)
"""

from .bundle import BundleError
from .service import SyncStatus, double_entries, export_bundle, import_bundle, status

__all__ = ["BundleError", "SyncStatus", "double_entries", "export_bundle", "import_bundle", "status"]
