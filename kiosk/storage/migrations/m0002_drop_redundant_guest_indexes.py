"""A guest_id index beside a (guest_id, ...) index only costs: every synced check-in and contact
wrote one more random-keyed index (a quarter of a million-change bundle import)."""


def upgrade(db) -> None:
    for name in ("check_in_row_guest_id", "check_in_scan_row_guest_id", "contact_row_guest_low_id"):
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
