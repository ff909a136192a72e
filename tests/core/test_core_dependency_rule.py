"""kiosk.core is the domain: standard library only, no Qt, peewee or ReportLab."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import kiosk.core

FORBIDDEN = ("PySide6", "shiboken6", "peewee", "playhouse", "reportlab", "openpyxl", "qrcode", "platformdirs")


def core_modules() -> list[str]:
    return sorted(f"kiosk.core.{m.name}" for m in pkgutil.iter_modules(kiosk.core.__path__))


def imported_after(modules: list[str]) -> set[str]:
    script = ("import json, sys\n"
              f"for name in {modules!r}:\n"
              "    __import__(name)\n"
              "print(json.dumps(sorted(sys.modules)))\n")
    root = Path(kiosk.core.__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True,
                          timeout=60, check=True)
    return set(json.loads(done.stdout))


def test_core_has_the_modules_the_architecture_names():
    assert {"kiosk.core.model", "kiosk.core.codes", "kiosk.core.rules", "kiosk.core.leaderboard",
            "kiosk.core.search", "kiosk.core.refusals", "kiosk.core.pins"} <= set(core_modules())


def test_importing_every_core_module_loads_no_qt_peewee_or_reportlab():
    loaded = imported_after(core_modules())

    assert set(core_modules()) <= loaded
    offenders = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert offenders == []


def test_core_uses_only_the_standard_library_and_itself():
    loaded = imported_after(core_modules())

    foreign = sorted({m.split(".")[0] for m in loaded}
                     - set(sys.stdlib_module_names) - set(sys.builtin_module_names) - {"kiosk", "__main__"})
    assert [m for m in foreign if not m.startswith("_")] == []
    assert sorted(m for m in loaded if m.startswith("kiosk.") and not m.startswith("kiosk.core")) == []
