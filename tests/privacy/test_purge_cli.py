"""kiosk purge: the dry run records nothing; the purge itself is one journaled change that says it travels."""

from __future__ import annotations

from event_scenario import query


def test_dry_run_records_nothing_and_the_purge_is_journaled_once(kiosk, small):
    journal = query(small.path, "SELECT COUNT(*) FROM change_row")

    dry = kiosk("--db", small.path, "purge", "--before", "2023-10-26", "--dry-run")
    assert dry.code == 0 and "would anonymise 3 guests" in dry.out
    assert query(small.path, "SELECT COUNT(*) FROM change_row") == journal

    done = kiosk("--db", small.path, "purge", "--before", "2023-10-26")
    again = kiosk("--db", small.path, "purge", "--before", "2023-10-26")

    assert done.code == 0 and "anonymised 3 guests" in done.out and "when they get it by sync" in done.out
    assert again.code == 0 and "anonymised 0 guests" in again.out
    assert query(small.path, "SELECT payload FROM change_row WHERE kind = 'purge'") == [('{"before":"2023-10-26"}',)]
