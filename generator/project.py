"""A project folder: where its content, sites, assets and outputs live, and which of its files may be read.

Any folder with the layout of DESIGN.md is a project, so a town can keep its own
content repository and use the same tool (`heritage --project DIR ...`).

Files are read only from inside the project: a symbolic link in content/,
sites/ or assets/ that leads elsewhere on the machine is refused (it would
publish whatever it points at), and the refusal is worded the same whether
its target exists or not, so that it tells nothing about the machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .problems import Problems

# One photo file may weigh this much; a camera JPEG is 5-20 MB, a scan rarely 60 MB.
# Checked before anything is decoded, so that a huge file cannot exhaust memory.
MAX_IMAGE_BYTES = 100_000_000


def real(path: Path) -> Path:
    """The path with every symbolic link resolved (it need not exist; link loops do not raise)."""
    return Path(os.path.realpath(path))


def lies_within(path: Path, folder: Path) -> bool:
    """Whether `path`, once links are resolved, is `folder` or inside it."""
    return real(path).is_relative_to(real(folder))


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def pages(self) -> Path:
        return self.content / "pages"

    @property
    def schema_dir(self) -> Path:
        return self.content / "_schema"

    @property
    def sites(self) -> Path:
        return self.root / "sites"

    @property
    def delegations(self) -> Path:
        return self.sites / "delegations"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def images(self) -> Path:
        return self.assets / "images"

    @property
    def sources(self) -> tuple[Path, ...]:
        """The folders that hold the project's own files: never an output."""
        return (self.content, self.sites, self.assets)

    @property
    def public(self) -> Path:
        return self.root / "public"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def preview(self) -> Path:
        """Where `heritage serve` builds."""
        return self.cache / "preview"

    def rel(self, path: Path) -> str:
        """A path as problems show it: relative to the project, with '/'."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def collection_dirs(self) -> list[Path]:
        """Every folder under content/ that is meant to be a collection."""
        if not self.content.is_dir():
            return []
        return sorted(
            p for p in self.content.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
        )

    def reader_folders(self) -> list[Path]:
        """Every folder whose files the catalogue reads."""
        return [*self.collection_dirs(), self.sites, self.delegations]


@dataclass(frozen=True)
class Refusal:
    """Why a file named in the content cannot be used: a message code and its parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


def locate_image(project: Project, file: str) -> Path | Refusal:
    """The photo that a record names (relative to assets/images/), or why it cannot be used.

    Its real path must lie inside assets/; that is decided before looking at
    whether it exists, so a link to /etc/passwd and a link to nothing get the
    same answer.
    """
    path = PurePosixPath(file.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or ":" in file:
        return Refusal("image_outside")
    target = project.images / path
    if not lies_within(target, project.assets):
        return Refusal("image_link_outside")
    if not target.is_file():
        return Refusal("image_missing")
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return Refusal("image_file_too_big", {"size": round(size / 1_000_000), "limit": MAX_IMAGE_BYTES // 1_000_000})
    return real(target)


def _candidates(folder: Path) -> list[Path]:
    """Files of a folder an editor means to be read, links included, sorted."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if (p.is_file() or p.is_symlink()) and not p.name.startswith(".") and not p.name.endswith("~")
        and p.name.lower() != "readme.md"
    )


def project_root_of(folder: Path) -> Path:
    """The project a folder belongs to: the nearest folder, from `folder` upwards, with content/ or sites/."""
    for candidate in (folder, *folder.parents):
        if (candidate / "content").is_dir() or (candidate / "sites").is_dir():
            return candidate
    return folder


def visible_files(folder: Path) -> list[Path]:
    """Files of a folder, sorted, without hidden files, editor backups and links that lead out of the project."""
    root = project_root_of(folder)
    return [p for p in _candidates(folder) if p.is_file() and lies_within(p, root)]


def links_outside(project: Project) -> list[Path]:
    """Files in the folders the catalogue reads that lead outside the project (they, or their folder, are links)."""
    return [p for folder in project.reader_folders() for p in _candidates(folder) if not lies_within(p, project.root)]


def report_links_outside(project: Project, problems: "Problems") -> None:
    """One error per file that `visible_files` leaves out because it links outside the project."""
    for path in links_outside(project):
        problems.add(project.rel(path), 0, "", "file_links_outside")
