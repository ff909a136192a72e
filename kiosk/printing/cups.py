"""CUPS through its command-line tools (lp, lpstat): no C bindings to build, and every call has a timeout."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass

from .base import PrintFailure, PrintResult, safe_job_name

STATUS_TIMEOUT = 5.0
SEND_TIMEOUT = 15.0
_PRINTER_LINE = re.compile(r"^printer (\S+) (?:is (idle)|(now printing)|(disabled))")
_REQUEST_ID = re.compile(r"request id is (\S+)")


class PrintingUnavailable(RuntimeError):
    """CUPS cannot be asked at all; carries a PrintFailure code."""

    def __init__(self, code: PrintFailure, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class PrinterInfo:
    name: str
    state: str  # idle, printing, disabled
    accepting: bool = True
    reason: str = ""  # why it is disabled or rejecting, as CUPS says it
    default: bool = False

    @property
    def ready(self) -> bool:
        return self.state != "disabled" and self.accepting


def _run(args: list[str], timeout: float, data: bytes | None = None) -> subprocess.CompletedProcess:
    """Run a CUPS tool in the C locale (its messages are parsed); raise PrintingUnavailable on trouble."""
    if shutil.which(args[0]) is None:
        raise PrintingUnavailable(PrintFailure.CUPS_MISSING,
                                  f"{args[0]} not found: install the CUPS client (Debian: cups-client)")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        process = subprocess.Popen(args, stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                   start_new_session=True)
    except OSError as error:
        raise PrintingUnavailable(PrintFailure.CUPS_MISSING, f"cannot run {args[0]}: {error}") from None
    try:
        out, err = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise PrintingUnavailable(PrintFailure.TIMEOUT, f"{args[0]} gave no answer within {timeout:g} s") from None
    return subprocess.CompletedProcess(args, process.returncode, out, err)


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the tool and anything it started (they could hold our pipes open), then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream:
            stream.close()
    process.wait(timeout=5)


def _text(process: subprocess.CompletedProcess) -> str:
    return (process.stdout + process.stderr).decode("utf-8", "replace")


def scheduler_running(timeout: float = STATUS_TIMEOUT) -> bool:
    return "scheduler is running" in _text(_run(["lpstat", "-r"], timeout))


def list_printers(timeout: float = STATUS_TIMEOUT) -> list[PrinterInfo]:
    """Every CUPS queue with its state; raises PrintingUnavailable when CUPS is missing or stopped."""
    if not scheduler_running(timeout):
        raise PrintingUnavailable(PrintFailure.CUPS_NOT_RUNNING, "the CUPS scheduler is not running")
    printers = _parse_printers(_text(_run(["lpstat", "-p"], timeout)))
    accepting = _parse_accepting(_text(_run(["lpstat", "-a"], timeout)))
    default = _text(_run(["lpstat", "-d"], timeout)).rpartition(":")[2].strip()
    return [PrinterInfo(p.name, p.state, accepting.get(p.name, (True, ""))[0],
                        p.reason or accepting.get(p.name, (True, ""))[1], p.name == default)
            for p in printers]


def _parse_printers(text: str) -> list[PrinterInfo]:
    found: list[PrinterInfo] = []
    for line in text.splitlines():
        match = _PRINTER_LINE.match(line)
        if match:
            state = "idle" if match.group(2) else "printing" if match.group(3) else "disabled"
            found.append(PrinterInfo(match.group(1), state))
        elif line.startswith("\t") and found and found[-1].state == "disabled" and not found[-1].reason:
            found[-1] = PrinterInfo(found[-1].name, "disabled", reason=line.strip())
    return found


def _parse_accepting(text: str) -> dict[str, tuple[bool, str]]:
    result: dict[str, tuple[bool, str]] = {}
    name = ""
    for line in text.splitlines():
        if line.startswith("\t") and name and not result[name][0]:
            result[name] = (False, line.strip())
        elif line.strip():
            name = line.split()[0]
            result[name] = (" not accepting " not in line, "")
    return result


class CupsPrinter:
    """Prints to a named CUPS queue with `lp -d QUEUE -o media=...`."""

    def __init__(self, queue: str, status_timeout: float = STATUS_TIMEOUT, send_timeout: float = SEND_TIMEOUT,
                 options: dict[str, str] | None = None) -> None:
        self.queue = queue
        self.name = f"cups:{queue}"
        self.status_timeout = status_timeout
        self.send_timeout = send_timeout
        self.options = options or {}

    def send(self, pdf: bytes, job_id: str, media: str = "") -> PrintResult:
        try:
            problem = self.check()
            if problem:
                return problem
            process = _run(self._lp_args(job_id, media), self.send_timeout, pdf)
        except PrintingUnavailable as error:
            return PrintResult.failed(error.code, str(error))
        output = _text(process)
        request = _REQUEST_ID.search(output)
        if process.returncode != 0 or not request:
            code = PrintFailure.QUEUE_REJECTING if "not accepting" in output else PrintFailure.PRINT_FAILED
            return PrintResult.failed(code, _first_line(output) or f"lp exited with {process.returncode}")
        return PrintResult.done(request.group(1), f"sent to {self.queue}")

    def check(self) -> PrintResult | None:
        """None when the queue exists, is enabled and accepts jobs; else why not."""
        process = _run(["lpstat", "-p", self.queue, "-a", self.queue], self.status_timeout)
        output = _text(process)
        if process.returncode != 0 or not output.startswith("printer "):
            if not scheduler_running(self.status_timeout):
                return PrintResult.failed(PrintFailure.CUPS_NOT_RUNNING, "the CUPS scheduler is not running")
            return PrintResult.failed(PrintFailure.QUEUE_MISSING, f"there is no printer queue {self.queue!r}")
        printers = _parse_printers(output)
        accepting = _parse_accepting("\n".join(l for l in output.splitlines()
                                               if not _PRINTER_LINE.match(l)))
        info = next((p for p in printers if p.name == self.queue), None)
        if info and info.state == "disabled":
            return PrintResult.failed(PrintFailure.QUEUE_DISABLED,
                                      f"printer {self.queue} is disabled" + (f": {info.reason}" if info.reason else ""))
        ok, why = accepting.get(self.queue, (True, ""))
        if not ok:
            return PrintResult.failed(PrintFailure.QUEUE_REJECTING,
                                      f"printer {self.queue} does not accept jobs" + (f": {why}" if why else ""))
        return None

    def _lp_args(self, job_id: str, media: str) -> list[str]:
        args = ["lp", "-d", self.queue, "-t", safe_job_name(job_id)]
        options = {**({"media": media} if media else {}), **self.options}
        for key, value in options.items():
            args += ["-o", f"{key}={value}"]
        return [*args, "-"]


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
