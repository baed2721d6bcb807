"""The events of a site in one language: the events page, the next ones, an event's dates and JSON-LD.

Pure, like plan.py. "Now" is the build's reference day (the last commit's,
site/make.py), never the clock: the same commit gives the same pages. The
pages carry each event's dates, and a small script moves what has ended since
the build from "Coming up" to "What has been" in the visitor's browser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from ..catalogue import RecordEntry
from ..events import Occurrence, next_occurrence, next_occurrences, occurrences
from ..models import EventRecord
from ..presentation.event_dates import anniversary_words, occurrence_words, rule_words, when_words
from ..presentation.labels import Labels
from ..presentation.urls import page_url, record_path

NEXT_ON_HOME = 3
PAST_YEARS = 10  # how far back "What has been" reaches


@dataclass(frozen=True)
class EventItem:
    """An event at one of its occurrences, as lists show it."""

    card: Any  # plan.Card
    when: str
    start: str  # ISO dates: <time datetime>, and the script's comparison
    end: str
    anniversary: str = ""
    approximate: bool = False


def _item(entry: RecordEntry, occurrence: Occurrence, card, labels: Labels) -> EventItem:
    return EventItem(card, when_words(entry.record, occurrence, labels), occurrence.start.isoformat(), occurrence.end.isoformat(),
                     anniversary_words(entry.record, occurrence, labels), occurrence.approximate)


def coming(events: list[RecordEntry], cards, labels: Labels, today: dt.date) -> list[EventItem]:
    """Each event's next occurrence (within a year for a yearly one), soonest first; events of unknown day last."""
    found = []
    for entry in events:
        occurrence = next_occurrence(entry.record.when, today)
        if occurrence:
            found.append((occurrence.approximate, occurrence.start, entry.id, _item(entry, occurrence, cards[entry.id], labels)))
    return [item for *_, item in sorted(found, key=lambda found_item: found_item[:3])]


def past(events: list[RecordEntry], cards, labels: Labels, today: dt.date) -> list[EventItem]:
    """Events held once that have ended, the latest first."""
    first = today.replace(year=today.year - PAST_YEARS, day=min(today.day, 28))
    found = []
    for entry in events:
        when = entry.record.when
        if when.start:
            for occurrence in occurrences(when, first, today - dt.timedelta(days=1)):
                if occurrence.end < today:
                    found.append((occurrence.start, entry.id, _item(entry, occurrence, cards[entry.id], labels)))
    return [item for *_, item in sorted(found, key=lambda found_item: found_item[:2], reverse=True)]


def events_view(events: list[RecordEntry], coming_items: tuple[EventItem, ...], cards, labels: Labels, today: dt.date) -> dict[str, Any]:
    """The events page: `coming_items` (coming()'s, made once for the home page too), and what has been."""
    return {
        "title": labels("events"),
        "lead": labels("events_lead"),
        "coming": coming_items,
        "past": tuple(past(events, cards, labels, today)),
        "nav_title": labels("events"),
    }


def held_at(entry: RecordEntry, events: list[RecordEntry]) -> list[RecordEntry]:
    """The events held at a record's place, or that name it as related."""
    return [event for event in events if event.record.place == entry.id or entry.id in event.record.related]


def event_facts(entry: RecordEntry, labels: Labels, today: dt.date, place_card, note=None) -> dict[str, Any]:
    """What an event's page adds to a record page: its rule, its coming dates, where it is held."""
    record: EventRecord = entry.record
    dates = next_occurrences(record.when, today) if not record.when.start else []
    return {
        "rule": rule_words(record.when, labels),
        "note": note,  # what the dates do not say, in the page's language (a Text)
        "dates": tuple((occurrence_words(o, labels.lang), anniversary_words(record, o, labels), o.start.isoformat())
                       for o in dates if not o.approximate),
        "place": place_card,
    }


def event_jsonld(site, lang: str, entry: RecordEntry, name: str, summary: str, today: dt.date,
                 place: RecordEntry | None, place_name: Callable[[RecordEntry], str]) -> dict[str, Any]:
    """schema.org Event: the next occurrence (or the only one); a yearly rule as an eventSchedule."""
    record: EventRecord = entry.record
    when = record.when
    occurrence = next_occurrence(when, today) or (occurrences(when, when.start, when.end or when.start)[0] if when.start else None)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "description": summary,
        "url": page_url(site, lang, record_path(entry)),
        "inLanguage": lang,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if occurrence and occurrence.approximate:
        data["startDate"] = occurrence.start.strftime("%Y-%m")  # ISO 8601 to the month: the day is not known
        data["endDate"] = occurrence.end.strftime("%Y-%m")
    elif occurrence:
        data["startDate"] = occurrence.start.isoformat()
        data["endDate"] = occurrence.end.isoformat()
    if when.yearly and when.yearly.calendar == "solar":
        data["eventSchedule"] = {"@type": "Schedule", "repeatFrequency": "P1Y", "byMonth": when.yearly.month,
                                 "byMonthDay": when.yearly.day, "duration": f"P{when.days}D"}
    location = (place.record.location if place else None) or record.location
    venue: dict[str, Any] = {"@type": "Place", **({"name": place_name(place)} if place else {})}
    address = {"@type": "PostalAddress", "addressCountry": "VN"}
    if location:
        address["addressRegion"] = location.province
        if location.commune:
            address["addressLocality"] = location.commune
        if location.coordinates:
            venue["geo"] = {"@type": "GeoCoordinates", "latitude": location.coordinates[0], "longitude": location.coordinates[1]}
    venue["address"] = address
    data["location"] = venue
    return data


def place_name(event: RecordEntry, catalogue, picker) -> str:
    """The name of the record where an event is held, in the page's language; '' when it has none."""
    place = catalogue.records.get(event.record.place) if event.record.place else None
    return picker.name(place).value if place else ""


def with_events(page, entry: RecordEntry, events: list[RecordEntry], catalogue, cards, picker, today: dt.date):
    """A record page with the events held there; an event's page with its dates, its place and its JSON-LD."""
    labels = picker.labels
    here = held_at(entry, events)
    view = {**page.view, "events": tuple(coming(here, cards, labels, today))}
    if entry.collection != "events":
        return dataclasses.replace(page, view=view)
    place = catalogue.records.get(entry.record.place) if entry.record.place else None
    note = picker.text(entry.record.when.note) if entry.record.when.note else None
    view["event"] = event_facts(entry, labels, today, cards.get(place.id) if place else None, note)
    jsonld = event_jsonld(picker.site.site, picker.lang, entry, page.title, page.description, today, place,
                          lambda record: picker.name(record).value)
    return dataclasses.replace(page, view=view, jsonld={**jsonld, "image": page.jsonld["image"]})
