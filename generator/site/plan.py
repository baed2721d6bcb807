"""Page planning: which pages a site has in one language, and what each shows.

Pure: from the catalogue and a site to a `SitePlan` of view models, with no
file access, so that it can be tested and reasoned about on its own. Texts are
picked here (the page's language, or the site's default when the site allows a
fallback), and labels are put into words; templates only lay them out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from ..catalogue import Catalogue, PageEntry, RecordEntry, SiteEntry
from ..models import RESERVED_PATHS, HeritageRecord, ProductRecord, place_level
from ..models.vocabulary import CATEGORIES, CATEGORY, KIND, KINDS, LEVEL, LEVEL_GROUPS, is_located, kinds_of, level_rank
from ..presentation import covers
from ..presentation.images import PublishedImage, first_photo
from ..presentation.labels import Labels, commune_name, designation_line, province_name
from ..presentation.text import Text, pick_text
from ..presentation.urls import page_url, record_path, relative_url
from . import plan_events
from .calendar_feed import FEED, calendar_ics
from .maps import MAP_KINDS, KindLayer, MarkerRow, NeighbourIndex, OverviewMap, tile_data
from .theme import cover_file
from .views import Card, Fact, Group, Picture, PlannedPage, SitePlan, Tile

HERITAGE_KINDS = frozenset(kinds_of("heritage"))
FEATURED_HERITAGE = 6
FEATURED_PRODUCTS = 4


def plan_site(catalogue: Catalogue, site: SiteEntry, lang: str, media: Mapping[str, PublishedImage] | None = None,
              today: dt.date | None = None) -> SitePlan:
    """Every page of `site` in `lang`; `media` holds the processed photos (from the images stage); `today` is
    the build's reference day, which splits the events into coming and past (needed when the site has events)."""
    labels = Labels(lang)
    picker = _Picker(site, lang, labels, media or {})
    members = catalogue.members(site)
    heritage = [m for m in members if m.collection == "heritage"]
    products = [m for m in members if m.collection == "products"]
    events = [m for m in members if m.collection == "events"]
    assert today is not None or not events, "a site with events needs the reference day"
    member_ids = {m.id for m in members}
    cards = {m.id: picker.card(m) for m in members}
    located = [m for m in members if m.record.location and m.record.location.coordinates]
    located_ids = {m.id for m in located}

    pages: list[PlannedPage] = []
    kinds = [k.name for k in KINDS if any(m.kind == k.name for m in heritage)]
    groups = [g for g in LEVEL_GROUPS if any(_level_group(m) == g for m in heritage)]
    tags = sorted({tag for m in members for tag in m.record.tags})

    coming = tuple(plan_events.coming(events, cards, labels, today)) if events else ()  # the home page's and the events page's
    next_events = tuple(item for item in coming if not item.approximate)[:plan_events.NEXT_ON_HOME]
    pages.append(_home(site, lang, labels, heritage, products, cards, kinds, groups, next_events))
    pages.append(_listing("heritage/index.md", "heritage/", labels("all_heritage"), labels,
                          [Group(labels(KIND[k].plural), tuple(cards[m.id] for m in _by_name(heritage, picker) if m.kind == k), k)
                           for k in kinds], in_nav=True, nav_title=labels("heritage")))
    for kind in kinds:
        chosen = [cards[m.id] for m in _by_name(heritage, picker) if m.kind == kind]
        pages.append(_listing(f"kinds/{kind}.md", f"kinds/{kind}/", labels(KIND[kind].plural), labels, [Group("", tuple(chosen))]))
    for group in groups:
        chosen = [cards[m.id] for m in _by_name(heritage, picker) if _level_group(m) == group]
        pages.append(_listing(f"levels/{group}.md", f"levels/{group}/", labels(f"levels.{group}"), labels, [Group("", tuple(chosen))]))
    if products:
        categories = [c for c in CATEGORIES if any(m.record.category == c.name for m in products)]
        ranked = sorted(products, key=lambda m: (-m.record.stars, picker.name(m).value.casefold()))
        pages.append(_listing("products/index.md", "products/", labels("products"), labels,
                              [Group(labels(c.label), tuple(cards[m.id] for m in ranked if m.record.category == c.name), c.name)
                               for c in categories], in_nav=True))
    if tags:
        tiles = tuple(Tile(_tag_label(tag), f"tags/{tag}/", sum(tag in m.record.tags for m in members)) for tag in tags)
        pages.append(PlannedPage("tags/index.md", "tags/", "tiles.md.j2", labels("all_topics"), labels("all_topics"),
                                 {"title": labels("all_topics"), "tiles": tiles}, in_nav=True))
        for tag in tags:
            chosen = [cards[m.id] for m in _by_name(members, picker) if tag in m.record.tags]
            pages.append(_listing(f"tags/{tag}.md", f"tags/{tag}/", _tag_label(tag), labels, [Group("", tuple(chosen))]))
    if events:
        pages.append(PlannedPage("events/index.md", "events/", "events.md.j2", labels("events"), labels("events_lead"),
                                 plan_events.events_view(events, coming, cards, labels, today), in_nav=True))
    nearby = NeighbourIndex(located)
    if located:
        pages.append(picker.map_page(located))
    for entry in members:
        record_map = picker.record_map(entry, nearby) if entry.id in located_ids else None
        page = picker.record_page(entry, [cards[r] for r in entry.record.related if r in member_ids], record_map)
        pages.append(plan_events.with_events(page, entry, events, catalogue, cards, picker, today) if events else page)
    pages += _narrative_pages(catalogue.pages, site, lang)
    nav = tuple((p.view.get("nav_title", p.title) if isinstance(p.view, dict) else p.title, p.path) for p in pages if p.in_nav)
    files = ()
    if events:
        title = site.site.title_in(lang)
        feed = calendar_ics(site.site, lang, title, events, labels, today, lambda texts: picker.text(texts).value,
                            lambda entry: plan_events.place_name(entry, catalogue, picker))
        files = ((FEED, feed),)
    return SitePlan(site, lang, tuple(pages), nav, labels, files)


