"""The record formats (pydantic models): one schema for validation, JSON Schema, templates and docs."""

from .publications import Delegation, Include, ItineraryDay, MapSettings, Site, VisitDates
from .records import (
    COLLECTIONS,
    KIND_COLLECTION,
    RESERVED_NAMES,
    RESERVED_PATHS,
    Designation,
    HeritageRecord,
    Image,
    Location,
    PageFrontMatter,
    ProductRecord,
    Record,
    Source,
    is_located,
)

__all__ = [
    "COLLECTIONS",
    "KIND_COLLECTION",
    "Delegation",
    "Designation",
    "HeritageRecord",
    "Image",
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
