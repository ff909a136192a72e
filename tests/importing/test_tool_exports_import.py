"""The tools' exports through the import service and `kiosk import-guests --dry-run --json`."""

from __future__ import annotations

import json

import pytest
from importing_support import EVENT
from tool_exports import (EVENTBRITE_HEADERS, EVENTBRITE_ROWS, INDICO_HEADERS, INDICO_ROWS, pretix_checkin_rows,
                          write_csv, write_pretix_checkin_xlsx, write_pretix_csv, write_pretix_order_xlsx)

from kiosk.cli import run
from kiosk.core.codes import TICKET_LENGTH
from kiosk.services.guest_import import import_guests

DAY1, DAY2, DAY3 = EVENT.days


@pytest.fixture
def store(tmp_path):
    from kiosk.services.setup import create_event
    from kiosk.storage import Store

    store = Store.open(tmp_path / "event.sqlite3", device_id="11111111-2222-4333-8444-555555555555")
    create_event(store, "Testtreffen", "Fruchthalle", EVENT.days)
    yield store
    store.close()


def stored(store) -> dict[str, tuple]:
    return {g.last_name: (g.title, g.first_name, g.organization_name, g.email, g.ticket_code, g.days)
            for g in store.guests()}


def test_a_german_pretix_check_in_list_is_imported_by_the_service(store, tmp_path):
    path = write_pretix_csv(tmp_path / "netzwerktreffen_checkin.csv", pretix_checkin_rows("de"), semicolons=True)

    report = import_guests(store, path)

    assert (report.created, report.rejected) == (5, [])
    assert stored(store) == {
        "Beispiel-Öztürk": ("Dr.", "Jana", "Digitalzentrum Seeland", "jana@example.org", "k7wq3ybdtq8xz2mf",
                            (DAY2,)),
        "Weiß": ("", "Jürgen", "Mühlenwerk GmbH", "einkauf@muehlenwerk.example", "p4c9hm2vyzq7rt3k", ()),
        "Kaya": ("", "Ayşe", "Mühlenwerk GmbH", "", "r8d2kx7nyq4wm9tb", (DAY1, DAY2)),
        "Żelazny": ("Prof.", "Tomasz", "Mühlenwerk GmbH", "", "r8d2kx7nzq4wm9tb", ()),
        "Sonnenschein": ("", "Fritz", "Sonnenschein & Partner", "fritz@example.org", "w2m8q4hx6c9tjk3p", (DAY2,)),
    }


def test_importing_the_same_pretix_list_again_changes_nothing(store, tmp_path):
    path = write_pretix_checkin_xlsx(tmp_path / "netzwerktreffen_checkin.xlsx", "en")
    import_guests(store, path)

    again = import_guests(store, path)

    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 5, [])


def test_an_english_pretix_order_workbook_imports_its_attendees(store, tmp_path):
    report = import_guests(store, write_pretix_order_xlsx(tmp_path / "orders.xlsx", "en"))

    assert report.created == 3 and [r.field for r in report.rejected] == ["status"]
    assert sorted(g.full_name for g in store.guests()) == ["Ayşe Kaya", "Dr. Jana Beispiel-Öztürk", "Jürgen Weiß"]
    assert {g.external_id for g in store.guests()} == {"PSEUDO0X7", "PSEUDO1X7", "PSEUDO2X7"}


def test_eventbrite_and_indico_exports_are_imported_by_the_service(store, tmp_path):
    eventbrite = import_guests(store, write_csv(tmp_path / "eb.csv", [EVENTBRITE_HEADERS, *EVENTBRITE_ROWS]))
    indico = import_guests(store, write_csv(tmp_path / "indico.csv", [INDICO_HEADERS, *INDICO_ROWS]))

    assert (eventbrite.created, indico.created) == (3, 3)
    guests = stored(store)
    assert guests["Nordmann"] == ("Dr.", "Ingrid", "Fjordlys Data AS", "ingrid@example.no",
                                  "8148473111261370011001", (DAY2,))
    assert guests["Rossi"][:4] == ("Prof.", "Maria", "Istituto di Fisica", "maria.rossi@example.it")
    assert len(guests["Rossi"][4]) == TICKET_LENGTH  # Indico exports no ticket code: the kiosk makes one
    assert "Dahl" not in guests and "Bianchi" not in guests  # not attending, withdrawn


def cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def event_db(tmp_path, capsys):
    db = tmp_path / "kiosk.sqlite3"
    days = ",".join(day.isoformat() for day in EVENT.days)
    assert cli(capsys, "--db", db, "event", "create", "--name", "Testtreffen", "--venue", "Fruchthalle",
               "--days", days, "--json")[0] == 0
    return db


def exports(tmp_path) -> dict[str, object]:
    return {"pretix-checkin-de.csv": write_pretix_csv(tmp_path / "checkin_de.csv", pretix_checkin_rows("de")),
            "pretix-checkin-en.xlsx": write_pretix_checkin_xlsx(tmp_path / "checkin_en.xlsx", "en"),
            "pretix-orders-de.xlsx": write_pretix_order_xlsx(tmp_path / "orders_de.xlsx", "de"),
            "eventbrite.csv": write_csv(tmp_path / "eb.csv", [EVENTBRITE_HEADERS, *EVENTBRITE_ROWS]),
            "indico.csv": write_csv(tmp_path / "indico.csv", [INDICO_HEADERS, *INDICO_ROWS])}


@pytest.mark.parametrize("name, created, rejected", [
    ("pretix-checkin-de.csv", 5, []), ("pretix-checkin-en.xlsx", 5, []), ("pretix-orders-de.xlsx", 3, ["status"]),
    ("eventbrite.csv", 3, ["status"]), ("indico.csv", 3, ["status"]),
])
def test_kiosk_import_guests_dry_run_reads_each_tools_export(event_db, tmp_path, capsys, name, created, rejected):
    code, out, err = cli(capsys, "--db", event_db, "import-guests", exports(tmp_path)[name], "--dry-run", "--json")

    assert code == 0, err
    report = json.loads(out)
    assert (report["created"], report["dry_run"]) == (created, True)
    assert [r["field"] for r in report["rejected"]] == rejected
