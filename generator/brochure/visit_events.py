"""What else happens while a delegation visits: events as suggestions, and anniversaries that concern its country.

Pure. An event that overlaps the visit's days is suggested (one of unknown day,
"usually" held in those months, is suggested with its months); an anniversary
whose `countries` include the delegation's is mentioned at its next date from
the visit's first day, with its count ("the 60th anniversary").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..catalogue import Catalogue, SiteEntry
from ..events import next_occurrence, occurrences
from ..models import Delegation
from ..models.vocabulary import COUNTED_KINDS, KIND
from ..presentation.event_dates import anniversary_words, occurrence_words, when_words
from ..presentation.labels import Labels
from ..presentation.text import Text


@dataclass(frozen=True)
class EventNote:
    name: Text
    when: str
    kind: str
    summary: Text
    start: dt.date
    approximate: bool = False


def visit_events(catalogue: Catalogue, site: SiteEntry, visit: Delegation, labels: Labels, pick) -> tuple[tuple[EventNote, ...], tuple[EventNote, ...]]:
    """(events during the visit, anniversaries that concern the delegation's country); `pick` picks a text."""
    first, last = visit.dates.start, visit.dates.end
    during, anniversaries = [], []
    for entry in catalogue.members(site):
        if entry.collection != "events":
            continue
        record = entry.record
        for occurrence in occurrences(record.when, first, last):
            during.append(EventNote(pick(record.name), when_words(record, occurrence, labels), labels(KIND[record.kind].label), pick(record.summary),
                                    occurrence.start, occurrence.approximate))
        if visit.country and visit.country in record.countries and record.kind in COUNTED_KINDS:
            occurrence = next_occurrence(record.when, first)
            if occurrence:
                nth = anniversary_words(record, occurrence, labels)
                words = occurrence_words(occurrence, labels.lang) + (f" · {nth}" if nth else "")
                anniversaries.append(EventNote(pick(record.name), words, labels(KIND[record.kind].label), pick(record.summary),
                                               occurrence.start))
    order = lambda note: (note.approximate, note.start, note.name.value)  # noqa: E731
    return tuple(sorted(during, key=order)), tuple(sorted(anniversaries, key=order))
