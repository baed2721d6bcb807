"""`heritage sheet import FILE.xlsx`: a workbook's changed cells and new rows, back into the records.

A cell that still says what its record holds changes nothing, so a workbook
exported and imported untouched changes no file. A changed cell changes that
value only, in place (yaml_edit.py); a row with a new id becomes a new record
file. Every changed file is then checked as `heritage check` would check it
(changes.py), and a problem is reported at its cell,
`FILE.xlsx:heritage!C12: name.en: message`. Nothing is written while any
error remains. A record missing from the workbook is not deleted: removing a
record is a decision for its file, not for a forgotten row.
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..catalogue import Catalogue, CheckContext
from ..changes import check_changed_records
from ..messages import Number
from ..output import OutputRefused, editors_text, replace_editors_file, shown
from ..problems import Problems
from ..reading import load_catalogue
from ..record_template import new_record_refusal, record_text
from ..yaml_edit import SpliceFailed, apply_data
from .layout import ID, Column, SheetLayout, fingerprint, from_cell, get, layouts, same, to_cell
from .workbook import BASE, HEADER_ROWS, LISTS, languages_of, too_long_note

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # the bundled catalogue's workbook unpacks to under 1 MB


@dataclass
class Imported:
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


@dataclass
class _Row:
    """One record's rows: its main row, and its item rows per list field."""

    id: str
    collection: str
    sheet: str = ""
    row: int = 0
    cells: dict[str, Any] = field(default_factory=dict)
    items: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)


def import_workbook(ctx: CheckContext, source: Path) -> Imported | None:
    """Check the workbook against the project and write it in; None when a problem stops it."""
    project = ctx.project
    catalogue = load_catalogue(ctx)
    if ctx.problems.errors:
        return None
    where = shown(project, source)
    if not source.is_file():
        raise OutputRefused("sheet_not_found", path=where)
    if source.stat().st_size > MAX_WORKBOOK_BYTES:
        raise OutputRefused("sheet_too_large", path=where, limit=Number(MAX_WORKBOOK_BYTES, "bytes"))
    try:
        with zipfile.ZipFile(source) as archive:  # a small file that unpacks into gigabytes is not a workbook
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise OutputRefused("sheet_too_large", path=where, limit=Number(MAX_UNPACKED_BYTES, "bytes"))
        book = load_workbook(source, data_only=False)  # XML read through defusedxml: no entity expansion
    except OutputRefused:
        raise
    except Exception as exc:  # whatever a damaged or hostile file makes the reader raise: one line
        raise OutputRefused("sheet_unreadable", path=where, detail=str(exc)[:200]) from None
    sheets = {layout.name: layout for layout in layouts(languages_of(catalogue))}
    problems = Problems()
    present: dict[str, set[str]] = {}  # sheet -> the columns it has
    rows = _read_rows(book, sheets, present, where, problems)
    base = _read_base(book)
    texts, added, places = _new_texts(ctx, catalogue, rows, sheets, present, base, where, problems)
    if not problems.errors:
        found = check_changed_records(ctx, catalogue, texts)
        for problem in found:
            lang = dict(problem.params).get("lang")  # a missing language: its own column
            cell, field_name = _cell_of(problem.path, f"{problem.field}.{lang}" if isinstance(lang, str) else problem.field, places, where)
            problems.add(cell, 0, field_name, problem.code, problem.severity, **dict(problem.params))
    ctx.problems.extend(problems)
    if problems.errors:
        return None
    for rel, text in texts.items():
        replace_editors_file(project.root / rel, text)
    return Imported(sorted(set(texts) - set(added)), sorted(added))


def _read_rows(book, sheets: dict[str, SheetLayout], present: dict[str, set[str]], where: str, problems: Problems) -> dict[str, _Row]:
    rows: dict[str, _Row] = {}
    for sheet in book.worksheets:
        if sheet.title in (LISTS, BASE):
            continue
        layout = sheets.get(sheet.title)
        if layout is None:
            problems.warn(f"{where}:{sheet.title}", 0, "", "sheet_unknown", choices=", ".join(sheets))
            continue
        header = [cell.value for cell in next(sheet.iter_rows(min_row=1, max_row=1), ())]
        columns: dict[int, Column] = {}
        for index, key in enumerate(header, start=1):
            column = layout.column(key) if isinstance(key, str) else None
            if key is None:
                continue
            if column is None:
                problems.add(f"{where}:{sheet.title}!{get_column_letter(index)}1", 0, "", "sheet_unknown_column", key=str(key))
            else:
                columns[index] = column
        if ID not in columns.values():
            problems.add(f"{where}:{sheet.title}!A1", 0, "", "sheet_no_id")
            continue
        present[sheet.title] = {column.key for column in columns.values()}
        for row in sheet.iter_rows(min_row=HEADER_ROWS + 1):
            values: dict[str, Any] = {}
            for cell in row:
                column = columns.get(cell.column)
                if column is None or cell.value is None:
                    continue
                if cell.data_type == "f":
                    problems.add(f"{where}:{sheet.title}!{cell.coordinate}", 0, column.key, "sheet_formula")
                    continue
                values[column.key] = cell.value
            if not values:
                continue
            record_id = values.pop("id", None)
            address = f"{where}:{sheet.title}!A{row[0].row}"
            if not isinstance(record_id, str) or not record_id.strip():
                problems.add(address, 0, "id", "sheet_no_row_id")
                continue
            record_id = record_id.strip()
            entry = rows.setdefault(record_id, _Row(record_id, layout.collection))
            if layout.items is None:
                if entry.sheet:
                    problems.add(address, 0, "id", "sheet_id_twice", id=record_id, row=entry.row)
                    continue
                entry.sheet, entry.row, entry.cells = sheet.title, row[0].row, values
            else:
                entry.items.setdefault(layout.items, []).append((row[0].row, values))
    return rows


