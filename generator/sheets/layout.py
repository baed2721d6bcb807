"""The workbook's layout, derived from the record formats: sheets, columns, and what a cell holds.

Each collection has a sheet with a row per record and a column per field (a
localized field has one column per language: `name.vi`, `name.en`...). A list
of objects (designations, images, sources) has a sheet of its own, a row per
item, the record's id first. A list of ids or tags is one cell, comma-separated;
coordinates are two cells, latitude and longitude. Nothing here names a field:
a field added to a model appears in the workbook by itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..forms import (
    COORDINATES, DATE, GROUP, GROUPS, INTEGER, LOCALIZED, MARKDOWN, NUMBER, NUMBERS, TEXT, WORDS, FormField, form_fields,
)
from ..loading import Loc
from ..models import COLLECTIONS

LIST = WORDS  # a list of words or ids: one cell, comma-separated
CELL_LIMIT = 32_767  # the most characters a spreadsheet cell holds
LIST_SEPARATOR = ", "


@dataclass(frozen=True)
class Column:
    key: str  # the header: "name.vi", "location.latitude", "tags"
    loc: Loc  # where its value lives in a record (or in a list item)
    kind: str
    choices: tuple[str, ...] = ()
    label_vi: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class SheetLayout:
    name: str  # "heritage", "heritage designations"
    collection: str
    items: str | None  # None: a row per record; else the list field whose items are rows
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column | None:
        return next((column for column in self.columns if column.key == key), None)


ID = Column("id", (), TEXT, label_vi="Mã bản ghi (tên tệp; không đổi được)", label_en="Record id (the file name; cannot change)")


def _columns(fields: tuple[FormField, ...], languages: tuple[str, ...], loc: Loc = ()) -> tuple[list[Column], list[FormField]]:
    """The columns of a model's form fields, and its lists of groups (each becomes a sheet)."""
    columns: list[Column] = []
    lists: list[FormField] = []
    for field in fields:
        here = loc + (field.name,)
        key = ".".join(str(part) for part in here)
        vi, en = field.label_vi, field.label_en
        if field.type == LOCALIZED:
            for lang in languages:
                columns.append(Column(f"{key}.{lang}", here + (lang,), MARKDOWN if field.markdown else TEXT, (), f"{vi} ({lang})", f"{en} ({lang})"))
        elif field.type == COORDINATES:
            columns.append(Column(".".join(loc + ("latitude",)), here + (0,), NUMBER, (), f"{vi}: vĩ độ", f"{en}: latitude"))
            columns.append(Column(".".join(loc + ("longitude",)), here + (1,), NUMBER, (), f"{vi}: kinh độ", f"{en}: longitude"))
        elif field.type == GROUPS:
            lists.append(field)
        elif field.type == GROUP:
            inner, nested = _columns(field.fields, languages, here)
            columns += inner
            lists += nested
        else:
            columns.append(Column(key, here, field.type, field.choices, vi, en))
    return columns, lists


def layouts(languages: tuple[str, ...]) -> list[SheetLayout]:
    """Every sheet of the workbook, in order: each collection, then its lists."""
    out = []
    for collection, model in COLLECTIONS.items():
        columns, lists = _columns(form_fields(model), languages)
        kind = next(column for column in columns if column.key == "kind")
        ordered = [ID, kind] + [column for column in columns if column is not kind]  # what it is, first
        out.append(SheetLayout(collection, collection, None, tuple(ordered)))
        for field in lists:
            item_columns, _ = _columns(field.fields, languages)
            out.append(SheetLayout(f"{collection} {field.name}", collection, field.name, (ID, *item_columns)))
    return out


# ---------------------------------------------------------------- values in cells


def get(data: Any, loc: Loc) -> Any:
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def to_cell(column: Column, value: Any) -> Any:
    """What a cell shows of a record's value (None for nothing)."""
    if value is None or value == [] or value == "":
        return None
    if column.kind in (LIST, NUMBERS):
        return LIST_SEPARATOR.join(str(item) for item in value) if isinstance(value, list) else str(value)
    if column.kind in (INTEGER, NUMBER) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if column.kind == DATE and isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return None  # not a cell's value: left alone
    text = str(value) if not isinstance(value, bool) else str(value).lower()
    return text.rstrip("\n") if column.kind == MARKDOWN else text


def from_cell(column: Column, cell: Any) -> Any:
    """The record's value for what a cell holds; None for an empty cell. A value of the wrong
    kind is passed on as it is, for the record format to name the problem."""
    if cell is None:
        return None
    if isinstance(cell, dt.datetime):
        cell = cell.date() if column.kind == DATE else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell if column.kind == DATE else cell.isoformat()
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)):
        if column.kind == INTEGER and float(cell).is_integer():
            return int(cell)
        if column.kind in (INTEGER, NUMBER):
            return cell if math.isfinite(cell) else str(cell)
        cell = str(int(cell)) if float(cell).is_integer() else str(cell)  # a phone number typed as a number
    text = unicodedata.normalize("NFC", str(cell))
    if column.kind == MARKDOWN:
        text = text.replace("\r\n", "\n").strip("\n").rstrip()
        return text + "\n" if text.strip() else None
    text = text.strip()
    if not text:
        return None
    if column.kind == LIST:
        return [part.strip() for part in text.split(",") if part.strip()] or None
    if column.kind == NUMBERS:  # "11, 12, 1": a word that is no number is passed on for the format to name
        parts = [part.strip() for part in text.split(",") if part.strip()]
        return [int(part) if re.fullmatch(r"-?[0-9]+", part) else part for part in parts] or None
    if column.kind in (INTEGER, NUMBER):
        try:
            number = float(text.replace(",", ".")) if column.kind == NUMBER else int(text)
            return number
        except ValueError:
            return text
    if column.kind == DATE:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def same(column: Column, current: Any, cell: Any) -> bool:
    """Whether a cell still says what the record holds (so the record's value, as written, stays)."""
    return from_cell(column, to_cell(column, current)) == from_cell(column, cell)


def fingerprint(column: Column, cell: Any) -> str:
    """A short hash of what a cell says, as the import reads it: the workbook keeps those of the
    exported cells, so that an import can tell the cells the editor changed from the rest."""
    canonical = json.dumps(from_cell(column, cell), default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def fingerprints(layout: SheetLayout, item: Any) -> dict[str, str]:
    """The fingerprints of one row's cells (a record's, or one item's), by column."""
    return {column.key: fingerprint(column, to_cell(column, get(item, column.loc))) for column in layout.columns if column is not ID}
