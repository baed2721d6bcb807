"""The words around the records, per language: labels, language names, addresses and dates.

Record texts come from the catalogue of records; these are the labels around
them (kinds, levels, facts, navigation), read from each language's gettext
catalogue (context "interface", generator/locale/). Only registered languages
have labels (generator/languages.py): there is no fallback to another
language, and `heritage check` refuses a site or visit in any other.
"""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType
from typing import Mapping

from babel import Locale
from babel.dates import format_date as _babel_date

from ..catalogues import INTERFACE, strings
from ..languages import LANGUAGES, language
from ..models.records import Designation
from ..models.vocabulary import LEVEL
from .text import pick_text

# The names of the languages in themselves, for the language switch.
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType({code: entry.name for code, entry in LANGUAGES.items()})

# Official unit words that start a commune's name since 1 July 2025, and their keys in the catalogues.
_COMMUNE_UNITS = (
    ("Phường ", "address.ward"), ("Xã ", "address.commune"), ("Thị trấn ", "address.township"),
    ("Đặc khu ", "address.special_zone"),
)
_QUALIFIED_PROVINCE = re.compile(r"^(Thành phố|Tỉnh)\b|\b(City|Province)$")


class Labels:
    """The labels of one registered language."""

    def __init__(self, lang: str):
        self.lang = language(lang).code
        strings(self.lang, INTERFACE)  # read now: a missing catalogue fails here, not mid-page

    def __call__(self, key: str, **params: object) -> str:
        text = strings(self.lang, INTERFACE)[key]
        return text.format(**params) if params else text

    def language_name(self, code: str) -> str:
        """A language's name in itself, as the language switch shows it."""
        return language(code).name

    def language_called(self, code: str) -> str:
        """A language's name in this label language, for a sentence ("shown in Vietnamese"): CLDR's."""
        return Locale.parse(language(self.lang).locale).languages.get(code) or code


def designation_line(designation: Designation, labels: Labels, lang: str, reference: bool = True) -> str:
    """'National Treasure, 2023 (Decision 41/QĐ-TTg); kept at the Gia Lai Provincial Museum, Pleiku'."""
    line = labels(LEVEL[designation.level].label) + (f", {designation.year}" if designation.year else "")
    if reference and designation.reference:
        line += f" ({labels('reference')} {designation.reference})"
    if designation.kept_at:
        line += "; " + labels("kept_at", place=pick_text(designation.kept_at, lang, ["en", "vi"]).value)
    return line


def commune_name(commune: str, lang: str) -> str:
    """'Phường An Bình' in English is 'An Bình Ward'; 'Xã Krong' is 'Krong Commune'."""
    for prefix, key in _COMMUNE_UNITS:
        if commune.startswith(prefix):
            return Labels(lang)(key, name=commune[len(prefix):])
    return commune


def province_name(province: str, lang: str) -> str:
    """'Gia Lai' is 'tỉnh Gia Lai' in Vietnamese, 'Gia Lai Province' in English; a name with its unit stays."""
    if _QUALIFIED_PROVINCE.search(province):
        return province
    return Labels(lang)("address.province", name=province)


def format_date(day: dt.date, lang: str) -> str:
    """A day in the language's long form (CLDR): '10 December 2026', '10 tháng 12, 2026'."""
    return _babel_date(day, "long", locale=language(lang).locale)


def format_date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """Two days as one interval, what they share written once: '10 – 12 December 2026'.

    CLDR has interval patterns for the abbreviated month (skeleton yMMMd), not
    for the long date; like ICU's interval formatter (and unlike Babel's), widen
    their month to the full name, so that the interval reads like the long date.
    """
    if start == end:
        return format_date(start, lang)
    locale = Locale.parse(language(lang).locale)
    patterns = locale.interval_formats.get("yMMMd") or {}
    differs = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    halves = patterns.get(differs)
    if not halves:  # no pattern in this locale: both days in full, joined the locale's way
        return locale.interval_formats[None].replace("{0}", format_date(start, lang)).replace("{1}", format_date(end, lang))
    return "".join(_babel_date(day, _full_month(half), locale=locale) for half, day in zip(halves, (start, end)))


def _full_month(pattern: str) -> str:
    """'d MMM y' -> 'd MMMM y', leaving quoted literals ('thg') alone."""
    return re.sub(r"('[^']*')|(?<!M)MMM(?!M)", lambda m: m.group(1) or "MMMM", pattern)
