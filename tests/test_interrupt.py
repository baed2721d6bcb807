"""A build that is stopped or killed leaves no process running and, after the next build, nothing behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_bundled_project, run

HANG_GUARD = 180  # seconds; only against a test that would otherwise hang


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat after the command name (which may hold spaces): state, ppid, ..."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def _children(parent: int) -> dict[int, str]:
    """Live children of `parent`, by pid, with their start time (pids are reused)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[1]) == parent and fields[0] != "Z":
                found[int(entry.name)] = fields[19]
    return found


def _alive(pid: int, started: str) -> bool:
    fields = _stat(pid)
    return bool(fields) and fields[19] == started and fields[0] not in ("Z", "X")


def _stagings(project: Path) -> list[Path]:
    public = project / "public"
    return sorted(public.glob(".heritage-staging*")) if public.is_dir() else []


def _start_build(project: Path) -> tuple[subprocess.Popen, dict[int, str]]:
    """A real `python -m generator build`, once it has worker processes and a staging folder."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--project", str(project), "--messages", "en", "build"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if len(workers) >= 2 and _stagings(project):
            return process, workers
        time.sleep(0.02)
    process.kill()
    pytest.fail(f"the build never had two workers: {process.communicate()}")


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_build_ends_its_workers_and_removes_its_staging(tmp_path, signum, status):
    project = copy_bundled_project(tmp_path / "project")
    process, workers = _start_build(project)
    process.send_signal(signum)
    out, err = process.communicate(timeout=HANG_GUARD)
    assert process.returncode == status, err
    assert err == f"heritage: stopped ({signal.Signals(signum).name}); nothing half-made was left behind\n"
    assert [pid for pid, started in workers.items() if _alive(pid, started)] == []
    assert _children(process.pid) == {}
    assert not (project / "public").exists()  # a first build that did not finish leaves not even the folder


def test_a_killed_builds_workers_end_and_the_next_build_cleans_up(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    process, workers = _start_build(project)
    process.kill()
    process.communicate(timeout=HANG_GUARD)
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline and any(_alive(pid, started) for pid, started in workers.items()):
        time.sleep(0.05)
    assert [pid for pid, started in workers.items() if _alive(pid, started)] == []
    left = _stagings(project)
    assert len(left) == 1  # SIGKILL cannot be caught: the staging folder stays, marked as ours

    result = run("--project", str(project), "build")
    assert result.status == 0, result.err
    assert _stagings(project) == []
    assert sorted(p.name for p in (project / "public").iterdir()) == ["an-khe", "brochures", "doi-tac", "gia-lai"]
