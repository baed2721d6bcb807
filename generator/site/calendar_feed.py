"""<lang>/events/calendar.ics: a site's events as an iCalendar feed that phones subscribe to (RFC 5545).

Every occurrence from the reference day over the coming years, as all-day
events: a one-off event while it is still to come, a yearly one (solar or
lunar) for each of the coming years. An event "usually" held in some months
has no day to put in a calendar, so the feed leaves it out; its page says
when it is usually held. DTSTAMP is the reference day, never the clock.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from ..catalogue import RecordEntry
from ..events import next_occurrences
from ..presentation.event_dates import anniversary_words
from ..presentation.labels import Labels
from ..presentation.urls import record_url

FEED = "events/calendar.ics"


def calendar_ics(site, lang: str, title: str, events: list[RecordEntry], labels: Labels, today: dt.date,
                 text_of, place_name) -> bytes:
    """The feed; `text_of` picks a record's text in the language, `place_name` names an event's place (or '')."""
    calendar = Calendar()
    calendar.add("prodid", f"-//heritage//{urlsplit(site.url).hostname}//{lang}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{title}: {labels('events')}")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    host = urlsplit(site.url).hostname
    for entry in sorted(events, key=lambda e: e.id):
        record = entry.record
        for occurrence in next_occurrences(record.when, today):
            if occurrence.approximate:
                continue
            event = Event()
            event.add("uid", f"{entry.id}-{occurrence.start:%Y%m%d}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", occurrence.start)
            event.add("dtend", occurrence.end + dt.timedelta(days=1))  # all-day: the day after the last
            name = text_of(record.name)
            anniversary = anniversary_words(record, occurrence, labels)
            event.add("summary", f"{name} ({anniversary})" if anniversary else name)
            event.add("description", text_of(record.summary))
            event.add("url", record_url(site, lang, entry))
            place = place_name(entry)
            if place:
                event.add("location", place)
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
