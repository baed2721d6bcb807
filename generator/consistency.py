"""Prose against data: what a record's texts say about its recognition that its `designations` do not.

An editor who adds "recognised as a National Treasure in 2023" to a description
and forgets the designation leaves the site's lists, badges and exports wrong
while the page reads right; a decision number copied into the text but not into
the data is the same mistake. These findings are for a person to read (the
text may well speak of another place's title), so `heritage report` lists them
and no check fails on them. Duplicate designations are listed too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .models import HeritageRecord, Record
from .models.vocabulary import LEVELS

YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
DECISION = re.compile(r"\b\d{1,5}/(?:\d{4}/)?(?:QĐ|NQ|CT)-[A-ZĐ]+", re.IGNORECASE)
NEAR = 60  # characters either side of a title in which a year belongs to it
_MENTIONS = tuple((level, re.compile(level.mentions, re.IGNORECASE)) for level in LEVELS if level.mentions)


@dataclass(frozen=True)
class Finding:
    code: str  # a message key: prose_level_missing, prose_year_missing, prose_decision_missing, designation_twice
    level: str = ""  # a Level's name
    value: str = ""  # a year, a decision number, or how many times


def findings(record: Record, lang: str) -> list[Finding]:
    """What the summary and description in `lang` say that the designations lack, then duplicate designations."""
    designations = record.designations if isinstance(record, HeritageRecord) else []
    prose = "\n".join(texts.get(lang, "") for texts in (record.summary, record.description))
    out: list[Finding] = []
    for level, pattern in _MENTIONS:
        matches = list(pattern.finditer(prose))
        if not matches:
            continue
        held = {d.year for d in designations if d.level == level.name}
        years = sorted({int(year) for m in matches for year in YEAR.findall(prose[max(0, m.start() - NEAR):m.end() + NEAR])})
        if not held:
            out.append(Finding("prose_level_missing", level.name, ", ".join(map(str, years))))
        elif years and not held & set(years):
            out.append(Finding("prose_year_missing", level.name, ", ".join(map(str, years))))
    references = {_bare(d.reference) for d in designations if d.reference}
    for decision in dict.fromkeys(DECISION.findall(prose)):
        if _bare(decision) not in references:
            out.append(Finding("prose_decision_missing", value=decision))
    for level, times in Counter(d.level for d in designations).items():
        if times > 1:  # a place holds a title once: raised to another, it gets the higher level
            out.append(Finding("designation_twice", level, str(times)))
    return out


def _bare(reference: str) -> str:
    return reference.casefold().replace(" ", "")
