"""The commands that write a file, for the output tests: how to call each with a target path."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Each writing command with the file suffix it accepts; GUEST stands for a guest id (my-contacts).
WRITERS = {
    "badges": (["badges", "-o"], ".pdf"),
    "report": (["report", "-o"], ".pdf"),
    "champion": (["champion", "-o"], ".pdf"),
    "export": (["export", "guests", "-o"], ".csv"),
    "my-contacts": (["my-contacts", "GUEST", "-o"], ".csv"),
    "sync export": (["sync", "export", "--all"], ".bundle"),
    "enrol export": (["enrol", "export", "--generate-passphrase"], ".json"),
}


def writer_argv(command: str, guest_id: str, target: Path) -> list[str]:
    words, _ = WRITERS[command]
    return [guest_id if w == "GUEST" else w for w in words] + [str(target)]


@contextmanager
def mounted_tmpfs(folder: Path, size: str, read_only: bool = False) -> Iterator[Path]:
    """A real small file system (the tests run as root, as CI does); unmounted whatever happens."""
    folder.mkdir(exist_ok=True)
    options = f"size={size},mode=0777" + (",ro" if read_only else "")
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True,
                   capture_output=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True, capture_output=True)


def fill(folder: Path) -> Path:
    """Write a file until the file system is full."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as handle:
        try:
            while handle.write(b"\0" * 4096):
                pass
        except OSError:  # no space left
            pass
    return filler
