"""Staff mode's words, driven through the real screen: shortcut names as the language's keyboards label
them, singular for one, a staff log in words (no raw action ids, no internal ids), no CUPS warning when
the kiosk prints to PDF files, and an arrivals chart whose first bar of the morning is small."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from test_staff_screen import (DAY, by_ref, check_in, clock, column, front, open_staff, pdf_dir,  # noqa: F401
                               printers, staff, staff_db, staff_template, store, table, tap, text, widget)

from kiosk.i18n import catalogue
from kiosk.printing import PrintFailure, PrintingUnavailable
from kiosk.printing.jobs import PrintQueue
from kiosk.services.staff import StaffDesk, SyncOverview
from kiosk.storage.privacy import forget_guest
from kiosk.ui import style

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"
UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}")


def every_text(screen) -> str:
    """All the screen shows or hints: labels, placeholders and tooltips, on every page."""
    texts = [w.text() for w in screen.findChildren(QLabel)]
    texts += [w.placeholderText() for w in screen.findChildren(QLineEdit)]
    texts += [w.toolTip() for w in screen.findChildren(QWidget)]
    return "\n".join(texts)


# -- shortcuts -------------------------------------------------------------------------------------
def test_german_names_the_control_key_strg_in_every_hint_and_english_ctrl(open_staff):
    german = every_text(open_staff(lang="de"))
    assert "Ctrl" not in german
    assert "<b>Strg+F</b>" in german and "(Strg+F)" in german and "Strg+1" in german

    english = every_text(open_staff(lang="en"))
    assert "Strg" not in english
    assert "<b>Ctrl+F</b>" in english and "(Ctrl+F)" in english and "Ctrl+1" in english


def test_the_shortcut_help_names_as_many_page_keys_as_staff_mode_has_pages(open_staff):
    from kiosk.ui.screens.staff_parts import PAGES

    screen = open_staff(lang="en")
    assert f"Ctrl+1 … {len(PAGES)}" in every_text(screen)
    for number in range(1, len(PAGES) + 1):
        screen.setFocus()
        QTest.keyClick(screen, Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier)
        assert screen.current_page == PAGES[number - 1]


# -- singular and plural ---------------------------------------------------------------------------
def test_one_of_something_is_said_in_the_singular(qtbot, open_staff, store, front, clock):
    front.register_walk_in("Wendelin", "Quappe", "Freies Labor Pfalz", "")
    check_in(front, clock, by_ref(store, "NT-0001"), 9, 5)

    screen = open_staff(lang="de")
    assert "1 Vor-Ort-Registrierung zu prüfen" in text(screen, "staffSummary")
    tap(qtbot, screen, "staffNav-arrivals")
    assert text(screen, "staffPeak") == "Am meisten los: 09:00 mit 1 Ankunft"
    screen.settings.sync.show_overview(SyncOverview("dev", "hub", "09:00", None, 1, ()))
    assert "1 Änderung wartet." in screen.settings.sync.state.text()

    screen = open_staff(lang="en")
    assert "1 walk-in to review" in text(screen, "staffSummary")
    tap(qtbot, screen, "staffNav-arrivals")
    assert text(screen, "staffPeak") == "Busiest: 09:00 with 1 arrival"


# -- the log ---------------------------------------------------------------------------------------
def audited_actions() -> set[str]:
    """Every action word the kiosk's code writes to the audit log, found in its source."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in KIOSK.rglob("*.py"))
    constants = dict(re.findall(r'^([A-Z_]+) = "([a-z_]+)"', source, re.MULTILINE))
    found = re.findall(r'audit\(\s*([A-Z_]+|"[a-z_]+")', source)
    found += re.findall(r'\(\s*"([a-z_]+)" if \w+ else "([a-z_]+)"\)', source)  # staff_login's either/or
    found += re.findall(r"action=([A-Z_]+)", source)
    names = {name for item in found for name in (item if isinstance(item, tuple) else (item,))}
    return {constants.get(name, name.strip('"')) for name in names}


def test_every_audited_action_has_a_word_in_both_languages():
    from kiosk.ui.screens.staff_audit import ACTION_WORDS, FORK_REASONS

    actions = audited_actions()
    assert {"undo_check_in", "staff_login", "staff_pin_wrong", "guest_forgotten", "replica_forked",
            "batch_print"} <= actions
    assert actions <= set(ACTION_WORDS), sorted(actions - set(ACTION_WORDS))
    german = catalogue("de")
    assert all(word in german for word in [*ACTION_WORDS.values(), *FORK_REASONS.values()])


