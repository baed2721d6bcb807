"""`heritage brochure`: a delegation's brochure, or a site's catalogue booklet, as PDF.

The same phases as the websites: read and check the whole project, process
the photos and covers the brochure prints, plan (pure), render, and write the
PDF under a temporary name that replaces the old one only when complete.
The PDF goes only where output.py allows: never among the project's own files,
and over an existing file only when that is a brochure this tool wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..catalogue import Catalogue, CheckContext, DelegationEntry
from ..checks import check_delegation
from ..loading import load_yaml_file
from ..models import Delegation
from ..models.towns import Town
from ..models.vocabulary import KIND
from ..output import check_out_file, why_not_written
from ..project import lies_within
from ..problems import Problems
from ..reading import load_catalogue
from ..presentation import covers
from ..presentation.images import collect_photos
from ..presentation.labels import Labels
from ..presentation.text import pick_text
from ..validation import validate
from .plan import BrochurePlan, plan_catalogue, plan_visit
from .render import render_html, write_pdf

STYLES = "brochure.css"


def find_visit(ctx: CheckContext, catalogue: Catalogue, visit: str) -> DelegationEntry | None:
    """A delegation by its name under sites/delegations/, or by the path of its file."""
    if visit in catalogue.delegations:
        return catalogue.delegations[visit]
    path = Path(visit)
    if path.suffix in (".yml", ".yaml") and path.is_file():
        for entry in catalogue.delegations.values():
            if (ctx.project.root / entry.path).resolve() == path.resolve():
                return entry
        doc = load_yaml_file(path, ctx.project.rel(path.resolve()), ctx.problems)
        delegation = doc and validate(doc, Delegation, ctx.problems)
        if delegation:
            entry = DelegationEntry(path.stem, doc.path, delegation, doc)
            check_delegation(entry, catalogue, ctx)
            return entry if not ctx.problems.errors else None
        return None
    choices = ", ".join(catalogue.delegations) or "-"
    ctx.problems.add("sites/delegations", 0, "", "unknown_visit", ref=visit, choices=choices)
    return None


def _images(ctx: CheckContext, catalogue: Catalogue, site_name: str, lang: str, ids: list[str], problems: Problems) -> dict[str, Path]:
    """For each record: its first photo (largest variant), or its drawn cover in `lang`."""
    entries = [catalogue.records[i] for i in ids]
    media, _ = collect_photos(ctx.project, entries, problems)
    site = catalogue.sites[site_name].site
    labels = Labels(lang)
    title = pick_text(site.title, lang, ["en", "vi"]).value
    out, jobs, keys = {}, [], []
    for entry in entries:
        record = entry.record
        if record.images and record.images[0].file in media:
            image = media[record.images[0].file]
            out[entry.id] = image.processed.cached(image.processed.jpegs()[-1])
        elif not record.images:
            name = pick_text(record.name, lang, ["en", "vi"]).value
            keys.append(entry.id)
            jobs.append(covers.CoverJob(name, record.kind, labels(KIND[record.kind].label), title))
    for key, folder in zip(keys, covers.make_all(jobs, ctx.project.cache / "covers")):
        out[key] = folder / covers.FILES[0]
    return out


def _css(ctx: CheckContext) -> str:
    path = ctx.project.assets / "theme" / STYLES
    inside = lies_within(path, ctx.project.assets)  # a link elsewhere would print another file into the PDF
    return path.read_text(encoding="utf-8") if inside and path.is_file() else ""


def render_visit(ctx: CheckContext, catalogue: Catalogue, entry: DelegationEntry, out: Path, bleed: bool = False) -> bool:
    visit = entry.delegation
    ids = [stop for day in visit.itinerary for stop in day.places]
    images = _images(ctx, catalogue, visit.site, visit.languages[0], ids, ctx.problems)
    if ctx.problems.errors:
        return False
    plan = plan_visit(catalogue, visit, {})
    return _write(ctx, plan, images, catalogue.towns, out, bleed)


def render_site(ctx: CheckContext, catalogue: Catalogue, site_name: str, lang: str, out: Path, paper: str = "A4", bleed: bool = False) -> bool:
    site = catalogue.sites[site_name]
    ids = [m.id for m in catalogue.members(site) if m.collection == "heritage"]
    images = _images(ctx, catalogue, site_name, lang, ids, ctx.problems)
    if ctx.problems.errors:
        return False
    plan = plan_catalogue(catalogue, site, lang, {}, paper)
    return _write(ctx, plan, images, (), out, bleed)  # a booklet has no route map


def _write(ctx: CheckContext, plan: BrochurePlan, images: dict[str, Path], towns: Sequence[Town], out: Path,
           bleed: bool) -> bool:
    """The PDF at `out`; False, with the reason in words, when it cannot be written (nothing is left behind).

    `towns`: the project's (content/_places/towns.yml), which the route map names where they fall inside it.
    """
    try:
        css = _css(ctx)
        write_pdf(lambda notes: render_html(plan, images, towns, css, bleed, notes), out, images)
    except OSError as exc:  # a full disk, a read-only one, a path through a file...
        ctx.problems.add(ctx.project.rel(out), 0, "", "write_failed", reason=why_not_written(exc))
        return False
    return True


def _visit_file(ctx: CheckContext, visit: str) -> str:
    """The file of a visit named on the command line, as problems name it."""
    if visit.endswith((".yml", ".yaml")):
        return ctx.project.rel(Path(visit).resolve())
    return ctx.project.rel(ctx.project.delegations / f"{visit}.yml")


def brochure_command(ctx: CheckContext, visit: str | None, site: str | None, lang: str | None, out: Path | None,
                     paper: str | None, bleed: bool) -> tuple[bool, Path | None]:
    """Raises OutputRefused, before anything is written, when the PDF may not go where it would."""
    if out:
        check_out_file(ctx.project, out)
    catalogue = load_catalogue(ctx)
    # Another visit's mistakes do not concern this brochure (`check` and `build` still report them).
    visits = ctx.project.rel(ctx.project.delegations) + "/"
    own = _visit_file(ctx, visit) if visit else ""
    ctx.problems.drop(lambda problem: problem.path.startswith(visits) and problem.path != own)
    if ctx.problems.errors:
        return False, None
    brochures = ctx.project.public / "brochures"
    if visit:
        entry = find_visit(ctx, catalogue, visit)
        if entry is None:
            return False, None
        if paper:
            entry = DelegationEntry(entry.name, entry.path, entry.delegation.model_copy(update={"paper": paper}), entry.source)
        target = out or brochures / f"{entry.name}.pdf"
        check_out_file(ctx.project, target)
        return render_visit(ctx, catalogue, entry, target, bleed), target
    if site not in catalogue.sites:
        ctx.problems.add("sites", 0, "", "unknown_site", ref=site, choices=", ".join(catalogue.sites) or "-")
        return False, None
    lang = lang or catalogue.sites[site].site.languages[0]
    target = out or brochures / f"{site}-{lang}.pdf"
    check_out_file(ctx.project, target)
    return render_site(ctx, catalogue, site, lang, target, paper or "A4", bleed), target
