"""`heritage build`: every website and its delegations' brochures, all or nothing.

Phases, in order (Pelican's model): check where the output goes (output.py);
read and check the whole project; process the photos that the outputs show
(presentation/); make the websites (site/) and the brochures (brochure/) into
a staging folder, with a site's editor for its Git host (cms/) when it has
one; and only when all of that succeeded, replace each
`DIR/<site>/` and `DIR/brochures/` with the new one (publish.py, which keeps
whatever the tool did not write). A failure or a stop signal at any point
removes the staging folder and leaves DIR as it was. The two outputs never
import each other: this module calls both.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .build_result import BuildResult
from .catalogue import Catalogue, CheckContext, DelegationEntry
from .cms import decap
from .cms.admin import write_admin
from .output import check_out_folder, is_our_docx, is_our_pdf, read_manifest
from .presentation.images import collect_photos, place
from .reading import load_catalogue
from .publish import BROCHURES, Staging, check_published_folder, publish
from .site.engines import MKDOCS, Engine
from .site.make import PREVIEW_WORK, make_sites
from .stopping import signals_held


def build_sites(ctx: CheckContext, names: list[str], out: Path, url: str | None = None, brochures: bool = True,
                engine: Engine = MKDOCS) -> BuildResult:
    """Build the named sites (all when none) into `out`, with the brochures of their delegations.

    `url` serves the sites at another address (a preview, which also leaves the brochures out);
    `engine` builds the pages (site/engines.py). Raises OutputRefused when `out` is not a place to
    build into, before reading anything.
    """
    check_out_folder(ctx.project, out)
    result = BuildResult(ctx.problems)
    if not engine.installed():  # before anything is read: the whole build would be for nothing
        ctx.problems.add("", 0, "", "engine_missing", engine=engine.name, package=engine.package)
        return result
    with result.stage("read and check"):
        catalogue = load_catalogue(ctx)
    for name in names:
        if name not in catalogue.sites:
            ctx.problems.add("sites", 0, "", "unknown_site", ref=name, choices=", ".join(catalogue.sites) or "-")
    if not result.ok:
        return result
    chosen = [catalogue.sites[name] for name in (names or list(catalogue.sites))]
    release = decap.folder()
    for site in chosen:
        if site.site.editing and not decap.is_fetched(release):  # the build never downloads
            ctx.problems.add(site.path, site.source.line_of(("editing",)), "editing", "cms_not_fetched", version=decap.VERSION)
    if not result.ok:
        return result
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
        if url:  # a preview: kept apart from the published build's docs trees, and served without .br/.gz
            make_sites(ctx, catalogue, chosen, media, staging.path, result, compressed=False, work=PREVIEW_WORK)
        else:
            make_sites(ctx, catalogue, chosen, media, staging.path, result, engine=engine)
        if not result.ok:
            return result
        with result.stage("editor"):
            for site in chosen:
                if site.site.editing:
                    write_admin(site.site, staging.path / site.name, release)
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


def _keep_other_brochures(catalogue: Catalogue, sites: list[str], old: Path, new: Path) -> None:
    """The last build's brochures for sites not built this time stay as they were (a deleted visit's goes)."""
    made = read_manifest(old)
    new.mkdir(parents=True, exist_ok=True)
    for entry in catalogue.delegations.values():
        for name, ours in ((f"{entry.name}.pdf", is_our_pdf), (f"{entry.name}.docx", is_our_docx)):
            file = old / name
            if made and entry.delegation.site not in sites and name in made.files and not file.is_symlink() and ours(file):
                place(file, new / name)


def _render_brochures(ctx: CheckContext, catalogue: Catalogue, visits: list[DelegationEntry], folder: Path) -> None:
    """The brochure of every delegation whose website is being built, and its programme as a Word file."""
    if not visits:
        return
    from .brochure.make import render_visit, write_programme  # WeasyPrint loads only when there is a brochure to make

    for entry in visits:
        render_visit(ctx, catalogue, entry, folder / f"{entry.name}.pdf")
        write_programme(ctx, catalogue, entry, folder / f"{entry.name}.docx")
