"""Three guest fields: whether consent_contacts is the guest's own answer (or only the event's
default), the 'needs attention' flag and the staff note shown at check-in.

Before this step the kiosk checked a guest in only once they had answered the consent question,
so a guest checked in here already was asked: their answer counts as given."""

COLUMNS = ('"consent_answered" INTEGER NOT NULL DEFAULT 0', '"needs_attention" INTEGER NOT NULL DEFAULT 0',
           '"note" TEXT NOT NULL DEFAULT \'\'')


def upgrade(db) -> None:
    for column in COLUMNS:
        db.execute_sql(f'ALTER TABLE "guest_row" ADD COLUMN {column}')
    db.execute_sql('UPDATE "guest_row" SET "consent_answered" = 1 '
                   'WHERE "id" IN (SELECT "guest_id" FROM "check_in_row")')
