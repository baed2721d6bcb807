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


def copy_bundled_project(dest: Path, url: str | None = None) -> Path:
    """The repository's own project (content, sites, assets, mkdocs.yml), optionally served at `url`."""
    for name in ("content", "sites", "assets"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    if url:
        for site in (dest / "sites").glob("*.yml"):
            text = site.read_text(encoding="utf-8")
            lines = [f'url: "{url}"' if line.startswith("url:") else line for line in text.splitlines()]
            site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory) -> Path:
    """The bundled sites, built once for the session; returns the output folder."""
    root = copy_bundled_project(tmp_path_factory.mktemp("bundled") / "project")
    result = run("--project", str(root), "build")
    assert result.status == 0, result.err
    return root / "public"
