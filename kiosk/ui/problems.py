"""The kiosk's last failures, kept in memory: staff mode shows them even when the database that
would hold them is what fails. The log gets the same line; neither holds personal data (the
flow's name and the error's type and message, never a guest or a scanned code)."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

log = logging.getLogger(__name__)
KEPT = 50
DETAIL_CHARS = 200


@dataclass(frozen=True)
class Problem:
    at: datetime  # kiosk-local time
    flow: str  # e.g. "check-in", "contact exchange"
    error_type: str
    detail: str


class ProblemLog:
    def __init__(self, local_now: Callable[[], datetime]) -> None:
        self._local_now = local_now
        self._problems: deque[Problem] = deque(maxlen=KEPT)

    def record(self, flow: str, error: BaseException) -> Problem:
        problem = Problem(self._local_now(), flow, type(error).__name__, str(error)[:DETAIL_CHARS])
        self._problems.appendleft(problem)
        log.warning("%s failed: %s: %s", flow, problem.error_type, problem.detail)
        return problem

    def recent(self) -> list[Problem]:
        """Newest first."""
        return list(self._problems)
