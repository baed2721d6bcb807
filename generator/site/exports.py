"""Open data: a site's records as GeoJSON, CSV and JSON, with a datapackage.json.

The web pages are for people; these files are for GIS tools, spreadsheets and
other programs, so that nobody has to scrape the site to reuse the catalogue.
They land in public/<site>/data/ (DESIGN.md, Output). The bytes depend only on
the catalogue: records in catalogue order, no timestamps, floats as loaded, so
an unchanged catalogue republishes identical files. Content text is data and
reaches the files only through the json and csv serializers; in the CSV, a
text cell that a spreadsheet would run as a formula is neutralised (OWASP's
advice: a leading apostrophe), while the JSON and GeoJSON keep the text as is.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue, RecordEntry, SiteEntry
from ..models import place_level
from ..spreadsheet import text_cell
from ..presentation.urls import record_url

GEOJSON = "records.geojson"
CSV = "records.csv"
JSON = "records.json"
DATAPACKAGE = "datapackage.json"

NEUTRALISED = "Text cells that a spreadsheet would run as a formula (starting with =, +, -, @ or a tab) start with an apostrophe; records.json has the original text."



def write_exports(catalogue: Catalogue, site: SiteEntry, out_dir: Path) -> list[Path]:
    """Write <out_dir>/records.geojson, records.csv, records.json and datapackage.json
    for the site's records (catalogue.members(site)); return the paths written."""
    entries = catalogue.members(site)
    langs = list(site.site.languages)
    columns = _csv_columns(langs)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        GEOJSON: _dumps(_geojson(entries, site, langs)),
        CSV: _csv(entries, site, langs, columns),
        JSON: _dumps(_json(entries, site, langs)),
        DATAPACKAGE: _dumps(_datapackage(site, langs, columns)),
    }
    written = []
    for name, text in files.items():
        path = out_dir / name
        path.write_bytes(text.encode("utf-8"))  # bytes: no platform newline translation
        written.append(path)
    return written


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _highest_level(entry: RecordEntry) -> str | None:
    return place_level(entry.record)


def _product(entry: RecordEntry, name: str) -> Any:
    """A product-only field (category, stars, producer); None for heritage."""
    return getattr(entry.record, name, None)


def _common(entry: RecordEntry, langs: list[str]) -> dict[str, Any]:
    """The flat fields shared by the GeoJSON properties and the CSV rows."""
    record, location, address = entry.record, entry.record.location, entry.address
    coordinates = location.coordinates if location else None
    fields: dict[str, Any] = {"id": entry.id, "collection": entry.collection, "kind": entry.kind}
    for lang in langs:
        fields[f"name_{lang}"] = record.name.get(lang)
        fields[f"summary_{lang}"] = record.summary.get(lang)
    fields.update(
        latitude=coordinates[0] if coordinates else None,
        longitude=coordinates[1] if coordinates else None,
        precision=location.precision if location else None,
        commune=address.commune if address else None,
        province=address.province if address else None,
        former_address=location.former_address if location else None,
    )
    return fields


def _urls(entry: RecordEntry, site: SiteEntry, langs: list[str]) -> dict[str, str]:
    return {lang: record_url(site.site, lang, entry) for lang in langs}


def _geojson(entries: list[RecordEntry], site: SiteEntry, langs: list[str]) -> dict[str, Any]:
    features = []
    for entry in entries:
        properties = _common(entry, langs)
        lat, lon = properties.pop("latitude"), properties.pop("longitude")
        if lat is None:
            continue  # not located (e.g. intangible heritage): not on the map
        properties["level"] = _highest_level(entry)  # the highest designation
        properties["category"] = _product(entry, "category")
        properties["stars"] = _product(entry, "stars")
        properties.update({f"url_{lang}": url for lang, url in _urls(entry, site, langs).items()})
        geometry = {"type": "Point", "coordinates": [lon, lat]}  # RFC 7946: longitude first
        features.append({"type": "Feature", "id": entry.id, "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _csv_columns(langs: list[str]) -> list[tuple[str, str]]:
    """(name, Table Schema type) of each CSV column, in order."""
    texts = [(f"{field}_{lang}", "string") for lang in langs for field in ("name", "summary")]
    return [
        ("id", "string"),
        ("collection", "string"),
        ("kind", "string"),
        *texts,
        ("latitude", "number"),
        ("longitude", "number"),
        *[(name, "string") for name in ("precision", "commune", "province", "former_address", "designations", "category")],
        ("stars", "integer"),
        ("producer", "string"),
        ("tags", "string"),
        *[(f"url_{lang}", "string") for lang in langs],
        ("sources", "string"),
    ]


def _designations(entry: RecordEntry) -> str:
    """'provincial 2018; national 2020 (3227/QĐ-BVHTTDL)'"""
    parts = []
    for d in getattr(entry.record, "designations", []):
        parts.append(" ".join(str(part) for part in (d.level, d.year) if part) + (f" ({d.reference})" if d.reference else ""))
    return "; ".join(parts)


def _csv(entries: list[RecordEntry], site: SiteEntry, langs: list[str], columns: list[tuple[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")  # QUOTE_MINIMAL: RFC 4180 quoting
    writer.writerow([name for name, _ in columns])
    for entry in entries:
        row = _common(entry, langs)
        producer = _product(entry, "producer")
        row.update(
            designations=_designations(entry),
            category=_product(entry, "category"),
            stars=_product(entry, "stars"),
            producer=producer.name if producer else None,
            tags=";".join(entry.record.tags),
            sources=" ".join(source.url for source in entry.record.sources),
        )
        row.update({f"url_{lang}": url for lang, url in _urls(entry, site, langs).items()})
        writer.writerow([_cell(row[name], kind) for name, kind in columns])
    return buffer.getvalue()


def _cell(value: Any, kind: str) -> Any:
    """A CSV cell: text that a spreadsheet would run is neutralised; numbers stay numbers
    (a negative latitude in a number column is not a formula)."""
    if value is None:
        return ""
    return text_cell(value) if kind == "string" and isinstance(value, str) else value


def _json(entries: list[RecordEntry], site: SiteEntry, langs: list[str]) -> dict[str, Any]:
    records = []
    for entry in entries:
        address = entry.address
        records.append(
            {
                "id": entry.id,
                "collection": entry.collection,
                **entry.record.model_dump(mode="json", by_alias=True, exclude_none=True),
                "urls": _urls(entry, site, langs),
                "address": {
                    "commune": address.commune if address else None,
                    "province": address.province if address else None,
                    "derived": address.derived if address else False,
                },
            }
        )
    return {"site": site.name, "languages": langs, "records": records}


def _datapackage(site: SiteEntry, langs: list[str], columns: list[tuple[str, str]]) -> dict[str, Any]:
    title = site.site.title
    name = re.sub(r"[^-a-z0-9._/]+", "-", site.name.lower())  # the spec's name pattern
    resource = {"encoding": "utf-8"}
    return {
        "name": name,
        "title": title.get(langs[0]) or next(iter(title.values())),
        "resources": [
            {"name": "records-geojson", "path": GEOJSON, "format": "geojson", "mediatype": "application/geo+json", **resource},
            {
                "name": "records-csv",
                "path": CSV,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "description": NEUTRALISED,
                **resource,
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True},
                "schema": {"fields": [{"name": field, "type": kind} for field, kind in columns]},
            },
            {"name": "records-json", "path": JSON, "format": "json", "mediatype": "application/json", **resource},
        ],
    }
