"""A guest field: name_review, set when a guest corrects their name on the badge preview so that staff
check the correction (not needs_review, which holds a walk-in's contacts back until approved)."""


def upgrade(db) -> None:
    db.execute_sql('ALTER TABLE "guest_row" ADD COLUMN "name_review" INTEGER NOT NULL DEFAULT 0')
