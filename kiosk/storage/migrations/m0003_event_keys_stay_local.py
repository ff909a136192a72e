"""The event secret and the staff PIN hash move out of the synced event row and the journal into a
table of their own that no sync ever reads: they reach another kiosk only by enrolment."""


def upgrade(db) -> None:
    db.execute_sql('CREATE TABLE "event_key" ("event_id" VARCHAR(36) NOT NULL PRIMARY KEY, '
                   '"secret" TEXT NOT NULL, "staff_pin_hash" TEXT NOT NULL, "enrolled_at" TEXT NOT NULL)')
    db.execute_sql("INSERT INTO event_key (event_id, secret, staff_pin_hash, enrolled_at) "
                   "SELECT id, secret, staff_pin_hash, created_at FROM event_row WHERE secret != ''")
    db.execute_sql("UPDATE event_row SET secret = '', staff_pin_hash = ''")
    db.execute_sql("UPDATE change_row SET payload = json_remove(payload, '$.secret', '$.staff_pin_hash') "
                   "WHERE kind = 'event'")
