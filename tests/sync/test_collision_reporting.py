"""A replica collision is refused loudly where staff look: one line from the CLI (exit 1, nothing
stored), and the staff screen's sync card in the error tone, from the background syncer's state."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sync_support import DEVICES, cli, make_first_kiosk, table_rows

from kiosk.core.model import CheckIn
from kiosk.services.desk import FrontDesk
from kiosk.services.staff import StaffDesk
from kiosk.storage import Store
from kiosk.sync import export_bundle
from kiosk.sync.background import HubSyncer
from kiosk.sync.hub import sync_with_hub


@pytest.fixture
def twins(tmp_path):
    """A kiosk and a clone that escaped detection (opened with its original's id), each with a check-in."""
    path, twin_path = tmp_path / "kiosk.sqlite3", tmp_path / "twin.sqlite3"
    make_first_kiosk(path, DEVICES[0]).close()
    shutil.copyfile(path, twin_path)
    first, twin = Store.open(path, device_id=DEVICES[0]), Store.open(twin_path, device_id=DEVICES[0])
    ids = sorted(g.id for g in first.guests())
    day = first.event().days[0]
    for store, guest_id in ((first, ids[0]), (twin, ids[1])):
        store.add_check_in(CheckIn(guest_id, day, store.now()))
    yield first, twin
    first.close()
    twin.close()


def test_the_import_command_refuses_a_twins_bundle_in_one_line(twins, tmp_path):
    first, twin = twins
    export_bundle(twin, tmp_path / "twin.bundle", everything=True)
    path = Path(first.db.database)
    first.close()
    before = table_rows(path)
    code, out, err = cli("--db", str(path), "sync", "import", str(tmp_path / "twin.bundle"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "sync refused" in err and "None of the colliding changes was stored" in err
    assert "Traceback" not in err
    assert table_rows(path) == before


def test_the_hub_command_refuses_after_a_twin_pushed_in_one_line(twins, hub_dsn):
    first, twin = twins
    sync_with_hub(twin, hub_dsn)
    path = Path(first.db.database)
    first.close()
    before = table_rows(path)
    code, out, err = cli("--db", str(path), "sync", "hub", hub_dsn)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "sync refused" in err
    assert table_rows(path) == before


def test_the_staff_sync_card_shows_a_refused_sync_as_an_error(twins, tmp_path, hub_dsn, qtbot):
    from kiosk.ui.screens.staff_parts import TaskRunner
    from kiosk.ui.screens.staff_sync import SyncCard
    from kiosk.ui.tasks import InlineExecutor, Tasks
    from kiosk.i18n import translator

    first, twin = twins
    sync_with_hub(twin, hub_dsn)  # the twin got there first
    syncer = HubSyncer(first, hub_dsn)
    syncer.run_once()
    assert syncer.state().refused and "sync refused" in syncer.state().last_error

    staff = StaffDesk(first, FrontDesk(first), syncer=syncer)
    overview = staff.sync_overview()
    assert overview.refused
    card = SyncCard(staff, TaskRunner(Tasks(InlineExecutor())))
    qtbot.addWidget(card)
    card.retranslate(translator("de"))
    card.show_overview(overview)
    assert card.state.text().startswith("Synchronisierung abgelehnt: sync refused")
    assert card.state.property("tone") == "error"
