"""What one build did: its problems, the sites it published, and the time of each stage."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from .problems import Problems


@dataclass
class BuildResult:
    problems: Problems
    sites: list[str] = field(default_factory=list)
    images_processed: int = 0  # photos not found in the cache
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for bench/

    @contextmanager
    def stage(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started

    @property
    def ok(self) -> bool:
        return not self.problems.errors
