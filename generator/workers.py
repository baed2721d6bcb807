"""Worker processes that never outlive the build that started them.

Every parallel stage (photos, covers, MkDocs builds) runs in a pool from
`worker_pool()`. Its workers are forked with SIGINT and SIGTERM held back
(a signal must not reach the parent's handler, which a fork copies), and each
one, before its first task:
- asks Linux to send it SIGTERM when its parent dies (`PR_SET_PDEATHSIG`), so
  that killing the build, even with SIGKILL, ends them too; if the parent died
  before that request was made, the worker ends at once;
- takes back the default meaning of SIGTERM (the parent's handler, inherited by
  the fork, would only raise an exception in the worker) and ignores SIGINT:
  Ctrl-C reaches the whole process group, and it is the parent that decides
  how to stop; then it lets signals in again.
When the block around the pool ends by an exception (a stop signal, a failed
stage), the workers are terminated and waited for before the exception goes
on, so that nothing writes into the staging folder while it is being removed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Iterator

from .stopping import SIGNALS, signals_held

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
STOP_GRACE_SECONDS = 5  # a worker still alive after SIGTERM this long is killed


def _die_with_parent(parent: int) -> None:
    """Pool initializer: runs in each worker before its first task."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request above: nobody will want our results
        os._exit(1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def _nothing() -> None:
    pass


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's workers and wait for them (what Python 3.14's terminate_workers does)."""
    processes = list((pool._processes or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(STOP_GRACE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` forked processes that end with this process."""
    pool = ProcessPoolExecutor(
        max_workers=max(1, workers), mp_context=get_context("fork"),
        initializer=_die_with_parent, initargs=(os.getpid(),),
    )
    try:
        with signals_held():
            pool.submit(_nothing)  # with fork, the first task starts every worker
        yield pool
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)
