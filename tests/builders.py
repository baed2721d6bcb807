"""Test-data builders: records, sites, visits and catalogues in memory, with no files.

MkDocs' tests/base.py is the model: each builder makes a valid object from a
few words and takes overrides for what a test is about, so that a planner's
test reads as its situation ("a site in vi and en with one relic without
English") and runs in milliseconds. Values go through the real models, so a
builder cannot make something that `heritage check` would refuse in shape.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any

from generator.catalogue import Catalogue, PageEntry, RecordEntry, SiteEntry
from generator.loading import SourceDocument
from generator.models import Delegation, PageFrontMatter, Site
from generator.models import COLLECTIONS
from generator.models.vocabulary import KIND
from generator.places import Address


def texts(vi: str, en: str | None = None) -> dict[str, str]:
    return {"vi": vi, **({"en": en} if en is not None else {})}


def record(id: str, kind: str = "historical-relic", *, name: dict | None = None, levels: tuple[tuple[str, int], ...] = (),
           coordinates: tuple[float, float] | None = (13.97, 108.65), commune: str | None = "Phường An Bình",
           **fields: Any) -> RecordEntry:
    """A record of `kind` named after its id in both languages; `fields` override the document's fields."""
    collection = KIND[kind].collection
    data: dict[str, Any] = {
        "kind": kind,
        "name": name or texts(f"Tên {id}", f"Name {id}"),
        "summary": texts(f"Tóm tắt {id}.", f"Summary of {id}."),
        "description": texts(f"Mô tả {id}.", f"Description of {id}."),
        "sources": [{"title": "Nguồn", "url": "https://example.vn/"}],
    }
    if KIND[kind].located:
        data["location"] = {"coordinates": list(coordinates), "commune": commune, "province": "Gia Lai"} if coordinates \
            else {"province": "Gia Lai"}
    if levels:
        data["designations"] = [{"level": level, "year": year} for level, year in levels]
    if collection == "products":
        data.update(category="food", stars=4, producer={"name": f"Producer {id}"})
    data.update(fields)
    model = COLLECTIONS[collection].model_validate(data)
    address = Address(commune, "Gia Lai") if KIND[kind].located and commune else None
    path = f"content/{collection}/{id}.yml"
    return RecordEntry(id, collection, path, model, SourceDocument(path, data), address)


def site(name: str = "main", languages: tuple[str, ...] = ("vi", "en"), **fields: Any) -> SiteEntry:
    data = {"title": texts("Di sản", "Heritage"), "url": "https://heritage.example/", "languages": list(languages), **fields}
    path = f"sites/{name}.yml"
    return SiteEntry(name, path, Site.model_validate(data), SourceDocument(path, data))


def page(slug: str, lang: str, title: str, body: str = "Text.", order: int = 0) -> PageEntry:
    return PageEntry(slug, lang, f"content/pages/{slug}.{lang}.md", PageFrontMatter(title=title, order=order), body)


def visit(stops: list[list[str]], gifts: list[str] = (), languages: tuple[str, ...] = ("en", "vi"), **fields: Any) -> Delegation:
    """A visit to site 'main' starting on 10 December 2026, one day per list of stops."""
    start = dt.date(2026, 12, 10)
    days = [{"day": start + dt.timedelta(days=n), "stops": ids} for n, ids in enumerate(stops)]
    data = {
        "site": "main", "languages": list(languages), "delegation": {"en": "A delegation", "vi": "Một đoàn"},
        "dates": {"from": start, "to": start + dt.timedelta(days=max(len(stops) - 1, 0))},
        "itinerary": days, "gifts": list(gifts), **fields,
    }
    return Delegation.model_validate(data)


def catalogue(*records: RecordEntry, sites: tuple[SiteEntry, ...] = (), pages: tuple[PageEntry, ...] = ()) -> Catalogue:
    return Catalogue(
        records=MappingProxyType({entry.id: entry for entry in sorted(records, key=lambda e: e.id)}),
        pages=tuple(sorted(pages, key=lambda p: (p.front.order, p.slug, p.lang))),
        sites=MappingProxyType({entry.name: entry for entry in sites or (site(),)}),
        delegations=MappingProxyType({}),
    )
