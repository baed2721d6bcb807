"""The preview brought up to date in place after an edit of content/: only the pages the edit changes.

A full build of 1,000 records takes about 8 s, too long to wait for after
every save. The preview's full build (build_sites with a `url`) keeps each
language's docs folder and mkdocs.yml in .cache/preview-build/; after an edit
of content/, `update_in_place`:
- reads and checks the whole project (the record files that did not change
  as they were read the last time: `CheckContext.records_read`): with an
  error, nothing is written and the last good preview stays up, as after a
  full build;
- plans the site in the language being viewed, renders every page's Markdown
  and writes only the files that changed (a record's page, the lists and maps
  that show it, the pages that link to it);
- has MkDocs build only those (its "dirty" build: the sources newer than
  their output), into the preview itself;
- puts their search entries, as MkDocs wrote them, in place of the old ones
  (kept from the last build), and shapes and segments the whole index as a
  full build does;
- tells the preview that this language is ready (its open pages reload), and
  does the same for the site's other languages, then the files at its root.
What changes more than pages (a page or file added or gone, the site's
settings, a photo, a kind's sharing image) raises NeedsFullBuild: the full
build stays the reference, and a test compares the two results file by file.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Callable

import yaml

from ..build_result import BuildResult
from ..catalogue import CheckContext
from ..presentation.images import collect_photos
from ..presentation.markdown import MarkdownCache
from ..reading import load_catalogue
from .docs_tree import PAGE_CONTEXT, Job, is_page_source, mkdocs_config, page_sources, write_config
from .make import PREVIEW_WORK, THEME, finish_search_index, media_files, reference_day, source_date_epoch
from .mkdocs_run import build_one
from .plan import plan_site
from .postbuild import write_site_root
from .render import make_environment, render_page
from .search_shape import SEARCH_INDEX
from .views import SitePlan


class NeedsFullBuild(Exception):
    """The edit changes more than pages: only a full build makes the preview right."""


def update_in_place(ctx: CheckContext, name: str, url: str, out: Path, first: str,
                    ready: Callable[[str, int], None]) -> tuple[BuildResult, bool]:
    """Bring `out/<name>/`, the preview of site `name` at `url`, up to date with the project.

    `first`: the language to update first (the one being viewed); `ready(lang, pages)`
    after each language with the number of pages built again, then `ready("", 0)`
    after the site's root files. Raises NeedsFullBuild when the edit needs a
    full build: before anything is written, unless a language after the first
    is the one that needs it (the full build then makes the whole preview
    again). Problems go to the result, as a build's do. The flag says whether
    anything was written: a mistake found in reading and checking leaves the
    preview as it was.
    """
    project = ctx.project
    result = BuildResult(ctx.problems)
    with result.stage("read and check"):
        catalogue = load_catalogue(ctx)
    if not result.ok:
        return result, False
    if name not in catalogue.sites:
        raise NeedsFullBuild(name)  # the full build says what is wrong
    entry = catalogue.sites[name]
    site = dataclasses.replace(entry, site=entry.site.model_copy(update={"url": url}))
    root = out / name
    with result.stage("photos"):
        media, processed = collect_photos(project, catalogue.members(site), result.problems)
    if not result.ok:
        return result, False
    on_disk = {path.relative_to(root).as_posix() for path in (root / "media").rglob("*") if path.is_file()}
    if processed or on_disk != media_files(catalogue, site, media):
        raise NeedsFullBuild("media")

    epoch = source_date_epoch(project.root)
    today = reference_day(epoch)
    work = project.cache / PREVIEW_WORK / name
    languages = list(site.site.languages)
    plans: dict[str, SitePlan] = {}
    for lang in sorted(languages, key=lambda code: code != first):
        with result.stage("plan"):
            plans[lang] = plan_site(catalogue, site, lang, media, today)
        with result.stage("render and mkdocs"):
            job = Job(name, lang, work / lang, root / lang)
            pages = _update_language(project, plans[lang], job, project.cache / PREVIEW_WORK / THEME, epoch, result)
        if not result.ok:
            return result, True
        ready(lang, pages)
    with result.stage("site roots"):
        write_site_root(make_environment(), catalogue, site, [plans[lang] for lang in languages], root)
    ready("", 0)
    result.sites = [name]
    return result, True


def _update_language(project, plan: SitePlan, job: Job, theme_dir: Path, epoch: str, result: BuildResult) -> int:
    """Write the pages of one language that changed, build them, and make its search index again; how many were built."""
    docs = job.work / "docs"
    if not (job.config_file.is_file() and docs.is_dir() and job.mkdocs_search_index.is_file()):
        raise NeedsFullBuild("no full build to start from")
    config = mkdocs_config(project, plan, job, theme_dir)
    before = yaml.safe_load(job.config_file.read_text(encoding="utf-8"))
    if {**before, "site_dir": None} != {**config, "site_dir": None}:  # only the output folder may differ
        raise NeedsFullBuild("settings")
    present = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    if {name for name in present if is_page_source(name)} != page_sources(plan):
        raise NeedsFullBuild("pages")

    markdown = MarkdownCache(project.cache / "markdown" / f"{job.site}-{job.lang}.json")
    env = make_environment(markdown)
    changed = set()
    for page in plan.pages:
        if _replace(docs / page.path, render_page(env, plan, page, PAGE_CONTEXT).encode("utf-8")):
            changed.add(page.url)
    files_changed = [_replace(docs / name, content) for name, content in plan.files]
    markdown.save()

    index = job.site_dir / SEARCH_INDEX
    entries = json.loads(job.mkdocs_search_index.read_text(encoding="utf-8"))
    if changed or any(files_changed):
        write_config(job, config)  # the same settings, with the preview itself as MkDocs' output
        for message in build_one(str(job.config_file), epoch, dirty=True):
            result.problems.add(plan.site.path, 0, "", "mkdocs_failed", lang=job.lang, detail=message.strip().splitlines()[0])
        if not result.ok:
            return 0
        # MkDocs wrote the entries of the pages it built, and only those
        entries = merge_search_entries(entries, json.loads(index.read_text(encoding="utf-8")), changed)
        job.mkdocs_search_index.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    # Shaped again whole: a record's entry also holds its names in the other languages, which another page may change.
    index.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    finish_search_index(plan, job)
    return len(changed)


def _replace(path: Path, content: bytes) -> bool:
    """Write `content` at `path` unless it is there already: MkDocs builds again what is newer than its output."""
    if path.read_bytes() == content:
        return False
    path.write_bytes(content)
    return True


def merge_search_entries(previous: dict, rebuilt: dict, urls: set[str]) -> dict:
    """The index `previous` with the entries of the pages at `urls` (a page's, and its sections') from `rebuilt`.

    They take the place of the old ones, so that the order is a full build's.
    """
    fresh: dict[str, list[dict]] = {}
    for doc in rebuilt.get("docs", []):
        fresh.setdefault(doc["location"].partition("#")[0], []).append(doc)
    docs, placed = [], set()
    for doc in previous.get("docs", []):
        url = doc["location"].partition("#")[0]
        if url not in urls:
            docs.append(doc)
        elif url not in placed:
            docs += fresh.get(url, [])
            placed.add(url)
    return {**previous, "config": rebuilt.get("config", previous.get("config")), "docs": docs}
