"""The record formats (pydantic models): one schema for validation, JSON Schema, templates and docs."""

from .publications import Delegation, Include, ItineraryDay, MapSettings, Site, VisitDates
from .records import (
    COLLECTIONS,
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
    place_level,
)
from .vocabulary import CATEGORIES, KIND, KIND_COLLECTION, KINDS, LEVEL_GROUPS, LEVELS, is_located  # noqa: F401

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
