"""Arabic names joined and in display order; other scripts untouched."""

from __future__ import annotations

from kiosk.badges.scripts import shape, visual


def test_letters_take_their_joined_forms():
    # seen initial, lam-alef final ligature, meem isolated (after alef, which never joins forward)
    assert shape("سلام") == "\uFEB3\uFEFC\uFEE1"
    assert shape("محمد") == "\uFEE3\uFEA4\uFEE4\uFEAA"  # initial, medial, medial, final


def test_persian_letters_join_too():
    assert shape("گل") == "\uFB94\uFEDE"  # gaf initial, lam final


def test_vowel_marks_do_not_break_the_joining():
    assert shape("مُحمد")[0] == "\uFEE3" and shape("مُحمد")[1] == "\u064F"


def test_a_right_to_left_line_is_reversed_for_display():
    assert visual(shape("سلام")) == "\uFEE1\uFEFC\uFEB3"
    assert visual(shape("محمد بن سلمان")).split(" ")[-1] == shape("محمد")[::-1]  # first word ends up right


def test_numbers_and_latin_keep_their_own_order_inside_right_to_left_text():
    assert visual(shape("مريم 12")).startswith("12 ")
    assert visual(shape("Ali (علي)")) == "Ali (" + shape("علي")[::-1] + ")"


def test_left_to_right_text_is_left_alone():
    for text in ("Şükrü Öztürkoğlu", "Nguyễn Thị", "Παπαδόπουλος", "Соколова", "王小明", ""):
        assert shape(text) == text and visual(text) == text
