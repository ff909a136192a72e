"""Issue 14: the name is the largest text on every layout, whatever the title and the script."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.badges import LayoutError, load_layout, render
from kiosk.badges.layout import parse_layout

from badge_support import assert_legible

LAYOUTS = ["a6", "a4-4up", "cr80", "label-62"]


def _sizes(placement) -> dict[str, float]:
    return {d.element: d.size for d in placement.elements if d.type in ("text", "band") and d.lines}


def _shown(drawn) -> str:
    """The text as read, letter forms undone (Arabic is drawn in its presentation forms)."""
    return unicodedata.normalize("NFKC", "".join(drawn.lines)).replace(" ", "").replace("\u00a0", "")


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_name_is_the_largest_text_on_every_badge(name, event, world_guests):
    for guest, placement in zip(world_guests, render(event, world_guests, load_layout(name)).placements):
        sizes = _sizes(placement)
        first = sizes.pop("first_name")
        assert all(first >= size for size in sizes.values()), (guest.first_name, sizes, first)
        last = sizes.get("last_name", first)
        for other in ("title", "organization"):
            assert sizes.get(other, 0) <= min(first, last), (guest.last_name, other, sizes)


@pytest.mark.parametrize("name", LAYOUTS)
def test_a_long_title_takes_a_smaller_line_and_leaves_the_name_its_size(name, event, world_guests):
    layout = load_layout(name)
    with_title = world_guests[-2]  # "Prof. Dr.-Ing. habil." before "Hubertus-Maximilian"
    without = type(with_title)(**{**vars(with_title), "title": ""})
    titled, plain = (render(event, [g], layout).placements[0] for g in (with_title, without))
    assert titled["first_name"].size == plain["first_name"].size
    assert titled["first_name"].lines == plain["first_name"].lines
    assert titled["title"].lines == ("Prof. Dr.-Ing. habil.",)
    assert titled["title"].size < titled["first_name"].size
    assert titled["title"].ink.bottom <= titled["first_name"].ink.y  # above the name, not beside it
    assert titled["first_name"].ink.y - titled["title"].ink.bottom <= 1.5  # and close to it


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_names_in_every_script_stay_legible(name, lang, event, world_guests):
    layout = load_layout(name)
    result = render(event, world_guests, layout, lang)
    for guest, placement in zip(world_guests, result.placements):
        assert_legible(placement, layout)
        assert _shown(placement["first_name"]) == guest.first_name.replace(" ", "")
        assert _shown(placement["last_name"]) == guest.last_name.replace(" ", "")
        assert _shown(placement["title"]) == guest.title.replace(" ", "")
        assert _shown(placement["organization"]) == guest.organization_name.replace(" ", "")


def test_the_first_name_keeps_a_readable_size(event, world_guests):
    placements = render(event, world_guests, load_layout("a6")).placements
    assert min(p["first_name"].size for p in placements) >= 24  # about 8.5 mm capitals, read at 2 m


def test_a_layout_may_only_refer_to_text_drawn_before():
    data = {"badge": {"width": 50, "height": 50}, "fonts": {"regular": "DejaVuSans.ttf"},
            "colours": {"ink": "#000000"}, "categories": {},
            "elements": [{"id": "t", "type": "text", "x": 1, "y": 1, "w": 40, "h": 10, "value": "{title}",
                          "above": "n"},
                         {"id": "n", "type": "text", "x": 1, "y": 20, "w": 40, "h": 10,
                          "value": "{first_name}"}]}
    with pytest.raises(LayoutError, match="'n'"):
        parse_layout(data, "backwards")
