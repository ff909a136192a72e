"""Issue 14: every PDF the kiosk makes carries every font it names; none names a base-14 font."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.badges import render_badges

BASE_14 = {"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
           "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
           "Times-BoldItalic", "Symbol", "ZapfDingbats"}


def font_resources(pdf: bytes) -> list[dict]:
    """Every font dictionary named by a page, or by a form or pattern drawn on it."""
    found, seen = [], set()

    def walk(resources) -> None:
        resources = resources.get_object() if resources else {}
        for font in (resources.get("/Font") or {}).values():
            if font.idnum not in seen:
                seen.add(font.idnum)
                found.append(font.get_object())
        for kind in ("/XObject", "/Pattern"):
            for item in (resources.get(kind) or {}).values():
                walk(item.get_object().get("/Resources"))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        walk(page.get("/Resources"))
    return found


def assert_all_fonts_embedded(pdf: bytes) -> None:
    fonts = font_resources(pdf)
    assert fonts, "no fonts at all: nothing was checked"
    for font in fonts:
        name = str(font["/BaseFont"]).lstrip("/")
        assert name.split("+")[-1] not in BASE_14, f"refers to the base-14 font {name}"
        descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
        for part in descendants:
            descriptor = part.get("/FontDescriptor")
            assert descriptor, f"{name} has no font descriptor, so no embedded font file"
            files = {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object())
            assert files, f"{name} is not embedded"


def assert_pdffonts_agrees(pdf: bytes, tmp_path: Path) -> None:
    """poppler's own view (installed by CI): every font listed, every one embedded."""
    if not shutil.which("pdffonts"):
        pytest.fail("pdffonts is missing: install poppler-utils (apt-get install poppler-utils)")
    source = tmp_path / "fonts.pdf"
    source.write_bytes(pdf)
    rows = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True, check=True,
                          timeout=60).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows


@pytest.mark.parametrize("layout, count", [("a6", 1), ("a4-4up", 4), ("cr80", 1), ("label-62", 1)])
def test_badge_pdfs_embed_every_font(layout, count, event, hard_guests, world_guests, tmp_path):
    for guests in (hard_guests[:count], world_guests):
        pdf = render_badges(event, guests, layout)
        assert_all_fonts_embedded(pdf)
        assert_pdffonts_agrees(pdf, tmp_path)


def test_the_fallback_font_for_chinese_japanese_korean_is_embedded_too(event, world_guests):
    pdf = render_badges(event, [g for g in world_guests if g.last_name in ("王", "山田", "김")], "a6")
    names = {str(f["/BaseFont"]).split("+")[-1] for f in font_resources(pdf)}
    assert any("WenQuanYi" in n for n in names), names
    assert_all_fonts_embedded(pdf)


@pytest.fixture(scope="module")
def demo_store():
    from kiosk.demo import create_demo
    from kiosk.demo.simulate import simulate
    from kiosk.storage import Store

    with tempfile.TemporaryDirectory() as scratch:
        store = Store.open(Path(scratch) / "demo.sqlite3", device_id="00000000-0000-4000-8000-00000000d3e1")
        create_demo(store, date(2023, 10, 24))
        simulate(store)
        yield store
        store.close()


def test_the_event_report_embeds_every_font_its_charts_use(demo_store, tmp_path):
    from kiosk.reports import report_pdf

    pdf = report_pdf(demo_store, "de")
    assert_all_fonts_embedded(pdf)
    assert_pdffonts_agrees(pdf, tmp_path)


def test_the_certificate_embeds_every_font(demo_store, tmp_path):
    from kiosk.reports import certificate_pdf

    pdf = certificate_pdf(demo_store, "en")
    assert_all_fonts_embedded(pdf)
    assert_pdffonts_agrees(pdf, tmp_path)
