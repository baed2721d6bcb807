"""What there is to translate into a language, text by text.

A `Unit` is one text of the project in its source language (English or
Vietnamese) and, when there is one, its translation: a field of a record, a
site or a visit (`summary`, `images[1].alt`), or a page's title, summary or one
of its paragraphs (`body[3]`). Pages are cut into paragraphs because a
translator's tool works segment by segment, and a changed paragraph should not
make a whole page outdated.

Which texts a language needs: those of every site and visit published in it,
of the records they show and of the pages (`--all`: of the whole project).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, get_args, get_origin

from pydantic import BaseModel

from ..catalogue import Catalogue, PageEntry
from ..checks import localized_texts
from ..loading import Loc, SourceDocument, format_field, nfc
from ..models.fields import Markdown, unwrap
from ..reading import PAGES
from .memory import Memory, outdated

MISSING, OUTDATED, CURRENT = "missing", "outdated", "current"
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Unit:
    path: str  # the project file the translation is written into
    field: str  # "summary", "images[1].alt", "body[3]"
    loc: Loc  # in a YAML file: the mapping of the text's languages; in a page: ("title",) or ("body", index)
    line: int  # the source text's line, for the translator's reference
    source_lang: str
    source: str
    others: tuple[tuple[str, str], ...]  # the same text in the other languages every record is written in
    current: str | None  # the translation now in the file
    remembered: tuple[str, str] | None  # (language, text) it was made from, as the last import recorded it
    markdown: bool
    source_path: str  # the file the source text is in (a page's is another file)

    @property
    def key(self) -> str:
        """The unit's name in a PO file (its msgctxt): the file, a space, the field."""
        return f"{self.path} {self.field}"

    @property
    def status(self) -> str:
        if self.current is None:
            return MISSING
        if outdated(self.remembered, self.now()):
            return OUTDATED
        return CURRENT

    def now(self) -> dict[str, str]:
        """The text in its source languages as it is now."""
        return {self.source_lang: self.source, **dict(self.others)}


def as_written(unit: Unit, text: str) -> str:
    """A translator's text as it goes into the file: NFC like everything the loader reads, without
    stray space around it; a Markdown field's text ends with one line break, as editors write it."""
    text = nfc(text).strip("\n")
    if not unit.markdown:
        return text.strip()
    return text.rstrip() + ("\n" if unit.path.endswith(".yml") and text.strip() else "")


def paragraphs(body: str) -> list[tuple[int, int]]:
    """The spans of a page body's paragraphs: runs of non-blank lines; a fenced code block stays whole."""
    spans: list[tuple[int, int]] = []
    start = None
    fenced = False
    offset = 0
    for line in body.splitlines(keepends=True):
        stripped = line.strip()
        if _FENCE.match(line):
            fenced = not fenced
        if stripped or fenced:
            if start is None:
                start = offset
            end = offset + len(line.rstrip("\n"))
        elif start is not None:
            spans.append((start, end))
            start = None
        offset += len(line)
    if start is not None:
        spans.append((start, end))
    return spans


def page_path(folder: str, slug: str, lang: str) -> str:
    return f"{folder}/{PAGES}/{slug}.{lang}.md"


def _is_markdown(model: BaseModel, loc: Loc) -> bool:
    """Whether the localized field at `loc` holds Markdown (a description, a welcome, a note)."""
    annotation: Any = type(model)
    for part in loc:
        if isinstance(part, int):
            continue
        field = unwrap(annotation).model_fields[part]
        annotation = field.annotation
        if get_origin(unwrap(annotation)) is list:
            annotation = get_args(unwrap(annotation))[0]
    return get_args(unwrap(annotation))[1:] == (Markdown,)


def yaml_units(path: str, model: BaseModel, doc: SourceDocument, lang: str, source_lang: str,
               record_langs: tuple[str, ...], memory: Memory) -> Iterator[Unit]:
    for loc, texts in localized_texts(model):
        if source_lang not in texts:
            continue
        field = format_field(loc)
        yield Unit(
            path, field, loc, doc.line_of(loc + (source_lang,)), source_lang, texts[source_lang],
            tuple((code, texts[code]) for code in record_langs if code != source_lang and code in texts),
            texts.get(lang), memory.source_of(path, field), _is_markdown(model, loc), path,
        )


