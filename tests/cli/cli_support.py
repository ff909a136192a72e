"""Run the `kiosk` command in-process and capture what it prints."""

from __future__ import annotations

from shared_support import Result  # noqa: F401 - re-exported for the CLI tests

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo




def venue_today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()


def event_days() -> list[date]:
    today = venue_today()
    return [today + timedelta(days=n) for n in range(3)]


GUEST_LIST = [
    "Teilnehmer-ID;Vorname;Nachname;Organisation;Kategorie;E-Mail;Tage;Ticket;Kontaktaustausch",
    "K-1;Amrei;Kolbeck;Digitalzentrum Saalkreis;Teilnehmer:in;amrei@example.org;Tag 1, Tag 2, Tag 3;"
    "AK-0001;ja",
    "K-2;Bodo;Förster;Forstamt Hügelland;Referent;bodo@example.org;;BF-0002;ja",
    "K-3;Cleo;Strauß;Kanzlei Weißdorn;Presse;cleo@example.org;Tag 2;CS-0003;ja",
    "K-4;Dario;Yzerman;Digitalzentrum Saalkreis;;dario@example.org;;ZY-0004;nein",
    "K-5;;Madonnina;;;madonnina@example.org;;MA-0005;ja",
]


def write_guest_list(path: Path, lines: list[str] = GUEST_LIST) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path
