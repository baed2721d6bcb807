"""A project folder: where its content, sites, assets and outputs live.

Any folder with the layout of DESIGN.md is a project, so a town can keep its own
content repository and use the same tool (`heritage --project DIR ...`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    def images(self) -> Path:
        return self.root / "assets" / "images"

    @property
    def public(self) -> Path:
        return self.root / "public"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

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


def visible_files(folder: Path) -> list[Path]:
    """Files of a folder, sorted, without hidden files and editor backups."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith("~") and p.name.lower() != "readme.md"
    )
