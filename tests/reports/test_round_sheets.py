"""The printed round plan: a sheet per round with large table numbers and names big enough to read from
two metres, personal cards ten to a page with cut marks, quiz team lists; every script in a font that has
it. Checked in the PDF's text and drawing sizes (pypdf) and on the rendered page (pdftoppm)."""

from __future__ import annotations

import io
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.core.programme import Session, SessionKind
from kiosk.core.round_plans import PlanKind, PlanSource
from kiosk.reports.round_sheets import plan_pdf, quiz_teams_pdf
from kiosk.services.rounds import GuestRound, GuestTables, PlanView, RoundView, Seat, TableView

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "badges"))
from badge_support import rasterize  # noqa: E402

DAY = date(2023, 10, 24)
SESSION = Session("5e5510a0-0000-4000-8000-0000000000bb", DAY, time(13), time(14, 30), "Speed-Networking der Zentren",
                  "Speed networking of the centres", "Galerie", SessionKind.SPEED_NETWORKING)
SPECIAL = ["明 王.", "ليلى ح.", "Łukasz Ż."]  # CJK, Arabic, Polish


def names(count: int) -> list[str]:
    return SPECIAL + [f"Gast{i:03d} N." for i in range(count - len(SPECIAL))]


def view(people: int, rounds: int, size: int, kind: PlanKind = PlanKind.ROUNDS) -> PlanView:
    """A plan of `people` seated round-robin at tables of `size` (labels 1, 2, ...), round 1 started."""
    shown = names(people)
    tables = -(-people // size)
    made = []
    for number in range(1, rounds + 1):
        seats = [[] for _ in range(tables)]
        for i, name in enumerate(shown):
            seats[(i + number * (i // tables)) % tables].append(Seat(f"g{i}", name, "Zentrum"))
        started = datetime(2023, 10, 24, 11, tzinfo=timezone.utc) if number == 1 else None
        made.append(RoundView(number, started, tuple(TableView(str(t + 1), "", tuple(s)) for t, s in enumerate(seats))))
    return PlanView(SESSION, kind, tuple(made), 8, size, "smaller", PlanSource.ATTENDANCE, 0, 0, 0, None)


def cards(plan: PlanView) -> list[GuestTables]:
    found = {}
    for r in plan.rounds:
        for t in r.tables:
            for s in t.seats:
                found.setdefault(s.guest_id, (s, []))[1].append(GuestRound(r.number, t.label, (), r.started_at))
    return [GuestTables(SESSION, gid, seat.public_name, plan.kind, tuple(rounds), f"Vorname {seat.public_name}",
                        "Zentrum") for gid, (seat, rounds) in found.items()]


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def text_sizes(pdf: bytes, page: int) -> dict[str, float]:
    """Each text drawn on the page -> the largest size it is drawn at."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found[text.strip()] = max(found.get(text.strip(), 0), size * tm[0])

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


def fonts(pdf: bytes) -> set[str]:
    return {font["/BaseFont"] for page in PdfReader(io.BytesIO(pdf)).pages
            for font in page["/Resources"]["/Font"].values()}


def test_a_sheet_per_round_then_ten_cards_a_page():
    plan = view(38, 3, 4)
    made = cards(plan)
    pdf = plan_pdf(plan, made, "de")
    text = pages(pdf)
    assert len(text) == 3 + 4  # three rounds on a page each, 38 cards on four pages
    assert "Runde 1 von 3" in text[0] and "Runde 3 von 3" in text[2] and "TISCH" in text[0]
    assert all(name in text[0] for name in names(38)[3:])
    left_to_right = [card.full_name in text[3] for card in made[:10] if "ح" not in card.full_name]  # Arabic is shaped
    assert all(left_to_right) and len(left_to_right) >= 9 and made[10].full_name in text[4]
    assert "Runde 1" in text[3] and f"Tisch {made[0].rounds[0].label}" in text[3]
    assert "Speed-Networking der Zentren".upper() in text[3]


def test_table_numbers_are_large_and_names_readable_from_two_metres():
    plan = view(38, 1, 4)
    sizes = text_sizes(plan_pdf(plan, [], "de", with_cards=False), 0)
    name_sizes = [sizes[n] for n in names(38)[3:]]
    assert min(name_sizes) >= 12  # 4 mm capitals: legible at 2 m
    assert all(sizes[str(t)] >= 2 * max(name_sizes) for t in range(1, 11))


def test_a_big_round_goes_over_several_pages_and_keeps_every_name():
    plan = view(300, 1, 4)
    text = pages(plan_pdf(plan, [], "en", with_cards=False))
    assert len(text) > 1 and all("Round 1 of 1" in page for page in text)
    every = "\n".join(text)
    assert all(name in every for name in names(300)[3:]) and "TABLE" in text[0]


def test_sheets_only_and_cards_only():
    plan = view(12, 2, 4)
    assert len(pages(plan_pdf(plan, cards(plan), "de", with_cards=False))) == 2
    only_cards = pages(plan_pdf(plan, cards(plan), "en", sheets=False))
    assert len(only_cards) == 2 and "Round 2" in only_cards[0] and "Table" in only_cards[0]


def test_every_script_is_drawn_in_a_font_that_has_it(tmp_path):
    plan = view(8, 1, 4)
    pdf = plan_pdf(plan, cards(plan), "de")
    assert any("wqy" in f.lower() or "microhei" in f.lower() for f in fonts(pdf))  # WenQuanYi for 明 王.
    assert all("Helvetica" not in f for f in fonts(pdf))
    image = rasterize(pdf, tmp_path, 40, binary=False)
    from PIL import Image

    with Image.open(image) as page:
        assert page.convert("L").getextrema()[0] < 80  # ink on the page


def test_quiz_team_lists():
    plan = view(30, 1, 6, PlanKind.QUIZ)
    text = pages(quiz_teams_pdf(plan, "de"))
    assert len(text) == 1 and "Quiz-Teams" in text[0] and "TEAM" in text[0]
    assert "Runde" not in text[0] and all(n in text[0] for n in names(30)[3:])
    english = pages(quiz_teams_pdf(plan, "en"))[0]
    assert "Quiz teams" in english


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_hosted_table_shows_its_host_organization(lang):
    plan = view(10, 2, 5)
    hosted = tuple(RoundView(r.number, r.started_at, tuple(
        TableView(t.label, f"Digitalzentrum {t.label}", (Seat("h" + t.label, "Hanna G.", "", True), *t.seats))
        for t in r.tables)) for r in plan.rounds)
    text = pages(plan_pdf(PlanView(SESSION, PlanKind.ROUNDS, hosted, 8, 5, "smaller", PlanSource.ATTENDANCE,
                                   0, 0, 0, None), [], lang, with_cards=False))
    assert "Digitalzentrum 1" in text[0] and "Hanna G. ★" in text[0]
