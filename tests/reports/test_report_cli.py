"""kiosk report | champion | export | my-contacts | purge | forget, run in-process."""

from __future__ import annotations

from event_scenario import DAYS, pdf_text


def test_report_command_writes_the_pdf_and_tells_the_figures(kiosk, small, tmp_path):
    out = tmp_path / "bericht.pdf"

    result = kiosk("--db", small.path, "report", "-o", out, "--lang", "en", "--json")

    assert result.code == 0, result.err
    assert result.json == {"output": str(out), "day": None, "lang": "en", "check_ins": 10, "attendees": 6,
                           "contacts": 7}
    assert "Tue 24 Oct 5 4 0 1 80.0%" in pdf_text(out.read_bytes())


def test_report_for_one_day_in_german(kiosk, small, tmp_path):
    out = tmp_path / "tag2.pdf"

    result = kiosk("--db", small.path, "report", "-o", out, "--day", DAYS[1].isoformat())

    assert result.code == 0, result.err
    assert "report written to" in result.out
    assert "Mi 25.10. 5 4 1 2 60,0 %" in pdf_text(out.read_bytes())


def test_report_refuses_a_day_outside_the_event_and_a_wrong_suffix(kiosk, small, tmp_path):
    outside = kiosk("--db", small.path, "report", "-o", tmp_path / "r.pdf", "--day", "2023-11-01")
    not_a_date = kiosk("--db", small.path, "report", "-o", tmp_path / "r.pdf", "--day", "morgen")
    wrong_suffix = kiosk("--db", small.path, "report", "-o", tmp_path / "r.png")

    assert (outside.code, not_a_date.code, wrong_suffix.code) == (1, 1, 1)
    assert "is not a day of 'Testtreffen'" in outside.err
    assert "not a date" in not_a_date.err and "must end in .pdf" in wrong_suffix.err
    assert not (tmp_path / "r.pdf").exists()


def test_champion_command(kiosk, small, tmp_path):
    out = tmp_path / "urkunde.pdf"

    result = kiosk("--db", small.path, "champion", "-o", out, "--json")

    assert result.code == 0, result.err
    assert result.json["name"] == "Amrei Kolbeck" and result.json["contacts"] == 4
    assert "Amrei Kolbeck" in pdf_text(out.read_bytes())


def test_champion_without_contacts_is_a_one_line_error(kiosk, tmp_path):
    db = tmp_path / "leer.sqlite3"
    kiosk("--db", db, "event", "create", "--name", "Leer", "--days", "2023-10-24")

    result = kiosk("--db", db, "champion", "-o", tmp_path / "c.pdf")

    assert result.code == 1 and result.err.startswith("kiosk: error: no networking champion yet")


def test_export_commands(kiosk, small, tmp_path):
    for what, rows in (("guests", 7), ("check-ins", 10), ("contacts", 7)):
        for suffix in ("csv", "xlsx"):
            out = tmp_path / f"{what}.{suffix}"
            result = kiosk("--db", small.path, "export", what, "-o", out, "--excel-de", "--json")
            assert result.code == 0, result.err
            assert result.json == {"output": str(out), "export": what, "rows": rows}
    assert (tmp_path / "guests.csv").read_bytes().startswith(b"\xef\xbb\xbfID;")
    assert kiosk("--db", small.path, "export", "guests", "-o", tmp_path / "g.txt").code == 1
    assert kiosk("--db", small.path, "export", "badges", "-o", tmp_path / "g.csv").code == 2


def test_my_contacts_command(kiosk, small, tmp_path):
    out = tmp_path / "amrei.vcf"

    result = kiosk("--db", small.path, "my-contacts", small.ids["Kolbeck"], "-o", out)

    assert result.code == 0, result.err
    assert result.out.startswith("4 contacts written to") and "names and organizations only" in result.out
    assert out.read_text(encoding="utf-8").count("BEGIN:VCARD") == 4
    unknown = kiosk("--db", small.path, "my-contacts", "nobody", "-o", out)
    assert unknown.code == 1 and "no guest with id nobody" in unknown.err


def test_purge_command_refuses_the_future_and_reports_counts(kiosk, small):
    future = kiosk("--db", small.path, "purge", "--before", "2999-01-01")
    dry = kiosk("--db", small.path, "purge", "--before", "2023-10-26", "--dry-run", "--json")
    done = kiosk("--db", small.path, "purge", "--before", "2023-10-27", "--json")

    assert future.code == 1 and "lies in the future" in future.err
    # Bodo (24th, 25th), Cleo (25th), Fritz (24th)
    assert dry.json == {"before": "2023-10-26", "guests": 3, "print_jobs_removed": 0,
                        "journal_entries_scrubbed": 0, "dry_run": True, "wiped": False}
    assert done.code == 0 and done.json["guests"] == 7


def test_forget_command(kiosk, small):
    gid = small.ids["Quast"]

    first = kiosk("--db", small.path, "forget", gid, "--json")
    again = kiosk("--db", small.path, "forget", gid)
    unknown = kiosk("--db", small.path, "forget", "nobody")

    assert first.code == 0, first.err
    assert first.json["found"] and first.json["check_ins_removed"] == 3 and first.json["contacts_removed"] == 4
    assert again.code == 1 and "already been forgotten" in again.err
    assert unknown.code == 1 and "no guest with id nobody" in unknown.err
