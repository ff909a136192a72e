"""The schema as the first release created it (frozen: never derived from today's models)."""

SCHEMA = """
CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
CREATE TABLE "event_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "name" TEXT NOT NULL, "venue" TEXT NOT NULL, "timezone" VARCHAR(255) NOT NULL,
  "days" TEXT NOT NULL, "secret" VARCHAR(255) NOT NULL, "walk_ins_allowed" INTEGER NOT NULL,
  "contact_consent_default" INTEGER NOT NULL, "staff_pin_hash" TEXT NOT NULL, "programme" TEXT NOT NULL,
  "field_clocks" TEXT NOT NULL);
CREATE TABLE "organization_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "name" TEXT NOT NULL, "kind" VARCHAR(255) NOT NULL,
  "first_stamp" VARCHAR(255) NOT NULL, "kind_stamp" VARCHAR(255) NOT NULL);
CREATE UNIQUE INDEX "organization_row_name" ON "organization_row" ("name");
CREATE TABLE "guest_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "external_id" VARCHAR(255) NOT NULL, "ticket_code" TEXT NOT NULL,
  "ticket_key" TEXT NOT NULL, "title" TEXT NOT NULL, "first_name" TEXT NOT NULL, "last_name" TEXT NOT NULL,
  "organization_id" VARCHAR(36), "category" VARCHAR(255) NOT NULL, "email" TEXT NOT NULL,
  "email_key" TEXT NOT NULL, "days" TEXT NOT NULL, "consent_contacts" INTEGER NOT NULL,
  "walk_in" INTEGER NOT NULL, "needs_review" INTEGER NOT NULL, "updated_at" TEXT NOT NULL,
  "field_clocks" TEXT NOT NULL, "placeholder" INTEGER NOT NULL, "forgotten" INTEGER NOT NULL,
  "first_stamp" VARCHAR(255) NOT NULL,
  FOREIGN KEY ("organization_id") REFERENCES "organization_row" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "guest_row_ticket_key" ON "guest_row" ("ticket_key");
CREATE INDEX "guest_row_organization_id" ON "guest_row" ("organization_id");
CREATE TABLE "check_in_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "guest_id" VARCHAR(36) NOT NULL, "day" DATE NOT NULL, "at" TEXT NOT NULL,
  FOREIGN KEY ("guest_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE);
CREATE INDEX "check_in_row_guest_id" ON "check_in_row" ("guest_id");
CREATE UNIQUE INDEX "check_in_row_guest_id_day" ON "check_in_row" ("guest_id", "day");
CREATE INDEX "check_in_row_day_at" ON "check_in_row" ("day", "at");
CREATE TABLE "check_in_scan_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "guest_id" VARCHAR(36) NOT NULL, "day" DATE NOT NULL, "at" TEXT NOT NULL,
  "stamp" VARCHAR(255) NOT NULL, FOREIGN KEY ("guest_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE);
CREATE INDEX "check_in_scan_row_guest_id" ON "check_in_scan_row" ("guest_id");
CREATE INDEX "check_in_scan_row_guest_id_day" ON "check_in_scan_row" ("guest_id", "day");
CREATE TABLE "check_in_undo_row" ("guest_id" VARCHAR(36) NOT NULL, "day" DATE NOT NULL,
  "stamp" VARCHAR(255) NOT NULL, PRIMARY KEY ("guest_id", "day"));
CREATE TABLE "contact_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "guest_low_id" VARCHAR(36) NOT NULL, "guest_high_id" VARCHAR(36) NOT NULL,
  "day" DATE NOT NULL, "at" TEXT NOT NULL,
  FOREIGN KEY ("guest_low_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("guest_high_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE);
CREATE INDEX "contact_row_guest_low_id" ON "contact_row" ("guest_low_id");
CREATE INDEX "contact_row_guest_high_id" ON "contact_row" ("guest_high_id");
CREATE INDEX "contact_row_day" ON "contact_row" ("day");
CREATE UNIQUE INDEX "contact_row_guest_low_id_guest_high_id" ON "contact_row" ("guest_low_id", "guest_high_id");
CREATE TABLE "print_job_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "guest_id" VARCHAR(36) NOT NULL, "layout" VARCHAR(255) NOT NULL,
  "printer" VARCHAR(255) NOT NULL, "status" VARCHAR(255) NOT NULL, "reason" TEXT NOT NULL,
  "attempts" INTEGER NOT NULL, "updated_at" TEXT NOT NULL,
  FOREIGN KEY ("guest_id") REFERENCES "guest_row" ("id") ON DELETE CASCADE);
CREATE INDEX "print_job_row_guest_id" ON "print_job_row" ("guest_id");
CREATE INDEX "print_job_row_status" ON "print_job_row" ("status");
CREATE TABLE "audit_row" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "device_id" VARCHAR(36) NOT NULL,
  "created_at" TEXT NOT NULL, "action" VARCHAR(255) NOT NULL, "subject" VARCHAR(255) NOT NULL,
  "detail" TEXT NOT NULL);
CREATE TABLE "change_row" ("id" VARCHAR(36) NOT NULL, "origin" VARCHAR(36) NOT NULL, "seq" INTEGER NOT NULL,
  "stamp" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL, "payload" TEXT NOT NULL,
  PRIMARY KEY ("origin", "seq")) WITHOUT ROWID;
CREATE TABLE "sync_peer_row" ("peer" VARCHAR(255) NOT NULL, "origin" VARCHAR(36) NOT NULL,
  "seq" INTEGER NOT NULL, PRIMARY KEY ("peer", "origin"));
"""


def upgrade(db) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute_sql(statement)
