"""The engines that turn a site × language's docs folder into pages: MkDocs, and Zensical.

MkDocs with Material is the reference. Material's end of maintenance is
announced for 2027; Zensical, by its authors, reads the same mkdocs.yml and
renders the same theme conventions with MiniJinja (our overrides keep to the
Jinja both render: tests/test_theme_engines.py). Both build the docs folder
and generated mkdocs.yml that docs_tree.py writes; they differ in:
- where they may write: Zensical only inside its config's folder, so it
  builds into the work folder and the pages are moved to the staging folder;
- their search index: Material writes search/search_index.json with "docs",
  Zensical search.json with "items" (search_shape.py and search_segments.py
  work on either), each read by its own search;
- what else they do: MkDocs' dirty builds (the preview's updates) and the
  offline edition's search, written for Material's, are MkDocs only.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Iterator

from .mkdocs_run import build_one

ZENSICAL_OUTPUT = "site"  # inside the work folder: Zensical refuses a site_dir outside its config's folder
ZENSICAL_PROGRESS = ("Build started", "No issues found", "Build finished")  # what it prints when all is well


@dataclass(frozen=True)
class Engine:  # compared with ==: a worker process gets a copy
    name: str
    search_index: Path  # the search index, in a built site × language
    entries: str  # the key of the index's list of entries
    package: str  # the Python distribution that brings it
    theme_options: dict = field(default_factory=dict, hash=False)  # added to the generated mkdocs.yml's theme

    def site_dir(self, site_dir: Path) -> str:
        """What the generated mkdocs.yml gives as `site_dir`, for pages that are to end in `site_dir`."""
        return ZENSICAL_OUTPUT if self == ZENSICAL else str(site_dir)

    def source(self, path: str) -> str:
        """Where a planned page's Markdown goes in the docs folder. Zensical reads the links inside a page's
        HTML as relative to its source file and moves them with the page, so its sources lie in the folders
        of their addresses (x/y.md as x/y/index.md), where our links, relative to the address, stay right."""
        if self != ZENSICAL or path.rpartition("/")[2] == "index.md":
            return path
        return path.removesuffix(".md") + "/index.md"

    def installed(self) -> bool:
        return find_spec(self.package) is not None

    def theme_templates(self) -> Path:
        """The folder of the theme templates it renders: Material's, or Zensical's copy of them."""
        package = "material" if self.package == "mkdocs" else self.package
        return Path(find_spec(package).origin).parent / "templates"


MKDOCS = Engine("mkdocs", Path("search") / "search_index.json", "docs", "mkdocs")
ZENSICAL = Engine("zensical", Path("search.json"), "items", "zensical",
                  {"variant": "classic"})  # Material's look (its "modern" one has a white header, not the province's red)
ENGINES = {engine.name: engine for engine in (MKDOCS, ZENSICAL)}


def build_pages(engine: Engine, config_file: Path, site_dir: Path, source_date_epoch: str) -> list[str]:
    """Build one generated mkdocs.yml into `site_dir`; the warnings and errors it gave (none: it built)."""
    if engine == MKDOCS:
        return build_one(str(config_file), source_date_epoch)
    return _zensical(config_file, site_dir, source_date_epoch)


def _zensical(config_file: Path, site_dir: Path, source_date_epoch: str) -> list[str]:
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch
    import zensical
    import zensical.config

    built = config_file.parent / ZENSICAL_OUTPUT
    called_from = os.getcwd()
    os.chdir(config_file.parent)  # Zensical takes the working folder for the project's root
    try:
        with _printed() as said:  # it prints its progress and findings itself, from Rust
            zensical.build(str(config_file), {"strict": False, "clean": True})
    except (RuntimeError, zensical.config.ConfigurationError) as exc:  # a template or setting it could not use
        return [str(exc)]
    finally:
        os.chdir(called_from)
    findings = [line for line in said if line.strip() and not line.startswith(ZENSICAL_PROGRESS)]
    if findings:  # as MkDocs' warnings: the build is not published
        return findings
    if not (built / "index.html").is_file():
        return ["Zensical wrote no pages"]
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(built, site_dir)
    return []


@contextmanager
def _printed() -> Iterator[list[str]]:
    """The lines written to this process's standard output and error in the block (at the file descriptors:
    Zensical's Rust code does not go through sys.stdout)."""
    lines: list[str] = []
    sys.stdout.flush()
    sys.stderr.flush()
    with tempfile.TemporaryFile() as capture:
        kept = [os.dup(1), os.dup(2)]
        os.dup2(capture.fileno(), 1)
        os.dup2(capture.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(kept[0], 1)
            os.dup2(kept[1], 2)
            for descriptor in kept:
                os.close(descriptor)
            capture.seek(0)
            lines += capture.read().decode("utf-8", "replace").splitlines()
