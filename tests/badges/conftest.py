"""An event and the hard names from issue 6: long, hyphenated, and in Latin, Greek and Cyrillic script."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kiosk.core.model import Category, Event, Guest, Organization

LONG_ORG = "Mittelstand-Digital Zentrum Handwerk – Kompetenzzentrum Digitalisierung"
HARD_NAMES = [
    ("Prof. Dr.-Ing.", "Maximiliane", "Zimmermann-Leutheusser-Schnarrenberger", LONG_ORG, Category.SPEAKER),
    ("", "Łukasz", "Wróblewski-Szczepańczyk", "Politechnika Łódzka, Wydział Elektrotechniki", Category.PRESS),
    ("", "Şükrü", "Öztürkoğlu", "", Category.STAFF),
    ("", "Nguyễn Thị", "Phương Thảo", "Đại học Bách khoa Hà Nội", Category.GUEST_OF_HONOUR),
    ("", "Þórunn", "Guðmundsdóttir", "Háskóli Íslands", Category.PARTICIPANT),
    ("Dr.", "Δημήτρης", "Παπαδόπουλος", "Εθνικό Μετσόβιο Πολυτεχνείο", Category.SPEAKER),
    ("", "Юлия", "Соколова-Кузнецова", "Московский государственный университет", Category.PRESS),
    ("", "", "Madonna", "", Category.PARTICIPANT),
    ("", "Jo", "Li", "X", Category.PARTICIPANT),
]


def make_guest(title="", first="Jonas", last="Becker", org="", category=Category.PARTICIPANT, days=()) -> Guest:
    return Guest(id=str(uuid.uuid4()), first_name=first, last_name=last, ticket_code="T" + uuid.uuid4().hex[:8],
                 title=title, organization=Organization(org) if org else None, category=category, days=days)


@pytest.fixture
def event() -> Event:
    return Event(id=str(uuid.uuid4()), name="Netzwerktreffen Mittelstand-Digital in der Fruchthalle 2026",
                 venue="Fruchthalle Kaiserslautern",
                 days=(date(2026, 5, 14), date(2026, 5, 15), date(2026, 5, 16)),
                 secret=b"test-secret-0123456789abcdefghijk")


@pytest.fixture
def hard_guests() -> list[Guest]:
    return [make_guest(*row, days=(date(2026, 5, 15),) if i % 2 else ()) for i, row in enumerate(HARD_NAMES)]


# Issue 14: names from every script the kiosk meets, with long titles; the name must stay the largest text.
WORLD_NAMES = [
    ("Prof. Dr. Dr. h.c. mult.", "Jürgen", "Größmüller-Äßlinger", "Universität des Saarlandes",
     Category.SPEAKER),
    ("", "İlkay", "Gündoğdu-Çağlayan", "Orta Doğu Teknik Üniversitesi", Category.PARTICIPANT),
    ("PGS. TS.", "Nguyễn Thị", "Phượng Thảo", "Trường Đại học Bách khoa Hà Nội", Category.GUEST_OF_HONOUR),
    ("", "Ἀλέξανδρος", "Παπαδημητρίου-Οἰκονόμου", "Ἀριστοτέλειο Πανεπιστήμιο Θεσσαλονίκης", Category.PRESS),
    ("Д-р", "Александра", "Преображенская-Вознесенская", "Санкт-Петербургский государственный университет",
     Category.SPEAKER),
    ("د.", "محمد عبد الرحمن", "الهاشمي", "جامعة الملك عبد العزيز", Category.PARTICIPANT),
    ("", "小明", "王", "清华大学", Category.PARTICIPANT),
    ("", "さくら", "山田", "東京大学", Category.STAFF),
    ("", "민준", "김", "서울대학교", Category.PRESS),
    ("Prof. Dr.-Ing. habil.", "Hubertus-Maximilian", "von und zu Hohenzollern-Sigmaringen-Wittelsbach",
     "Mittelstand-Digital Zentrum Handwerk – Kompetenzzentrum Digitalisierung", Category.SPEAKER),
    ("Dr.", "Jo", "Li", "", Category.PARTICIPANT),
]


@pytest.fixture
def world_guests() -> list[Guest]:
    return [make_guest(*row) for row in WORLD_NAMES]
