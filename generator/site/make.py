"""The websites of one build: covers, docs trees, MkDocs builds and root files, into a staging folder.

Every site × language is planned here (pure, site/plan.py), then rendered,
written and built by MkDocs in a worker process of its own, in parallel; the
root files (language redirect, sitemap, 404, open data), the photos and the
covers follow.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from ..build_result import BuildResult
from ..catalogue import Catalogue, CheckContext
from ..languages import language
from ..models.vocabulary import KIND
from ..presentation import covers
from ..presentation.images import first_photo
from ..presentation.labels import Labels
from ..presentation.markdown import MarkdownCache
from .compress import precompress, precompress_file
from .docs_tree import Job, write_job
from .engines import MKDOCS, Engine, build_pages
from .mkdocs_run import run_parallel
from .plan import plan_site
from .views import SitePlan
from .postbuild import write_site_root
from .render import make_environment
from .search_segments import segment_search_index
from .search_shape import shape_search_index
from .theme import prepare_theme

WORK = "build"  # .cache/build/: each site x language's docs folder and mkdocs.yml, and the theme they share
PREVIEW_WORK = "preview-build"  # the preview's own, which its updates build on (preview_update.py)
THEME = "theme"


def make_sites(ctx: CheckContext, catalogue: Catalogue, sites, media, staging: Path, result: BuildResult,
               compressed: bool = True, work: str = WORK, engine: Engine = MKDOCS) -> None:
    """Every chosen site into `staging/<site>/`; problems go to `result`. `compressed`: with the .br and .gz
    copies that a web server sends (neither the offline edition nor the preview has such a server);
    `work`: the folder under .cache/ that holds the docs trees (the preview keeps its own: see preview_update);
    `engine`: what builds the pages (engines.py)."""
    with result.stage("covers"):
        cover_folders = _draw_covers(ctx, catalogue, sites, media)
    plans = _build_into(ctx, catalogue, sites, staging, result, media, compressed, ctx.project.cache / work, engine)
    if not result.ok:
        return
    with result.stage("site roots"):
        _write_roots(make_environment(), ctx, catalogue, sites, plans, media, cover_folders, staging, compressed)


def source_date_epoch(root: Path) -> str:
    """The last commit's time, so that rebuilding the same commit gives the same bytes."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "0"
    except (OSError, subprocess.SubprocessError):
        return "0"


def reference_day(epoch: str) -> dt.date:
    """The day the events pages count from: the last commit's (the same commit, the same pages); outside
    Git, SOURCE_DATE_EPOCH when it is set, else the day of the build."""
    seconds = epoch if epoch != "0" else os.environ.get("SOURCE_DATE_EPOCH", "")
    if seconds.isdigit() and int(seconds) > 0:
        return dt.datetime.fromtimestamp(int(seconds), dt.timezone.utc).date()
    return dt.date.today()


def _write_roots(env, ctx, catalogue, chosen, plans, media, cover_folders, staging: Path, compressed: bool) -> None:
    """Each site's root files, photos and covers."""
    for site in chosen:
        write_site_root(env, catalogue, site, plans[site.name], staging / site.name)
        for name in ("index.html", "sitemap.xml", "404.html", "data") if compressed else ():  # the languages did their own
            target = staging / site.name / name
            cache = ctx.project.cache / "compressed"
            precompress(target, cache) if target.is_dir() else precompress_file(target, cache)
        for member in catalogue.members(site):
            for image in member.record.images:
                media[image.file].publish(staging / site.name)
        for (name, lang, kind), folder in cover_folders.items():
            if name == site.name:
                covers.publish(folder, staging / site.name, lang, kind)


def _cover_kinds(catalogue: Catalogue, site, media) -> list[str]:
    """The kinds that a site's records without a photo have: each has a sharing image per language."""
    return sorted({member.record.kind for member in catalogue.members(site) if not first_photo(member.record, media)})