# ---------------------------------------------------------------- picking texts


CARD_WIDTH = 600  # a card's picture is at most this wide on any screen


class _Picker:
    """Texts of records in the page's language, or in the site's default one."""

    def __init__(self, site: SiteEntry, lang: str, labels: Labels, media: Mapping[str, PublishedImage]):
        self.site, self.lang, self.labels, self.media = site, lang, labels, media
        self.default = site.site.languages[0]

    def picture(self, file: str, page_url: str) -> Picture:
        image = self.media[file]
        variants = sorted(image.processed.variants, key=lambda v: v.width)

        def url(variant) -> str:
            return relative_url("../" + image.path(variant), page_url)

        def srcset(ext: str) -> str:
            return ", ".join(f"{url(v)} {v.width}w" for v in variants if v.ext == ext)

        jpegs = image.processed.jpegs()
        fallback = [v for v in jpegs if v.width <= 960][-1] if jpegs[0].width <= 960 else jpegs[0]
        return Picture(srcset("webp"), srcset("jpg"), url(fallback), jpegs[-1].width, jpegs[-1].height)

    def text(self, texts: dict[str, str] | None) -> Text | None:
        return pick_text(texts, self.lang, self.site.site.languages) if texts else None

    def name(self, entry: RecordEntry) -> Text:
        return self.text(entry.record.name)

    def photo(self, entry: RecordEntry) -> PublishedImage | None:
        return first_photo(entry.record, self.media)

    def card_image(self, entry: RecordEntry) -> str:
        """A card's picture, relative to the language root: the photo at card size, else the kind's cover."""
        photo = self.photo(entry)
        if photo is None:
            return cover_file(entry.record.kind)
        webps = sorted((v for v in photo.processed.variants if v.ext == "webp"), key=lambda v: v.width)
        return "../" + photo.path(next((v for v in webps if v.width >= CARD_WIDTH), webps[-1]))

    def sharing_image(self, entry: RecordEntry) -> tuple[str, tuple[int, int]]:
        """The og:image of a record's page (absolute) and its size: its photo, else its kind's card."""
        photo = self.photo(entry)
        if photo is None:
            return self.site.site.url + covers.card_path(self.lang, entry.record.kind), (covers.WIDTH, covers.HEIGHT)
        largest = photo.processed.jpegs()[-1]
        return self.site.site.url + photo.path(largest), (largest.width, largest.height)

    def card(self, entry: RecordEntry) -> Card:
        record = entry.record
        kind, image = self.labels(KIND[record.kind].label), self.card_image(entry)
        if isinstance(record, ProductRecord):
            badge = self.labels("stars", n=record.stars)
            return Card(record_path(entry), self.name(entry), self.text(record.summary), kind, badge, record.stars, image)
        level = _highest_level(entry)
        badge = self.labels(LEVEL[level].label) if level else ""
        return Card(record_path(entry), self.name(entry), self.text(record.summary), kind, badge, 0, image)

    def marker(self, entry: RecordEntry, page_url: str) -> MarkerRow:
        record = entry.record
        lat, lon = record.location.coordinates
        card = self.card(entry)
        thumbnail = ""
        if record.images and record.images[0].file in self.media:
            image = self.media[record.images[0].file]
            thumbnail = relative_url("../" + image.path(image.processed.jpegs()[0]), page_url)
        return MarkerRow(lat, lon, card.name.value, card.kind, card.badge, relative_url(record_path(entry), page_url),
                         thumbnail, record.location.precision != "exact", record.kind)

    def map_page(self, located: list[RecordEntry]) -> PlannedPage:
        labels = self.labels
        layers = tuple(
            KindLayer(kind, labels(KIND[kind].plural), tuple(self.marker(m, "map/") for m in located if m.kind == kind))
            for kind in MAP_KINDS if any(m.kind == kind for m in located)
        )
        site = self.site.site
        overview = OverviewMap(layers, site.map.tiles, site.map.attribution)
        view = {
            "title": labels("map"),
            "overview": overview,
            "data": overview.data(self.map_labels()),
            "has_products": any(KIND[layer.kind].collection == "products" for layer in layers),
            "count": len(located),
        }
        return PlannedPage("map.md", "map/", "map.md.j2", labels("map"), labels("map_lead"), view, in_nav=True)

    def map_labels(self) -> dict[str, str]:
        return {key: self.labels(f"map_{key}") for key in ("offline", "approximate", "open", "here")}

    def record_map(self, entry: RecordEntry, nearby: NeighbourIndex) -> dict[str, Any]:
        url = record_path(entry)
        here = self.marker(entry, url)
        site = self.site.site
        return {
            "point": here.as_list(),
            "neighbours": [self.marker(other, url).as_list() for other in nearby.near(entry)],
            **tile_data(site.map.tiles, site.map.attribution),
            "labels": self.map_labels(),
        }

    def record_page(self, entry: RecordEntry, related: list[Card], record_map: dict[str, Any] | None = None) -> PlannedPage:
        record = entry.record
        name, summary, description = self.name(entry), self.text(record.summary), self.text(record.description)
        fallback = any(t.fallback for t in (name, summary, description))
        note = ""
        if fallback:
            note = self.labels("not_translated", language=self.labels.language_called(self.lang),
                               fallback=self.labels.language_called(description.lang))
        location = record.location
        view = {
            "id": entry.id,
            "kind": self.labels(KIND[record.kind].label),
            "name": name,
            "summary": summary,
            "description": description,
            "note": note,
            "facts": tuple(self._facts(entry)),
            "coordinates": location.coordinates if location and location.coordinates else None,
            "precision": self.labels(f"precision_{location.precision}") if location and location.coordinates else "",
            "map": record_map,
            "cover": None if self.photo(entry) else relative_url(cover_file(record.kind), record_path(entry)),
            "images": tuple(
                {"picture": self.picture(image.file, record_path(entry)), "alt": self.text(image.alt),
                 "caption": self.text(image.caption), "credit": image.credit, "licence": image.licence}
                for image in record.images if image.file in self.media
            ),
            "related": tuple(related),
            "sources": tuple((source.title, source.url) for source in record.sources),
        }
        url = record_path(entry)
        og_image, og_size = self.sharing_image(entry)
        jsonld = {**self._jsonld(entry, name, summary, url), "image": og_image}
        # Visitors type the names they have seen on signs and maps: the record's other names find it too.
        others = dict.fromkeys(n for n in record.name.values() if n != name.value)
        search = " ".join([f"{view['kind']}.", summary.value, *others])
        return PlannedPage(f"{entry.collection}/{entry.id}.md", url, "record.md.j2", name.value, summary.value, view,
                           jsonld=jsonld, og_type="article", og_image=og_image, og_image_size=og_size, search_text=search)

    def _facts(self, entry: RecordEntry):
        record, labels = entry.record, self.labels
        yield Fact(labels("kind"), (labels(KIND[record.kind].label),))
        if isinstance(record, HeritageRecord) and record.designations:
            yield Fact(labels("recognition"), tuple(designation_line(d, labels, self.lang) for d in reversed(record.designations)))
        if isinstance(record, ProductRecord):
            rating = labels("stars", n=record.stars) + (f", {labels('rated_in', year=record.rated_year)}" if record.rated_year else "")
            yield Fact(labels("ocop_rating"), (rating,))
            yield Fact(labels("category"), (labels(CATEGORY[record.category].label),))
            producer = record.producer
            where = commune_name(producer.commune, self.lang) if producer.commune else None
            yield Fact(labels("producer"), tuple(v for v in (producer.name, where, producer.phone, producer.email, producer.website) if v))
        address = entry.address
        if address and address.commune:
            current = f"{commune_name(address.commune, self.lang)}, {province_name(address.province, self.lang)}"
            if address.derived:
                current += f" ({labels('derived_address')})"
            yield Fact(labels("current_address"), (current,))
        elif address and address.province:
            yield Fact(labels("current_address"), (province_name(address.province, self.lang),))
        elif not is_located(record.kind) and record.kind in HERITAGE_KINDS:  # an event says where it is held itself
            yield Fact(labels("location"), (labels("province_wide"),))
        if record.location and record.location.former_address:
            yield Fact(labels("former_address"), (record.location.former_address,), lang="vi")
        if record.location and record.location.directions:
            yield self._localized_fact("directions", record.location.directions)
        visiting = getattr(record, "visiting", None)
        if visiting:
            for key in ("opening_hours", "fee", "access"):
                if getattr(visiting, key):
                    yield self._localized_fact(key, getattr(visiting, key))
            if visiting.contact:
                values = tuple(v for v in (visiting.contact.phone, visiting.contact.email, visiting.contact.website) if v)
                yield Fact(labels("contact"), values)

    def _localized_fact(self, key: str, texts: dict[str, str]) -> Fact:
        text = self.text(texts)
        return Fact(self.labels(key), (text.value,), lang=text.lang if text.fallback else "")

    def _jsonld(self, entry: RecordEntry, name: Text, summary: Text, url: str) -> dict[str, Any]:
        record = entry.record
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "name": name.value,
            "description": summary.value,
            "url": page_url(self.site.site, self.lang, url),
            "inLanguage": self.lang,
        }
        if isinstance(record, ProductRecord):
            data["@type"] = "Product"
            data["category"] = self.labels(CATEGORY[record.category].label)
            data["manufacturer"] = {"@type": "Organization", "name": record.producer.name}
            return data
        data["@type"] = ["TouristAttraction", "LandmarksOrHistoricalBuildings"] if is_located(record.kind) else "TouristAttraction"
        if record.location and record.location.coordinates:
            lat, lon = record.location.coordinates
            data["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        if entry.address and entry.address.province:
            address = {"@type": "PostalAddress", "addressRegion": entry.address.province, "addressCountry": "VN"}
            if entry.address.commune:
                address["addressLocality"] = entry.address.commune
            data["address"] = address
        return data


# ---------------------------------------------------------------- page kinds


def _home(site, lang, labels, heritage, products, cards, kinds, groups, next_events=()) -> PlannedPage:
    chosen = [m for ref in site.site.featured for m in heritage if m.id == ref]  # the editors' choice, in their order
    featured = chosen or sorted(heritage, key=lambda m: (level_rank(_highest_level(m)), m.id))[:FEATURED_HERITAGE]
    top_products = sorted(products, key=lambda m: (-m.record.stars, m.id))[:FEATURED_PRODUCTS]
    title = site.site.title_in(lang)
    view = {
        "title": title,
        "message": labels("message"),
        "lead": labels("message_lead"),
        "featured": tuple(cards[m.id] for m in featured),
        "products": tuple(cards[m.id] for m in top_products),
        "events": next_events,
        "kinds": tuple(Tile(labels(KIND[k].plural), f"kinds/{k}/", sum(m.kind == k for m in heritage)) for k in kinds),
        "levels": tuple(Tile(labels(f"levels.{g}"), f"levels/{g}/", sum(_level_group(m) == g for m in heritage)) for g in groups),
        "nav_title": labels("home"),
    }
    jsonld = {"@context": "https://schema.org", "@type": "WebSite", "name": title, "url": page_url(site.site, lang, ""), "inLanguage": lang}
    return PlannedPage("index.md", "", "home.md.j2", title, labels("message_lead"), view, jsonld=jsonld, in_nav=True)


def _listing(path, url, title, labels, groups, in_nav=False, nav_title=None) -> PlannedPage:
    groups = tuple(g for g in groups if g.cards)
    count = sum(len(g.cards) for g in groups)
    view = {"title": title, "groups": groups, "count": labels("records_count", n=count), "nav_title": nav_title or title}
    return PlannedPage(path, url, "listing.md.j2", title, f"{title}: {labels('records_count', n=count)}", view, in_nav=in_nav)


def _narrative_pages(pages: tuple[PageEntry, ...], site: SiteEntry, lang: str) -> list[PlannedPage]:
    default = site.site.languages[0]
    by_slug: dict[str, dict[str, PageEntry]] = {}
    for page in pages:
        by_slug.setdefault(page.slug, {})[page.lang] = page
    out = []
    for slug, versions in by_slug.items():
        page = versions.get(lang) or versions.get(default)
        if page is None or slug in RESERVED_PATHS:
            continue
        view = {"title": page.front.title, "body": page.body, "lang": page.lang, "fallback": page.lang != lang,
                "order": page.front.order}
        out.append(PlannedPage(f"{slug}.md", f"{slug}/", "narrative.md.j2", page.front.title,
                               page.front.summary or page.front.title, view, in_nav=True))
    return sorted(out, key=lambda p: (p.view["order"], p.path))


def _tag_label(tag: str) -> str:
    return tag.replace("-", " ")


def _by_name(entries: list[RecordEntry], picker: _Picker) -> list[RecordEntry]:
    return sorted(entries, key=lambda m: picker.name(m).value.casefold())


def _highest_level(entry: RecordEntry) -> str | None:
    return place_level(entry.record)


def _level_group(entry: RecordEntry) -> str | None:
    level = _highest_level(entry)
    return LEVEL[level].group if level else None
