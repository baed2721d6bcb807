"""Shared builders: a small valid project copied per test, and the CLI run in-process."""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

TESTS = Path(__file__).parent
REPO = TESTS.parent
BASE = TESTS / "fixtures" / "base"
BAD = TESTS / "bad"


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def problem_lines(self) -> list[str]:
        """stderr without the closing summary line."""
        return self.err.splitlines()[:-1]


def run(*argv: str) -> Result:
    """Run `heritage` in this process, capturing what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            status = exc.code
    return Result(status, out.getvalue(), err.getvalue())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/base: valid, with no warnings."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root