def media_files(catalogue: Catalogue, site, media) -> set[str]:
    """What a site publishes under media/: its records' photos and its kinds' sharing images."""
    photos = {published.path(variant) for member in catalogue.members(site) for image in member.record.images
              if (published := media.get(image.file)) for variant in published.processed.variants}
    kinds = _cover_kinds(catalogue, site, media)
    return photos | {covers.card_path(lang, kind) for lang in site.site.languages for kind in kinds}


def _draw_covers(ctx: CheckContext, catalogue: Catalogue, sites, media) -> dict[tuple[str, str, str], Path]:
    """The sharing image of each kind that a site's records without a photo have, in each of its languages."""
    keys, jobs = [], []
    for site in sites:
        kinds = _cover_kinds(catalogue, site, media)
        for lang in site.site.languages:
            labels = Labels(lang)
            title = site.site.title_in(lang)
            for kind in kinds:
                keys.append((site.name, lang, kind))
                jobs.append(covers.CoverJob(kind, labels(KIND[kind].label), title))
    return dict(zip(keys, covers.make_all(jobs, ctx.project.cache / "covers")))


def _build_into(ctx: CheckContext, catalogue: Catalogue, sites, staging: Path, result: BuildResult, media,
                compressed: bool, work: Path, engine: Engine) -> dict[str, list[SitePlan]]:
    """Plan every site x language here; render, write and build each in a worker process of its own."""
    project = ctx.project
    theme_dir = work / THEME
    if theme_dir.exists():
        shutil.rmtree(theme_dir)
    languages = sorted({lang for site in sites for lang in site.site.languages})
    prepare_theme(project, languages, theme_dir, engine.theme_templates())

    plans: dict[str, list[SitePlan]] = {}
    tasks, paths = [], []
    epoch = source_date_epoch(project.root)
    today = reference_day(epoch)
    with result.stage("plan"):
        for site in sites:
            plans[site.name] = []
            for lang in site.site.languages:
                plan = plan_site(catalogue, site, lang, media, today)
                plans[site.name].append(plan)
                job = Job(site.name, lang, work / site.name / lang, staging / site.name / lang)
                tasks.append((project, plan, job, theme_dir, epoch, compressed, engine))
                paths.append((job.lang, site.path))
    with result.stage("render and mkdocs"):
        messages = run_parallel(render_and_build, tasks)
    for (lang, site_path), found in zip(paths, messages):
        for message in found:
            result.problems.add(site_path, 0, "", "mkdocs_failed", lang=lang, detail=message.strip().splitlines()[0])
    return plans


def render_and_build(project, plan: SitePlan, job: Job, theme_dir: Path, epoch: str, compressed: bool,
                     engine: Engine = MKDOCS) -> list[str]:
    """In a worker: write one site x language's docs tree and config, then build it with the engine."""
    markdown = MarkdownCache(project.cache / "markdown" / f"{job.site}-{job.lang}.json")
    write_job(project, plan, job, make_environment(markdown), theme_dir, project.cache, engine)
    markdown.save()
    problems = build_pages(engine, job.config_file, job.site_dir, epoch)
    index = job.site_dir / engine.search_index
    if not problems and index.is_file() and engine == MKDOCS:
        shutil.copyfile(index, job.mkdocs_search_index)  # what the preview's updates start from
    if not problems:
        finish_search_index(plan, job, engine)  # before compression: the index changes
        if compressed:
            precompress(job.site_dir, project.cache / "compressed")
    return problems


def finish_search_index(plan: SitePlan, job: Job, engine: Engine = MKDOCS) -> None:
    """The built language's search index as visitors get it: shaped (search_shape.py), and its words marked
    in a language written without spaces (search_segments.py)."""
    shape_search_index(job.site_dir, plan.pages, engine)
    if language(job.lang).segmented:
        segment_search_index(job.site_dir, job.lang, engine)
