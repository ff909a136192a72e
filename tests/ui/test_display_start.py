"""Starting the big screen: `main.py --display [--screen N]` parses, starts and stops; --screenshot
renders it; with a hub it syncs on its own thread, and what the sync brings shows on the board."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from display_support import make_display, other_kiosk, tick  # noqa: F401 - fixtures
from PySide6.QtGui import QImage

from kiosk.app import parse_ui_args
from kiosk.services.desk import FrontDesk
from kiosk.sync.background import HubSyncer

ROOT = Path(__file__).resolve().parents[2]


def test_display_and_its_screen_number_are_parsed():
    options = parse_ui_args(["--display", "--screen", "2"])
    assert options.display and options.monitor == 2
    assert parse_ui_args(["--display"]).monitor is None
    assert parse_ui_args(["--screenshot", "x.png", "--screen", "staff"]).screen == "staff"
    assert not parse_ui_args([]).display


@pytest.mark.parametrize("words", [["--display", "--screen", "leaderboard"], ["--display", "--screen", "0"],
                                   ["--screen", "2"]])
def test_a_screen_that_does_not_fit_the_mode_is_refused(words, capsys):
    with pytest.raises(SystemExit) as stopped:
        parse_ui_args(words)
    assert stopped.value.code == 2 and "--screen" in capsys.readouterr().err


def run_main(db_path: Path, tmp_path: Path, *words: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path / "home")}
    env.pop("KIOSK_HUB", None)
    return subprocess.run([sys.executable, "main.py", "--db", str(db_path), "--display", *words], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


def test_main_display_starts_and_quits(db_path, tmp_path):
    done = run_main(db_path, tmp_path, "--quit-after", "2")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "big screen on" in done.stderr


def test_a_screen_the_computer_lacks_is_named(db_path, tmp_path):
    done = run_main(db_path, tmp_path, "--screen", "3")
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last == "kiosk: error: --screen 3: this computer has 1 screen (1 to 1)"


def test_main_display_renders_a_4k_screenshot(db_path, tmp_path):
    out = tmp_path / "big.png"
    done = run_main(db_path, tmp_path, "--screenshot", str(out), "--size", "3840x2160", "--lang", "en")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (3840, 2160)


def test_with_a_hub_the_display_syncs_on_the_kiosks_schedule(qapp, db_path):
    from kiosk.storage import Store
    from kiosk.ui.display.app import DisplayApp
    from kiosk.ui.tasks import InlineExecutor

    hub = "postgresql://kiosk@127.0.0.1:1/hub"
    options = parse_ui_args(["--db", str(db_path), "--display", "--hub", hub])
    display = DisplayApp(options, Store.open(db_path), executor=InlineExecutor())
    try:
        assert isinstance(display.syncer, HubSyncer)
        assert display.syncer.dsn == options.hub and display.syncer.interval == 180
    finally:
        display.shutdown()


def test_what_a_hub_sync_brings_shows_on_the_board(make_display, other_kiosk, clock):
    """The display starts its syncer; the pull runs on the syncer's own thread and writes through the
    display's Store: that commit moves data_version for the read worker, and the board follows."""
    anna, jonas = other_kiosk.arrive(2)
    synced = threading.Event()

    def pulled(store, dsn):  # what another kiosk's contact, pulled from the hub, does to this database
        synced.wait(30)  # not before the test has seen the empty board
        desk = FrontDesk(store, clock=clock)
        desk.exchange_contact(desk.badge_token(anna), desk.badge_token(jonas))
        return None

    display = make_display(hub_sync=pulled)
    assert display.screen.overall.empty.isVisibleTo(display.screen)

    synced.set()
    deadline = time.monotonic() + 30
    while display.syncer.state().last_sync is None:
        assert time.monotonic() < deadline and display.syncer.state().last_error is None
        time.sleep(0.01)
    tick(display)

    assert len([row for row in display.screen.overall.rows if row.isVisibleTo(display.screen)]) == 2
