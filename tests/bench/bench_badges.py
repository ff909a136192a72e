"""Badge benchmark. Run: python tests/bench/bench_badges.py  (WeasyPrint: pip install '.[bench]')

Prints one JSON object per line:
- median milliseconds for one on-demand `a6` badge PDF (target < 20 ms);
- seconds for 1,000 badges in `a4-4up` (target < 10 s);
- seconds for the same 1,000 badges from an HTML template with WeasyPrint, as an
  organiser would write it (qrcode's default SVG output for the QR), and the ratio
  (target: ours at least 10x faster).
"""

from __future__ import annotations

import html
import io
import json
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.badges import load_layout, render, render_badges  # noqa: E402
from kiosk.badges.variables import badge_values  # noqa: E402
from kiosk.core.model import Category, Event, Guest, Organization  # noqa: E402
from kiosk.i18n import translator  # noqa: E402

BATCH = 1_000
SINGLE_RUNS = 200
FIRST = ["Jonas", "Maximiliane", "Łukasz", "Şükrü", "Nguyễn Thị", "Þórunn", "Δημήτρης", "Юлия", "Anna-Lena", "Ole"]
LAST = ["Becker", "Zimmermann-Leutheusser", "Wróblewski", "Öztürk", "Phương", "Guðmundsdóttir",
        "Παπαδόπουλος", "Соколова", "Schneider", "Brandt"]
ORGS = ["Mittelstand-Digital Zentrum Handwerk – Kompetenzzentrum Digitalisierung", "Fruchthalle eG",
        "Technische Hochschule Westpfalz", "", "Projektträger Digitale Wirtschaft"]


def emit(**figures) -> None:
    print(json.dumps(figures), flush=True)


def sample_event() -> Event:
    days = (date(2026, 5, 14), date(2026, 5, 15), date(2026, 5, 16))
    return Event(id=str(uuid.uuid4()), name="Netzwerktreffen Mittelstand-Digital 2026",
                 venue="Fruchthalle Kaiserslautern", days=days, secret=b"bench-secret-0123456789abcdefghij")


def sample_guests(count: int) -> list[Guest]:
    categories = list(Category)
    return [Guest(id=str(uuid.uuid4()), first_name=FIRST[i % len(FIRST)], last_name=LAST[i * 7 % len(LAST)],
                  ticket_code=f"T{i:06}", title="Dr." if i % 9 == 0 else "",
                  organization=Organization(ORGS[i % len(ORGS)]) if ORGS[i % len(ORGS)] else None,
                  category=categories[i % len(categories)])
            for i in range(count)]


def bench_single(event: Event, guests: list[Guest]) -> float:
    render_badges(event, guests[:1], "a6")  # fonts loaded, caches warm: the kiosk's steady state
    timings = []
    for guest in guests[:SINGLE_RUNS]:
        start = time.perf_counter()
        render_badges(event, [guest], "a6")
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def bench_batch(event: Event, guests: list[Guest]) -> tuple[float, int]:
    start = time.perf_counter()
    result = render(event, guests, load_layout("a4-4up"))
    return time.perf_counter() - start, len(result.pdf)


WEASY_CSS = """
@page { size: A4; margin: 0.5mm 0 0 0; }
body { margin: 0; font-family: 'DejaVu Sans'; }
.sheet { display: grid; grid-template-columns: 105mm 105mm; grid-auto-rows: 148mm; page-break-after: always; }
.badge { position: relative; overflow: hidden; text-align: center; }
.head { background: #12344D; color: #fff; height: 27mm; padding: 6mm 7mm 0; box-sizing: border-box; }
.head b { font-size: 14pt; display: block; } .head span { font-size: 9.5pt; color: #C9D6E2; }
.first { font-weight: bold; font-size: 34pt; margin-top: 8mm; }
.last { font-size: 21pt; } .org { font-size: 11pt; color: #4A5562; }
.qr { width: 28mm; height: 28mm; margin: 3mm auto 0; } .qr svg { width: 100%; height: 100%; }
.days { font-size: 8pt; color: #4A5562; }
.band { position: absolute; bottom: 0; left: 0; right: 0; height: 20mm; color: #fff; font-weight: bold;
        font-size: 20pt; line-height: 20mm; text-transform: uppercase; }
"""
BAND = {"participant": "#1F5FA0", "speaker": "#B0261D", "press": "#5B2E91", "staff": "#0F6B4C",
        "guest_of_honour": "#E3B23C"}


def weasy_html(event: Event, guests: list[Guest]) -> str:
    import qrcode
    from qrcode.image.svg import SvgPathImage

    tr = translator("de")
    badges = []
    for guest in guests:
        v = {k: html.escape(s) for k, s in badge_values(event, guest, tr).items()}
        buffer = io.BytesIO()
        qrcode.make(badge_values(event, guest, tr)["token"], image_factory=SvgPathImage,
                    error_correction=qrcode.constants.ERROR_CORRECT_M, border=4).save(buffer)
        svg = buffer.getvalue().decode().split("?>", 1)[-1]
        badges.append(f'<div class="badge"><div class="head"><b>{v["event_name"]}</b><span>{v["event_dates"]}'
                      f'</span></div><div class="first">{v["title_first"]}</div><div class="last">'
                      f'{v["last_name"]}</div><div class="org">{v["organization"]}</div><div class="qr">{svg}'
                      f'</div><div class="days">{v["valid_days"]}</div><div class="band" style="background:'
                      f'{BAND[str(guest.category)]}">{v["category"]}</div></div>')
    sheets = ["".join(badges[i:i + 4]) for i in range(0, len(badges), 4)]
    body = "".join(f'<div class="sheet">{s}</div>' for s in sheets)
    return f"<html><head><style>{WEASY_CSS}</style></head><body>{body}</body></html>"


def bench_weasyprint(event: Event, guests: list[Guest]) -> float | None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: the Pango libraries are missing
        emit(metric="weasyprint_unavailable", reason=str(error).splitlines()[0])
        return None
    start = time.perf_counter()
    document = weasy_html(event, guests)
    built = time.perf_counter()
    HTML(string=document).write_pdf()
    done = time.perf_counter()
    emit(metric="weasyprint_parts_s", qr_and_html=round(built - start, 3), layout_and_pdf=round(done - built, 3))
    return done - start


def main() -> None:
    event, guests = sample_event(), sample_guests(BATCH)
    single = bench_single(event, guests)
    emit(metric="a6_one_badge_median_ms", value=round(single, 2), target_ms=20, runs=SINGLE_RUNS,
         ok=single < 20)
    batch, size = bench_batch(event, guests)
    emit(metric="a4_4up_1000_badges_s", value=round(batch, 3), target_s=10, pdf_bytes=size, ok=batch < 10)
    weasy = bench_weasyprint(event, guests)
    if weasy is not None:
        emit(metric="weasyprint_1000_badges_s", value=round(weasy, 3))
        emit(metric="speedup_vs_weasyprint", value=round(weasy / batch, 1), target=10, ok=weasy / batch >= 10)


if __name__ == "__main__":
    main()
