"""Sample badges (invented people) for previews and the README pictures.

    python -m kiosk.badges.samples assets/readme [--lang en]

writes badge-<layout>.png for every shipped layout (needs pdftoppm from poppler-utils).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import uuid
from datetime import date
from pathlib import Path

from kiosk.core.model import Category, Event, Guest, Organization

from .layout import layout_names, load_layout
from .render import render

_PEOPLE = [
    ("Prof. Dr.-Ing.", "Maximiliane", "Zimmermann-Leutheusser-Schnarrenberger",
     "Mittelstand-Digital Zentrum Handwerk – Kompetenzzentrum Digitalisierung", Category.SPEAKER),
    ("", "Jonas", "Becker", "Mittelstand-Digital Zentrum Kaiserslautern", Category.PARTICIPANT),
    ("", "Юлия", "Соколова", "Technische Hochschule Westpfalz", Category.PRESS),
    ("", "Şükrü", "Öztürk", "Fruchthalle eG", Category.STAFF),
]
_PER_LAYOUT = {"a6": 0, "cr80": 2, "label-62": 1}


def sample_event() -> Event:
    return Event(id="5a3c6f0e-2f4d-4c1e-9a43-0d7f3a1b2c4d", name="Netzwerktreffen Mittelstand-Digital 2026",
                 venue="Fruchthalle Kaiserslautern", days=(date(2026, 5, 14), date(2026, 5, 15), date(2026, 5, 16)),
                 secret=b"sample-secret-not-for-real-events")


def sample_guests() -> list[Guest]:
    return [Guest(id=str(uuid.UUID(int=i + 1)), first_name=first, last_name=last, ticket_code=f"SAMPLE{i:014}",
                  title=title, organization=Organization(org), category=category,
                  days=(date(2026, 5, 15), date(2026, 5, 16)) if i == 2 else ())
            for i, (title, first, last, org, category) in enumerate(_PEOPLE)]


def write_pictures(folder: Path, lang: str = "de", dpi: int = 150) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    guests, written = sample_guests(), []
    for name in layout_names():
        layout = load_layout(name)
        start = _PER_LAYOUT.get(name, 0)
        chosen = guests[start:start + len(layout.sheet.slots)] if len(layout.sheet.slots) == 1 else guests
        pdf = render(sample_event(), chosen, layout, lang).pdf
        with tempfile.TemporaryDirectory() as scratch:
            source = Path(scratch) / "badge.pdf"
            source.write_bytes(pdf)
            target = folder / f"badge-{name}"
            subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile",
                            str(source), str(target)], check=True, timeout=60)
        written.append(target.with_suffix(".png"))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lang", default="de")
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args()
    for path in write_pictures(args.folder, args.lang, args.dpi):
        print(path)


if __name__ == "__main__":
    main()
