"""The languages the tool publishes and speaks in: one registry entry each.

A `Language` is what the tool needs beyond words: its name in itself (the
language switch), the Babel locale that writes its dates and numbers (and the
pages' og:locale), its script and the print fonts that cover it, and the rules
MkDocs' search applies to it. Its words are one gettext catalogue,
generator/locale/<code>/LC_MESSAGES/heritage.po: the websites' and brochures'
labels and the messages editors read (generator/catalogues.py reads it).

Everything that depends on the set of languages derives from `LANGUAGES`: the
`--messages` choices, the record template's texts, the language switch, dates,
numbers, search. A site or delegation may only use a registered language
(`heritage check` names the others); record texts may hold any language code,
so that a translation can be prepared before its catalogue exists.

Adding a language (Thai, say):
1. add its entry below, e.g.
   ``Language("th", "ไทย", "th_TH", "Thai", ("Noto Sans Thai", "Noto Sans"), "th")``
   (a language that lunr has no rules for is searched with the English ones;
   one written without spaces between words is ``segmented=True``, and its
   script's Unicode blocks go in SCRIPT_BLOCKS below);
2. run ``.venv/bin/python -m generator.catalogues``: it writes
   generator/locale/th/LC_MESSAGES/heritage.po with every key, each with the
   English above it and nothing translated;
3. translate that file in Poedit, Weblate or any PO editor, keeping the
   ``{placeholders}`` (entries of msgctxt "theme" are Material's words, used
   when Material has no translation of its own); tests/test_languages.py fails
   until every entry is translated (a fuzzy entry counts as untranslated).
No other file changes. (The brochure's style sheet, assets/theme/print/brochure.css,
names its fonts itself: Khmer and Lao are there already; a script it lacks,
such as Korean's, needs its Noto family added there too.)
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping, Sequence

# The languages whose rules lunr (MkDocs' search) ships; any other searches with English rules.
LUNR_LANGUAGES = frozenset({
    "ar", "da", "de", "du", "el", "en", "es", "fi", "fr", "he", "hi", "hu", "hy", "it", "ja", "kn", "ko", "nl", "no",
    "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi", "zh",
})


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 (or 639-3 when there is none): the key of texts, the folder of pages
    name: str  # in the language itself, as the language switch shows it
    locale: str  # Babel/CLDR locale: dates and numbers; also the pages' og:locale
    script: str  # ISO 15924
    fonts: tuple[str, ...]  # print font families that cover the script, first choice first
    search: str  # the lunr language MkDocs' search uses: one of LUNR_LANGUAGES
    segmented: bool = False  # written without spaces between words: the search index is segmented at build time
    records: bool = False  # every record is written in it (a new record's template asks for it); others are translations


# In the order the tool offers them; the interface's keys are explained in English.
LANGUAGES: Mapping[str, Language] = MappingProxyType({
    "vi": Language("vi", "Tiếng Việt", "vi_VN", "Latn", ("Noto Sans",), "vi", records=True),
    "en": Language("en", "English", "en_GB", "Latn", ("Noto Sans",), "en", records=True),
    # Material has no Khmer or Lao words: the catalogues give them (msgctxt "theme"); lunr has no rules for
    # either, so their pages are searched with the English ones, on words segmented at build time.
    "km": Language("km", "ខ្មែរ", "km_KH", "Khmr", ("Noto Sans Khmer", "Noto Sans"), "en", segmented=True),
    "lo": Language("lo", "ລາວ", "lo_LA", "Laoo", ("Noto Sans Lao", "Noto Sans"), "en", segmented=True),
})
SOURCE_LANGUAGE = "en"  # the catalogue every other one translates

# The Unicode blocks of the scripts that Noto Sans, Pillow's drawing and lunr's splitting do not
# handle by themselves, by ISO 15924 code as the entries above write scripts.
SCRIPT_BLOCKS: Mapping[str, tuple[tuple[int, int], ...]] = MappingProxyType({
    "Khmr": ((0x1780, 0x17FF), (0x19E0, 0x19FF)),  # Khmer, Khmer symbols
    "Laoo": ((0x0E80, 0x0EFF),),
})


def script_class(script: str) -> str:
    r"""A regular-expression character class body of a script's blocks (``ក-៿...``), for Python and JavaScript alike."""
    return "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in SCRIPT_BLOCKS[script])


def segmented_scripts() -> dict[str, str]:
    """Each script written without spaces between words, with the code of a language written in it."""
    return {entry.script: code for code, entry in reversed(LANGUAGES.items()) if entry.segmented}


class UnknownLanguage(LookupError):
    """A code without a registry entry reached a place that needs one: `heritage check` should have said so."""

    def __init__(self, code: str):
        super().__init__(f"'{code}' is not a registered language; available: {', '.join(LANGUAGES)}")
        self.code = code


def language(code: str) -> Language:
    try:
        return LANGUAGES[code]
    except KeyError:
        raise UnknownLanguage(code) from None


def is_language_code(code: str) -> bool:
    """Whether CLDR knows `code` as a language (km, lo, ko...), registered here or not."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def language_of_country(code: str) -> str | None:
    """The official language of the country whose code `code` is ('kh' -> 'km', 'vn' -> 'vi'), if any."""
    from babel.languages import get_official_languages

    official = get_official_languages(code.upper())
    return official[0] if official else None


def without_interface(codes: Sequence[str]) -> list[tuple[int, str]]:
    """(index, code) of each language in `codes` that has no registry entry, hence no interface words."""
    return [(index, code) for index, code in enumerate(codes) if code not in LANGUAGES]


def record_languages() -> tuple[str, ...]:
    """The languages every record is written in, in the registry's order: those a new record's texts are asked in."""
    return tuple(code for code, entry in LANGUAGES.items() if entry.records)
