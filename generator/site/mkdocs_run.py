"""Running MkDocs builds, one process per site × language, in parallel.

Each build runs in a worker process of its own (MkDocs and its plugins keep
state in modules), with the environment that makes output reproducible.
A build that logs a warning or fails returns its messages: the caller then
publishes nothing.
"""

from __future__ import annotations

import logging
import os

from ..workers import worker_pool


class _Collector(logging.Handler):
    def __init__(self, dirty: bool) -> None:
        super().__init__(level=logging.WARNING)
        self.dirty = dirty
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not (self.dirty and message.startswith("A 'dirty' build is being performed")):  # we asked for it
            self.messages.append(message)


def build_one(config_file: str, source_date_epoch: str, dirty: bool = False) -> list[str]:
    """Build one generated mkdocs.yml; return the warnings and errors it gave.

    `dirty`: build only the pages whose source is newer than their output, into
    the output as it is (the preview's updates: see preview_update).
    """
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material 9.8's end-of-life banner
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch  # gzip headers of sitemap.xml.gz
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collector(dirty)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=config_file)
        build(config, dirty=dirty)
    except MkDocsException as exc:
        collector.messages.append(str(exc))
    finally:
        logger.removeHandler(collector)
    return collector.messages


def run_parallel(function, tasks: list[tuple]) -> list:
    """`function(*task)` for every task, one process per core; the results in order."""
    with worker_pool(min(len(tasks), os.cpu_count() or 1)) as pool:
        futures = [pool.submit(function, *task) for task in tasks]
        return [future.result() for future in futures]
