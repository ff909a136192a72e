"""Sync: kiosks converge through a PostgreSQL hub or file bundles.

    export_bundle(store, path, to=None, everything=False)
    import_bundle(store, path)
    export_enrolment(store, path, passphrase) / import_enrolment(store, path, passphrase)
    sync_with_hub(store, dsn)            (kiosk.sync.hub)
    status(store)
"""

from .bundle import BundleError
from .enrolment import EnrolmentError, new_passphrase
from .service import (SyncStatus, double_entries, export_bundle, export_enrolment, import_bundle, import_enrolment,
                      status)

__all__ = ["BundleError", "EnrolmentError", "SyncStatus", "double_entries", "export_bundle", "export_enrolment",
           "import_bundle", "import_enrolment", "new_passphrase", "status"]