def page_units(source: PageEntry, target: PageEntry | None, content: str, lang: str, memory: Memory,
               others: dict[str, PageEntry]) -> Iterator[Unit]:
    """The title, summary and paragraphs of a page, paired with its version in `lang` when there is one."""
    path = page_path(content, source.slug, lang)
    other_bodies = {code: _cut(page.body) for code, page in others.items()}

    def unit(field: str, loc: Loc, text: str, current: str | None, others_text: dict[str, str], markdown: bool) -> Unit:
        return Unit(path, field, loc, 1, source.lang, text, tuple(sorted(others_text.items())), current,
                    memory.source_of(path, field), markdown, source.path)

    yield unit("title", ("title",), source.front.title, target and target.front.title,
               {code: page.front.title for code, page in others.items()}, False)
    if source.front.summary:
        yield unit("summary", ("summary",), source.front.summary, target and target.front.summary,
                   {code: page.front.summary for code, page in others.items() if page.front.summary}, False)
    blocks = _cut(source.body)
    translated = _cut(target.body) if target else None
    if translated is not None and len(translated) != len(blocks):
        return  # a translation made by hand, paragraph for paragraph otherwise: it stands as a whole
    for index, block in enumerate(blocks):
        same = {code: body[index] for code, body in other_bodies.items() if len(body) == len(blocks)}
        yield unit(f"body[{index + 1}]", ("body", index), block, translated[index] if translated else None, same, True)


def _cut(body: str) -> list[str]:
    return [body[start:end] for start, end in paragraphs(body)]


def wanted(catalogue: Catalogue, lang: str, everything: bool) -> tuple[set[str], bool]:
    """The record ids whose texts `lang` needs, and whether the sites' own texts and the pages are needed."""
    if everything:
        return set(catalogue.records), True
    ids: set[str] = set()
    pages = False
    for entry in catalogue.sites.values():
        if lang in entry.site.languages:
            ids |= {record.id for record in catalogue.members(entry)}
            pages = True
    for entry in catalogue.delegations.values():
        if lang in entry.delegation.languages:
            ids |= {place for day in entry.delegation.itinerary for place in day.places} | set(entry.delegation.gifts)
    return ids & set(catalogue.records), pages


def units(catalogue: Catalogue, content: str, lang: str, source_lang: str, record_langs: tuple[str, ...],
          memory: Memory, everything: bool) -> list[Unit]:
    """Every text `lang` needs, in file order; `everything`: every text of the project."""
    ids, pages = wanted(catalogue, lang, everything)
    out: list[Unit] = []
    for entry in catalogue.sites.values():
        if everything or lang in entry.site.languages:
            out += yaml_units(entry.path, entry.site, entry.source, lang, source_lang, record_langs, memory)
    for entry in catalogue.delegations.values():
        if everything or lang in entry.delegation.languages:
            out += yaml_units(entry.path, entry.delegation, entry.source, lang, source_lang, record_langs, memory)
    for record_id in sorted(ids):
        entry = catalogue.records[record_id]
        out += yaml_units(entry.path, entry.record, entry.source, lang, source_lang, record_langs, memory)
    if pages:
        by_slug: dict[str, dict[str, PageEntry]] = {}
        for page in catalogue.pages:
            by_slug.setdefault(page.slug, {})[page.lang] = page
        for versions in by_slug.values():
            if source_lang in versions and (versions[source_lang].slug, lang) not in catalogue.failed_pages:
                others = {code: versions[code] for code in record_langs if code != source_lang and code in versions}
                out += page_units(versions[source_lang], versions.get(lang), content, lang, memory, others)
    return sorted(out, key=lambda unit: (unit.path, unit.line))  # stable: a page's paragraphs stay in order
