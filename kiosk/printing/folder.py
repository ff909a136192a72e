"""Hot folder and PDF-only backends: the PDF lands in a directory, complete or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.core.printouts import BADGE_PREFIX, badge_file_name

from .base import PrintFailure, PrintResult


class HotFolderPrinter:
    """Writes `badge-<job id>.pdf` into a folder that a printer tool watches.

    The file appears atomically: it is written under a hidden '.part' name in the same
    folder, flushed to disk and then renamed, so the watcher never picks up half a PDF.
    """

    create_folder = False

    def __init__(self, folder: str | os.PathLike[str], name: str | None = None, prefix: str = BADGE_PREFIX) -> None:
        self.folder = Path(folder)
        self.name = name or f"folder:{self.folder}"
        self.prefix = prefix

    def send(self, pdf: bytes, job_id: str, media: str = "") -> PrintResult:
        if self.create_folder:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                return PrintResult.failed(PrintFailure.WRITE_FAILED, f"cannot create {self.folder}: {error}")
        if not self.folder.is_dir():
            return PrintResult.failed(PrintFailure.FOLDER_MISSING, f"folder {self.folder} does not exist")
        target = self.folder / badge_file_name(job_id, self.prefix)
        try:
            write_atomically(target, pdf)
        except OSError as error:
            return PrintResult.failed(PrintFailure.WRITE_FAILED, f"cannot write {target.name}: {error.strerror}")
        return PrintResult.done(str(target))


class PdfOnlyPrinter(HotFolderPrinter):
    """No printer: the badge is kept as a PDF (created folder included) for later or for a preview."""

    create_folder = True

    def __init__(self, folder: str | os.PathLike[str], name: str | None = None) -> None:
        super().__init__(folder, name or f"pdf:{folder}")


def write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.part")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
