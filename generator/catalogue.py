"""The catalogue: what the read phase makes of a project, frozen, for every output.

A `Catalogue` holds the valid records, pages, sites and delegations, and what
is known of the files with errors (`failed`...): a broken file's id still
counts as taken, so that references to it from correct files raise no second,
misleading error (one mistake, one message). `reading.load_catalogue` makes
it; `CheckContext` is what every check of that phase needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .loading import SourceDocument
from .models import KIND_COLLECTION, Delegation, PageFrontMatter, Record, Site
from .models.towns import Outline, Town
from .places import Address, Gazetteer
from .problems import Problems
from .project import Project
from .translations.memory import Memory


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
class FailedRecord:
    """A record file that exists but did not validate: what can be told without trusting it."""

    id: str
    path: str
    kind: str | None = None  # when the file names a known kind
    tags: tuple[str, ...] = ()

    @property
    def collection(self) -> str | None:
        return KIND_COLLECTION.get(self.kind) if self.kind else None


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
    failed: Mapping[str, FailedRecord] = field(default_factory=lambda: MappingProxyType({}))
    failed_sites: frozenset[str] = frozenset()  # sites/<name>.yml files with errors
    failed_pages: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))  # (slug, lang): path
    towns: tuple[Town, ...] = ()  # content/_places/towns.yml: the towns that printed maps name
    outline: Outline | None = None  # content/_places/province.geojson: drawn under the offline edition's maps
    translations: Mapping[str, Memory] = field(default_factory=lambda: MappingProxyType({}))  # content/_translations/

    def members(self, site: SiteEntry) -> list[RecordEntry]:
        return [entry for entry in self.records.values() if site.includes(entry)]


@dataclass
class CheckContext:
    """What every check needs; passed explicitly, never kept in a module."""

    project: Project
    problems: Problems = field(default_factory=Problems)
    gazetteer: Gazetteer = None  # type: ignore[assignment]  # the project's own, with its cache, unless given
    today: dt.date = field(default_factory=dt.date.today)
    # Record files read before, with what was found in them: a preview's updates read again only
    # those that changed (see reading.read_record_once). None: every file is read.
    records_read: dict | None = None

    def __post_init__(self) -> None:
        if self.gazetteer is None:
            self.gazetteer = Gazetteer(self.project.cache / "places")
