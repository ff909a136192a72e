"""Printing behind one interface (`Printer.send(pdf, job_id, media)`), and the persistent job queue.

Printers are named by a spec string, as stored with each print job:
    "cups:QUEUE" (or just "QUEUE")   a CUPS queue, through lp
    "folder:/path"                   a hot folder a printer tool watches
    "pdf:/path"                      no printer: keep the PDFs in a folder
"""

from __future__ import annotations

from .base import Printer, PrintFailure, PrintResult, safe_job_name
from .cups import CupsPrinter, PrinterInfo, PrintingUnavailable, list_printers, scheduler_running
from .folder import HotFolderPrinter, PdfOnlyPrinter

__all__ = ["CupsPrinter", "HotFolderPrinter", "PdfOnlyPrinter", "PrintFailure", "PrintResult", "Printer",
           "PrinterInfo", "PrintingUnavailable", "list_printers", "open_printer", "safe_job_name",
           "scheduler_running"]


def open_printer(spec: str) -> Printer:
    kind, _, target = spec.partition(":")
    if not target:
        kind, target = "cups", spec
    if not target:
        raise ValueError("no printer named")
    backends = {"cups": CupsPrinter, "folder": HotFolderPrinter, "pdf": PdfOnlyPrinter}
    if kind not in backends:
        raise ValueError(f"unknown printer kind {kind!r} in {spec!r}; use cups:, folder: or pdf:")
    return backends[kind](target)
