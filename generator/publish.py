"""Staging and publishing into an output folder: all or nothing, and only what the build made.

A build writes everything into a staging folder of its own inside DIR
(`DIR/.heritage-staging-XXXX/`), recognisable by a mark file that the build
keeps locked while it runs. Only when every site is complete is each
`DIR/<name>/` swapped for its new version, by renaming folders:

1. the new folder gets its manifest (what the build wrote);
2. every file and folder in `DIR/<name>/` that the previous build did not write
   (not in its manifest) is moved, by rename, to the same place in the new
   folder, so that it is kept byte for byte;
3. the old folder, now holding only files of the previous build, is renamed
   into the staging folder, and the new one takes its place.
The staging folder, with the old folders in it, is then removed.

Before anything moves, every `DIR/<name>/` is checked: it must carry a
manifest (the brochures folder may also hold PDFs from `heritage brochure`),
and no foreign file may sit where the new build writes one. The swaps run
with SIGINT and SIGTERM held back. If a swap fails, or the build is killed
outright (SIGKILL, a power cut), whatever had been moved aside is put back
before the staging folder is removed: at once, or by the next build, which
finds the folder unlocked. A folder in DIR without the mark, such as a user's
own `.staging`, is never touched.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .output import (
    MANIFEST, STAGING_PREFIX, Manifest, OutputRefused, is_our_pdf, read_manifest, scan_manifest, shown, write_manifest,
)
from .project import Project
from .stopping import signals_held

BROCHURES = "brochures"
STAGING_MARK = "heritage-staging.lock"
OLD = "old-"  # inside a staging folder: a published folder that was replaced
NOTHING = Manifest("", frozenset(), frozenset())


class Staging:
    """A build's staging folder in DIR, marked and locked as ours while the build runs."""

    def __init__(self, out: Path, path: Path, lock: int):
        self.out, self.path, self._lock = out, path, lock

    @classmethod
    def create(cls, project: Project, out: Path) -> "Staging":
        """Remove what killed builds left in `out`, then make a new staging folder there."""
        out.mkdir(parents=True, exist_ok=True)
        remove_leftovers(project, out)
        path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        # The mark appears under its name already locked, so no other build can take it for a leftover.
        partial = path / f".{STAGING_MARK}.partial"
        lock = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.rename(partial, path / STAGING_MARK)
        return cls(out, path, lock)

    def folder(self, name: str) -> Path:
        return self.path / name

    def remove(self) -> None:
        """Remove the staging folder, after putting back anything a publication cut short had moved."""
        try:
            if _put_back(self.path, self.out):
                shutil.rmtree(self.path, ignore_errors=True)
        finally:
            os.close(self._lock)


def remove_leftovers(project: Project, out: Path) -> None:
    """Remove the staging folders of builds that were killed; refuse while another build runs."""
    for entry in sorted(out.iterdir()):
        mark = entry / STAGING_MARK
        if not entry.name.startswith(STAGING_PREFIX) or entry.is_symlink() or mark.is_symlink() or not mark.is_file():
            continue  # not ours, or a build that is only starting
        lock = os.open(mark, os.O_RDWR)
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputRefused("output_busy", path=shown(project, out)) from None
            if _put_back(entry, out):
                shutil.rmtree(entry, ignore_errors=True)
        finally:
            os.close(lock)


def _put_back(leftover: Path, out: Path) -> bool:
    """Undo a publication cut short (killed, or failed); True when nothing foreign is left in `leftover`.

    After a complete publication there is nothing to do: each new folder has
    taken its place, and the old ones hold only files the tool wrote.
    """
    for old in leftover.iterdir():
        if old.name.startswith(OLD) and not os.path.lexists(out / old.name[len(OLD):]):
            os.rename(old, out / old.name[len(OLD):])  # the swap did not happen: the old folder goes back
    complete = True
    for new in leftover.iterdir():
        manifest = read_manifest(new) if new.is_dir() and not new.name.startswith(OLD) else None
        if manifest is None:
            continue  # still being built: everything in it is ours
        for rel in _foreign(new, manifest, NOTHING):
            target = out / new.name / rel
            try:
                if os.path.lexists(target):
                    raise FileExistsError(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(new / rel, target)
            except OSError:
                complete = False  # the staging folder stays, and the next build tries again
    return complete


def check_published_folder(project: Project, folder: Path) -> None:
    """Refuse when `DIR/<name>/` exists but is not a folder this tool published."""
    if not os.path.lexists(folder):
        return
    foreign = folder.is_symlink() or not folder.is_dir()
    if foreign or (folder.name != BROCHURES and read_manifest(folder) is None):
        raise OutputRefused("output_not_ours", path=shown(project, folder), marker=MANIFEST)


@dataclass(frozen=True)
class _Swap:
    name: str
    new: Path
    final: Path
    keep: tuple[str, ...]  # foreign files and folders of the old one, to move into the new one


def publish(project: Project, staging: Staging, out: Path, names: list[str]) -> None:
    """Swap each `out/<name>/` for `staging/<name>/`, keeping what the tool did not write.

    Every check happens before the first change.
    """
    swaps = []
    for name in names:
        new, final = staging.folder(name), out / name
        new.mkdir(exist_ok=True)
        manifest = scan_manifest(new, name)
        write_manifest(new, manifest)
        swaps.append(_Swap(name, new, final, tuple(_keep(project, final, manifest))))
    with signals_held():
        for swap in swaps:
            for rel in swap.keep:
                target = swap.new / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(swap.final / rel, target)
            if os.path.lexists(swap.final):
                os.rename(swap.final, staging.folder(OLD + swap.name))
            os.rename(swap.new, swap.final)


def _keep(project: Project, final: Path, new: Manifest) -> list[str]:
    """What of `final` the tool did not write; refuse when any of it is where `new` has a file."""
    if not os.path.lexists(final):
        return []
    check_published_folder(project, final)
    old = read_manifest(final) or NOTHING
    keep = []
    for rel in _foreign(final, old, new):
        if rel in new.files or rel in new.folders or any(parent in new.files for parent in _parents(rel)):
            path = final / rel
            if rel in new.files and path.is_file() and not path.is_symlink() and is_our_pdf(path):
                continue  # a brochure that `heritage brochure` wrote here: ours to replace
            raise OutputRefused("output_in_the_way", path=shown(project, path))
        keep.append(rel)
    return keep


def _parents(rel: str) -> list[str]:
    parts = rel.split("/")
    return ["/".join(parts[:index]) for index in range(1, len(parts))]


def _foreign(folder: Path, ours: Manifest, merged: Manifest, prefix: str = "") -> list[str]:
    """The files and folders in `folder` that are not in `ours`, outermost first.

    A foreign folder is given whole, unless `merged` (the new build) has a
    folder of that name: then its contents are looked at one by one.
    """
    found = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            rel = prefix + entry.name
            if rel == MANIFEST:
                continue
            if entry.is_dir(follow_symlinks=False):
                if rel in ours.folders or (rel in merged.folders and rel not in merged.files):
                    found += _foreign(Path(entry.path), ours, merged, rel + "/")
                else:
                    found.append(rel)
            elif rel not in ours.files:
                found.append(rel)
    return found
