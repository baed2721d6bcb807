"""Which record files a year's commits added or changed, from Git (the only I/O of the yearly report's data)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

from ..project import Project


@dataclass(frozen=True)
class FileChange:
    path: str  # relative to the project, as the catalogue names files
    added: bool  # first committed that year; otherwise changed


def file_history(project: Project, year: int) -> list[FileChange] | None:
    """The content files that commits dated in `year` added or changed, once each, in path order;
    None when the project is not in a Git repository (or git is missing)."""
    content = project.rel(project.content)
    command = ["git", "-C", str(project.root), "log", "--no-renames", "--name-status", "--format=", "--relative",
               f"--since={year}-01-01T00:00:00", f"--until={year}-12-31T23:59:59", "--", content]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    added, changed = set(), set()
    for line in done.stdout.splitlines():
        status, _, path = line.partition("\t")
        if status == "A":
            added.add(path)
        elif status == "M":
            changed.add(path)
    return [FileChange(path, path in added) for path in sorted(added | changed)]
