"""The programme as data (session_row) and who attended which session (attendance_scan_row, and
attendance_undo_row for staff undo). An older database's programme JSON in event_row stays where it
is: storage.programme reads it as sessions until the first session is written (then it adopts it)."""

SCHEMA = """
CREATE TABLE "session_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "day" DATE, "start" VARCHAR(255) NOT NULL, "end" VARCHAR(255) NOT NULL,
  "title_de" TEXT NOT NULL, "title_en" TEXT NOT NULL, "room" TEXT NOT NULL, "kind" VARCHAR(255) NOT NULL,
  "capacity" INTEGER, "deleted" INTEGER NOT NULL, "stamp" VARCHAR(255) NOT NULL);
CREATE INDEX "session_row_day_start" ON "session_row" ("day", "start");
CREATE TABLE "attendance_scan_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "session_id" VARCHAR(36) NOT NULL, "guest_id" VARCHAR(36) NOT NULL,
  "at" TEXT NOT NULL, "stamp" VARCHAR(255) NOT NULL,
  FOREIGN KEY ("guest_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE);
CREATE INDEX "attendance_scan_row_guest_id" ON "attendance_scan_row" ("guest_id");
CREATE INDEX "attendance_scan_row_session_id_guest_id" ON "attendance_scan_row" ("session_id", "guest_id");
CREATE TABLE "attendance_undo_row" ("guest_id" VARCHAR(36) NOT NULL, "session_id" VARCHAR(36) NOT NULL,
  "stamp" VARCHAR(255) NOT NULL, PRIMARY KEY ("guest_id", "session_id"));
"""


def upgrade(db) -> None:
    for statement in filter(str.strip, SCHEMA.split(";")):
        db.execute_sql(statement)
