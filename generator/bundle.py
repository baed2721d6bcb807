"""`heritage bundle`: a site's offline edition, as one zip file to hand over or copy to a kiosk.

Phases, as a build's: check where the zip goes (output.py); read and check the
project; build the site (site/make.py) into a temporary folder, in the chosen
languages only; turn it into its offline edition (site/offline.py); write the
zip beside its target and rename it into place. A failure or a stop at any
point leaves the target as it was.

The zip holds one folder named after the site, whose index.html opens the
visitor's language. Entries are sorted and dated 1980-01-01, so the same
project gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from .build_result import BuildResult
from .catalogue import Catalogue, CheckContext, SiteEntry
from .output import BUNDLE_MARK, check_out_bundle
from .presentation.images import collect_photos
from .presentation.text import pick_text
from .reading import load_catalogue
from .site.make import make_sites
from .site.offline import make_offline
from .stopping import signals_held

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no clock in the output


@dataclasses.dataclass
class BundleResult(BuildResult):
    size: int = 0  # bytes of the zip written
    files: int = 0
    languages: list[str] = dataclasses.field(default_factory=list)


def make_bundle(ctx: CheckContext, site_name: str, languages: list[str], out: Path) -> BundleResult:
    """The offline edition of `site_name` in `languages` (all the site's when none) into the zip `out`.

    Raises OutputRefused when `out` is not a place to write it, before reading anything.
    """
    check_out_bundle(ctx.project, out)
    result = BundleResult(ctx.problems)
    with result.stage("read and check"):
        catalogue = load_catalogue(ctx)
    site = _chosen_site(ctx, catalogue, site_name, languages)
    if site is None or not result.ok:
        return result
    work = Path(tempfile.mkdtemp(prefix="bundle-", dir=_cache(ctx)))
    try:
        with result.stage("photos"):
            media, result.images_processed = collect_photos(ctx.project, catalogue.members(site), result.problems)
        if not result.ok:
            return result
        make_sites(ctx, catalogue, [site], media, work, result, compressed=False)
        if not result.ok:
            return result
        with result.stage("offline"):
            make_offline(work / site.name, list(site.site.languages), catalogue.outline, catalogue.towns)
        with result.stage("zip"):
            result.files = _write_zip(work / site.name, site.name, out)
        result.size = out.stat().st_size
        result.sites, result.languages = [site.name], list(site.site.languages)
        return result
    finally:
        with signals_held():
            shutil.rmtree(work, ignore_errors=True)


def _cache(ctx: CheckContext) -> Path:
    ctx.project.cache.mkdir(parents=True, exist_ok=True)
    return ctx.project.cache


def _chosen_site(ctx: CheckContext, catalogue: Catalogue, name: str, languages: list[str]) -> SiteEntry | None:
    """The site as the edition publishes it: in the chosen languages, in the order given."""
    site = catalogue.sites.get(name)
    if site is None:
        ctx.problems.add("sites", 0, "", "unknown_site", ref=name, choices=", ".join(catalogue.sites) or "-")
        return None
    offered = list(site.site.languages)
    unknown = [lang for lang in languages if lang not in offered]
    if unknown:
        line = site.source.line_of(("languages",))
        ctx.problems.add(site.path, line, "languages", "bundle_language_not_in_site", lang=", ".join(unknown), site=name,
                         languages=", ".join(offered))
        return None
    chosen = list(dict.fromkeys(languages)) or offered
    # A title lacking a chosen language falls back as the site's own pages would.
    title = {lang: pick_text(site.site.title, lang, offered).value for lang in chosen}
    return dataclasses.replace(site, site=site.site.model_copy(update={"languages": chosen, "title": title}))


def _write_zip(folder: Path, name: str, out: Path) -> int:
    """The folder as `name/...` in a zip written beside `out` and renamed into place; the number of files."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".heritage-", suffix=".zip", dir=out.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.comment = BUNDLE_MARK.encode("ascii")
            for path in files:
                entry = zipfile.ZipInfo(f"{name}/{path.relative_to(folder).as_posix()}", ZIP_DATE)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, path.read_bytes(), compresslevel=9)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return len(files)
