"""Text fitting: breaks at spaces and real hyphens, shrinks, never leaves its box, never drops a character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.badges.fonts import load_font
from kiosk.badges.text import TextBox, fit_text, glue, split_pieces

BOLD = load_font("DejaVuSans-Bold.ttf")


def test_breaks_after_spaces_and_word_hyphens_only():
    assert split_pieces("Prof. Dr.-Ing. Maximiliane") == ["Prof. ", "Dr.-Ing. ", "Maximiliane"]
    assert split_pieces("Zimmermann-Leutheusser-Schnarrenberger") == [
        "Zimmermann-", "Leutheusser-", "Schnarrenberger"]
    assert split_pieces("E-Mail") == ["E-Mail"]


def test_a_dash_stays_with_the_word_before_it():
    pieces = split_pieces(glue("Zentrum Handwerk – Kompetenzzentrum"))
    assert not any(p.startswith("–") for p in pieces)


def test_short_text_keeps_the_largest_size():
    fitted = fit_text("Jonas", BOLD, TextBox(260, 80, 34, 12, 2))
    assert fitted.lines == ("Jonas",) and fitted.size == 34


def test_long_text_wraps_before_it_shrinks_below_the_minimum():
    fitted = fit_text("Zimmermann-Leutheusser-Schnarrenberger", BOLD, TextBox(200, 60, 24, 8, 2))
    assert len(fitted.lines) == 2 and fitted.size >= 8 and not fitted.below_minimum


def test_an_unbreakable_word_is_split_rather_than_clipped():
    fitted = fit_text("Donaudampfschifffahrtsgesellschaftskapitän" * 2, BOLD, TextBox(60, 30, 20, 10, 2))
    assert all(w <= 60 + 1e-6 for w in fitted.widths)
    assert "".join(fitted.lines) == "Donaudampfschifffahrtsgesellschaftskapitän" * 2


names = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzÄÖÜßŁłŞşĐđễΔημήτρςЮлия -.–"),
                min_size=0, max_size=90)


@settings(max_examples=200, deadline=None)
@given(text=names, width=st.floats(20, 300), height=st.floats(12, 120), max_size=st.floats(8, 40),
       max_lines=st.integers(1, 3))
def test_fitted_text_never_leaves_its_box_and_keeps_every_character(text, width, height, max_size, max_lines):
    box = TextBox(width, height, max_size, min(6.0, max_size), max_lines)
    fitted = fit_text(text, BOLD, box)
    assert all(w <= width + 1e-6 for w in fitted.widths)
    if fitted.size > 4.0:  # at the 4 pt floor a text may need more lines than the box has
        assert fitted.height <= height + 1e-6 and len(fitted.lines) <= max_lines
    assert "".join(fitted.lines).replace(" ", "").replace("\u00a0", "") == "".join(text.split())
