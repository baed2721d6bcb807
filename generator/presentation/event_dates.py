"""An event's dates in words, per language: one occurrence, and the rule it follows.

The same wording serves the sites, the brochures and the yearly report.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_skeleton

from ..events import Occurrence
from ..languages import language
from ..models import EventRecord, When
from ..models.vocabulary import COUNTED_KINDS
from .labels import Labels, format_date_range


def month_name(month: int, lang: str) -> str:
    """The month as a date names it: 'November', 'tháng 11'."""
    return Locale.parse(language(lang).locale).months["format"]["wide"][month]


def months_words(months: list[int], lang: str) -> str:
    """[11, 12, 1] -> 'November – January': a run of months by its ends, others listed."""
    if len(months) > 1 and all(b == a % 12 + 1 for a, b in zip(months, months[1:])):
        return f"{month_name(months[0], lang)} – {month_name(months[-1], lang)}"
    return ", ".join(month_name(month, lang) for month in months)


def ordinal(number: int, lang: str) -> str:
    """60 -> '60th' in English; other languages say the number as it is (their phrases carry the order)."""
    if not lang.startswith("en"):
        return str(number)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def occurrence_words(occurrence: Occurrence, lang: str) -> str:
    """'10 – 12 December 2026'; an approximate one: 'November – January 2027'."""
    if occurrence.approximate:
        first, last = occurrence.start, occurrence.end
        if (first.year, first.month) == (last.year, last.month):
            return f"{month_name(first.month, lang)} {first.year}"
        if first.year == last.year:
            return f"{month_name(first.month, lang)} – {month_name(last.month, lang)} {last.year}"
        return f"{month_name(first.month, lang)} {first.year} – {month_name(last.month, lang)} {last.year}"
    return format_date_range(occurrence.start, occurrence.end, lang)


def when_words(event: EventRecord, occurrence: Occurrence, labels: Labels) -> str:
    """An occurrence as a list shows it: its days; its months, said to be the usual ones, when no day is known
    (an event announced by month for one year only is not "usually" held: it is held then)."""
    words = occurrence_words(occurrence, labels.lang)
    if occurrence.approximate and event.when.only_in is None:
        return labels("usually_in", months=words)
    return words


def anniversary_words(event: EventRecord, occurrence: Occurrence, labels: Labels) -> str:
    """'60th anniversary' for an anniversary's occurrence that has a count; '' otherwise."""
    if event.kind not in COUNTED_KINDS or not occurrence.number:
        return ""
    return labels("anniversary_nth", nth=ordinal(occurrence.number, labels.lang))


def rule_words(when: When, labels: Labels) -> str:
    """How the dates come about: 'Every year on 24 June, since 1967'; 'Usually in November – January'."""
    lang = labels.lang
    if when.start:
        return format_date_range(when.start, when.end or when.start, lang)
    if when.usually and when.only_in is not None:
        return f"{months_words(when.usually, lang)} {when.only_in}"
    if when.usually:
        return labels("usually_in", months=months_words(when.usually, lang))
    rule = when.yearly
    assert rule is not None
    if rule.calendar != "solar":
        words = labels("every_year_lunar_leap" if rule.calendar == "lunar-leap" else "every_year_lunar", day=rule.day, month=rule.month)
    else:
        day = format_skeleton("MMMMd", dt.date(2024, rule.month, rule.day), locale=language(lang).locale)  # 2024: has 29 February
        words = labels("every_year_on", date=day)
    if rule.since is not None:
        words += labels("since_year", year=rule.since)
    return words
