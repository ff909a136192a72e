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


def assert_legible(placement, layout) -> None:
    """Every text inside its box and the safe area, with all glyphs, at or above its minimum; no overlaps."""
    from itertools import combinations

    from kiosk.badges import Box

    badge, inks = Box(0, 0, layout.width, layout.height), []
    for drawn in placement.elements:
        if drawn.type in ("text", "band") and drawn.lines:
            assert drawn.box.contains(drawn.ink), drawn
            assert not drawn.missing, f"{drawn.element}: no glyph for {drawn.missing}"
            assert not drawn.below_minimum, f"{drawn.element} shrank below its minimum: {drawn.lines}"
            inks.append(drawn)
        if drawn.type == "text" and drawn.lines:
            assert layout.safe_area.contains(drawn.ink), drawn
        if drawn.type == "qr":
            inks.append(drawn)
        assert drawn.ink is None or badge.contains(drawn.ink)
    for a, b in combinations(inks, 2):
        assert not a.ink.overlaps(b.ink), f"{a.element} overlaps {b.element}"
