"""Helpers for the badge tests (imported by name: conftest modules are not importable reliably)."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest


def rasterize(pdf: bytes, tmp_path: Path, dpi: int, page: int = 1, binary: bool = True) -> Path:
    """The page as a PNG, as a printer of `dpi` would put it: black or white dots when `binary`."""
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: install poppler-utils (apt-get install poppler-utils)")
    source = tmp_path / f"page-{uuid.uuid4().hex}.pdf"
    source.write_bytes(pdf)
    stem = tmp_path / source.stem
    args = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray", "-png", "-singlefile"]
    if binary:
        args += ["-aa", "no", "-aaVector", "no"]
    subprocess.run([*args, str(source), str(stem)], check=True, timeout=60)
    return stem.with_suffix(".png")