def _read_base(book) -> dict[tuple[str, str], Any]:
    """The exported cells' fingerprints, by (sheet, record id); none for a workbook without them."""
    if BASE not in book.sheetnames:
        return {}
    base = {}
    for sheet_name, record_id, prints in book[BASE].iter_rows(min_col=1, max_col=3, values_only=True):
        try:
            base[(str(sheet_name), str(record_id))] = json.loads(prints)
        except (TypeError, ValueError):
            continue  # a damaged line: that record is compared with its file, as without a base
    return base


def _new_texts(ctx: CheckContext, catalogue: Catalogue, rows: dict[str, _Row], sheets: dict[str, SheetLayout],
               present: dict[str, set[str]], base: dict, where: str, problems: Problems) -> tuple[dict[str, str], list[str], dict[str, tuple]]:
    """Each changed or new record file's new text; and, per file, where its fields are in the workbook."""
    texts: dict[str, str] = {}
    added: list[str] = []
    places: dict[str, tuple] = {}
    for record_id, row in rows.items():
        main = sheets[row.collection]
        entry = catalogue.records.get(record_id)
        if entry is None:
            if not row.sheet:  # items of a record the main sheet does not have
                line = next(iter(row.items.values()))[0][0]
                name = next(iter(row.items))
                problems.add(f"{where}:{row.collection} {name}!A{line}", 0, "id", "sheet_unknown_record", id=record_id)
                continue
            path = _new_record_path(ctx, row, where, problems)
            if path is None:
                continue
            text = ""
            old: dict = {}
        else:
            if entry.collection != row.collection:
                problems.add(f"{where}:{row.sheet}!A{row.row}", 0, "id", "sheet_wrong_collection", id=record_id, collection=entry.collection)
                continue
            path = entry.path
            text = editors_text((ctx.project.root / path).read_bytes())
            old = yaml.safe_load(text)
        conflicts: list[tuple[str, int, int, str]] = []
        new = _updated(old, row, main, sheets, catalogue.records.get(record_id), present, base, conflicts)
        for sheet_name, column, line, key in conflicts:
            problems.add(f"{where}:{sheet_name}!{get_column_letter(column)}{line}", 0, key, "sheet_conflict", path=path)
        if conflicts:
            continue
        if new == old:
            continue
        try:
            texts[path] = _write(text, new, old, row.collection)
        except SpliceFailed:
            problems.add(f"{where}:{row.sheet or row.collection}!A{row.row}", 0, "", "sheet_cannot_place", path=path)
            continue
        if entry is None:
            added.append(path)
        places[path] = (row, sheets)
    return texts, added, places


def _write(text: str, new: dict, old: dict, collection: str) -> str:
    return apply_data(text, new) if old else record_text(collection, new)


def _new_record_path(ctx: CheckContext, row: _Row, where: str, problems: Problems) -> str | None:
    refusal = new_record_refusal(ctx.project, row.collection, row.id)
    if refusal:
        problems.add(f"{where}:{row.sheet}!A{row.row}", 0, "id", refusal[0], **refusal[1])
        return None
    return ctx.project.rel(ctx.project.content / row.collection / f"{row.id}.yml")


