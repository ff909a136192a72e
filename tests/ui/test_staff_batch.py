"""Batch printing from staff mode into a real pdf: printer folder: the chosen badges appear as files in
pick-up order (last name, first name), progress is reported per badge, 'only not yet printed' skips
guests with a printed badge, and Cancel, tapped while the batch runs on its own thread, stops it after
the badge in hand and says how many were printed."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from test_staff_screen import (audit_rows, by_ref, clock, front, open_staff, pdf_dir, printers,  # noqa: F401
                               settle, staff, staff_db, staff_template, store, tap, text, widget)

from kiosk.core.model import PrintStatus
from kiosk.core.search import fold
from kiosk.i18n import translator
from kiosk.printing import open_printer
from kiosk.printing.batch import FAILING_PRINTER
from kiosk.printing.jobs import PrintQueue
from kiosk.services.staff import BatchScope, StaffDesk
from kiosk.ui.screens.staff import StaffScreen
from kiosk.ui.tasks import InlineExecutor, Tasks


def pick_up_order(guests) -> list[str]:
    return [g.id for g in sorted(guests, key=lambda g: (fold(g.last_name), fold(g.first_name),
                                                        fold(g.organization_name)))]


def printed_ids(store) -> list[str]:
    """Guests with a printed badge, in the order their jobs were made."""
    jobs = sorted(store.print_jobs(PrintStatus.DONE), key=lambda j: j.created_at)
    return [job.guest_id for job in jobs]


def speakers(store) -> list:
    return [g for g in store.guests() if str(g.category) == "speaker"]


def start_batch(qtbot, screen, group: str, value: str = "", not_printed: bool = False):
    tap(qtbot, screen, "staffNav-printing")
    card = screen.printing.batch
    card.choose(group, value)
    settle(screen)
    if not_printed:
        tap(qtbot, screen, "staffBatchNotPrinted")
    tap(qtbot, screen, "staffBatchPrint")
    return card


def test_a_category_prints_into_the_pdf_folder_sorted_with_progress(qtbot, open_staff, store, pdf_dir,
                                                                    staff_db):
    wanted = speakers(store)
    screen = open_staff()
    steps = []
    screen.printing.batch.progressed.connect(lambda done, total: steps.append((done, total)))

    card = start_batch(qtbot, screen, "category", "speaker")
    assert text(screen, "staffBatchCount") == f"{len(wanted)} badges"
    assert text(screen, "staffBatchConfirmQuestion") == f"Print {len(wanted)} badges, sorted by last name?"
    tap(qtbot, screen, "staffBatchConfirmYes")

    assert len(list(pdf_dir.glob("*.pdf"))) == len(wanted)
    assert printed_ids(store) == pick_up_order(wanted)
    assert steps == [(n, len(wanted)) for n in range(1, len(wanted) + 1)]
    assert card.bar.value() == len(wanted) and not card.running
    assert text(screen, "staffBatchStatus") == f"{len(wanted)} badges printed, sorted by last name."
    assert ("batch_print", "", f"printed={len(wanted)} failed=0 total={len(wanted)}") in audit_rows(staff_db)


def test_only_not_yet_printed_skips_guests_with_a_printed_badge(qtbot, open_staff, staff, store, pdf_dir):
    wanted = speakers(store)
    first = pick_up_order(wanted)[0]
    staff.reprint(first)
    screen = open_staff(lang="de")

    start_batch(qtbot, screen, "category", "speaker", not_printed=True)
    assert text(screen, "staffBatchCount") == f"{len(wanted) - 1} Namensschilder"
    tap(qtbot, screen, "staffBatchConfirmYes")

    assert printed_ids(store) == pick_up_order(wanted)  # the first one once, by the reprint
    assert len(list(pdf_dir.glob("*.pdf"))) == len(wanted)
    assert staff.batch_guests(BatchScope("category", "speaker", not_printed=True)) == []


def test_an_organization_or_the_guest_list_filter_chooses_the_batch(open_staff, staff, store):
    organization = by_ref(store, "NT-0001").organization_name
    members = [g for g in store.guests() if g.organization_name == organization]
    assert staff.batch_guests(BatchScope("organization", organization)) == pick_up_order(members)
    assert len(staff.batch_guests(BatchScope("all"))) == len(store.guests())
    assert staff.batch_guests(BatchScope("checked_in")) == []


class GatedPrinters:
    """The real pdf: printer, except that the third badge waits until the test lets it go."""

    def __init__(self) -> None:
        self.sent = 0
        self.holding = threading.Event()
        self.release = threading.Event()

    def __call__(self, spec: str):
        printer = open_printer(spec)
        send = printer.send

        def gated(pdf: bytes, job_id: str, media: str = ""):
            self.sent += 1
            if self.sent == 3:
                self.holding.set()
                assert self.release.wait(10), "the test never let the third badge go"
            return send(pdf, job_id, media)

        printer.send = gated
        return printer


def test_cancel_stops_after_the_badge_in_hand_while_the_screen_stays_usable(qtbot, qapp, staff, store, front,
                                                                             pdf_dir, staff_db):
    gate = GatedPrinters()
    desk = StaffDesk(store, front, PrintQueue(store, default_printer=f"pdf:{pdf_dir}", printers=gate))
    printing = Tasks(ThreadPoolExecutor(max_workers=1))
    screen = StaffScreen(desk, Tasks(InlineExecutor()), printing=printing)
    qtbot.addWidget(screen)
    screen.retranslate(translator("en"))
    screen.resize(1920, 1080)
    screen.show()
    screen.on_enter()
    settle(screen)
    total = len(store.guests())

    card = start_batch_threaded(qtbot, screen)
    qtbot.waitUntil(gate.holding.is_set, timeout=10000)
    qtbot.waitUntil(lambda: card.bar.value() == 2, timeout=10000)
    assert text(screen, "staffBatchProgressText") == f"2 of {total}"
    click(qtbot, widget(screen, "staffNav-guests"))  # the screen answers while the batch prints
    assert screen.current_page == "guests"
    click(qtbot, widget(screen, "staffNav-printing"))
    click(qtbot, widget(screen, "staffBatchCancel"))
    assert text(screen, "staffBatchProgressText") == "Stopping after this badge…"
    gate.release.set()
    qtbot.waitUntil(lambda: not card.running, timeout=10000)
    settle(screen)

    assert len(list(pdf_dir.glob("*.pdf"))) == 3
    assert printed_ids(store) == pick_up_order(store.guests())[:3]
    assert text(screen, "staffBatchStatus") == f"Cancelled: 3 of {total} badges printed."
    assert ("batch_print", "", f"printed=3 failed=0 total={total} cancelled") in audit_rows(staff_db)
    printing.shutdown()


def start_batch_threaded(qtbot, screen):
    """As start_batch, but the yes is clicked without waiting for the batch (it runs on its own thread)."""
    tap(qtbot, screen, "staffNav-printing")
    tap(qtbot, screen, "staffBatchPrint")
    click(qtbot, widget(screen, "staffBatchConfirmYes"))
    return screen.printing.batch


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))
    QApplication.processEvents()


class DeadPrinter:
    name = "dead"

    def send(self, pdf: bytes, job_id: str, media: str = ""):
        from kiosk.printing import PrintFailure, PrintResult

        return PrintResult.failed(PrintFailure.QUEUE_DISABLED, "printer dead is disabled: paper out")


def test_a_failing_printer_stops_the_batch_instead_of_failing_every_badge(store, front):
    queue = PrintQueue(store, default_printer="cups:dead", printers=lambda spec: DeadPrinter())
    desk = StaffDesk(store, front, queue)
    result = desk.print_batch(BatchScope("all"))
    assert (result.printed, result.failed, result.gave_up) == (0, FAILING_PRINTER, True)
    assert len(store.print_jobs(PrintStatus.FAILED)) == FAILING_PRINTER
