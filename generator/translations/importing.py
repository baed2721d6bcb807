"""`heritage translations import DIR`: translators' PO files back into the project.

Everything is checked before anything is written (the way a build is): each
PO file's syntax and language, each entry's context (it must name a text of
the project), and each changed file as a whole, read back and validated by its
record format, as if an editor had typed the translation. One problem, and no
file changes. Then each changed file is replaced in one step, and the language's
record of sources (memory.py) notes what every imported text was made from.

In a YAML file only the translated values change (yaml_edit.py); a page's
version in the language is written from its source page, paragraph by
paragraph, and only once all of it is translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Catalogue, CheckContext
from ..loading import FRONT_MATTER, parse_yaml
from ..models import COLLECTIONS, Delegation, Site
from ..output import OutputRefused, editors_text, replace_editors_file, shown
from ..problems import Problems
from ..reading import load_catalogue, read_page
from ..validation import validate
from ..yaml_edit import SpliceFailed, set_text
from .exporting import check_target_language, project_units
from .memory import Memory, memory_path, render_memory
from .po import ReturnedFile, Translation, language_name, read_po
from .units import Unit, as_written, paragraphs


@dataclass
class Imported:
    written: list[str] = field(default_factory=list)  # project files changed, memory files aside
    texts: int = 0
    untranslated: int = 0
    fuzzy: int = 0
    languages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Change:
    unit: Unit
    value: str
    item: Translation


def import_translations(ctx: CheckContext, source: Path) -> Imported | None:
    """Check and write; None when something is wrong (in ctx.problems), with nothing written."""
    project = ctx.project
    catalogue = load_catalogue(ctx)
    if ctx.problems.errors:
        return None
    files = sorted(source.glob("*.po")) if source.is_dir() else [source]
    if not source.exists() or not files:
        raise OutputRefused("translation_no_po", path=shown(project, source))
    returned = [po for po in (read_po(path, shown(project, path), ctx.problems) for path in files) if po]
    result = Imported()
    pending: dict[str, str] = {}  # project file -> its new text
    memories: dict[str, str] = {}  # each language's record of sources -> its new text
    seen_langs: dict[str, str] = {}
    for po in returned:
        try:
            check_target_language(po.lang, po.source_lang)
        except OutputRefused as refusal:
            ctx.problems.add(po.po_path, 1, "Language", refusal.code, **refusal.params)
            continue
        if po.lang in seen_langs:
            ctx.problems.add(po.po_path, 1, "Language", "translation_two_files", lang=po.lang, other=seen_langs[po.lang])
            continue
        seen_langs[po.lang] = po.po_path
        all_units = project_units(ctx, catalogue, po.lang, po.source_lang, True)
        changes, made_from = _changes(po, all_units, ctx.problems, result)
        texts = _apply(ctx, catalogue, po.lang, changes, pending, all_units)
        result.texts += texts
        memory = catalogue.translations.get(po.lang) or Memory(po.lang)
        known = {(unit.path, unit.field) for unit in all_units}
        rendered = render_memory(memory.updated(made_from), language_name(po.lang), known)
        path = memory_path(project, po.lang)
        if (made_from or path.exists()) and (not path.exists() or path.read_text(encoding="utf-8") != rendered):
            memories[project.rel(path)] = rendered
        result.languages.append(po.lang)
    if ctx.problems.errors:
        return None
    for rel, text in [*pending.items(), *memories.items()]:
        replace_editors_file(project.root / rel, text)
    result.written = sorted(pending)
    return result


def _changes(po: ReturnedFile, all_units: list[Unit], problems: Problems, result: Imported):
    """The translations to write, by project file, and what each imported text was made from."""
    index = {unit.key: unit for unit in all_units}
    seen: dict[str, int] = {}
    changes: dict[str, list[_Change]] = {}
    made_from: dict[tuple[str, str], tuple[str, str]] = {}
    for item in po.translations:
        if item.key in seen:
            problems.add(po.po_path, item.line, "msgctxt", "translation_twice", key=item.key, line=seen[item.key])
            continue
        seen[item.key] = item.line
        unit = index.get(item.key)
        if unit is None:
            problems.add(po.po_path, item.line, "msgctxt", "translation_unknown_text", key=item.key or "-")
            continue
        value = as_written(unit, item.text)
        if item.fuzzy and value:
            result.fuzzy += 1
            continue
        if not value:
            result.untranslated += 1
            continue
        if item.source != unit.source:
            problems.warn(po.po_path, item.line, unit.key, "translation_source_changed")
        made_from[(unit.path, unit.field)] = (unit.source_lang, item.source)
        if value != unit.current:
            changes.setdefault(unit.path, []).append(_Change(unit, value, item))
    return changes, made_from


def _apply(ctx: CheckContext, catalogue: Catalogue, lang: str, changes: dict[str, list[_Change]], pending: dict[str, str],
           all_units: list[Unit]) -> int:
    """Put each file's new text in `pending` once it reads back valid; the number of texts written."""
    models = {entry.path: COLLECTIONS[entry.collection] for entry in catalogue.records.values()}
    models |= {entry.path: Site for entry in catalogue.sites.values()}
    models |= {entry.path: Delegation for entry in catalogue.delegations.values()}
    count = 0
    for path, items in changes.items():
        if path.endswith(".md"):
            text = _page_text(ctx, path, items, [u for u in all_units if u.path == path])
        else:
            text = _yaml_text(ctx, path, items, lang, pending)
        if text is None:
            continue
        found = Problems()
        if path.endswith(".md"):
            read_page(ctx.project.root / path, CheckContext(ctx.project, found), text)  # as heritage check reads a page
        else:
            doc = parse_yaml(text, path, found)
            if doc:
                validate(doc, models[path], found)
        for problem in found:
            change = _change_for(items, problem.field, lang, _paragraph_at(text, problem.line) if path.endswith(".md") else None)
            where = (change.item.po_path, change.item.line, change.unit.key) if change else (path, problem.line, problem.field)
            ctx.problems.add(*where, problem.code, problem.severity, **dict(problem.params))
        if not found.errors:
            pending[path] = text
            count += len(items)
    return count


