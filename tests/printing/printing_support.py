"""A real CUPS with a PDF printer for the tests: installed (as root, with apt-get) and started when missing.

When that cannot be done the tests that need it FAIL with the reason: a silently
skipped print path is how print paths break unnoticed.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.printing import scheduler_running

PACKAGES = ["cups", "cups-client", "printer-driver-cups-pdf"]
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


class CupsSetupError(RuntimeError):
    pass


@dataclass
class CupsPdf:
    queue: str
    output_dir: Path
    daemon: subprocess.Popen | None  # the cupsd we started, if we did

    def wait_for_output(self, job_name: str, timeout: float = 60.0) -> Path:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [p for p in self.output_dir.glob(f"*{job_name}*.pdf") if p.stat().st_size > 0]
            if found and _complete(found[0]):
                return found[0]
            time.sleep(0.2)
        raise AssertionError(f"no PDF for job {job_name} in {self.output_dir} after {timeout:g} s; "
                             f"CUPS says: {_sh('lpstat', '-W', 'all', '-o', self.queue)}")


def _complete(path: Path) -> bool:
    return path.read_bytes().rstrip().endswith(b"%%EOF")


def _sh(*args: str, timeout: float = 30) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "LC_ALL": "C"})
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{args[0]}: {error}"
    return (done.stdout + done.stderr).strip()


def install_packages() -> None:
    if shutil.which("cupsd") and shutil.which("lp") and CUPS_PDF_BACKEND.exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise CupsSetupError(f"CUPS or cups-pdf is missing and this is not root with apt-get: "
                             f"install {' '.join(PACKAGES)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES]
    if subprocess.run(install, env=env, capture_output=True, timeout=900).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=900)
        done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise CupsSetupError(f"apt-get install {' '.join(PACKAGES)} failed: {done.stderr[-500:]}")


def start_scheduler() -> subprocess.Popen | None:
    if scheduler_running():
        return None
    if os.geteuid() != 0:
        raise CupsSetupError("the CUPS scheduler is not running and only root can start it here")
    daemon = subprocess.Popen(["cupsd", "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if scheduler_running():
            return daemon
        if daemon.poll() is not None:
            break
        time.sleep(0.2)
    daemon.terminate()
    raise CupsSetupError("cupsd did not come up within 20 s")


def add_pdf_queue(queue: str) -> None:
    models = _sh("lpinfo", "-m")
    ppd = next((line.split()[0] for line in models.splitlines() if "CUPS-PDF_opt" in line),
               next((line.split()[0] for line in models.splitlines() if "CUPS-PDF" in line), None))
    args = ["lpadmin", "-p", queue, "-E", "-v", "cups-pdf:/"] + (["-m", ppd] if ppd else [])
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise CupsSetupError(f"lpadmin could not add the queue: {done.stderr.strip()}")


def cups_pdf_output_dir() -> Path:
    """Where cups-pdf puts a job of this user: the 'Out' setting, ${HOME}/PDF by default."""
    setting = "${HOME}/PDF"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(errors="replace").splitlines():
            match = re.match(r"\s*Out\s+(\S+)", line)
            if match:
                setting = match.group(1)
    user = pwd.getpwuid(os.getuid())
    return Path(setting.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


def setup_cups_pdf(queue: str) -> CupsPdf:
    install_packages()
    daemon = start_scheduler()
    add_pdf_queue(queue)
    return CupsPdf(queue, cups_pdf_output_dir(), daemon)


def teardown_cups_pdf(cups: CupsPdf) -> None:
    subprocess.run(["lpadmin", "-x", cups.queue], capture_output=True, timeout=30)
    if cups.daemon is not None:
        cups.daemon.terminate()
        cups.daemon.wait(timeout=20)
