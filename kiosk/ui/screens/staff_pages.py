"""Staff mode's pages for printing and for arrivals and today's numbers, and what every page is
(settings: staff_settings.py; the log: staff_log.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.services.staff import NoPrinter, PrinterOverview, PrintJobRow, StaffDesk
from kiosk.ui.models.rows import Column, RowsModel
from kiosk.ui.screens.staff_batch import BatchCard
from kiosk.ui.screens.staff_parts import (UNTRANSLATED, TaskRunner, staff_button, staff_card, staff_label,
                                          staff_table)
from kiosk.ui.widgets.chart import BarChart
from kiosk.ui.widgets.common import set_tone


class Page(QWidget):
    data_changed = Signal()

    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.staff = staff
        self.runner = runner
        self._tr = UNTRANSLATED
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(16)

    def load(self) -> None:
        """Read what the page shows, in the background."""

    def reset(self) -> None:
        """Forget what was shown."""

    def set_portrait(self, portrait: bool) -> None:
        """Re-arrange for a portrait screen."""


class PrintingPage(Page):
    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(staff, runner, parent)
        printers_card, printers = staff_card()
        heading = QHBoxLayout()
        self.printers_title = staff_label("s-heading", wrap=False)
        self.check_button = staff_button("s-tool", "staffCheckPrinters", self.load_printers)
        heading.addWidget(self.printers_title, 1)
        heading.addWidget(self.check_button)
        printers.addLayout(heading)
        self.kiosk_printer = staff_label("s-body", "staffKioskPrinter")
        self.printer_problem = staff_label("s-status", "staffPrinterProblem")
        self.printer_problem.hide()
        self.printer_model = RowsModel(key=lambda p: p.name, parent=self)
        self.printer_table = staff_table(self.printer_model, "staffPrinterTable", stretch_columns=(3,))
        self.printer_table.setMaximumHeight(220)
        for widget in (self.kiosk_printer, self.printer_problem, self.printer_table):
            printers.addWidget(widget)
        jobs_card, jobs = staff_card()
        heading = QHBoxLayout()
        self.jobs_title = staff_label("s-heading", wrap=False)
        self.failed_label = staff_label("s-muted", "staffFailedCount", wrap=False)
        self.retry_button = staff_button("s-primary", "staffRetry", self.retry)
        heading.addWidget(self.jobs_title)
        heading.addSpacing(12)
        heading.addWidget(self.failed_label, 1)
        heading.addWidget(self.retry_button)
        jobs.addLayout(heading)
        self.job_model = RowsModel(key=lambda j: j.job_id, parent=self)
        self.job_table = staff_table(self.job_model, "staffJobTable", stretch_columns=(1, 2, 5))
        jobs.addWidget(self.job_table, 1)
        self.feedback = staff_label("s-status", "staffPrintFeedback")
        self.feedback.hide()
        jobs.addWidget(self.feedback)
        self.batch = BatchCard(staff, runner)
        self.batch.finished.connect(self._batch_finished)
        self.layout_.addWidget(printers_card)
        self.layout_.addWidget(self.batch)
        self.layout_.addWidget(jobs_card, 1)

    def load(self) -> None:
        self.load_printers()
        self.load_jobs()
        self.batch.load()

    def _batch_finished(self) -> None:
        self.load_jobs()
        self.data_changed.emit()

    def load_printers(self) -> None:
        self.runner.run_printing(self.staff.printer_overview, on_success=self._show_printers)

    def load_jobs(self) -> None:
        self.runner.run(self.staff.print_jobs, on_success=self._show_jobs)

    def _show_printers(self, overview: PrinterOverview) -> None:
        self.kiosk_printer.setText(self._describe_printer(overview))
        # A pdf: or folder: kiosk printer needs no CUPS: its state is no problem then.
        problem = self._cups_problem(overview) if overview.kiosk_kind == "cups" else ""
        self.printer_problem.setText(problem)
        set_tone(self.printer_problem, "warning")
        self.printer_problem.setVisible(bool(problem))
        self.printer_table.setVisible(bool(overview.printers))
        self.printer_model.set_rows(overview.printers)

    def _describe_printer(self, overview: PrinterOverview) -> str:
        tr = self._tr
        if not overview.kiosk_printer:
            return tr("No printer is set up for this kiosk.")
        if overview.kiosk_kind == "pdf":
            return tr("Badges are saved as PDF files in {folder} (no printer, CUPS is not used).",
                      folder=overview.folder)
        if overview.kiosk_kind == "folder":
            return tr("Badges go as PDF files to the hot folder {folder}; the printer tool watching it "
                      "prints them (CUPS is not used).", folder=overview.folder)
        return tr("This kiosk prints to: {printer}", printer=overview.kiosk_printer)

    def _cups_problem(self, overview: PrinterOverview) -> str:
        tr = self._tr
        problems = {"cups_missing": tr("CUPS is not installed on this computer."),
                    "cups_not_running": tr("The CUPS print service is not running.")}
        if overview.problem:
            return problems.get(overview.problem, tr("The printers could not be asked ({code}).",
                                                     code=overview.problem))
        return "" if overview.printers else tr("No CUPS printers are set up.")

    def _show_jobs(self, jobs: list[PrintJobRow]) -> None:
        failed = sum(1 for job in jobs if job.status == "failed")
        self.job_model.set_rows(jobs)
        self.failed_label.setText(self._tr("{count} failed", count=failed) if failed else "")
        self.retry_button.setEnabled(failed > 0 and self.staff.print_queue is not None)

    def retry(self) -> None:
        self.retry_button.setEnabled(False)
        self._feedback("", self._tr("Working on it…"))
        self.runner.run_printing(self.staff.retry_failed_prints, on_success=self._retried,
                                 on_failure=self._retry_failed)

    def _retried(self, jobs) -> None:
        done = sum(1 for job in jobs if job.status == "done")
        self._feedback("success" if done == len(jobs) else "warning",
                       self._tr("{count} retried, {done} printed.", count=len(jobs), done=done))
        self.load_jobs()
        self.data_changed.emit()

    def _retry_failed(self, error: BaseException) -> None:
        text = self._tr("No printer is set up for this kiosk.") if isinstance(error, NoPrinter) else \
            self._tr("That did not work: {error}", error=error)
        self._feedback("error", text)
        self.load_jobs()

    def _feedback(self, tone: str, text: str) -> None:
        self.feedback.setText(text)
        set_tone(self.feedback, tone)
        self.feedback.setVisible(bool(text))

    def reset(self) -> None:
        self.job_model.set_rows([])
        self._feedback("", "")
        self.batch.reset()

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.printers_title.setText(tr("Printers"))
        self.check_button.setText(tr("Check printers"))
        self.jobs_title.setText(tr("Print jobs"))
        self.retry_button.setText(tr("Retry failed"))
        self.batch.retranslate(tr)
        states = {"idle": tr("Ready"), "printing": tr("Printing now"), "disabled": tr("Stopped")}
        self.printer_model.set_columns([
            Column(tr("Printer"), lambda p: p.name + (" ★" if p.default else "")),
            Column(tr("State"), lambda p: states.get(p.state, p.state),
                   tone=lambda p: "success" if p.ready else "error"),
            Column(tr("Accepts jobs"), lambda p: tr("yes") if p.accepting else tr("no")),
            Column(tr("Note"), lambda p: p.reason),
        ])
        statuses = {"queued": tr("Waiting"), "printing": tr("Printing now"), "done": tr("Printed"),
                    "failed": tr("Failed")}
        tones = {"done": "success", "failed": "error", "queued": "muted", "printing": "muted"}
        self.job_model.set_columns([
            Column(tr("Time"), lambda j: j.updated_at),
            Column(tr("Guest"), lambda j: j.guest_name or j.guest_id[:8]),
            Column(tr("Printer"), lambda j: j.printer),
            Column(tr("Status"), lambda j: statuses.get(j.status, j.status),
                   tone=lambda j: tones.get(j.status, "")),
            Column(tr("Tries"), lambda j: str(j.attempts), align_right=True),
            Column(tr("Reason"), lambda j: j.reason if j.status == "failed" else ""),
        ])


COUNT_KEYS = ("registered_today", "checked_in", "not_yet", "walk_ins_to_review", "contacts_today")


class ArrivalsPage(Page):
    counts_loaded = Signal(dict)

    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(staff, runner, parent)
        self.tiles = QGridLayout()
        self.tiles.setSpacing(16)
        self.numbers, self.captions, self._tile_frames = {}, {}, []
        for key in COUNT_KEYS:
            frame, tile = staff_card(spacing=4)
            self.numbers[key] = staff_label("s-number", f"staffCount-{key}", wrap=False)
            self.captions[key] = staff_label("s-muted")
            tile.addWidget(self.numbers[key])
            tile.addWidget(self.captions[key])
            self._tile_frames.append(frame)
        self._arrange_tiles(columns=5)
        self.layout_.addLayout(self.tiles)
        chart_card, chart = staff_card()
        heading = QHBoxLayout()
        self.chart_title = staff_label("s-heading", wrap=False)
        self.peak = staff_label("s-muted", "staffPeak", wrap=False)
        heading.addWidget(self.chart_title, 1)
        heading.addWidget(self.peak)
        chart.addLayout(heading)
        self.chart = BarChart()
        self.chart.setObjectName("staffArrivalsChart")
        chart.addWidget(self.chart, 1)
        self.layout_.addWidget(chart_card, 1)
        self._arrivals: list[tuple[str, int]] = []

    def _arrange_tiles(self, columns: int) -> None:
        for frame in self._tile_frames:
            self.tiles.removeWidget(frame)
        for i, frame in enumerate(self._tile_frames):
            self.tiles.addWidget(frame, i // columns, i % columns)

    def load(self) -> None:
        self.runner.run(self.staff.today_counts, on_success=self._show_counts)
        self.runner.run(self.staff.arrivals_per_quarter_hour, on_success=self._show_arrivals)
        self.runner.run(self.staff.programme_hours, on_success=lambda hours: self.chart.set_window(*hours))

    def _show_counts(self, counts: dict[str, int]) -> None:
        for key in COUNT_KEYS:
            self.numbers[key].setText(f"{counts.get(key, 0):,}".replace(",", "."))
        self.counts_loaded.emit(counts)

    def _show_arrivals(self, arrivals: list[tuple[str, int]]) -> None:
        self._arrivals = arrivals
        self.chart.set_data(arrivals)
        self._describe_peak()

    def _describe_peak(self) -> None:
        if not self._arrivals:
            self.peak.setText("")
            return
        slot, count = max(self._arrivals, key=lambda item: item[1])
        self.peak.setText(self._tr.plural("Busiest: {slot} with {count} arrival",
                                          "Busiest: {slot} with {count} arrivals", count, slot=slot))

    def reset(self) -> None:
        self.chart.set_data([])
        self._arrivals = []
        for key in COUNT_KEYS:
            self.numbers[key].setText("–")
        self.peak.setText("")

    def set_portrait(self, portrait: bool) -> None:
        self._arrange_tiles(columns=3 if portrait else 5)

    def retranslate(self, tr) -> None:
        self._tr = tr
        captions = {"registered_today": tr("Registered for today"), "checked_in": tr("Checked in today"),
                    "not_yet": tr("Not yet arrived"), "walk_ins_to_review": tr("Walk-ins to review"),
                    "contacts_today": tr("Contacts made today")}
        for key, caption in captions.items():
            self.captions[key].setText(caption)
        self.chart_title.setText(tr("Arrivals per 15 minutes"))
        self.chart.set_empty_text(tr("No arrivals yet today."))
        self._describe_peak()
