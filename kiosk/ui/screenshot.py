"""`main.py --screenshot OUT.png --screen NAME`: render one screen with demo data and exit.

The README's pictures come from here, so they show the app as it is.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.storage import Store


def _demo_store(options) -> Store:
    if options.db.exists():
        return Store.open(options.db)
    from kiosk.demo import create_demo
    from kiosk.demo.simulate import simulate

    store = Store.open(Path(tempfile.mkdtemp(prefix="kiosk-shot-")) / "demo.sqlite3")
    create_demo(store)
    simulate(store, until=store.event().days[0])
    return store


def _settle(app: QApplication, kiosk, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if all(t.pending == 0 for t in (kiosk.tasks, kiosk.background, kiosk.printing)):
            app.processEvents()
            return
        time.sleep(0.01)


def _stage(kiosk, screen: str, app: QApplication) -> None:
    store, desk, screens = kiosk.store, kiosk.desk, kiosk.screens
    guests = sorted(store.guests(), key=lambda g: (g.last_name, g.first_name))
    if screen == "search":
        kiosk.window.show_screen(screens.search)
        screens.search.set_query("för")
    elif screen in ("checked-in", "welcome-back"):
        today, checked_in = desk.today(), store.checked_in_ids(desk.today())
        waiting = [g for g in guests if g.registered_for(today) and g.id not in checked_in]
        guest = next((g for g in waiting if g.title and g.first_name), waiting[0])
        kiosk.check_in.checked_in(desk.check_in_guest(guest))
        _settle(app, kiosk)
        if screen == "welcome-back":
            kiosk.router.route(guest.ticket_code)
            _settle(app, kiosk)
        screens.message.hold()
    elif screen == "contact":
        checked_in = store.checked_in_ids(desk.today())
        ready = [g for g in guests if g.id in checked_in and g.consent_contacts]
        pair = next((a, b) for a in ready for b in ready if a.id < b.id and not store.contact_between(a.id, b.id))
        kiosk.contact.open()
        kiosk.router.route(desk.badge_token(pair[0]))
        _settle(app, kiosk)
        kiosk.router.route(desk.badge_token(pair[1]))
        _settle(app, kiosk)
        kiosk.contact.hold_result()
    elif screen == "leaderboard":
        kiosk.boards.open()
    elif screen == "staff":
        kiosk.staff_login.enter_staff_mode()
    elif screen in ("door", "staff-programme"):
        _stage_door(kiosk, guests, app, staff=screen == "staff-programme")
    elif screen in ("my-tables", "ticks", "staff-rounds"):
        from kiosk.ui.screenshot_rounds import stage_rounds

        stage_rounds(kiosk, screen, lambda: _settle(app, kiosk))


def _stage_door(kiosk, guests: list, app: QApplication, staff: bool) -> None:
    """Door mode for today's speed networking, 37 of its 40 places taken: the 38th guest scans."""
    from kiosk.core.programme import SessionKind
    from kiosk.services.programme import ProgrammeDesk

    programme = ProgrammeDesk(kiosk.desk)
    session = next(s for s in programme.today() if s.kind == SessionKind.SPEED_NETWORKING)
    arriving = [g for g in guests if g.title and g.first_name][:1] + [g for g in guests if not g.title][:37]
    for guest in arriving[1:]:
        programme.attend_guest(session.id, guest)
    kiosk.door.start(session.id)
    _settle(app, kiosk)
    if staff:
        kiosk.staff_login.enter_staff_mode()
        kiosk.staff_login.staff.show_page("programme")
        _settle(app, kiosk)
        kiosk.staff_login.staff.programme.select(session.id)
        kiosk.staff_login.staff.programme.show_attendees()
    else:
        kiosk.router.route(kiosk.desk.badge_token(arriving[0]))
        _settle(app, kiosk)
        kiosk.door.hold_result()


def take_screenshot(options) -> int:
    from kiosk.ui.launch import Kiosk

    app = QApplication.instance() or QApplication([])
    kiosk = Kiosk(options, _demo_store(options))
    kiosk.start(options.size)
    _settle(app, kiosk)
    _stage(kiosk, options.screen, app)
    _settle(app, kiosk)
    options.screenshot.parent.mkdir(parents=True, exist_ok=True)
    ok = kiosk.window.grab().save(str(options.screenshot))
    kiosk.shutdown()
    print(f"{options.screenshot}: {options.screen} {options.size[0]}x{options.size[1]} {options.lang}")
    return 0 if ok else 1


def render_all(folder: Path) -> None:
    """Every README screen in both orientations, each in a fresh process (one QApplication each)."""
    import subprocess
    import sys

    main = Path(__file__).resolve().parents[2] / "main.py"
    for screen in ("welcome", "search", "checked-in", "welcome-back", "contact", "leaderboard", "staff", "door",
                   "my-tables", "ticks", "staff-rounds"):
        for orientation, size in (("landscape", "1920x1080"), ("portrait", "1080x1920")):
            out = folder / f"{screen}-{orientation}.png"
            subprocess.run([sys.executable, str(main), "--screenshot", str(out), "--screen", screen,
                            "--size", size], check=True)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1] if len(sys.argv) > 1 else "assets/screenshots"))
