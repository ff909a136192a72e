"""QR codes that scan: same modules as the reference encoder, decoded from a 203 dpi print simulation."""

from __future__ import annotations

import io
import re

import pytest
import qrcode
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from kiosk.badges import load_layout, render
from kiosk.badges.qr import LEVELS, qr_matrix
from kiosk.core.codes import ALPHABET, TOKEN_LENGTH, sign_badge_token

from badge_support import rasterize

LAYOUTS = ["a6", "a4-4up", "cr80", "label-62"]


def reference(text: str, level: str, mask: int) -> tuple[str, ...]:
    code = qrcode.QRCode(error_correction=LEVELS[level], border=0, mask_pattern=mask)
    code.add_data(text, optimize=0)
    code.make()
    return tuple("".join("1" if m else "0" for m in row) for row in code.get_matrix())


@settings(max_examples=60, deadline=None)
@given(token=st.text(alphabet=ALPHABET, min_size=TOKEN_LENGTH, max_size=TOKEN_LENGTH),
       level=st.sampled_from("LMQH"), mask=st.integers(0, 7))
def test_matrix_equals_qrcode_module_for_module(token, level, mask):
    assert qr_matrix(token, level, mask).rows == reference(token, level, mask)


@settings(max_examples=30, deadline=None)
@given(text=st.text(min_size=1, max_size=120), level=st.sampled_from("LMQH"))
def test_byte_mode_text_matches_too(text, level):
    assert qr_matrix(text, level, 3).rows == reference(text, level, 3)


def test_runs_cover_exactly_the_dark_modules():
    matrix = qr_matrix("B1" + "7" * 47)
    covered = {(r, c + i) for r, c, n in matrix.runs() for i in range(n)}
    dark = {(r, c) for r in range(matrix.size) for c in range(matrix.size) if matrix.dark(r, c)}
    assert covered == dark


@pytest.mark.parametrize("name", LAYOUTS)
def test_badge_qr_decodes_at_203_dpi_to_the_exact_token(name, event, hard_guests, tmp_path):
    layout = load_layout(name)
    per_page = len(layout.sheet.slots)
    guests = hard_guests[:per_page]
    result = render(event, guests, layout)
    image = Image.open(rasterize(result.pdf, tmp_path, dpi=203, binary=True))
    found = {r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)}
    assert found == {sign_badge_token(event.secret, event.id, g.id) for g in guests}


@pytest.mark.parametrize("name", LAYOUTS)
def test_qr_meets_print_rules(name, event, hard_guests):
    layout = load_layout(name)
    element = next(e for e in layout.elements if e.type == "qr")
    assert element["level"] in ("M", "Q", "H") and element["quiet"] >= 4
    drawn = render(event, hard_guests[:1], layout).placements[0]["qr"]
    assert drawn.size >= 0.5
    dots = drawn.size / (25.4 / 203)
    assert abs(dots - round(dots)) < 1e-6  # whole printer dots per module at 203 dpi
    assert drawn.ink.w == pytest.approx(drawn.size * (29 + 8))  # version 3 plus the 4-module quiet zones


def test_qr_is_one_filled_path(event, hard_guests):
    pdf = render(event, hard_guests[:1], load_layout("a6")).pdf
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    qr_block = re.search(r"q [\d.]+ 0 0 -[\d.]+ [\d.]+ [\d.]+ cm (.*?) f Q", content)
    assert qr_block and qr_block.group(1).count(" re") > 50
    assert content.count(" re") < 400  # rows are merged into runs, not one rectangle per module
