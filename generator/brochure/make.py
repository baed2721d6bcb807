"""`heritage brochure`: a delegation's brochure, or a site's catalogue booklet, as PDF.

The same phases as the websites: read and check the whole project, process
the photos and covers the brochure prints, plan (pure), render, and write the
PDF under a temporary name that replaces the old one only when complete.
The PDF goes only where output.py allows: never among the project's own files,
and over an existing file only when that is a brochure this tool wrote.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Sequence

from ..catalogue import Catalogue, CheckContext, DelegationEntry
from ..checks import check_delegation, check_printing
from ..loading import load_yaml_file
from ..models import Delegation
from ..models.fields import is_placeholder_address
from ..models.towns import Town
from ..output import check_out_file, why_not_written
from ..project import lies_within
from ..problems import Problems
from ..reading import load_catalogue
from ..presentation.images import collect_photos
from ..validation import validate
from .fonts import installed_coverage, missing_letters, text_of
from .plan import BrochurePlan, plan_catalogue, plan_visit
from .render import render_html, write_pdf

STYLES = "print/brochure.css"  # under assets/theme/, in a folder of its own: the websites load every style sheet beside theirs


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


def _images(ctx: CheckContext, catalogue: Catalogue, ids: list[str], problems: Problems) -> dict[str, Path]:
    """Each record's first photo (its largest variant), for those that have one.

    A record without a photo prints none: a drawn cover would repeat the name and
    kind that head its page, and could pass for a picture of the place.
    """
    entries = [catalogue.records[i] for i in ids]
    media, _ = collect_photos(ctx.project, entries, problems)
    out = {}
    for entry in entries:
        images = entry.record.images
        if images and images[0].file in media:
            image = media[images[0].file]
            out[entry.id] = image.processed.cached(image.processed.jpegs()[-1])
    return out


def _css(ctx: CheckContext) -> str:
    path = ctx.project.assets / "theme" / STYLES
    inside = lies_within(path, ctx.project.assets)  # a link elsewhere would print another file into the PDF
    return path.read_text(encoding="utf-8") if inside and path.is_file() else ""


def render_visit(ctx: CheckContext, catalogue: Catalogue, entry: DelegationEntry, out: Path, bleed: bool = False) -> bool:
    check_printing(entry, catalogue, ctx)
    visit = entry.delegation
    ids = [stop for day in visit.itinerary for stop in day.places]
    images = _images(ctx, catalogue, ids, ctx.problems)
    if ctx.problems.errors:
        return False
    plan = plan_visit(catalogue, visit, {})
    files = [entry.path, *(catalogue.records[i].path for i in [*ids, *visit.gifts]), catalogue.sites[visit.site].path]
    return _write(ctx, plan, images, catalogue.towns, out, bleed, files)


def render_site(ctx: CheckContext, catalogue: Catalogue, site_name: str, lang: str, out: Path, paper: str = "A4", bleed: bool = False) -> bool:
    site = catalogue.sites[site_name]
    ids = [m.id for m in catalogue.members(site) if m.collection == "heritage"]
    images = _images(ctx, catalogue, ids, ctx.problems)
    if ctx.problems.errors:
        return False
    plan = plan_catalogue(catalogue, site, lang, {}, paper)
    files = [site.path, *(m.path for m in catalogue.members(site))]
    return _write(ctx, plan, images, (), out, bleed, files)  # a booklet has no route map


def _write(ctx: CheckContext, plan: BrochurePlan, images: dict[str, Path], towns: Sequence[Town], out: Path,
           bleed: bool, files: Sequence[str]) -> bool:
    """The PDF at `out`; False, with the reason in words, when it cannot be written (nothing is left behind).

    `towns`: the project's (content/_places/towns.yml), which the route map names where they fall inside it;
    `files`: those the brochure's texts come from, the first first, to say where a letter without a font is.
    """
    css = _css(ctx)

    @cache  # the first layout's HTML is the one the font check reads
    def compose(notes: int, whole: frozenset[str]) -> str:
        return render_html(plan, images, towns, css, bleed, notes, whole)

    coverage = installed_coverage()
    missing = coverage and missing_letters(text_of(compose(0, frozenset())), coverage)
    if missing:
        path, line = _first_line_with(ctx, files, missing.letters[0])
        ctx.problems.add(path, line, "", "no_font_for_letters", letters=missing.letters, script=missing.script,
                         package=missing.package)
        return False
    try:
        write_pdf(compose, out, images)
    except OSError as exc:  # a full disk, a read-only one, a path through a file...
        ctx.problems.add(ctx.project.rel(out), 0, "", "write_failed", reason=why_not_written(exc))
        return False
    return True


def _first_line_with(ctx: CheckContext, files: Sequence[str], letter: str) -> tuple[str, int]:
    """The first of `files`, and its line, that has `letter`; else the first file."""
    for name in files:
        try:
            lines = (ctx.project.root / name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if letter in line:
                return name, number
    return files[0], 0


def _visit_file(ctx: CheckContext, visit: str) -> str:
    """The file of a visit named on the command line, as problems name it."""
    if visit.endswith((".yml", ".yaml")):
        return ctx.project.rel(Path(visit).resolve())
    return ctx.project.rel(ctx.project.delegations / f"{visit}.yml")


def write_programme(ctx: CheckContext, catalogue: Catalogue, entry: DelegationEntry, out: Path) -> bool:
    """The visit's programme as a Word file, for last-minute edits; False, with the reason, when it cannot be written."""
    from .word import programme_docx  # python-docx and lxml load only for a Word file: a tenth of a second

    data = programme_docx(plan_visit(catalogue, entry.delegation, {}))
    partial = out.with_name(out.name + ".partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(out)
    except OSError as exc:
        ctx.problems.add(ctx.project.rel(out), 0, "", "write_failed", reason=why_not_written(exc))
        return False
    finally:
        partial.unlink(missing_ok=True)
    return True


def brochure_command(ctx: CheckContext, visit: str | None, site: str | None, lang: str | None, out: Path | None,
                     paper: str | None, bleed: bool, word: bool = False) -> tuple[bool, Path | None]:
    """Raises OutputRefused, before anything is written, when the file may not go where it would.

    `word`: the visit's programme as a .docx instead of the brochure.
    """
    suffix = ".docx" if word else ".pdf"
    if out:
        check_out_file(ctx.project, out, suffix)
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
        target = out or brochures / f"{entry.name}{suffix}"
        check_out_file(ctx.project, target, suffix)
        if word:
            return write_programme(ctx, catalogue, entry, target), target
        return render_visit(ctx, catalogue, entry, target, bleed), target
    if site not in catalogue.sites:
        ctx.problems.add("sites", 0, "", "unknown_site", ref=site, choices=", ".join(catalogue.sites) or "-")
        return False, None
    entry = catalogue.sites[site]
    if is_placeholder_address(entry.site.url):  # the booklet's codes would lead nowhere
        ctx.problems.warn(entry.path, entry.source.line_of(("url",)), "url", "site_url_placeholder", site=site, url=entry.site.url)
    lang = lang or entry.site.languages[0]
    target = out or brochures / f"{site}-{lang}.pdf"
    check_out_file(ctx.project, target)
    return render_site(ctx, catalogue, site, lang, target, paper or "A4", bleed), target
