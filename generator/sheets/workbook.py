"""`heritage sheet export`: the catalogue as a workbook that opens in Excel, LibreOffice or Google Sheets.

Two header rows: the field's key (what the import reads, so keep it) and its
description in Vietnamese and English. Choices (kind, level, category,
precision) are drop-down lists; the ids of existing records are locked (an id
is a file name: renaming a record is not a spreadsheet edit). Every text is
written as text, never as a formula. The same catalogue gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..catalogue import Catalogue, CheckContext
from ..output import WORKBOOK_MARK, check_out_workbook, replace_file
from ..reading import load_catalogue
from ..languages import LANGUAGES
from ..forms import CHOICE, MARKDOWN
from .layout import CELL_LIMIT, ID, SheetLayout, fingerprints, get, layouts, to_cell

LISTS = "lists"  # the hidden sheet that holds the drop-down choices
BASE = "base"  # the hidden sheet that holds the exported cells' fingerprints (layout.fingerprint)
HEADER_ROWS = 2
FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's "created" and "modified": no clock time in output
WIDTHS = {MARKDOWN: 70, CHOICE: 22}
_HEADER_FILL = PatternFill("solid", fgColor="FFE8D5C4")
_UNLOCKED = Protection(locked=False)


def languages_of(catalogue: Catalogue) -> tuple[str, ...]:
    """The registry's languages, then any other one that some record is written in."""
    found = {lang for entry in catalogue.records.values() for lang in entry.record.name}
    return tuple(LANGUAGES) + tuple(sorted(found - set(LANGUAGES)))


def too_long_note(path: str) -> str:
    return f"⟨longer than a spreadsheet cell can hold: edit it in {path}⟩"


def build_workbook(catalogue: Catalogue) -> bytes:
    book = Workbook()
    book.remove(book.active)
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    base = book.create_sheet(BASE)
    base.sheet_state = "veryHidden"  # not even listed by Excel's "Unhide": it is the import's, not the editor's
    choice_ranges: dict[tuple[str, ...], str] = {}
    for layout in layouts(languages_of(catalogue)):
        sheet = book.create_sheet(layout.name)
        _header(sheet, layout)
        rows = _rows(catalogue, layout)
        for record_id, prints in _fingerprints(catalogue, layout):
            base.append([layout.name, record_id, json.dumps(prints, ensure_ascii=False, sort_keys=True)])
        for row_index, (path, values) in enumerate(rows, start=HEADER_ROWS + 1):
            for col_index, (column, value) in enumerate(zip(layout.columns, values), start=1):
                cell = sheet.cell(row=row_index, column=col_index)
                if isinstance(value, str) and len(value) > CELL_LIMIT:
                    value = too_long_note(path)
                    cell.protection = Protection(locked=True)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # text, even when it starts with '=': never a formula
                if column.kind == MARKDOWN:  # one line a row: wrapped descriptions would make every row a page tall
                    cell.alignment = Alignment(wrap_text=False, vertical="top")
        for col_index, column in enumerate(layout.columns, start=1):
            letter = get_column_letter(col_index)
            dimension = sheet.column_dimensions[letter]
            dimension.width = 34 if column is ID else WIDTHS.get(column.kind, 30)
            if column is not ID or layout.items:
                dimension.protection = _UNLOCKED  # rows added below are editable too
            if column.kind == CHOICE:
                if column.choices not in choice_ranges:
                    choice_ranges[column.choices] = _choice_list(lists, len(choice_ranges) + 1, column.choices)
                check = DataValidation(type="list", formula1=choice_ranges[column.choices], allow_blank=True)
                check.add(f"{letter}{HEADER_ROWS + 1}:{letter}1048576")
                sheet.add_data_validation(check)
        if not layout.items:  # an existing record's id is its file's name: locked; new rows get theirs
            for row_index in range(HEADER_ROWS + 1, HEADER_ROWS + 1 + len(rows)):
                sheet.cell(row=row_index, column=1).protection = Protection(locked=True)
            for row_index in range(HEADER_ROWS + 1 + len(rows), HEADER_ROWS + 1 + len(rows) + 200):
                sheet.cell(row=row_index, column=1).protection = _UNLOCKED
        sheet.freeze_panes = sheet.cell(row=HEADER_ROWS + 1, column=2)
        sheet.protection.sheet = True
        for action in ("formatCells", "formatColumns", "formatRows", "insertRows", "deleteRows", "sort", "autoFilter"):
            setattr(sheet.protection, action, False)  # False: allowed
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.creator = WORKBOOK_MARK
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _header(sheet, layout: SheetLayout) -> None:
    for col_index, column in enumerate(layout.columns, start=1):
        key = sheet.cell(row=1, column=col_index, value=column.key)
        key.font = Font(bold=True)
        key.fill = _HEADER_FILL
        label = sheet.cell(row=2, column=col_index, value=column.label_vi or column.key)
        label.font = Font(italic=True, size=9)
        label.alignment = Alignment(wrap_text=True, vertical="top")
        label.fill = _HEADER_FILL
        if column.label_en:
            label.comment = Comment(f"{column.label_vi}\n\n{column.label_en}", "heritage")
        for cell in (key, label):
            cell.protection = Protection(locked=True)
    sheet.row_dimensions[2].height = 45


def _rows(catalogue: Catalogue, layout: SheetLayout) -> list[tuple[str, list]]:
    rows = []
    for entry in catalogue.records.values():
        if entry.collection != layout.collection:
            continue
        data = entry.source.data
        items = [data] if layout.items is None else (get(data, (layout.items,)) or [])
        for item in items:
            values = [entry.id if column is ID else to_cell(column, get(item, column.loc)) for column in layout.columns]
            rows.append((entry.path, values))
    return rows


def _fingerprints(catalogue: Catalogue, layout: SheetLayout) -> list[tuple[str, Any]]:
    """Per record: its row's fingerprints, or for a list sheet those of each of its item rows."""
    out = []
    for entry in catalogue.records.values():
        if entry.collection == layout.collection:
            data = entry.source.data
            prints = fingerprints(layout, data) if layout.items is None else [fingerprints(layout, item) for item in get(data, (layout.items,)) or []]
            out.append((entry.id, prints))
    return out


def _choice_list(sheet, column: int, choices: tuple[str, ...]) -> str:
    letter = get_column_letter(column)
    for row, choice in enumerate(choices, start=1):
        sheet.cell(row=row, column=column, value=choice)
    return f"={LISTS}!${letter}$1:${letter}${len(choices)}"


def _fixed_zip_times(data: bytes) -> bytes:
    """The same workbook with no clock time in it: zip entries dated 1980-01-01, "modified" fixed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" to the clock when it saves
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.isoformat().encode() + b"Z", data)
            target.writestr(fixed, data)
    return out.getvalue()


def export_workbook(ctx: CheckContext, target: Path) -> bool:
    """Write the workbook; False when the project has errors (in ctx.problems). Raises OutputRefused."""
    check_out_workbook(ctx.project, target)
    catalogue = load_catalogue(ctx)
    if ctx.problems.errors:
        return False
    replace_file(target, build_workbook(catalogue))
    return True