def _yaml_text(ctx: CheckContext, path: str, items: list[_Change], lang: str, pending: dict[str, str]) -> str | None:
    text = pending.get(path) or editors_text((ctx.project.root / path).read_bytes())
    failed = False
    for change in items:
        try:
            text = set_text(text, change.unit.loc + (lang,), change.value)
        except SpliceFailed:
            ctx.problems.add(change.item.po_path, change.item.line, change.unit.key, "translation_cannot_place", path=path)
            failed = True
    return None if failed else text


def _page_text(ctx: CheckContext, path: str, items: list[_Change], page_units: list[Unit]) -> str | None:
    """The page in `lang`: its file with the paragraphs replaced, or a new one made from the source page."""
    target = ctx.project.root / path
    unit = items[0].unit
    exists = target.exists()
    base = editors_text((target if exists else ctx.project.root / unit.source_path).read_bytes())
    if not exists:
        needed = {u.field for u in page_units}
        given = {change.unit.field for change in items}
        if needed - given:
            ctx.problems.warn(items[0].item.po_path, items[0].item.line, unit.key, "translation_page_incomplete",
                              path=path, missing=len(needed - given), total=len(needed))
            return None
    match = FRONT_MATTER.match(base)
    if match is None:
        return None  # a page without front matter is not read as a page: heritage check names it
    front_start, front_end = match.span(1) if match.group(1) is not None else (base.index("\n") + 1,) * 2
    front_yaml, body = match.group(1) or "", base[match.end():]
    spans = paragraphs(body)
    for change in sorted(items, key=lambda c: -c.unit.loc[-1] if c.unit.loc[0] == "body" else 0):
        if change.unit.loc[0] == "body":
            start, end = spans[change.unit.loc[1]]
            body = body[:start] + change.value + body[end:]
    for change in items:
        if change.unit.loc[0] != "body":
            try:
                front_yaml = set_text(front_yaml, change.unit.loc, change.value)
            except SpliceFailed:
                ctx.problems.add(change.item.po_path, change.item.line, change.unit.key, "translation_cannot_place", path=path)
                return None
    return base[:front_start] + front_yaml + base[front_end:match.end()] + body


def _change_for(items: list[_Change], field_name: str, lang: str, paragraph: int | None) -> _Change | None:
    """The change a problem of the rewritten file is about ('summary.km' -> the summary's; in a
    page, a problem of the body -> the paragraph on its line)."""
    for change in items:
        own = change.unit.field if change.unit.path.endswith(".md") else f"{change.unit.field}.{lang}"
        if field_name == own or field_name.startswith(own + "."):
            return change
        if not field_name and change.unit.loc == ("body", paragraph):
            return change
    return None


def _paragraph_at(text: str, line: int) -> int | None:
    """The index of the page body's paragraph that holds the file's `line`."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return None
    first = text[: match.end()].count("\n") + 1
    body = text[match.end():]
    for index, (start, end) in enumerate(paragraphs(body)):
        if first + body[:start].count("\n") <= line <= first + body[:end].count("\n"):
            return index
    return None