"""`heritage build`: every website, all or nothing.

Phases, in order (Pelican's model): check where the output goes (output.py);
read and check the whole project; plan and write every site × language docs
tree; run the MkDocs builds in parallel into a staging folder; add each site's
root files; and only when all of that succeeded, replace `DIR/<site>/` with the
new one (publish.py, which keeps whatever the tool did not write). A failure
or a stop signal at any point removes the staging folder and leaves DIR as it
was.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Catalogue, CheckContext, DelegationEntry, load_catalogue
from ..output import check_out_folder, is_our_pdf, read_manifest
from ..problems import Problems
from ..stopping import signals_held
from .compress import precompress, precompress_file
from .docs_tree import Job, write_job
from . import covers
from .images import collect_photos, place
from .labels import Labels
from .mkdocs_run import build_one, run_parallel
from .plan import SitePlan, pick_text, plan_site
from .postbuild import write_site_root
from .publish import BROCHURES, Staging, check_published_folder, publish
from .render import MarkdownCache, make_environment
from .theme import prepare_theme

@dataclass
class BuildResult:
    problems: Problems
    sites: list[str] = field(default_factory=list)
    images_processed: int = 0  # photos not found in the cache
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for bench/

    @contextmanager
    def stage(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def source_date_epoch(root: Path) -> str:
    """The last commit's time, so that rebuilding the same commit gives the same bytes."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "0"
    except (OSError, subprocess.SubprocessError):
        return "0"


def build_sites(ctx: CheckContext, names: list[str], out: Path, url: str | None = None, brochures: bool = True) -> BuildResult:
    """Build the named sites (all when none) into `out`, with the brochures of their delegations.

    `url` serves the sites at another address (a preview, which also leaves the brochures out).
    Raises OutputRefused when `out` is not a place to build into, before reading anything.
    """
    check_out_folder(ctx.project, out)
    result = BuildResult(ctx.problems)
    with result.stage("read and check"):
        catalogue = load_catalogue(ctx)
    for name in names:
        if name not in catalogue.sites:
            ctx.problems.add("sites", 0, "", "unknown_site", ref=name, choices=", ".join(catalogue.sites) or "-")
    if not result.ok:
        return result
    chosen = [catalogue.sites[name] for name in (names or list(catalogue.sites))]
    if url:
        chosen = [dataclasses.replace(s, site=s.site.model_copy(update={"url": url})) for s in chosen]

    sites = [site.name for site in chosen]
    visits = [entry for entry in catalogue.delegations.values() if brochures and entry.delegation.site in sites]
    # The brochures folder is published again when it has something to show or to drop.
    republish = brochures and (visits or read_manifest(out / BROCHURES) is not None)
    published = sites + ([BROCHURES] if republish else [])
    for name in published:
        check_published_folder(ctx.project, out / name)

    created = not out.exists()
    staging = Staging.create(ctx.project, out)
    try:
        with result.stage("photos"):
            media, processed = collect_photos(ctx.project, [m for site in chosen for m in catalogue.members(site)], result.problems)
        result.images_processed = processed
        if not result.ok:
            return result
        with result.stage("covers"):
            cover_folders = _draw_covers(ctx, catalogue, chosen, media)
        plans = _build_into(ctx, catalogue, chosen, staging.path, result, media)
        if not result.ok:
            return result
        env = make_environment()
        with result.stage("site roots"):
            _write_roots(env, ctx, catalogue, chosen, plans, media, cover_folders, staging.path)
        with result.stage("brochures"):
            _render_brochures(ctx, catalogue, visits, staging.folder(BROCHURES))
            if republish:
                _keep_other_brochures(catalogue, sites, out / BROCHURES, staging.folder(BROCHURES))
        if not result.ok:
            return result
        with result.stage("publish"):
            publish(ctx.project, staging, out, published)
        result.sites = sites  # the brochures folder is not a site
        return result
    finally:
        with signals_held():  # a second Ctrl-C must not leave half a staging folder
            staging.remove()
            if created and not result.sites and out.is_dir() and not any(out.iterdir()):
                out.rmdir()  # a failed first build leaves no empty folder behind


