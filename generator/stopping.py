"""Stopping a command cleanly when it is asked to (Ctrl-C, SIGTERM from a service manager).

While `stop_on_signals()` is active, SIGINT and SIGTERM raise `Stopped` in the
main thread, so that every `finally` on the way out runs: worker processes are
ended and the staging folder is removed. `signals_held()` postpones both
signals over a few steps that must not be cut in half (swapping published
folders, removing the staging folder); a signal that arrived meanwhile is
raised as soon as they are done.

`Stopped` is a BaseException, like KeyboardInterrupt, so that the
`except Exception` of a stage that reports problems does not swallow it.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_status(self) -> int:
        """What a shell expects of a program ended by a signal: 130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signum


def _raise_stopped(signum: int, frame) -> None:
    raise Stopped(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise `Stopped` while the block runs (only the main thread can set handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_stopped) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def signals_held() -> Iterator[None]:
    """Postpone SIGINT and SIGTERM in this thread until the block has run to its end."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
