"""kiosk.core is the domain: standard library only, no Qt, peewee or ReportLab. peewee and the storage
models stay inside kiosk.storage."""

from __future__ import annotations

import ast
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


STORAGE_ONLY = ("peewee", "playhouse", "kiosk.storage.models")


def imported_names(source: str) -> set[str]:
    """Every module a source file imports, spelled out ('from kiosk.storage import models' too)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def storage_only_imports(path: Path) -> list[str]:
    return sorted(name for name in imported_names(path.read_text(encoding="utf-8"))
                  if any(name == banned or name.startswith(banned + ".") for banned in STORAGE_ONLY))


def test_peewee_and_the_storage_models_are_imported_only_inside_storage():
    package = Path(kiosk.core.__file__).resolve().parents[1]
    offenders = {str(path.relative_to(package)): found for path in sorted(package.rglob("*.py"))
                 if "storage" not in path.relative_to(package).parts[:1]
                 and (found := storage_only_imports(path))}
    assert offenders == {}


def test_the_storage_rule_sees_every_way_of_importing(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("import peewee\nfrom playhouse.migrate import migrate\nfrom kiosk.storage import models\n"
                      "from kiosk.storage.models import GuestRow\nimport kiosk.storage.models as m\n"
                      "from kiosk.storage import Store\nimport sqlite3\n", encoding="utf-8")
    assert storage_only_imports(module) == ["kiosk.storage.models", "kiosk.storage.models.GuestRow", "peewee",
                                            "playhouse.migrate", "playhouse.migrate.migrate"]