def _updated(old: dict, row: _Row, main: SheetLayout, sheets: dict[str, SheetLayout], entry, present: dict[str, set[str]],
             base: dict, conflicts: list) -> dict:
    """The record's data with the workbook's changed cells applied. A column or a sheet that the
    workbook does not have changes nothing; an empty cell under a column it has clears the field.

    With the exported cells' fingerprints (`base`), a cell the editor did not change changes
    nothing, even when the file has changed since the export; a cell changed in both is a
    conflict, named in `conflicts` (sheet, column, row, field) rather than decided here."""
    new = copy.deepcopy(old)
    current = entry.source.data if entry else {}
    if row.sheet:
        prints = base.get((main.name, row.id)) if entry else None
        for index, column in enumerate(main.columns, start=1):
            if column is ID or column.key not in present.get(main.name, set()):
                continue
            cell = row.cells.get(column.key)
            if entry and cell == too_long_note(entry.path):
                continue
            if same(column, get(current, column.loc), cell):
                continue
            if isinstance(prints, dict) and column.key in prints:
                if fingerprint(column, cell) == prints[column.key]:
                    continue  # the editor left it; the file changed since the export: the file's stands
                if fingerprint(column, to_cell(column, get(current, column.loc))) != prints[column.key]:
                    conflicts.append((row.sheet, index, row.row, column.key))
                    continue
            _set(new, column.loc, from_cell(column, cell))
    for layout in sheets.values():
        if layout.collection != row.collection or layout.items is None or layout.name not in present:
            continue
        name = layout.items
        old_items = get(current, (name,)) or []
        prints = base.get((layout.name, row.id)) if entry else None
        if isinstance(prints, list):
            columns = [c for c in layout.columns if c is not ID and c.key in present[layout.name]]
            given = [{c.key: fingerprint(c, cells.get(c.key)) for c in columns} for _, cells in row.items.get(name, [])]
            exported = [{c.key: item.get(c.key) for c in columns} for item in prints if isinstance(item, dict)]
            if given == exported:
                continue  # the editor left this list as it was exported: the file's stands
            now = [{c.key: fingerprint(c, to_cell(c, get(item, c.loc))) for c in columns} for item in old_items]
            if now != exported:
                line = row.items[name][0][0] if row.items.get(name) else HEADER_ROWS + 1
                conflicts.append((layout.name, 1, line, name))
                continue
        new_items = []
        for index, (_, cells) in enumerate(row.items.get(name, [])):
            item = copy.deepcopy(get(new, (name, index))) if index < len(old_items) else {}
            before = old_items[index] if index < len(old_items) else {}
            for column in layout.columns:
                if column is not ID and column.key in present[layout.name] and not same(column, get(before, column.loc), cells.get(column.key)):
                    _set(item, column.loc, from_cell(column, cells.get(column.key)))
            new_items.append(item)
        if new_items != (get(new, (name,)) or []):
            _set(new, (name,), new_items or None)
    return _pruned(new, old)


def _set(data: dict, loc: tuple, value: Any) -> None:
    """Set (or, for None, remove) the value at `loc`, making the mappings on the way."""
    target = data
    for index, part in enumerate(loc[:-1]):
        following = loc[index + 1]
        if isinstance(target, list):
            while len(target) <= part:
                target.append({})
            target = target[part]
            continue
        if not isinstance(target.get(part), (dict, list)):
            target[part] = [] if isinstance(following, int) else {}
        target = target[part]
    last = loc[-1]
    if isinstance(target, list):
        while len(target) <= last:
            target.append(None)
        target[last] = value
    elif value is None:
        target.pop(last, None)
    else:
        target[last] = value


def _pruned(value: Any, old: Any) -> Any:
    """Without the mappings and lists that the changes emptied (a blank field is an absent one);
    what was already so in the file stays as it is."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            before = old.get(key) if isinstance(old, dict) else None
            item = _pruned(item, before)
            emptied = item in ({}, []) or (isinstance(item, list) and item and all(v is None for v in item))
            if emptied and item != before:
                continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [_pruned(item, old[index] if isinstance(old, list) and index < len(old) else None)
                for index, item in enumerate(value)]
    return value


_ITEM_FIELD = re.compile(r"^(?P<list>[a-z_]+)\[(?P<index>\d+)\](?:\.(?P<rest>.*))?$")


def _cell_of(path: str, field_name: str, places: dict[str, tuple], where: str) -> tuple[str, str]:
    """The cell a problem of a record file is about, as `FILE.xlsx:Sheet!C12`, and its field."""
    row, sheets = places.get(path, (None, None))
    if row is None:
        return path, field_name
    item = _ITEM_FIELD.match(field_name)
    if item and row.items.get(item["list"]) and int(item["index"]) <= len(row.items[item["list"]]):
        layout = next(s for s in sheets.values() if s.collection == row.collection and s.items == item["list"])
        line = row.items[item["list"]][int(item["index"]) - 1][0]
        return f"{where}:{layout.name}!{get_column_letter(_column_for(layout, item['rest'] or ''))}{line}", field_name
    if row.sheet:
        column = _column_for(sheets[row.collection], field_name)
        return f"{where}:{row.sheet}!{get_column_letter(column)}{row.row}", field_name
    return path, field_name


def _column_for(layout: SheetLayout, field_name: str) -> int:
    """The 1-based column of a field ('name.en', 'location.coordinates'), or the id's."""
    keys = [column.key for column in layout.columns]
    locs = [".".join(str(part) for part in column.loc) for column in layout.columns]
    for candidate in (field_name, *[field_name.rsplit(".", n)[0] for n in range(1, field_name.count(".") + 1)]):
        if candidate in keys:
            return keys.index(candidate) + 1
        for index, loc in enumerate(locs):
            if loc.startswith(candidate + ".") or loc == candidate:
                return index + 1
    return 1
