"""Bulk work hands the GIL on quickly while it runs (a check-in beside it takes the GIL back at each
SQLite call), pauses the cyclic collector, and puts both back when the last bulk job ends."""

from __future__ import annotations

import gc
import sys
import threading

from kiosk.bulk import bulk_work


def test_bulk_work_switches_quickly_and_restores_after_the_last_nested_or_parallel_job():
    before = sys.getswitchinterval()
    assert before > 0.001
    inside, release = threading.Event(), threading.Event()

    def parallel_job():
        with bulk_work():
            inside.set()
            release.wait(10)

    with bulk_work():
        assert sys.getswitchinterval() <= 0.001 and not gc.isenabled()
        worker = threading.Thread(target=parallel_job)
        worker.start()
        inside.wait(10)
        with bulk_work():
            assert sys.getswitchinterval() <= 0.001
    assert sys.getswitchinterval() <= 0.001  # the other thread's import still runs
    release.set()
    worker.join(10)
    assert sys.getswitchinterval() == before and gc.isenabled()
