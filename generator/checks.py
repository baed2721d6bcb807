"""Checks beyond the shape of a file: places, dates, images, and references across files."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, Iterator

from pydantic import BaseModel

from .catalogue import FailedRecord
from .catalogues import is_draft
from .languages import LANGUAGES, is_language_code, language_of_country, without_interface
from .loading import Loc, SourceDocument, format_field
from .models import EventRecord, HeritageRecord, ProductRecord, Record, is_located
from .models.fields import is_placeholder_address
from .places import Address, distance_km, in_vietnam
from .project import Refusal, locate_image

if TYPE_CHECKING:
    from .catalogue import Catalogue, CheckContext, DelegationEntry, RecordEntry, SiteEntry

# A commune's reference point and a place inside it are rarely further apart
# than this in the Central Highlands, where communes are largest.
FAR_FROM_COMMUNE_KM = 25


class _Reporter:
    """Adds problems about one document, finding the line of each field."""

    def __init__(self, doc: SourceDocument, ctx: "CheckContext"):
        self.doc, self.problems = doc, ctx.problems

    def error(self, loc: Loc, code: str, **params: Any) -> None:
        self.problems.add(self.doc.path, self.doc.line_of(loc), format_field(loc), code, **params)

    def warn(self, loc: Loc, code: str, **params: Any) -> None:
        self.problems.warn(self.doc.path, self.doc.line_of(loc), format_field(loc), code, **params)


def check_record(record: Record, doc: SourceDocument, ctx: "CheckContext") -> Address | None:
    """Checks of one valid record; returns where it is now."""
    report = _Reporter(doc, ctx)
    located = is_located(record.kind)
    if located and record.location is None:
        report.error(("location",), "location_required", kind=record.kind)
    elif located and record.location.coordinates is None:
        report.error(("location", "coordinates"), "coordinates_required", kind=record.kind)

    if isinstance(record, HeritageRecord):
        _check_designations(record, report, ctx)
    if isinstance(record, ProductRecord) and record.rated_year and record.rated_year > ctx.today.year:
        report.error(("rated_year",), "future_year", year=record.rated_year)
    if isinstance(record, ProductRecord) and record.producer.commune and record.location:
        _check_commune(record.location.province, record.producer.commune, ("producer", "commune"), report, ctx)

    for index, image in enumerate(record.images):
        _check_image(image.file, ("images", index, "file"), report, ctx)
    if not record.sources:
        report.warn(("sources",), "no_sources")
    return _check_location(record, report, ctx) if record.location else None


def _check_designations(record: HeritageRecord, report: _Reporter, ctx: "CheckContext") -> None:
    dated = [(index, d.year) for index, d in enumerate(record.designations) if d.year is not None]
    for position, (index, year) in enumerate(dated):
        if year > ctx.today.year:
            report.error(("designations", index, "year"), "future_year", year=year)
        if position and year < dated[position - 1][1]:
            report.warn(("designations", index), "designations_order", later=dated[position - 1][1], earlier=year)


def _check_image(file: str, loc: Loc, report: _Reporter, ctx: "CheckContext") -> None:
    found = locate_image(ctx.project, file)  # the same rules as the images stage that reads the file
    if isinstance(found, Refusal):
        report.error(loc, found.code, file=file, **found.params)


def _check_location(record: Record, report: _Reporter, ctx: "CheckContext") -> Address:
    location = record.location
    coordinates = location.coordinates
    if coordinates and not in_vietnam(*coordinates):
        report.warn(("location", "coordinates"), "outside_vietnam", lat=coordinates[0], lon=coordinates[1])
        coordinates = None  # far from everything: comparing with the commune adds nothing

    gazetteer = ctx.gazetteer
    province = gazetteer.province(location.province)
    if province is None:
        suggestion = gazetteer.suggest_province(location.province)
        code = "unknown_province_suggest" if suggestion else "unknown_province"
        report.warn(("location", "province"), code, value=location.province, suggestion=suggestion)
        return Address(location.commune, location.province)

    commune, derived = None, False
    if location.commune:
        commune = _check_commune(province, location.commune, ("location", "commune"), report, ctx)
    elif location.former_address and location.precision != "area":
        # An area (a reserve, a complex) may span several communes: nothing to derive.
        unit = gazetteer.convert_former(location.former_address)
        if unit is None:
            report.warn(("location", "former_address"), "former_address_unmatched")
        else:
            commune, derived = unit.commune, True
    elif is_located(record.kind) and location.precision != "area":
        report.error(("location",), "address_required")

    if coordinates and commune:
        point = gazetteer.reference_point(province, commune)
        if point and distance_km(coordinates, point) > FAR_FROM_COMMUNE_KM:
            km = round(distance_km(coordinates, point))
            report.warn(("location", "coordinates"), "far_from_commune", km=km, commune=commune)
    return Address(commune, province, derived)


def _check_commune(province: str, commune: str, loc: Loc, report: _Reporter, ctx: "CheckContext") -> str | None:
    """The official name of `commune`, or None after a warning."""
    gazetteer = ctx.gazetteer
    official_province = gazetteer.province(province)
    if official_province is None:
        return None
    official = gazetteer.commune(official_province, commune)
    if official is not None:
        return official
    now = []  # what a name from before the reform is part of (unless it is a current one without its type: 'Krong')
    if not gazetteer.commune_without_type(official_province, commune):
        now = gazetteer.former_commune(official_province, commune)
    if len(now) == 1:
        report.warn(loc, "former_commune", value=commune, current=now[0])
    elif now:
        report.warn(loc, "former_commune_choices", value=commune, current=", ".join(f"'{name}'" for name in now))
    else:
        suggestion = gazetteer.suggest_commune(official_province, commune)
        code = "unknown_commune_suggest" if suggestion else "unknown_commune"
        report.warn(loc, code, value=commune, province=official_province, suggestion=suggestion)
    return None


# ---------------------------------------------------------------- across files


def check_catalogue(catalogue: "Catalogue", ctx: "CheckContext") -> None:
    records = catalogue.records
    for entry in records.values():
        report = _Reporter(entry.source, ctx)
        for index, ref in enumerate(entry.record.related):
            if ref == entry.id:
                report.error(("related", index), "related_self")
            else:
                _resolve(ref, ("related", index), report, catalogue)
        place = getattr(entry.record, "place", None)  # an event's
        if place and _resolve(place, ("place",), report, catalogue) and place in catalogue.records \
                and isinstance(catalogue.records[place].record, EventRecord):
            report.error(("place",), "place_is_event", ref=place)
    for site in catalogue.sites.values():
        _check_site(site, catalogue, ctx)
    for delegation in catalogue.delegations.values():
        check_delegation(delegation, catalogue, ctx)


def _resolve(ref: str, loc: Loc, report: _Reporter, catalogue: "Catalogue") -> "RecordEntry | FailedRecord | None":
    """The record that `ref` names; an error only when no file has that id.

    A file with errors still counts: it has its own messages, and telling the
    records that point to it to point elsewhere would break correct links.
    """
    found = catalogue.records.get(ref) or catalogue.failed.get(ref)
    if found:
        return found
    match = difflib.get_close_matches(ref, [*catalogue.records, *catalogue.failed], n=1, cutoff=0.6)
    if match:
        report.error(loc, "unknown_record_suggest", ref=ref, suggestion=match[0])
    else:
        report.error(loc, "unknown_record", ref=ref)
    return None


def _check_languages(languages: list[str], report: _Reporter) -> None:
    """A site or visit speaks only registered languages: another would get no labels of its own."""
    for index, code in without_interface(languages):
        loc = ("languages", index)
        if is_language_code(code):
            report.error(loc, "language_without_interface", lang=code, available=", ".join(LANGUAGES))
        elif suggestion := language_of_country(code):  # 'kh' is Cambodia's code; Khmer's is 'km'
            report.error(loc, "unknown_language_code_suggest", lang=code, suggestion=suggestion)
        else:
            report.error(loc, "unknown_language_code", lang=code)


def _check_site(entry: "SiteEntry", catalogue: "Catalogue", ctx: "CheckContext") -> None:
    report = _Reporter(entry.source, ctx)
    _check_languages(entry.site.languages, report)
    if entry.name == "brochures":  # public/brochures/ holds the delegation brochures
        ctx.problems.add(entry.path, 0, "", "reserved_site_name", name=entry.name)
    if is_placeholder_address(entry.site.url):  # canonical links, the sitemap and shared links would lead nowhere
        report.warn(("url",), "site_url_not_real", url=entry.site.url)
    include = entry.site.include
    for key in ("ids", "exclude"):
        for index, ref in enumerate(getattr(include, key)):
            _resolve(ref, ("include", key, index), report, catalogue)
    members = {member.id for member in catalogue.members(entry)}
    for index, ref in enumerate(entry.site.featured):
        if _resolve(ref, ("featured", index), report, catalogue) and ref in catalogue.records:
            if catalogue.records[ref].collection != "heritage":
                report.error(("featured", index), "featured_not_heritage", ref=ref)
            elif ref not in members:  # listed, but the site's include leaves it out
                report.error(("featured", index), "featured_not_shown", ref=ref, site=entry.name)
    known_tags = {tag for record in catalogue.records.values() for tag in record.record.tags}
    known_tags.update(tag for failed in catalogue.failed.values() for tag in failed.tags)
    for index, tag in enumerate(include.tags):
        if tag not in known_tags:
            report.error(("include", "tags", index), "unknown_tag", tag=tag)

    languages = entry.site.languages
    shown = ", ".join(languages)
    for member in catalogue.members(entry):
        member_report = _Reporter(member.source, ctx)
        for loc, texts in localized_texts(member.record):
            for lang in languages:
                if lang in texts:
                    continue
                if not entry.site.translation_fallback:
                    member_report.error(loc, "missing_language", lang=lang, site=entry.name, languages=shown)
                elif languages[0] not in texts:
                    member_report.error(loc, "missing_default_language", lang=languages[0], site=entry.name)
    _check_pages(entry, catalogue, ctx)


def _check_pages(entry: "SiteEntry", catalogue: "Catalogue", ctx: "CheckContext") -> None:
    languages = entry.site.languages
    by_slug: dict[str, dict[str, str]] = {}
    for page in catalogue.pages:
        by_slug.setdefault(page.slug, {})[page.lang] = page.path
    for (slug, lang), path in catalogue.failed_pages.items():  # present, with messages of its own
        if slug in by_slug:
            by_slug[slug][lang] = path
    for slug, versions in sorted(by_slug.items()):
        first = sorted(versions.values())[0]
        wanted = languages if not entry.site.translation_fallback else languages[:1]
        for lang in wanted:
            if lang not in versions:
                ctx.problems.add(
                    first, 1, "", "missing_page_language",
                    lang=lang, expected=f"{slug}.{lang}.md", site=entry.name, languages=", ".join(languages),
                )


def check_printing(entry: "DelegationEntry", catalogue: "Catalogue", ctx: "CheckContext") -> None:
    """Warnings for a brochure about to be printed (not for `heritage check`: the content itself is right)."""
    report = _Reporter(entry.source, ctx)
    visit = entry.delegation
    main = visit.languages[0]
    if main in LANGUAGES and is_draft(main):  # labels that nobody checked should not reach a delegation unread
        report.warn(("languages", 0), "draft_catalogue", lang=main, file=f"generator/locale/{main}/LC_MESSAGES/heritage.po")
    site = catalogue.sites.get(visit.site)
    if site is not None and is_placeholder_address(site.site.url):  # printed codes cannot be changed once handed over
        report.warn(("site",), "site_url_placeholder", site=visit.site, url=site.site.url)


def check_delegation(entry: "DelegationEntry", catalogue: "Catalogue", ctx: "CheckContext") -> None:
    report = _Reporter(entry.source, ctx)
    _check_languages(entry.delegation.languages, report)
    visit = entry.delegation
    site = catalogue.sites.get(visit.site)
    if site is None and visit.site not in catalogue.failed_sites:
        choices = ", ".join(sorted({*catalogue.sites, *catalogue.failed_sites})) or "-"
        report.error(("site",), "unknown_site", ref=visit.site, choices=choices)
    start, end = visit.dates.start, visit.dates.end
    if end < start:
        report.error(("dates", "to"), "dates_backwards", start=start.isoformat(), end=end.isoformat())
    for loc, texts in localized_texts(visit):  # names, roles, the programme: in every language of the brochure
        if loc[0] == "welcome":
            continue  # a welcome may be written in fewer languages: the brochure says so where it falls back
        for lang in visit.languages:
            if lang not in texts:
                report.error(loc, "missing_visit_language", lang=lang, languages=", ".join(visit.languages))
    for index, contact in enumerate(visit.contacts):
        if contact.coordinates and not in_vietnam(*contact.coordinates):  # swapped latitude and longitude, often
            lat, lon = contact.coordinates
            report.warn(("contacts", index, "coordinates"), "outside_vietnam", lat=lat, lon=lon)
    first_entry: dict = {}  # date -> index of the day that lists it
    for day_index, day in enumerate(visit.itinerary):
        loc = ("itinerary", day_index, "day")
        if day.day in first_entry:
            report.error(loc, "day_twice", day=day.day.isoformat(), first=first_entry[day.day] + 1)
        elif first_entry and day.day < max(first_entry):
            report.error(loc, "days_out_of_order", day=day.day.isoformat(), previous=max(first_entry).isoformat())
        first_entry.setdefault(day.day, day_index)
        if start <= end and not start <= day.day <= end:
            report.error(
                ("itinerary", day_index, "day"), "day_outside_visit",
                day=day.day.isoformat(), start=start.isoformat(), end=end.isoformat(),
            )
        places = [(("itinerary", day_index, "stops", index), stop) for index, stop in enumerate(day.stops)]
        places += _check_programme(day, day_index, report)
        if not places and not day.programme:
            report.error(("itinerary", day_index), "day_empty")
        for loc, stop in places:
            target = _resolve(stop, loc, report, catalogue)
            if target and site and _surely_off_site(site, target):
                report.error(loc, "not_on_site", ref=stop, site=site.name)
    for index, gift in enumerate(visit.gifts):
        loc = ("gifts", index)
        target = _resolve(gift, loc, report, catalogue)
        # For a file with errors, only a kind it states tells; its folder may be the mistake.
        if target and target.collection not in (None, "products"):
            report.error(loc, "not_a_product", ref=gift)


def _check_programme(day, day_index: int, report: _Reporter) -> list[tuple[Loc, str]]:
    """A day's timed items: in time order, each ending after it starts, visits naming a record.

    Returns where each visited record is named, for the checks of references.
    """
    here = ("itinerary", day_index)
    if day.stops and day.programme:
        report.error(here + ("programme",), "stops_and_programme")
    places, previous = [], ""
    for index, item in enumerate(day.programme):
        loc = here + ("programme", index)
        if item.time < previous:
            report.error(loc + ("time",), "times_out_of_order", time=item.time, previous=previous)
        previous = max(previous, item.time)
        if item.end and item.end <= item.time:
            report.error(loc + ("end",), "end_before_start", start=item.time, end=item.end)
        if item.kind == "visit" and not item.record:
            report.error(loc, "visit_without_record")  # its name would come from the record: one message
        elif item.record:
            places.append((loc + ("record",), item.record))
        elif not item.what:
            report.error(loc, "item_without_what")
    return places


def _surely_off_site(site: "SiteEntry", target: "RecordEntry | FailedRecord") -> bool:
    """Whether `target` is not on `site`; for a file with errors, only when its kind and tags cannot matter."""
    if not isinstance(target, FailedRecord):
        return not site.includes(target)
    include = site.site.include
    listed_only = not (include.kinds or include.tags)
    return target.id in include.exclude or (listed_only and not include.everything and target.id not in include.ids)


def localized_texts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, dict[str, str]]]:
    """Every localized text in a record, with where it is: the only dicts in our models."""
    for name, value in model:
        here = loc + (name,)
        if isinstance(value, dict):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from localized_texts(value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from localized_texts(item, here + (index,))
