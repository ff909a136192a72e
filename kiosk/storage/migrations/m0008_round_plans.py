"""Speed-networking round plans and quiz teams (round_plan_row, round_seat_row), round starts
(round_start_row), tablemates' ticks (round_tick_row), and where a contact came from
(contact_row.source: "scan" for every contact made before, "rounds" for mutual ticks)."""

SCHEMA = """
ALTER TABLE "contact_row" ADD COLUMN "source" VARCHAR(255) NOT NULL DEFAULT 'scan';
CREATE INDEX "contact_row_source" ON "contact_row" ("source") WHERE "source" <> 'scan';
CREATE TABLE "round_plan_row" ("session_id" VARCHAR(36) NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL,
  "table_size" INTEGER NOT NULL, "remainder" VARCHAR(255) NOT NULL, "rounds" INTEGER NOT NULL,
  "minutes" INTEGER NOT NULL, "source" VARCHAR(255) NOT NULL, "details" TEXT NOT NULL,
  "stamp" VARCHAR(255) NOT NULL, "device_id" VARCHAR(36) NOT NULL, "created_at" TEXT NOT NULL);
CREATE TABLE "round_seat_row" ("session_id" VARCHAR(36) NOT NULL, "round_no" INTEGER NOT NULL,
  "guest_id" VARCHAR(36) NOT NULL, "table_no" INTEGER NOT NULL, "label" VARCHAR(255) NOT NULL,
  PRIMARY KEY ("session_id", "round_no", "guest_id"),
  FOREIGN KEY ("guest_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE);
CREATE INDEX "round_seat_row_guest_id" ON "round_seat_row" ("guest_id");
CREATE TABLE "round_start_row" ("session_id" VARCHAR(36) NOT NULL, "round_no" INTEGER NOT NULL,
  "started_at" TEXT NOT NULL, "stamp" VARCHAR(255) NOT NULL, "device_id" VARCHAR(36) NOT NULL,
  PRIMARY KEY ("session_id", "round_no"));
CREATE TABLE "round_tick_row" ("session_id" VARCHAR(36) NOT NULL, "from_guest_id" VARCHAR(36) NOT NULL,
  "to_guest_id" VARCHAR(36) NOT NULL, "at" TEXT NOT NULL, "day" DATE NOT NULL, "stamp" VARCHAR(255) NOT NULL,
  "device_id" VARCHAR(36) NOT NULL, PRIMARY KEY ("session_id", "from_guest_id", "to_guest_id"),
  FOREIGN KEY ("from_guest_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("to_guest_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE);
CREATE INDEX "round_tick_row_to_guest_id" ON "round_tick_row" ("to_guest_id");
CREATE INDEX "round_tick_row_from_guest_id_session_id" ON "round_tick_row" ("from_guest_id", "session_id");
"""


def upgrade(db) -> None:
    for statement in filter(str.strip, SCHEMA.split(";")):
        db.execute_sql(statement)
