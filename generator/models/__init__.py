"""The record formats (pydantic models): one schema for validation, JSON Schema, templates and docs."""

from .publications import Delegation, Include, ItineraryDay, MapSettings, Site, VisitDates
from .events import EventRecord, When, YearlyDate
from .records import (
    RESERVED_NAMES,
    RESERVED_PATHS,
    Designation,
    HeritageRecord,
    Image,
    Location,
    PageFrontMatter,
    ProductRecord,
    Source,
    place_level,
)
from .vocabulary import CATEGORIES, KIND, KIND_COLLECTION, KINDS, LEVEL_GROUPS, LEVELS, is_located  # noqa: F401

# Each collection: its folder under content/ and its record format, in the order sites list them.
COLLECTIONS: dict[str, type] = {"heritage": HeritageRecord, "products": ProductRecord, "events": EventRecord}
Record = HeritageRecord | ProductRecord | EventRecord

__all__ = [
    "CATEGORIES",
    "COLLECTIONS",
    "KIND",
    "KINDS",
    "LEVELS",
    "LEVEL_GROUPS",
    "KIND_COLLECTION",
    "Delegation",
    "Designation",
    "EventRecord",
    "When",
    "YearlyDate",
    "HeritageRecord",
    "Image",
    "place_level",
    "Include",
    "ItineraryDay",
    "Location",
    "MapSettings",
    "PageFrontMatter",
    "RESERVED_NAMES",
    "RESERVED_PATHS",
    "ProductRecord",
    "Record",
    "Site",
    "Source",
    "VisitDates",
    "is_located",
]
