"""Every shipped layout keeps every name legible: inside its box, no overlaps, no missing glyphs."""

from __future__ import annotations

import io
import unicodedata

import pytest
from badge_support import assert_legible
from pypdf import PdfReader

from kiosk.badges import (LayoutError, contrast_ratio, layout_names, load_layout, render,
                          render_badges)
from kiosk.badges.layout import parse_layout
from kiosk.core.model import Category

LAYOUTS = ["a6", "a4-4up", "cr80", "label-62"]
MM = 72 / 25.4


def test_the_four_layouts_ship_with_their_sizes():
    assert set(LAYOUTS) <= set(layout_names())
    sizes = {name: (load_layout(name).width, load_layout(name).height) for name in LAYOUTS}
    assert sizes == {"a6": (105, 148), "a4-4up": (105, 148), "cr80": (85.6, 54), "label-62": (62, 100)}
    sheet = load_layout("a4-4up").sheet
    assert (sheet.width, sheet.height, len(sheet.slots)) == (210, 297, 4) and sheet.cut_marks


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_hard_names_stay_inside_their_boxes(name, lang, event, hard_guests):
    layout = load_layout(name)
    result = render(event, hard_guests, layout, lang)
    for placement in result.placements:
        assert_legible(placement, layout)
        for drawn in placement.elements:
            if drawn.type == "qr":
                assert layout.safe_area.contains(drawn.ink) and drawn.size >= 0.5


@pytest.mark.parametrize("name", LAYOUTS)
def test_no_character_is_dropped_by_wrapping(name, event, hard_guests):
    result = render(event, hard_guests, load_layout(name))
    for guest, placement in zip(hard_guests, result.placements):
        shown = {d.element: "".join(d.lines).replace(" ", "").replace("\u00a0", "") for d in placement.elements}
        assert shown["last_name"] == (guest.last_name if guest.first_name else "").replace(" ", "")
        assert shown["organization"] == unicodedata.normalize("NFC", guest.organization_name).replace(" ", "")
        assert shown["title"] == guest.title.replace(" ", "")  # on its own smaller line since issue 14
        assert shown["first_name"] == (guest.first_name or guest.last_name).replace(" ", "")


def test_long_names_wrap_at_sensible_points(event, hard_guests):
    placement = render(event, hard_guests[:1], load_layout("a6")).placements[0]
    assert placement["title"].lines == ("Prof. Dr.-Ing.",)  # issue 14: no longer the largest line
    assert placement["first_name"].lines == ("Maximiliane",)
    assert placement["last_name"].lines == ("Zimmermann-Leutheusser-", "Schnarrenberger")
    assert placement["organization"].lines[1] == "Kompetenzzentrum Digitalisierung"
    assert not placement["organization"].lines[1].startswith("–")


def test_first_name_is_the_largest_text(event, hard_guests):
    for guest_placement in render(event, hard_guests, load_layout("a6")).placements:
        sizes = {d.element: d.size for d in guest_placement.elements if d.type == "text" and d.lines}
        assert max(sizes, key=sizes.get) == "first_name"


@pytest.mark.parametrize("name", LAYOUTS)
def test_text_contrast_is_at_least_4_5(name):
    layout = load_layout(name)
    for category in Category:
        for index, element in enumerate(layout.elements):
            if element.type == "text":
                under = [e for e in layout.elements[:index] if e.type in ("rect", "band")
                         and e.box.contains(element.box)]
                background = (layout.colour("category.fill", category) if under and under[-1].type == "band"
                              else layout.colour(under[-1]["fill"], category) if under
                              else layout.colour("paper"))
                assert contrast_ratio(layout.colour(element["colour"], category), background) >= 4.5, element.id
            if element.type == "band":
                assert contrast_ratio(layout.colour("category.text", category),
                                      layout.colour("category.fill", category)) >= 4.5


@pytest.mark.parametrize("name", LAYOUTS)
def test_category_has_a_colour_and_a_word(name, event, hard_guests):
    layout = load_layout(name)
    fills = {layout.colour("category.fill", c) for c in Category}
    assert len(fills) == len(Category)
    placements = render(event, hard_guests, layout, "de").placements
    words = {p["category"].lines for p in placements}
    assert ("REFERENT:IN",) in words and ("PRESSE",) in words


@pytest.mark.parametrize("name", LAYOUTS)
def test_pdf_embeds_the_fonts_and_pages_have_the_badge_size(name, event, hard_guests):
    layout = load_layout(name)
    reader = PdfReader(io.BytesIO(render_badges(event, hard_guests, name)))
    per_page = len(layout.sheet.slots)
    assert len(reader.pages) == -(-len(hard_guests) // per_page)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)) == (
        round(layout.sheet.width, 1), round(layout.sheet.height, 1))
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    shipped = [f for f in fonts if "DejaVuSans" in f["/BaseFont"]]
    assert len({f["/BaseFont"].split("+")[-1] for f in shipped}) == 2  # regular and bold
    assert all("/FontFile2" in f["/FontDescriptor"] for f in shipped)
    text = "".join(page.extract_text() for page in reader.pages)
    for word in ("Maximiliane", "Łukasz", "Şükrü", "Þórunn", "Δημήτρης", "Юлия", "Nguyễn"):
        assert word in text


def test_unknown_layout_names_the_available_ones():
    with pytest.raises(LayoutError, match="a6"):
        load_layout("a5")


def test_layout_checks_that_text_stays_in_the_safe_area():
    data = {"badge": {"width": 50, "height": 50}, "margin": 5, "fonts": {"regular": "DejaVuSans.ttf"},
            "colours": {"ink": "#000000"}, "categories": {},
            "elements": [{"id": "t", "type": "text", "x": 1, "y": 1, "w": 40, "h": 10, "value": "{first_name}"}]}
    with pytest.raises(LayoutError, match="safe area"):
        parse_layout(data, "broken")


def test_an_empty_guest_list_is_refused(event):
    with pytest.raises(ValueError):
        render_badges(event, [], "a6")
