"""Where a badge printed to a folder or kept as a PDF lies.

The path follows from the print job alone (printer spec and job id), never from the guest: file
names carry no personal data, and an erasure finds a guest's badge files from their print jobs.
"""

from __future__ import annotations

import re
from pathlib import Path

FILE_PRINTER_KINDS = ("folder", "pdf")  # the printers that leave a file behind
BADGE_PREFIX = "badge"


def safe_job_name(job_id: str) -> str:
    """Job ids become file names and CUPS titles: no personal data, no path tricks."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "", job_id)[:64]
    if not cleaned:
        raise ValueError(f"unusable job id {job_id!r}")
    return cleaned


def badge_file_name(job_id: str, prefix: str = BADGE_PREFIX) -> str:
    return f"{prefix}-{safe_job_name(job_id)}.pdf"


def badge_file(printer_spec: str, job_id: str) -> Path | None:
    """The file a 'folder:' or 'pdf:' printer wrote for this job; None for printers that keep no file."""
    kind, _, folder = printer_spec.partition(":")
    if kind not in FILE_PRINTER_KINDS or not folder:
        return None
    return Path(folder) / badge_file_name(job_id)
