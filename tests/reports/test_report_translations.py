"""Every text of the reports has a German translation in assets/i18n/de/reports.json, with the same placeholders."""

from __future__ import annotations

import ast
import json
import string
import subprocess
import sys
from pathlib import Path

import kiosk.reports
from kiosk.reports import exports, style

PACKAGE = Path(kiosk.reports.__file__).parent
GERMAN = PACKAGE.parent.parent / "assets" / "i18n" / "de"
CATALOGUES = (GERMAN / "reports.json", GERMAN / "networking.json",  # networking: the farming rule's note
              GERMAN / "rounds-print.json")  # round sheets, cards, contacts by source


def used_message_ids() -> set[str]:
    found = set(style.KIND_LABELS.values()) | set(style._WEEKDAYS) | set(style._MONTHS)
    found |= {label for label in exports.KIND_SINGULAR.values() if label}
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found - {""}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_a_german_translation_with_the_same_placeholders():
    german = {}
    for path in CATALOGUES:
        german.update(json.loads(path.read_text(encoding="utf-8")))
    used = used_message_ids()

    assert sorted(used - german.keys()) == []
    assert sorted(german.keys() - used) == []
    for message_id, text in german.items():
        assert placeholders(text) == placeholders(message_id), message_id


def test_reports_need_no_qt():
    script = "import json, sys, kiosk.reports, kiosk.cli.reports; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], cwd=PACKAGE.parent.parent, capture_output=True,
                          text=True, timeout=60, check=True)
    assert not [m for m in json.loads(done.stdout) if m.startswith(("PySide6", "shiboken6"))]
