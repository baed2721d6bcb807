"""Brochure planning: what a delegation's (or a site's) brochure shows, in which language.

Pure, like the site's page planning: from the catalogue, a site and a visit to
view models. The main language is the delegation's first; a record that lacks
it is shown in English, then Vietnamese, and says so. Vietnamese names and
summaries accompany the main text when the main language is another one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ..catalogue import Catalogue, RecordEntry, SiteEntry
from ..models import Delegation, ProductRecord, is_located
from ..models.publications import ProgrammeItem
from ..models.vocabulary import CATEGORY, KIND
from ..presentation.images import PublishedImage
from ..presentation.labels import Labels, commune_name, designation_line, format_date, format_date_range, province_name
from ..presentation.text import Text, pick_text
from ..presentation.urls import record_url
from .visit_events import EventNote, visit_events

FALLBACKS = ("en", "vi")  # after the main language, in this order
SHORT_WORDS = 110  # a stop's description is cut to about this many words...
LONG_WORDS = 400  # ...or to this many, when the stop has a page to itself


@dataclass(frozen=True)
class Stop:
    number: int  # on the itinerary map; 0 when the stop has no place on it
    id: str
    anchor: str  # the stop's page, as the day's programme refers to it
    day: int  # 0 for the first day of the visit (a catalogue booklet's are all 0)
    kind: str
    kind_label: str
    name: Text
    name_vi: str  # beside the main name, when the main language is not Vietnamese
    summary: Text
    summary_vi: str
    description: str  # the first paragraphs, shortened
    description_full: str  # for a stop that has a page to itself: the whole text (up to LONG_WORDS)
    description_lang: str  # the language the description is really in (a fallback's may differ from the name's)
    designations: tuple[str, ...]
    address: tuple[str, ...]
    url: str  # the QR code's target
    short_url: str  # printed under it
    image_alt: str  # what the printed photo shows
    note: str  # "not available in X; shown in Y"
    coordinates: tuple[float, float] | None
    approximate: bool = False  # the coordinates stand for an area, or are approximate: the map says so


@dataclass(frozen=True)
class Gift:
    name: Text
    name_vi: str
    summary: Text
    stars: int
    stars_label: str
    category: str
    producer: str
    place: str
    url: str
    short_url: str


@dataclass(frozen=True)
class Item:
    """A timed item of a day's programme, in the brochure's language."""

    time: str  # "08:30" or "08:30–09:30"
    kind_label: str
    what: Text
    venue: Text | None
    number: int  # the visited stop's number on the route map; 0 for other items
    anchor: str = ""  # the visited stop's page


@dataclass(frozen=True)
class Day:
    date: str
    stops: tuple[Stop, ...]
    programme: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Credit:
    file: str
    record: str
    credit: str
    licence: str


@dataclass(frozen=True)
class Attendee:
    """Someone on the 'who is who' page: the name as written, the role in the brochure's language."""

    name: str
    role: Text


@dataclass(frozen=True)
class BrochurePlan:
    lang: str
    labels: Labels
    title: str
    province: str
    audience: str  # the delegation's name, or the site's title for a catalogue booklet
    dates: str
    welcome: tuple[Text, ...]  # Markdown: in the main language, and side by side in another when the visit gives it
    days: tuple[Day, ...]
    stops: tuple[Stop, ...]
    gifts: tuple[Gift, ...]
    contacts: tuple[tuple[str, str, str, str, str], ...]  # name, what they are for the delegation, role, phone, email
    site_url: str
    credits: tuple[Credit, ...]
    paper: str
    practical: tuple[tuple[Text, Text], ...] = ()  # the site's practical notes: title, Markdown
    host: str = ""  # the host authority
    members: tuple[Attendee, ...] = ()  # the delegation's
    hosts: tuple[Attendee, ...] = ()  # those who receive it
    hotel: tuple[float, float] | None = None  # where the delegation stays, on the route map
    events: tuple[EventNote, ...] = ()  # what else happens during the visit: suggestions
    anniversaries: tuple[EventNote, ...] = ()  # those that concern the delegation's country, at their next date


