"""Reading a whole project into a frozen Catalogue, collecting every problem.

The read phase touches no output: it loads and validates every file, then runs
the checks that span files (ids, references, languages), and only then does a
command decide whether to go on. A file with errors is left out of the
catalogue, so that one broken file cannot hide the problems of the others.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from . import checks
from .loading import SourceDocument, load_markdown_file, load_yaml_file
from .models import COLLECTIONS, KIND_COLLECTION, Delegation, PageFrontMatter, Record, Site
from .models.fields import LANGUAGE_CODE, SLUG, slugify
from .places import Address, Gazetteer
from .problems import Problems
from .project import Project, visible_files
from .site.urls import RESERVED_PATHS
from .validation import validate

PAGE_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2,3})\.md$")
PAGES = "pages"


@dataclass(frozen=True)
class RecordEntry:
    id: str
    collection: str
    path: str
    record: Record
    source: SourceDocument
    address: Address | None

    @property
    def kind(self) -> str:
        return self.record.kind


@dataclass(frozen=True)
class PageEntry:
    slug: str
    lang: str
    path: str
    front: PageFrontMatter
    body: str


@dataclass(frozen=True)
class SiteEntry:
    name: str
    path: str
    site: Site
    source: SourceDocument

    def includes(self, entry: RecordEntry) -> bool:
        include = self.site.include
        if entry.id in include.exclude:
            return False
        if include.everything:
            return True
        return entry.id in include.ids or entry.kind in include.kinds or bool(set(entry.record.tags) & set(include.tags))


@dataclass(frozen=True)
class DelegationEntry:
    name: str
    path: str
    delegation: Delegation
    source: SourceDocument


@dataclass(frozen=True)
class Catalogue:
    records: Mapping[str, RecordEntry]
    pages: tuple[PageEntry, ...]
    sites: Mapping[str, SiteEntry]
    delegations: Mapping[str, DelegationEntry]
    files_read: int = 0

    def members(self, site: SiteEntry) -> list[RecordEntry]:
        return [entry for entry in self.records.values() if site.includes(entry)]


@dataclass
class CheckContext:
    """What every check needs; passed explicitly, never kept in a module."""

    project: Project
    problems: Problems = field(default_factory=Problems)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    today: dt.date = field(default_factory=dt.date.today)


def load_catalogue(ctx: CheckContext) -> Catalogue:
    """Read and check every file of the project; problems go to `ctx.problems`."""
    project = ctx.project
    records: dict[str, RecordEntry] = {}
    pages: list[PageEntry] = []
    files = 0
    for folder in project.collection_dirs():
        if folder.name == PAGES:
            for path in visible_files(folder):
                files += 1
                page = _read_page(path, ctx)
                if page:
                    pages.append(page)
        elif folder.name in COLLECTIONS:
            for path in visible_files(folder):
                files += 1
                entry = _read_record(path, folder.name, ctx)
                if entry is None:
                    continue
                if entry.id in records:
                    ctx.problems.add(entry.path, 1, "", "id_clash", id=entry.id, other=records[entry.id].path)
                    continue
                records[entry.id] = entry
        else:
            choices = ", ".join([*COLLECTIONS, PAGES])
            ctx.problems.add(project.rel(folder), 0, "", "unknown_collection", name=folder.name, choices=choices)

    sites, read = _read_publications(project.sites, Site, SiteEntry, ctx)
    files += read
    delegations, read = _read_publications(project.delegations, Delegation, DelegationEntry, ctx)
    files += read

    catalogue = Catalogue(
        records=MappingProxyType(dict(sorted(records.items()))),
        pages=tuple(sorted(pages, key=lambda p: (p.front.order, p.slug, p.lang))),
        sites=MappingProxyType(dict(sorted(sites.items()))),
        delegations=MappingProxyType(dict(sorted(delegations.items()))),
        files_read=files,
    )
    checks.check_catalogue(catalogue, ctx)
    return catalogue


def _read_publications(folder: Path, model, entry_type, ctx: CheckContext) -> tuple[dict, int]:
    """Sites or delegations: the valid ones by name, and how many files were read."""
    entries = {}
    paths = _yml_files(folder, ctx)
    for path in paths:
        doc = load_yaml_file(path, ctx.project.rel(path), ctx.problems)
        value = doc and validate(doc, model, ctx.problems)
        if value:
            entries[path.stem] = entry_type(path.stem, doc.path, value, doc)
    return entries, len(paths)


def _yml_files(folder: Path, ctx: CheckContext) -> list[Path]:
    out = []
    for path in visible_files(folder):
        if path.suffix == ".yml":
            out.append(path)
        else:
            ctx.problems.add(ctx.project.rel(path), 0, "", "not_yml", suggestion=path.stem + ".yml")
    return out


def _read_record(path: Path, collection: str, ctx: CheckContext) -> RecordEntry | None:
    rel = ctx.project.rel(path)
    if path.suffix != ".yml":
        ctx.problems.add(rel, 0, "", "not_yml", suggestion=slugify(path.stem) + ".yml")
        return None
    if not SLUG.match(path.stem):
        ctx.problems.add(rel, 1, "", "bad_id", value=path.stem, suggestion=slugify(path.stem))
    doc = load_yaml_file(path, rel, ctx.problems)
    if doc is None:
        return None
    kind = doc.data.get("kind")
    home = KIND_COLLECTION.get(kind) if isinstance(kind, str) else None
    if home and home != collection:
        ctx.problems.add(rel, doc.line_of(("kind",)), "kind", "kind_wrong_collection", kind=kind, collection=home)
        return None
    record = validate(doc, COLLECTIONS[collection], ctx.problems)
    if record is None:
        return None
    address = checks.check_record(record, doc, ctx)
    if ctx.problems.has_errors_for(rel) or not SLUG.match(path.stem):
        return None
    return RecordEntry(path.stem, collection, rel, record, doc, address)


def _read_page(path: Path, ctx: CheckContext) -> PageEntry | None:
    rel = ctx.project.rel(path)
    name = PAGE_FILE.match(path.name)
    if not name or not LANGUAGE_CODE.match(name["lang"]):
        ctx.problems.add(rel, 0, "", "page_name")
        return None
    if name["slug"] in RESERVED_PATHS:
        ctx.problems.add(rel, 0, "", "reserved_slug", slug=name["slug"], taken=", ".join(RESERVED_PATHS))
        return None
    page = load_markdown_file(path, rel, ctx.problems)
    if page is None:
        return None
    front = validate(page.front, PageFrontMatter, ctx.problems)
    if front is None:
        return None
    return PageEntry(name["slug"], name["lang"], rel, front, page.body)
