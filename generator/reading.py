"""Reading a whole project into a frozen Catalogue, collecting every problem.

The read phase touches no output: it loads and validates every file, then runs
the checks that span files (ids, references, languages), and only then does a
command decide whether to go on. A file with errors is left out of the
catalogue, so that one broken file cannot hide the problems of the others; its
id still counts as taken (`Catalogue.failed`).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import MappingProxyType

from . import checks
from .catalogue import Catalogue, CheckContext, DelegationEntry, FailedRecord, PageEntry, RecordEntry, SiteEntry
from .loading import load_markdown_file, load_yaml_file
from .models import COLLECTIONS, KIND_COLLECTION, RESERVED_NAMES, RESERVED_PATHS, Delegation, PageFrontMatter, Site, is_located
from .models.fields import LANGUAGE_CODE, SLUG, slugify
from .models.markdown import line_of_link, unsafe_link
from .models.towns import TOWNS_FILE, Places, Town
from .problems import Problems
from .project import lies_within, report_links_outside, visible_files
from .province_outline import read_outline
from .translations.memory import read_memories
from .validation import validate

PAGE_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2,3})\.md$")
PAGES = "pages"


def load_catalogue(ctx: CheckContext) -> Catalogue:
    """Read and check every file of the project; problems go to `ctx.problems`."""
    project = ctx.project
    records: dict[str, RecordEntry] = {}
    failed: dict[str, FailedRecord] = {}
    pages: list[PageEntry] = []
    failed_pages: dict[tuple[str, str], str] = {}
    files = 0
    report_links_outside(project, ctx.problems)  # such files are not read: say so
    for folder in project.collection_dirs():
        if folder.name == PAGES:
            for path in visible_files(folder):
                files += 1
                page = read_page(path, ctx)
                if isinstance(page, PageEntry):
                    pages.append(page)
                elif page:  # a page with errors still has its language: no "missing version" for it
                    failed_pages[page] = ctx.project.rel(path)
        elif folder.name in COLLECTIONS:
            for path in visible_files(folder):
                files += 1
                entry = read_record_once(path, folder.name, ctx)
                if entry is None:
                    continue
                first = records.get(entry.id) or failed.get(entry.id)
                if first:
                    ctx.problems.add(entry.path, 1, "", "id_clash", id=entry.id, other=first.path)
                elif isinstance(entry, FailedRecord):
                    failed[entry.id] = entry
                else:
                    records[entry.id] = entry
        else:
            choices = ", ".join([*COLLECTIONS, PAGES])
            ctx.problems.add(project.rel(folder), 0, "", "unknown_collection", name=folder.name, choices=choices)

    sites, site_files = _read_publications(project.sites, Site, SiteEntry, ctx)
    delegations, visit_files = _read_publications(project.delegations, Delegation, DelegationEntry, ctx)
    files += len(site_files) + len(visit_files)

    catalogue = Catalogue(
        records=MappingProxyType(dict(sorted(records.items()))),
        pages=tuple(sorted(pages, key=lambda p: (p.front.order, p.slug, p.lang))),
        sites=MappingProxyType(dict(sorted(sites.items()))),
        delegations=MappingProxyType(dict(sorted(delegations.items()))),
        files_read=files,
        failed=MappingProxyType(dict(sorted(failed.items()))),
        failed_sites=frozenset(site_files) - set(sites),
        failed_pages=MappingProxyType(dict(sorted(failed_pages.items()))),
        towns=_read_towns(ctx),
        outline=read_outline(ctx),
        translations=MappingProxyType(read_memories(project, ctx.problems)),
    )
    checks.check_catalogue(catalogue, ctx)
    ctx.gazetteer.save()
    return catalogue


def _read_publications(folder: Path, model, entry_type, ctx: CheckContext) -> tuple[dict, list[str]]:
    """Sites or delegations: the valid ones by name, and the names of all files read."""
    entries = {}
    paths = _yml_files(folder, ctx)
    for path in paths:
        doc = load_yaml_file(path, ctx.project.rel(path), ctx.problems)
        value = doc and validate(doc, model, ctx.problems)
        if value:
            entries[path.stem] = entry_type(path.stem, doc.path, value, doc)
    return entries, [path.stem for path in paths]


def _read_towns(ctx: CheckContext) -> tuple[Town, ...]:
    """The project's list of towns for printed maps; none when it keeps no list."""
    path = ctx.project.content / TOWNS_FILE
    if not path.is_file():
        return ()
    rel = ctx.project.rel(path)
    if not lies_within(path, ctx.project.root):  # a link elsewhere would print another file's data
        ctx.problems.add(rel, 0, "", "file_links_outside")
        return ()
    doc = load_yaml_file(path, rel, ctx.problems)
    places = doc and validate(doc, Places, ctx.problems)
    return tuple(places.towns) if places else ()


