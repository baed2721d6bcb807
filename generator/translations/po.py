"""The PO files that go to translators and come back: writing and reading them.

One file per language, `<lang>.po`, for Poedit, Weblate or any CAT tool:
- msgctxt names the text (`content/heritage/roc-tung-go-da.yml summary`);
- msgid is the source text (English by default), msgstr the translation;
- an extracted comment (`#.`) gives the same text in the other source language
  (Vietnamese beside English), and says when a text is Markdown;
- a reference (`#:`) gives the file and line;
- an outdated translation comes with its msgstr, marked fuzzy, and the source it
  was made from as the previous msgid (`#| msgid`), which tools show as a diff.

polib rather than Babel (which reads the tool's own catalogues, catalogues.py):
Babel drops a header of ours (the source language) and the previous msgid
(`#|`), and both must survive a trip through a translator's tool.

A file that comes back is read as untrusted text: its size is bounded, its
syntax errors are reported with their line, and its strings are only ever
values (checked by the record formats before anything is written).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from ..languages import is_language_code
from ..messages import EnglishOnly, Number
from ..problems import Problems
from .units import OUTDATED, Unit

GENERATOR = "heritage translations export"
SOURCE_HEADER = "X-Heritage-Source-Language"
MAX_PO_BYTES = 20 * 1024 * 1024  # every text of a large project in four languages fits many times over
HEADER_COMMENT = (
    "Texts of the heritage catalogue to translate into {name} ({code}), from {source}.\n"
    "Each entry's context names the file and field it comes from; the comment above it gives the\n"
    "same text in the other language. In a Markdown text keep the marks (**, ##, - and [text](address))\n"
    "and change only the words. An entry marked fuzzy had a translation whose source has changed since:\n"
    "check it against the new source and remove the mark. Untranslated and fuzzy entries are not imported.\n"
    "Bring the file back with `heritage translations import FOLDER`."
)


def language_name(code: str) -> str:
    """The language's English name, which every translator's tool and reader shares ("Khmer")."""
    from babel import Locale

    return Locale.parse(code).get_display_name("en") if is_language_code(code) else code


def build_po(units: list[Unit], lang: str, source_lang: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)  # one line per string: stable diffs
    po.header = HEADER_COMMENT.format(name=language_name(lang), code=lang, source=language_name(source_lang))
    po.metadata = {
        "Project-Id-Version": "heritage",
        # GNU gettext's blanks, which the translator's tool fills in on the first save
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": GENERATOR,
        SOURCE_HEADER: source_lang,
    }
    for unit in units:
        comments = [f"{language_name(code)}: {text}" for code, text in unit.others]
        if unit.markdown:
            comments.append("Markdown: keep the marks as they are.")
        outdated = unit.status == OUTDATED
        previous = unit.remembered[1] if outdated and unit.remembered and unit.remembered[0] == unit.source_lang else None
        po.append(polib.POEntry(
            msgctxt=unit.key, msgid=unit.source, msgstr=unit.current if outdated else "",
            comment="\n".join(comments), occurrences=[(unit.source_path, str(unit.line))],
            flags=["fuzzy"] if outdated else [], previous_msgid=previous,
        ))
    return po


@dataclass(frozen=True)
class Translation:
    """One entry of a returned PO file."""

    po_path: str
    line: int
    key: str
    source: str
    text: str  # "" when untranslated
    fuzzy: bool


@dataclass(frozen=True)
class ReturnedFile:
    po_path: str
    lang: str
    source_lang: str
    translations: tuple[Translation, ...]


def read_po(path: Path, shown: str, problems: Problems) -> ReturnedFile | None:
    """A returned PO file, or None after saying why it cannot be used."""
    size = path.stat().st_size
    if size > MAX_PO_BYTES:
        problems.add(shown, 1, "", "file_too_large", size=Number(size, "bytes"), limit=Number(MAX_PO_BYTES, "bytes"))
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(shown, 1, "", "po_not_utf8")
        return None
    keep = _Breaks(text)
    try:
        # polib reads its argument as a file name when one exists by that name: a text with a line
        # break after it is never one, so a returned file cannot make it open another file.
        po = polib.pofile(keep.hide(text) + "\n", wrapwidth=0)
    except (OSError, ValueError) as exc:  # polib: "Syntax error in po file (line N)"
        line = int("".join(c for c in str(exc).rsplit("line", 1)[-1] if c.isdigit()) or 1)
        problems.add(shown, line, "", "po_syntax", detail=EnglishOnly(str(exc)))
        return None
    lang = po.metadata.get("Language", "").strip().replace("_", "-").split("-")[0].lower()
    if not lang:
        problems.add(shown, 1, "Language", "po_no_language")
        return None
    source_lang = po.metadata.get(SOURCE_HEADER, "en").strip() or "en"
    entries = tuple(
        Translation(shown, entry.linenum, keep.show(entry.msgctxt or ""), keep.show(entry.msgid), keep.show(entry.msgstr), entry.fuzzy)
        for entry in po if not entry.obsolete
    )
    return ReturnedFile(shown, lang, source_lang, entries)


class _Breaks:
    """polib cuts a file into lines with str.splitlines(), which also breaks at U+2028, form feeds and
    the like, and so loses them from a string: they are set aside while it reads."""

    CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

    def __init__(self, text: str):
        base = 0xF0000  # a private-use plane: chosen clear of every character in the file
        while any(chr(base + i) in text for i in range(len(self.CHARS))):
            base += len(self.CHARS)
        self.stand_ins = {char: chr(base + i) for i, char in enumerate(self.CHARS)}

    def hide(self, text: str) -> str:
        return text.translate(str.maketrans(self.stand_ins))

    def show(self, text: str) -> str:
        return text.translate(str.maketrans({v: k for k, v in self.stand_ins.items()}))


def holds_our_header(path: Path) -> bool:
    """Whether a PO file at `path` is an export of this tool (the only kind an export replaces)."""
    try:
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
    except OSError:
        return False
    return f'"X-Generator: {GENERATOR}\\n"' in head
