"""Generates the invented guest list of the demo event (assets/demo/guests.csv).

Run `python -m kiosk.demo.generate` to rewrite it; a test checks that the
committed file is exactly what this produces. Every person is invented, and
e-mail addresses use reserved example domains.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from kiosk.core.codes import ALPHABET, TICKET_LENGTH
from kiosk.i18n import ASSETS

GUESTS_CSV = ASSETS / "demo" / "guests.csv"
GUEST_COUNT = 300
_REGIONS = [
    "Nordheide", "Mittelrhein", "Oberlausitz", "Westpfalz", "Bodensee", "Altmark", "Eifel", "Hunsrück",
    "Spreewald", "Uckermark", "Vogtland", "Allgäu", "Emsland", "Sauerland", "Rhön", "Harz", "Odenwald",
    "Chiemgau", "Ostfriesland", "Wetterau", "Prignitz", "Breisgau", "Kraichgau", "Münsterland", "Lausitz",
    "Erzgebirge", "Hohenlohe", "Dithmarschen", "Fläming",
]
_ORGANIZATIONS = (
    [(f"Digitalzentrum {region}", "Zentrum") for region in _REGIONS]
    + [("Bundesministerium für Digitales und Wirtschaft", "Ministerium"),
       ("Projektträger Digitale Innovation", "Projektträger"),
       ("Institut für Infrastruktur und Vernetzung", "Forschung"),
       ("Transferstelle IT-Sicherheit im Mittelstand", "Partner"),
       ("EDIH Saar-Pfalz", "Partner"),
       ("Pfälzer Tagblatt", "Presse"),
       ("Veranstaltungsteam Fruchthalle", "Team")]
)
_FIRST_NAMES = [
    "Anna", "Lena", "Marie", "Sophie", "Johanna", "Clara", "Greta", "Paula", "Ida", "Emilia", "Frieda",
    "Hannah", "Leonie", "Mila", "Nora", "Jana", "Katrin", "Sabine", "Ute", "Birgit", "Jörg", "Lukas",
    "Jonas", "Felix", "Paul", "Moritz", "Tobias", "Stefan", "Matthias", "Jürgen", "Uwe", "Ralf", "Timo",
    "Niklas", "Florian", "Sebastian", "Malte", "Henrik", "Ole", "Bernd", "Özlem", "Ayşe", "Łukasz",
    "Şükrü", "Dimitra", "Julija", "Thi Lan", "Björn", "Søren", "Ines",
]
_LAST_NAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
    "Strauß", "Förster", "Kühn", "Jäger", "Weiß", "Groß", "Böhm", "Vogt", "Nowak", "Yılmaz", "Kowalczyk",
    "Nguyễn", "Papadopoulou", "Ivanova", "Sørensen", "Zimmermann-Leutheusser", "Abendroth", "Dreßler",
]
_CATEGORY_PLAN = ["Referent:in"] * 14 + ["Presse"] * 5 + ["Team"] * 10 + ["Ehrengast"] * 3
_HEADERS = ["Teilnehmer-ID", "Titel", "Vorname", "Nachname", "Organisation", "Organisationsart",
            "Kategorie", "E-Mail", "Tage", "Ticket", "Kontaktaustausch"]


def _email_part(text: str) -> str:
    from kiosk.core.search import fold_variants

    folded = sorted(fold_variants(text), key=len)[-1]
    return "".join(c for c in folded if c.isascii() and c.isalnum()) or "gast"


def generate_rows(seed: int = 2023) -> list[list[str]]:
    rng = random.Random(seed)
    categories = _CATEGORY_PLAN + ["Teilnehmer:in"] * (GUEST_COUNT - len(_CATEGORY_PLAN))
    rng.shuffle(categories)
    rows = []
    for number, category in enumerate(categories, start=1):
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        organization, kind = _organization_for(category, rng)
        title = rng.choices(["", "Dr.", "Prof. Dr."], weights=[80, 15, 5])[0]
        days = rng.choices(["Tag 1, Tag 2, Tag 3", "Tag 1, Tag 2", "Tag 2, Tag 3", "Tag 1"],
                           weights=[70, 15, 10, 5])[0]
        ticket = "".join(rng.choice(ALPHABET) for _ in range(TICKET_LENGTH))
        consent = "nein" if rng.random() < 0.08 else ""  # most left it open: the kiosk asks them
        email = f"{_email_part(first)}.{_email_part(last)}{number}@example.org"
        rows.append([f"NT-{number:04d}", title, first, last, organization, kind, category, email, days,
                     ticket, consent])
    return rows


def _organization_for(category: str, rng: random.Random) -> tuple[str, str]:
    by_kind = {"Presse": _ORGANIZATIONS[-2], "Team": _ORGANIZATIONS[-1]}
    if category in by_kind:
        return by_kind[category]
    return rng.choice(_ORGANIZATIONS[:-2])


def render_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(_HEADERS)
    writer.writerows(rows)
    return buffer.getvalue()


def write(path: Path = GUESTS_CSV) -> None:
    path.write_text(render_csv(generate_rows()), encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {GUESTS_CSV}")
