"""The gettext catalogues: each language's interface words and editors' messages.

One PO file per registered language, generator/locale/<code>/LC_MESSAGES/heritage.po,
read with Babel. There is no compile step: the PO is what translators open in
Poedit or Weblate and what the tool reads (a few hundred entries, parsed once
per process).

An entry's msgid is a stable key (``kind.archaeological-site``,
``unknown_field_suggest``), not the English text: rewording the English then
orphans no translation. msgctxt says who reads it: "interface" for the words of
the websites and brochures, "message" for what editors read from `heritage`,
"theme" for the website theme's own words under Material's keys (used for a
language that Material does not translate, such as Khmer and Lao).
The English catalogue holds the English. Every other one carries the current
English as an extracted comment (``#.``) above each entry, which translators'
tools show beside the key; it is chosen over a template (POT) of English msgids
because keys keep the code's names stable, and it is kept in step here.

``python -m generator.catalogues`` brings every registered language's
catalogue in step with the English one: it creates a missing catalogue, adds
new keys untranslated, drops removed ones, refreshes the English comments and
marks a translation fuzzy when the English above it changed. An empty or fuzzy
entry is a missing string, and tests/test_languages.py fails on it; nothing
falls back to another language at run time.
"""

from __future__ import annotations

import datetime as dt
import string
import sys
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from .languages import LANGUAGES, SOURCE_LANGUAGE, language

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "heritage"
INTERFACE = "interface"  # websites and brochures
MESSAGE = "message"  # what editors read: problems, summaries, the report
THEME = "theme"  # Material's own words (search, "skip to content"...), for the languages Material lacks
PROJECT = {"domain": DOMAIN, "project": "heritage", "version": "generator"}
HEADER = (
    "# The words of the heritage tool in {name}: website and brochure labels (msgctxt \"interface\")\n"
    "# and messages for editors (msgctxt \"message\"). The msgid is a key that never changes;\n"
    "# the English is above each entry. Keep every {{placeholder}} as it is.\n"
    "# `python -m generator.catalogues` brings this file in step with the English one.\n"
    "#"
)


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


@lru_cache(maxsize=None)  # package data, read-only: one parse per language and process
def _translated(code: str) -> Mapping[tuple[str, str], str]:
    language(code)  # a code outside the registry has no catalogue, by design
    catalogue = read_catalogue(catalogue_path(code))
    return MappingProxyType({
        (message.context or "", message.id): message.string
        for message in catalogue
        if message.id and message.string and not message.fuzzy
    })


@lru_cache(maxsize=None)
def strings(code: str, context: str) -> Mapping[str, str]:
    """The translated strings of one language and context, by key; untranslated and fuzzy ones are absent."""
    return MappingProxyType({key: text for (ctx, key), text in _translated(code).items() if ctx == context})


DRAFT = "DRAFT:"  # a catalogue whose header has this line is not yet checked by a native speaker


@lru_cache(maxsize=None)
def is_draft(code: str) -> bool:
    """Whether the catalogue of `code` still says that no native speaker has checked it."""
    language(code)
    return any(line.lstrip("# ").startswith(DRAFT) for line in read_catalogue(catalogue_path(code)).header_comment.splitlines())


def english_above(entry: Message) -> str:
    """The English that a translation was made from, as its `#.` comment gives it."""
    return _words(" ".join(entry.auto_comments))


def _words(text: str) -> str:
    return " ".join(text.split())  # PO comments are wrapped at 76 columns, whatever the width asked for


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# ---------------------------------------------------------------- keeping the catalogues in step


def sync(codes: list[str] | None = None) -> list[Path]:
    """Bring each language's catalogue in step with the English one; the files written."""
    source = read_catalogue(catalogue_path(SOURCE_LANGUAGE))
    written = []
    for code in codes or [c for c in LANGUAGES if c != SOURCE_LANGUAGE]:
        language(code)  # the registry entry comes first
        path = catalogue_path(code)
        old = read_catalogue(path) if path.exists() else None
        new = _in_step(source, old, code)
        data = _po_bytes(new)
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(path)
    return written


def _in_step(source: Catalog, old: Catalog | None, code: str) -> Catalog:
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    new = Catalog(
        locale=code, **PROJECT,
        header_comment=old.header_comment if old else HEADER.format(name=language(code).name),
        creation_date=old.creation_date if old else now, revision_date=old.revision_date if old else now,
        last_translator=old and old.last_translator, language_team=old and old.language_team,
        fuzzy=False,
    )
    for entry in source:
        if not entry.id:
            continue
        english = entry.string
        before = old.get(entry.id, entry.context) if old else None
        text = before.string if before else ""
        # A translation whose English changed since is fuzzy: a translator decides.
        fuzzy = bool(before and (before.fuzzy or (text and english_above(before) != _words(english))))
        new.add(entry.id, text, flags=["fuzzy"] if fuzzy else [], auto_comments=[english],
                user_comments=before.user_comments if before else [], context=entry.context)
    return new


def _po_bytes(catalogue: Catalog) -> bytes:
    buffer = BytesIO()
    write_po(buffer, catalogue, width=0, omit_header=False)  # one line per string: stable diffs
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    for path in sync(argv or None):
        print(f"wrote {path.relative_to(LOCALE_DIR.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