def _pick(texts: Mapping[str, str] | None, lang: str) -> Text | None:
    return pick_text(texts, lang, list(FALLBACKS)) if texts else None


def _shorten(markdown: str, words: int = SHORT_WORDS) -> str:
    """The first paragraphs of a description, up to about `words` words, cut at a sentence."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip() and not p.lstrip().startswith("#")]
    out, count = [], 0
    for paragraph in paragraphs:
        size = len(paragraph.split())
        if count and count + size > words:
            break
        out.append(paragraph)
        count += size
    return "\n\n".join(out)


class _Planner:
    def __init__(self, catalogue: Catalogue, site: SiteEntry, lang: str, media: Mapping[str, PublishedImage]):
        self.catalogue, self.site, self.lang, self.media = catalogue, site, lang, media
        self.labels = Labels(lang)
        self.page_lang = lang if lang in site.site.languages else site.site.languages[0]

    def _note(self, *texts: Text | None) -> str:
        used = {t.lang for t in texts if t and t.fallback}
        if not used:
            return ""
        return self.labels("not_translated", language=self.labels.language_called(self.lang),
                           fallback=self.labels.language_called(sorted(used)[0]))

    def _beside(self, texts: Mapping[str, str], main: Text) -> str:
        return texts.get("vi", "") if main.lang != "vi" else ""

    def urls(self, entry: RecordEntry) -> tuple[str, str]:
        url = record_url(self.site.site, self.page_lang, entry)
        return url, re.sub(r"^https?://", "", url)

    def stop(self, entry: RecordEntry, number: int, index: int, day: int = 0) -> Stop:
        record, labels = entry.record, self.labels
        name, summary, description = _pick(record.name, self.lang), _pick(record.summary, self.lang), _pick(record.description, self.lang)
        designations = tuple(
            designation_line(d, labels, self.lang, reference=False) for d in reversed(getattr(record, "designations", []))
        )
        address = []
        if entry.address and entry.address.commune:
            address.append(f"{commune_name(entry.address.commune, self.lang)}, {province_name(entry.address.province, self.lang)}")
        if record.location and record.location.former_address:
            address.append(f"{labels('former_address')}: {record.location.former_address}")
        if not address and not is_located(record.kind):
            address.append(labels("province_wide"))
        url, short = self.urls(entry)
        coordinates = record.location.coordinates if record.location and record.location.coordinates else None
        image_alt = _pick(record.images[0].alt, self.lang).value if record.images else ""
        return Stop(
            number if coordinates else 0, entry.id, f"stop-{index}", day, record.kind, labels(KIND[record.kind].label), name,
            self._beside(record.name, name), summary, self._beside(record.summary, summary),
            _shorten(description.value), _shorten(description.value, LONG_WORDS), description.lang, designations, tuple(address), url, short, image_alt,
            self._note(name, summary, description), coordinates,
            bool(coordinates) and record.location.precision != "exact",
        )

    def item(self, item: ProgrammeItem, today: Mapping[str, Stop]) -> Item:
        if item.what:
            what = _pick(item.what, self.lang)
        else:  # a visit says where it goes
            what = _pick(self.catalogue.records[item.record].record.name, self.lang)
        time = f"{item.time}–{item.end}" if item.end else item.time
        stop = today.get(item.record or "")
        return Item(time, self.labels(f"programme.{item.kind}"), what, _pick(item.venue, self.lang),
                    stop.number if stop else 0, stop.anchor if stop else "")

    def gift(self, entry: RecordEntry) -> Gift:
        record: ProductRecord = entry.record  # type: ignore[assignment]
        name, summary = _pick(record.name, self.lang), _pick(record.summary, self.lang)
        place = ""
        if entry.address and entry.address.commune:
            place = f"{commune_name(entry.address.commune, self.lang)}, {province_name(entry.address.province, self.lang)}"
        url, short = self.urls(entry)
        return Gift(name, self._beside(record.name, name), summary, record.stars, self.labels("stars", n=record.stars),
                    self.labels(CATEGORY[record.category].label), record.producer.name, place, url, short)

    def credits(self, entries: list[RecordEntry]) -> tuple[Credit, ...]:
        seen, out = set(), []
        for entry in entries:
            for image in entry.record.images[:1]:  # the brochure prints each record's first photo
                if image.file not in seen:
                    seen.add(image.file)
                    out.append(Credit(image.file, _pick(entry.record.name, self.lang).value, image.credit, image.licence))
        return tuple(out)


def plan_visit(catalogue: Catalogue, visit: Delegation, media: Mapping[str, PublishedImage]) -> BrochurePlan:
    site = catalogue.sites[visit.site]
    lang = visit.languages[0]
    planner = _Planner(catalogue, site, lang, media)
    days, stops, number = [], [], 0
    for index, day in enumerate(visit.itinerary):
        today = []
        for stop_id in day.places:
            entry = catalogue.records[stop_id]
            located = bool(entry.record.location and entry.record.location.coordinates)
            number += located
            today.append(planner.stop(entry, number, len(stops) + len(today), index))
        by_id = {stop.id: stop for stop in today}
        items = tuple(planner.item(item, by_id) for item in day.programme)
        days.append(Day(format_date(day.day, lang), tuple(today), items))
        stops += today
    gifts = [catalogue.records[g] for g in visit.gifts]
    welcome = _welcome(visit)
    contacts = tuple(
        (c.name, planner.labels(f"contact.{c.kind}") if c.kind else "", _pick(c.role, lang).value if c.role else "",
         c.phone or "", c.email or "")
        for c in visit.contacts
    )
    host = _pick(visit.host, lang)
    members, hosts = ([Attendee(p.name, _pick(p.role, lang)) for p in side] for side in (visit.people.delegation, visit.people.host))
    entries = [catalogue.records[s.id] for s in stops] + gifts
    during, anniversaries = visit_events(catalogue, site, visit, planner.labels, lambda texts: _pick(texts, lang))
    return BrochurePlan(
        lang, planner.labels, _pick(visit.delegation, lang).value, _title(site, lang), _pick(visit.delegation, lang).value,
        format_date_range(visit.dates.start, visit.dates.end, lang), welcome,
        tuple(days), tuple(stops), tuple(planner.gift(g) for g in gifts), contacts,
        f"{site.site.url}{planner.page_lang}/", planner.credits(entries), visit.paper,
        tuple((_pick(note.title, lang), _pick(note.text, lang)) for note in site.site.practical),
        host.value if host else "", tuple(members), tuple(hosts),
        next((c.coordinates for c in visit.contacts if c.kind == "hotel" and c.coordinates), None),
        during, anniversaries,
    )


def plan_catalogue(catalogue: Catalogue, site: SiteEntry, lang: str, media: Mapping[str, PublishedImage], paper: str = "A4") -> BrochurePlan:
    """A site's whole catalogue as a booklet: every heritage record, then the products as gifts."""
    planner = _Planner(catalogue, site, lang, media)
    members = catalogue.members(site)
    heritage = [m for m in members if m.collection == "heritage"]
    products = [m for m in members if m.collection == "products"]
    stops, number = [], 0
    for entry in heritage:
        located = bool(entry.record.location and entry.record.location.coordinates)
        number += located
        stops.append(planner.stop(entry, number, len(stops)))
    title = _title(site, lang)
    return BrochurePlan(lang, planner.labels, title, title, title, "", (), (), tuple(stops),
                        tuple(planner.gift(p) for p in products), (), f"{site.site.url}{planner.page_lang}/",
                        planner.credits(heritage + products), paper)


def _welcome(visit: Delegation) -> tuple[Text, ...]:
    """The welcome in the main language (or its fallback), and beside it the first other of the visit's languages it is written in."""
    main = _pick(visit.welcome, visit.languages[0])
    if not main:
        return ()
    beside = next((code for code in visit.languages[1:] if code != main.lang and (visit.welcome or {}).get(code)), None)
    return (main, Text(visit.welcome[beside], beside, False)) if beside else (main,)


def _title(site: SiteEntry, lang: str) -> str:
    return _pick(site.site.title, lang).value