def _write_roots(env, ctx, catalogue, chosen, plans, media, cover_folders, staging: Path) -> None:
    """Each site's root files, photos and covers."""
    for site in chosen:
        write_site_root(env, catalogue, site, plans[site.name], staging / site.name)
        for name in ("index.html", "sitemap.xml", "404.html", "data"):  # the languages compressed their own
            target = staging / site.name / name
            cache = ctx.project.cache / "compressed"
            precompress(target, cache) if target.is_dir() else precompress_file(target, cache)
        for member in catalogue.members(site):
            for image in member.record.images:
                media[image.file].publish(staging / site.name)
        for (name, lang, record_id), folder in cover_folders.items():
            if name == site.name:
                covers.publish(folder, staging / site.name, lang, record_id)


def _draw_covers(ctx: CheckContext, catalogue: Catalogue, sites, media) -> dict[tuple[str, str, str], Path]:
    """A cover and sharing image for every record of every site, in each of the site's languages."""
    keys, jobs = [], []
    for site in sites:
        default = site.site.languages[0]
        for lang in site.site.languages:
            labels = Labels(lang)
            title = site.site.title.get(lang) or site.site.title[default]
            for member in catalogue.members(site):
                record = member.record
                photo = ""
                if record.images:
                    image = media[record.images[0].file]
                    photo = str(image.processed.cached(image.processed.jpegs()[-1]))
                name = pick_text(record.name, lang, site.site.languages).value
                keys.append((site.name, lang, member.id))
                jobs.append(covers.CoverJob(name, record.kind, labels(f"kind.{record.kind}"), title, photo))
    return dict(zip(keys, covers.make_all(jobs, ctx.project.cache / "covers")))


def _build_into(ctx: CheckContext, catalogue: Catalogue, sites, staging: Path, result: BuildResult, media) -> dict[str, list[SitePlan]]:
    """Plan every site x language here; render, write and build each in a worker process of its own."""
    project = ctx.project
    work = project.cache / "build"
    theme_dir = work / "theme"
    if theme_dir.exists():
        shutil.rmtree(theme_dir)
    languages = sorted({lang for site in sites for lang in site.site.languages})
    prepare_theme(project, languages, theme_dir)

    plans: dict[str, list[SitePlan]] = {}
    tasks, paths = [], []
    epoch = source_date_epoch(project.root)
    with result.stage("plan"):
        for site in sites:
            plans[site.name] = []
            for lang in site.site.languages:
                plan = plan_site(catalogue, site, lang, media)
                plans[site.name].append(plan)
                job = Job(site.name, lang, work / site.name / lang, staging / site.name / lang)
                tasks.append((project, plan, job, theme_dir, epoch))
                paths.append((job.lang, site.path))
    with result.stage("render and mkdocs"):
        messages = run_parallel(render_and_build, tasks)
    for (lang, site_path), found in zip(paths, messages):
        for message in found:
            result.problems.add(site_path, 0, "", "mkdocs_failed", lang=lang, detail=message.strip().splitlines()[0])
    return plans


def render_and_build(project, plan: SitePlan, job: Job, theme_dir: Path, epoch: str) -> list[str]:
    """In a worker: write one site x language's docs tree and config, then build it with MkDocs."""
    markdown = MarkdownCache(project.cache / "markdown" / f"{job.site}-{job.lang}.json")
    write_job(project, plan, job, make_environment(markdown), theme_dir, project.cache)
    markdown.save()
    problems = build_one(str(job.config_file), epoch)
    if not problems:
        precompress(job.site_dir, project.cache / "compressed")
    return problems


def _keep_other_brochures(catalogue: Catalogue, sites: list[str], old: Path, new: Path) -> None:
    """The last build's brochures for sites not built this time stay as they were (a deleted visit's goes)."""
    made = read_manifest(old)
    new.mkdir(parents=True, exist_ok=True)
    for entry in catalogue.delegations.values():
        name = f"{entry.name}.pdf"
        pdf = old / name
        if made and entry.delegation.site not in sites and name in made.files and not pdf.is_symlink() and is_our_pdf(pdf):
            place(pdf, new / name)


def _render_brochures(ctx: CheckContext, catalogue: Catalogue, visits: list[DelegationEntry], folder: Path) -> None:
    """The brochure of every delegation whose website is being built."""
    if not visits:
        return
    from ..brochure.make import render_visit  # WeasyPrint loads only when there is a brochure to make

    for entry in visits:
        render_visit(ctx, catalogue, entry, folder / f"{entry.name}.pdf")