def _yml_files(folder: Path, ctx: CheckContext) -> list[Path]:
    out = []
    for path in visible_files(folder):
        if path.suffix == ".yml":
            out.append(path)
        else:
            ctx.problems.add(ctx.project.rel(path), 0, "", "not_yml", suggestion=path.stem + ".yml")
    return out


def read_record_once(path: Path, collection: str, ctx: CheckContext) -> RecordEntry | FailedRecord | None:
    """`read_record`, or what it gave the last time for the same file, size, time and day (`ctx.records_read`).

    A record's checks read only its file (the coordinates' commune, the dates
    against the day): what else they look at, a photo under assets/, makes a
    preview build afresh, which starts a new memo.
    """
    memo = ctx.records_read
    try:
        stat = path.stat()
    except OSError:
        memo = None
    if memo is None:
        return read_record(path, collection, ctx)
    key = (collection, stat.st_mtime_ns, stat.st_size, ctx.today)
    kept = memo.get(path)
    if kept and kept[0] == key:
        ctx.problems.extend(kept[2])
        return kept[1]
    own = dataclasses.replace(ctx, problems=Problems())
    entry = read_record(path, collection, own)
    ctx.problems.extend(own.problems)
    memo[path] = (key, entry, own.problems)
    return entry


def read_record(path: Path, collection: str, ctx: CheckContext, text: str | None = None) -> RecordEntry | FailedRecord | None:
    """The record, or what is known of a file with errors; None when the file name is no id at all.
    With `text`, the file as it would be after a change (spreadsheets and the editor check before writing)."""
    rel = ctx.project.rel(path)
    valid_id = bool(SLUG.match(path.stem))
    failed = FailedRecord(path.stem, rel) if valid_id else None
    if path.suffix != ".yml":
        ctx.problems.add(rel, 0, "", "not_yml", suggestion=slugify(path.stem) + ".yml")
        return failed
    if not valid_id:
        ctx.problems.add(rel, 1, "", "bad_id", value=path.stem, suggestion=slugify(path.stem))
    elif path.stem in RESERVED_NAMES:
        ctx.problems.add(rel, 1, "", "reserved_id", id=path.stem)
    doc = load_yaml_file(path, rel, ctx.problems, text)
    if doc is None:
        return failed
    kind = doc.data.get("kind")
    kind = kind if isinstance(kind, str) and kind in KIND_COLLECTION else None
    if failed:  # now with what the file says of itself, should it fail further on
        tags = doc.data.get("tags") if isinstance(doc.data.get("tags"), list) else []
        failed = FailedRecord(path.stem, rel, kind, tuple(tag for tag in tags if isinstance(tag, str)))
    home = KIND_COLLECTION[kind] if kind else None
    if home and home != collection:
        ctx.problems.add(rel, doc.line_of(("kind",)), "kind", "kind_wrong_collection", kind=kind, collection=home)
        return failed
    located = frozenset({("location",), ("location", "coordinates")}) if kind and is_located(kind) else frozenset()
    record = validate(doc, COLLECTIONS[collection], ctx.problems, required=located)
    if record is None:
        return failed
    address = checks.check_record(record, doc, ctx)
    if ctx.problems.has_errors_for(rel) or not valid_id:
        return failed
    return RecordEntry(path.stem, collection, rel, record, doc, address)


def read_page(path: Path, ctx: CheckContext, text: str | None = None) -> PageEntry | tuple[str, str] | None:
    """The page; for a page with errors its (slug, language), or None when its name says neither.
    With `text`, the page as it would be after a change (a translation import checks before writing)."""
    rel = ctx.project.rel(path)
    name = PAGE_FILE.match(path.name)
    if not name or not LANGUAGE_CODE.match(name["lang"]):
        ctx.problems.add(rel, 0, "", "page_name")
        return None
    taken = sorted({*RESERVED_PATHS, *RESERVED_NAMES})  # index.md is the home page
    if name["slug"] in taken:
        ctx.problems.add(rel, 0, "", "reserved_slug", slug=name["slug"], taken=", ".join(taken))
        return None
    failed = (name["slug"], name["lang"])
    page = load_markdown_file(path, rel, ctx.problems, text)
    if page is None:
        return failed
    front = validate(page.front, PageFrontMatter, ctx.problems)
    link = unsafe_link(page.body)
    if link:
        ctx.problems.add(rel, page.body_line + line_of_link(page.body, link) - 1, "", "unsafe_link", link=link)
    if front is None or link:
        return failed
    return PageEntry(name["slug"], name["lang"], rel, front, page.body)