def test_the_log_shows_names_and_translated_details_never_ids(qtbot, open_staff, staff, store, front, clock):
    kept, erased = by_ref(store, "NT-0004"), by_ref(store, "NT-0005")
    for guest in (kept, erased):
        check_in(front, clock, guest, 9, 1)
        staff.undo_check_in(guest.id)
    staff.reprint(kept.id)
    staff.set_walk_ins_allowed(True)
    forget_guest(store, erased.id)
    store.audit("staff_pin_locked", detail="60 s after 3 wrong PINs")  # as StaffLogin writes them
    store.audit("replica_forked", detail="0f0e0d0c -> 1a2b3c4d: the database file was copied or moved")
    store.audit("personal_data_purged", detail="before 2024-05-20: 12 guests")

    screen = open_staff(lang="de")
    tap(qtbot, screen, "staffNav-log")
    log = table(screen, "staffLogTable")
    rows = list(zip(column(log, "Aktion"), column(log, "Teilnehmer:in"), column(log, "Detail")))

    german = set(catalogue("de").values())
    assert all(action in german for action, _, _ in rows), rows
    assert not any(UUID.search(" ".join(row)) for row in rows), rows
    assert ("Namensschild neu gedruckt", kept.full_name, "") in rows
    assert ("Check-in zurückgenommen", kept.full_name, "für den 14.05.2024 · im Teambereich") in rows
    assert ("Daten einer Person gelöscht", "", "") in rows  # no name, and no id instead of one
    assert ("PIN-Eingabe gesperrt", "", "60 s gesperrt nach 3 falschen PINs") in rows
    assert ("Kopierte Datenbank: neue Replikat-ID", "",
            "Die Datenbankdatei wurde kopiert oder verschoben.") in rows
    assert ("Personenbezogene Daten nach der Veranstaltung gelöscht", "",
            "12 Personen, registriert vor dem 20.05.2024") in rows


# -- printers --------------------------------------------------------------------------------------
def no_cups():
    raise PrintingUnavailable(PrintFailure.CUPS_MISSING, "lpstat not found")


def test_a_pdf_or_folder_printer_gets_no_cups_warning_but_says_where_badges_go(qtbot, open_staff, store,
                                                                               front, tmp_path):
    for kind, expected in (("pdf", "Badges are saved as PDF files in {folder}"),
                           ("folder", "Badges go as PDF files to the hot folder {folder}")):
        queue = PrintQueue(store, default_printer=f"{kind}:{tmp_path}")
        screen = open_staff(StaffDesk(store, front, queue, printers=no_cups))
        tap(qtbot, screen, "staffNav-printing")
        assert text(screen, "staffPrinterProblem") == ""
        assert text(screen, "staffKioskPrinter").startswith(expected.format(folder=tmp_path))

    queue = PrintQueue(store, default_printer="cups:badges")
    screen = open_staff(StaffDesk(store, front, queue, printers=no_cups))
    tap(qtbot, screen, "staffNav-printing")
    assert text(screen, "staffPrinterProblem") == "CUPS is not installed on this computer."


# -- the arrivals chart ----------------------------------------------------------------------------
def bar_share(chart) -> float:
    """The share of the chart's pixels painted in the bar colours."""
    image: QImage = chart.grab().toImage()
    bars = {QColor(style.NAVY).rgb(), QColor(style.PRIMARY).rgb()}
    hits = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) in bars)
    return hits / ((image.width() // 2) * (image.height() // 2))


def test_the_first_arrival_of_the_morning_is_a_small_bar_on_the_days_hours(qtbot, open_staff, store, front,
                                                                            clock):
    check_in(front, clock, by_ref(store, "NT-0001"), 8, 20)

    screen = open_staff()
    tap(qtbot, screen, "staffNav-arrivals")
    chart = screen.arrivals.chart

    assert chart.data() == [("08:15", 1)]
    assert bar_share(chart) < 0.02  # it filled most of the card before
    first, last = chart.slots()[0][0], chart.slots()[-1][0]
    assert first == "08:15" and last >= "17:00"  # the demo's first day runs 09:00 to the evening
    assert chart.ceiling()[0] >= 10
    plot, bar = chart.plot_area(), chart.bars()[0]
    assert bar.height() <= plot.height() / 5 and bar.width() <= plot.width() / 20
