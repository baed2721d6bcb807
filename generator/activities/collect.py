"""What the office did in a year, from the project's own data: the content of `heritage report activities`.

Pure: from the catalogue, a year and the content files' history (history.py) to
an `ActivityReport`, in Vietnamese, the language of reports to the province.
Only what the data holds is stated; what the office must add itself (its name,
the report's number and date, its proposals) is left blank in the documents.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from babel import Locale

from ..catalogue import Catalogue
from ..events import occurrences
from ..languages import LANGUAGES
from ..models import ProductRecord
from ..models.vocabulary import KIND
from ..presentation.event_dates import anniversary_words, occurrence_words
from ..presentation.labels import Labels, format_date_range
from ..report import build_rows, report_languages
from .history import FileChange

LANG = "vi"


@dataclass(frozen=True)
class VisitLine:
    name: str
    country: str  # in Vietnamese; '' when the visit does not say
    dates: str
    start: dt.date
    places: tuple[str, ...]
    gifts: tuple[str, ...]
    languages: tuple[str, ...]  # of its brochure, by name
    visit: str  # its file's name: the brochure's and the programme's


@dataclass(frozen=True)
class EventLine:
    when: str
    name: str
    kind: str
    note: str  # "kỷ niệm 60 năm"; "thường tổ chức vào" for an event of unknown day
    start: dt.date


@dataclass(frozen=True)
class RecordLine:
    path: str
    name: str


@dataclass(frozen=True)
class CoverageLine:
    language: str
    complete: int
    total: int
    outdated: int


@dataclass(frozen=True)
class ActivityReport:
    year: int
    province: str  # where the project's records are, as they say; '' when they do not
    visits: tuple[VisitLine, ...]
    countries: tuple[tuple[str, int], ...]  # by name, how many visits
    events: tuple[EventLine, ...]
    added: tuple[RecordLine, ...]
    updated: tuple[RecordLine, ...]
    history: bool  # whether the files' history was available (a Git repository)
    totals: tuple[tuple[str, int], ...]  # records per collection, by its name
    coverage: tuple[CoverageLine, ...]

    @property
    def gifts(self) -> int:
        return sum(len(visit.gifts) for visit in self.visits)


def _name(texts: dict[str, str]) -> str:
    return texts.get(LANG) or next(iter(texts.values()))


def collect(catalogue: Catalogue, year: int, history: list[FileChange] | None) -> ActivityReport:
    labels = Labels(LANG)
    locale = Locale.parse(LANGUAGES[LANG].locale)  # countries' and languages' names in Vietnamese
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)

    visits = []
    for name, entry in catalogue.delegations.items():
        visit = entry.delegation
        if visit.dates.start.year != year:
            continue
        places = [catalogue.records[ref] for day in visit.itinerary for ref in day.places if ref in catalogue.records]
        gifts = [catalogue.records[ref] for ref in visit.gifts if ref in catalogue.records]
        visits.append(VisitLine(
            _name(visit.delegation), locale.territories.get(visit.country, visit.country) if visit.country else "",
            format_date_range(visit.dates.start, visit.dates.end, LANG), visit.dates.start,
            tuple(dict.fromkeys(_name(p.record.name) for p in places)),
            tuple(f"{_name(g.record.name)} ({labels('stars', n=g.record.stars)})" if isinstance(g.record, ProductRecord) else _name(g.record.name)
                  for g in gifts),
            tuple(locale.languages.get(code, code) for code in visit.languages), name))
    visits.sort(key=lambda v: (v.start, v.visit))
    countries = Counter(v.country for v in visits if v.country)

    events = []
    for entry in catalogue.records.values():
        if entry.collection != "events":
            continue
        record = entry.record
        for occurrence in occurrences(record.when, first, last):
            note = anniversary_words(record, occurrence, labels)
            if occurrence.approximate and record.when.only_in is None:
                note = labels("events_usually")
            events.append(EventLine(occurrence_words(occurrence, LANG), _name(record.name), labels(KIND[record.kind].label),
                                    note, occurrence.start))
    events.sort(key=lambda e: (e.start, e.name))

    added, updated = [], []
    by_path = {entry.path: entry for entry in catalogue.records.values()}
    for change in history or []:
        entry = by_path.get(change.path)
        if entry is not None:
            (added if change.added else updated).append(RecordLine(change.path, _name(entry.record.name)))

    provinces = Counter(e.record.location.province for e in catalogue.records.values() if e.record.location)
    totals = Counter(labels(entry.collection) for entry in catalogue.records.values())

    coverage = []
    rows = build_rows(catalogue, LANG)
    for language in report_languages(catalogue):
        mine = [row for row in rows if row.language == language]
        coverage.append(CoverageLine(locale.languages.get(language, language),
                                     sum(row.missing_texts == "-" for row in mine), len(mine),
                                     sum(row.outdated_texts != "-" for row in mine)))

    return ActivityReport(year, provinces.most_common(1)[0][0] if provinces else "", tuple(visits),
                          tuple(sorted(countries.items())), tuple(events), tuple(added), tuple(updated), history is not None,
                          tuple(sorted(totals.items())), tuple(coverage))
