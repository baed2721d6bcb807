"""`heritage translations export --lang LANG`: the texts a language lacks, as a PO file.

The file is `<out>/<lang>.po`. It holds every text that the language's sites
and visits need (`--all`: every text of the project) and that has no
translation yet or an outdated one. An export never destroys a translator's
work: it replaces only a PO file it wrote itself, and only once every
translation in that file has been imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..catalogue import Catalogue, CheckContext
from ..languages import is_language_code, record_languages
from ..models.fields import LANGUAGE_CODE
from ..output import OutputRefused, replace_file, shown, source_folder
from ..reading import load_catalogue
from .memory import Memory
from .po import build_po, holds_our_header, read_po
from .units import CURRENT, MISSING, Unit, as_written, units, wanted


@dataclass(frozen=True)
class Exported:
    path: Path | None  # None when there was nothing to translate
    missing: int
    outdated: int


def check_target_language(lang: str, source_lang: str) -> None:
    """Refuse a language that cannot be a translation's target."""
    if not LANGUAGE_CODE.match(lang) or not is_language_code(lang):
        raise OutputRefused("translation_bad_language", lang=lang)
    if lang in record_languages():
        raise OutputRefused("translation_source_language", lang=lang, languages=", ".join(record_languages()))
    if source_lang not in record_languages():
        raise OutputRefused("translation_bad_source", lang=source_lang, languages=", ".join(record_languages()))


def export_translations(ctx: CheckContext, lang: str, out: Path, source_lang: str, everything: bool) -> Exported | None:
    """Write the PO file; None when the project has errors (in ctx.problems). Raises OutputRefused."""
    check_target_language(lang, source_lang)
    catalogue = load_catalogue(ctx)
    if ctx.problems.errors:
        return None
    ids, pages = wanted(catalogue, lang, everything)
    if not (ids or pages or everything):
        raise OutputRefused("translation_not_published", lang=lang)
    all_units = project_units(ctx, catalogue, lang, source_lang, everything)
    todo = [unit for unit in all_units if unit.status != CURRENT]
    target = out / f"{lang}.po"
    _check_target(ctx, catalogue, target, lang)
    if not todo:
        if target.exists():
            target.unlink()  # an export of ours, all of it imported: it would only mislead
        return Exported(None, 0, 0)
    data = str(build_po(todo, lang, source_lang)).encode("utf-8")
    replace_file(target, data)
    missing = sum(unit.status == MISSING for unit in todo)
    return Exported(target, missing, len(todo) - missing)


def project_units(ctx: CheckContext, catalogue: Catalogue, lang: str, source_lang: str, everything: bool) -> list[Unit]:
    memory = catalogue.translations.get(lang) or Memory(lang)
    content = ctx.project.rel(ctx.project.content)
    return units(catalogue, content, lang, source_lang, record_languages(), memory, everything)


def _check_target(ctx: CheckContext, catalogue: Catalogue, target: Path, lang: str) -> None:
    """Refuse to write among the project's sources, over a file not ours, or over work not yet imported."""
    project = ctx.project
    where = shown(project, target)
    folder = source_folder(project, target)
    if folder:
        raise OutputRefused("translation_out_in_sources", path=where, folder=folder)
    if target.parent.exists() and not target.parent.is_dir():
        raise OutputRefused("out_not_a_folder", path=shown(project, target.parent))
    if not os.path.lexists(target):
        return
    if target.is_symlink() or not target.is_file() or not holds_our_header(target):
        raise OutputRefused("translation_out_not_ours", path=where)
    returned = read_po(target, where, ctx.problems)
    if returned is None:
        raise OutputRefused("translation_out_not_ours", path=where)
    index = {unit.key: unit for unit in project_units(ctx, catalogue, lang, returned.source_lang, True)}
    waiting = 0
    for item in returned.translations:
        unit = index.get(item.key)
        if item.text.strip() and not item.fuzzy and unit and as_written(unit, item.text) != unit.current:
            waiting += 1
    if waiting:
        raise OutputRefused("translation_not_imported", path=where, count=waiting)

