"""Received changes of a kind this version does not know are kept, not refused: held_change_row names
them until an updated kiosk applies them (see storage.journal)."""


def upgrade(db) -> None:
    db.execute_sql('CREATE TABLE "held_change_row" ("origin" VARCHAR(36) NOT NULL, "seq" INTEGER NOT NULL, '
                   'PRIMARY KEY ("origin", "seq")) WITHOUT ROWID')
