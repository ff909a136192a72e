"""Background work for the screens: Tasks.run(fn, *args, on_success=..., on_failure=...).

fn runs on a worker and never touches a widget; the callbacks run on the UI
thread. Database writes share one worker thread, so SQLite has a single
writer; the executor is injectable so tests can run jobs inline.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class InlineExecutor(Executor):
    """Runs each job at once on the calling thread: deterministic tests."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - handed to on_failure
            future.set_exception(error)
        return future


class Tasks(QObject):
    _finished = Signal(object, object, object)  # future, on_success, on_failure
    task_did_fail = Signal(str)  # a technical message for the log and staff mode

    def __init__(self, executor: Executor | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.pending = 0

    def run(self, fn: Callable[..., Any], *args: Any, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None) -> None:
        self.pending += 1
        future = self._executor.submit(fn, *args)
        future.add_done_callback(lambda done: self._finished.emit(done, on_success, on_failure))

    @Slot(object, object, object)
    def _deliver(self, future: Future, on_success, on_failure) -> None:
        self.pending -= 1
        error = future.exception()
        if error is None:
            if on_success:
                on_success(future.result())
            return
        log.error("background task failed", exc_info=error)
        self.task_did_fail.emit(f"{type(error).__name__}: {error}")
        if on_failure:
            on_failure(error)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=False)
