"""README pictures of the event report and the champion's certificate, from the simulated demo event.

    python -m kiosk.reports.samples assets/readme [--lang de] [--dpi 110]

builds the demo event (three days from 24 October 2023, invented guests) in a temporary
database, simulates arrivals and contacts for every day, and writes report-page1.png,
report-page2.png, report-page3.png and certificate.png (needs pdftoppm from poppler-utils).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from datetime import date
from pathlib import Path

FIRST_DAY = date(2023, 10, 24)


def write_pictures(folder: Path, lang: str = "de", dpi: int = 110) -> list[Path]:
    from kiosk.demo import create_demo
    from kiosk.demo.simulate import simulate
    from kiosk.storage import Store

    from . import certificate_pdf, report_pdf

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        store = Store.open(scratch / "demo.sqlite3", device_id="00000000-0000-4000-8000-00000000d3e0")
        try:
            create_demo(store, FIRST_DAY)
            simulate(store)
            documents = {"report": report_pdf(store, lang), "certificate": certificate_pdf(store, lang)}
        finally:
            store.close()
        written = []
        for name, pdf in documents.items():
            source = scratch / f"{name}.pdf"
            source.write_bytes(pdf)
            target = folder / ("report-page" if name == "report" else name)
            options = [] if name == "report" else ["-singlefile"]
            subprocess.run(["pdftoppm", "-r", str(dpi), "-png", *options, str(source), str(target)], check=True,
                           timeout=120)
            written += sorted(folder.glob(f"{target.name}*.png"))
    return [_unpadded(path) for path in written]


def _unpadded(path: Path) -> Path:
    """pdftoppm numbers pages as -1 or -01 depending on the page count; make it -1 / page1."""
    name = path.name.replace("report-page-", "report-page").replace("page0", "page")
    if name != path.name:
        path = path.rename(path.with_name(name))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lang", default="de", choices=("de", "en"))
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args()
    for path in write_pictures(args.folder, args.lang, args.dpi):
        print(path)


if __name__ == "__main__":
    main()
