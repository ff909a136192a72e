"""The README's two commands are the ones CI and people actually run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    return [block.strip() for block in blocks]


def test_ci_runs_exactly_the_readme_test_command():
    test_command = next(c for c in readme_commands() if "pytest" in c)
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci_script.splitlines()


def test_readme_start_command_sets_up_and_starts_main():
    start = readme_commands()[0]
    assert "pip install" in start and start.endswith("python main.py")


def test_every_picture_the_readme_shows_is_in_the_repository():
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert pictures
    missing = [p for p in pictures if not (ROOT / p).is_file()]
    assert not missing, missing


def test_ci_installs_every_package_the_readme_start_command_names():
    start = readme_commands()[0]
    packages = re.search(r"apt-get install -y (.*?) &&", start).group(1).split()
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [p for p in packages if p != "python3-venv" and p not in ci_script] == []
