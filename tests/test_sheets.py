"""The catalogue as a workbook and back: `heritage sheet export` and `heritage sheet import`.

Real .xlsx files (openpyxl, as Excel and LibreOffice read and write them), the
bundled project, the real CLI. The promises: a workbook imported untouched
changes no file, one edited cell changes one line, a new row is a new record
that passes `heritage check`, and a bad cell is named by sheet, cell and field
with nothing written.
"""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import in_project, sources_of



def export(root: Path) -> Path:
    target = root.parent / "catalogue.xlsx"
    result = in_project(root, "sheet", "export", "--out", str(target))
    assert result.status == 0, result.err
    return target


def edit(workbook: Path, sheet: str, record: str, values: dict, formulas: bool = False) -> Path:
    """Set cells of a record's row (by column key), or of a new row when the record has none. A text
    starting with '=' is typed as a formula only with `formulas` (as in Excel, without a leading ')."""
    book = openpyxl.load_workbook(workbook)
    page = book[sheet]
    keys = {cell.value: cell.column for cell in page[1]}
    row = next((cells[0].row for cells in page.iter_rows(min_row=3) if cells[0].value == record), None)
    if row is None:
        row = next(cells[0].row for cells in page.iter_rows(min_row=3) if all(c.value is None for c in cells))
        page.cell(row=row, column=1, value=record)
    for key, value in values.items():
        cell = page.cell(row=row, column=keys[key])
        cell.value = value  # (cell(value=None) would leave the cell as it was)
        if isinstance(value, str) and not formulas:
            cell.data_type = "s"
    book.save(workbook)
    return workbook


def changed_lines(before: bytes, after: bytes) -> list[str]:
    return [line for line in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_workbook_imported_untouched_changes_nothing(bundled: Path):
    before = sources_of(bundled)
    workbook = export(bundled)
    first = workbook.read_bytes()
    assert export(bundled).read_bytes() == first  # the same catalogue gives the same bytes
    with zipfile.ZipFile(workbook) as archive:  # and no clock time, which two exports in one second would hide
        core = archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert ">2000-01-01T00:00:00Z</dcterms:modified>" in core
    result = in_project(bundled, "sheet", "import", str(workbook))
    assert result.status == 0, result.err
    assert "changed 0 records and added 0" in result.err
    assert sources_of(bundled) == before


def test_the_workbook_has_every_record_choices_and_locked_ids(bundled: Path):
    book = openpyxl.load_workbook(export(bundled))
    heritage_sheet = book["heritage"]
    ids = [row[0].value for row in heritage_sheet.iter_rows(min_row=3) if row[0].value]
    assert sorted(ids) == sorted(path.stem for path in (bundled / "content/heritage").glob("*.yml"))
    header = [cell.value for cell in heritage_sheet[1]]
    assert header[:4] == ["id", "kind", "name.vi", "name.en"] and "location.latitude" in header and "visiting.fee.vi" in header
    assert heritage_sheet.protection.sheet
    first = heritage_sheet.cell(row=3, column=1)
    assert first.protection.locked  # an existing record's id
    assert not heritage_sheet.column_dimensions["C"].protection.locked  # its texts
    assert not heritage_sheet.cell(row=3 + len(ids), column=1).protection.locked  # a new row's id
    kinds = [v for v in heritage_sheet.data_validations.dataValidation if "B3" in str(v.sqref)]
    assert kinds and kinds[0].formula1.startswith("=lists!")
    choices = [row[0].value for row in book["lists"].iter_rows() if row[0].value]
    assert "archaeological-site" in choices
    assert {"heritage designations", "heritage images", "heritage sources", "products sources"} <= set(book.sheetnames)
    designations = book["heritage designations"]
    assert [c.value for c in designations[1]][:4] == ["id", "level", "year", "reference"]


def test_one_edited_cell_changes_one_line(bundled: Path):
    record = bundled / "content/heritage/roc-tung-go-da.yml"
    before = record.read_bytes()
    workbook = edit(export(bundled), "heritage", "roc-tung-go-da", {"location.latitude": 13.98})
    result = in_project(bundled, "sheet", "import", str(workbook))
    assert result.status == 0, result.err
    assert changed_lines(before, record.read_bytes()) == [
        "-  coordinates: [13.9720, 108.6514]   # Gò Đá, from the VASS excavation report",
        "+  coordinates: [13.98, 108.6514]   # Gò Đá, from the VASS excavation report",
    ]


def test_a_removed_item_row_takes_only_its_lines(bundled: Path):
    record = bundled / "content/heritage/roc-tung-go-da.yml"
    before = record.read_bytes()
    workbook = export(bundled)
    book = openpyxl.load_workbook(workbook)
    sheet = book["heritage designations"]
    rows = [r[0].row for r in sheet.iter_rows(min_row=3) if r[0].value == "roc-tung-go-da"]
    sheet.delete_rows(rows[-1])
    book.save(workbook)
    assert in_project(bundled, "sheet", "import", str(workbook)).status == 0
    assert changed_lines(before, record.read_bytes()) == [
        "-  - level: national-treasure", "-    year: 2023", '-    reference: "41/QĐ-TTg"',
        '-    kept_at: {vi: "Bảo tàng tỉnh Gia Lai, Pleiku", en: "the Gia Lai Provincial Museum, Pleiku"}',
    ]


def test_a_new_row_is_a_new_record_that_passes_check(bundled: Path):
    workbook = edit(export(bundled), "heritage", "nha-rong-kon-klor", {
        "kind": "historical-relic", "name.vi": "Nhà rông Kon Klor", "name.en": "Kon Klor communal house",
        "summary.vi": "Nhà rông của người Bahnar.", "summary.en": "A Bahnar communal house.",
        "description.vi": "Đoạn một.\n\nĐoạn hai.", "description.en": "One.\n\nTwo.",
        "location.latitude": 13.96, "location.longitude": 108.66, "location.precision": "approximate",
        "location.commune": "Phường An Bình", "location.province": "Gia Lai", "tags": "bahnar, communal-house",
    })
    book = openpyxl.load_workbook(workbook)
    book["heritage sources"].append(["nha-rong-kon-klor", "Báo Gia Lai", "https://baogialai.com.vn/"])
    book.save(workbook)
    result = in_project(bundled, "sheet", "import", str(workbook))
    assert result.status == 0, result.err
    assert "added 1" in result.err
    text = (bundled / "content/heritage/nha-rong-kon-klor.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../_schema/heritage.schema.json\nkind: historical-relic\n")
    assert "  vi: |\n    Đoạn một.\n\n    Đoạn hai.\n" in text
    data = yaml.safe_load(text)
    assert data["tags"] == ["bahnar", "communal-house"] and data["sources"] == [{"title": "Báo Gia Lai", "url": "https://baogialai.com.vn/"}]
    assert in_project(bundled, "check").status == 0


def test_bad_cells_are_named_and_nothing_is_written(bundled: Path):
    before = sources_of(bundled)
    workbook = edit(export(bundled), "heritage", "bai-choi", {"summary.en": None})
    workbook = edit(workbook, "heritage", "thap-doi", {"location.precision": "roughly"})
    workbook = edit(workbook, "products", "mat-ong-phuong-di", {"stars": "=5"}, formulas=True)
    book = openpyxl.load_workbook(workbook)
    book["heritage"].cell(row=1, column=3, value="nmae.vi")
    book.save(workbook)
    result = in_project(bundled, "sheet", "import", str(workbook))
    assert result.status == 1 and "Traceback" not in result.err
    assert sources_of(bundled) == before
    shown = str(workbook)
    assert f"{shown}:heritage!C1: 'nmae.vi' is not a field" in result.err
    stars = next(line for line in result.err.splitlines() if ":products!" in line)
    assert stars.startswith(f"{shown}:products!") and "stars: this cell holds a formula" in stars
    # Fixed, the workbook's other problems show at their own cells.
    book = openpyxl.load_workbook(workbook)
    book["heritage"].cell(row=1, column=3, value="name.vi")
    book.save(workbook)
    workbook = edit(workbook, "products", "mat-ong-phuong-di", {"stars": 5})
    result = in_project(bundled, "sheet", "import", str(workbook))
    assert result.status == 1 and sources_of(bundled) == before
    book = openpyxl.load_workbook(workbook)
    rows = {r[0].value: r[0].row for r in book["heritage"].iter_rows(min_row=3)}
    keys = {cell.value: cell.column_letter for cell in book["heritage"][1]}
    assert f"{shown}:heritage!{keys['location.precision']}{rows['thap-doi']}: location.precision: 'roughly' is not allowed" in result.err
    assert f"{shown}:heritage!{keys['summary.en']}{rows['bai-choi']}: summary.en: the 'en' text is missing" in result.err


HOSTILE = '=HYPERLINK("http://evil.example","x") <script>alert(1)</script> {{ 7*7 }} "q" \\ #c: {a: b} - [x]'


def test_hostile_text_stays_text_both_ways(bundled: Path):
    record = bundled / "content/heritage/roc-tung-go-da.yml"
    workbook = edit(export(bundled), "heritage", "roc-tung-go-da", {"location.former_address": HOSTILE})
    assert in_project(bundled, "sheet", "import", str(workbook)).status == 0
    assert yaml.safe_load(record.read_text(encoding="utf-8"))["location"]["former_address"] == HOSTILE
    again = export(bundled)
    with zipfile.ZipFile(again) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)  # no formula anywhere
    cell = next(r for r in openpyxl.load_workbook(again)["heritage"].iter_rows(min_row=3) if r[0].value == "roc-tung-go-da")
    assert HOSTILE in [c.value for c in cell]
    before = sources_of(bundled)
    assert in_project(bundled, "sheet", "import", str(again)).status == 0
    assert sources_of(bundled) == before


@pytest.mark.parametrize("target, message", [
    ("content/catalogue.xlsx", "among the project's own files"),
    ("notes.xlsx", "is not a workbook made by heritage"),
    ("catalogue.csv", "ending in .xlsx"),
])
def test_export_refusals(bundled: Path, target: str, message: str):
    path = bundled / target
    if target == "notes.xlsx":
        openpyxl.Workbook().save(path)
    before = path.read_bytes() if path.exists() else None
    result = in_project(bundled, "sheet", "export", "--out", str(path))
    assert result.status == 1 and message in result.err, result.err
    assert (path.read_bytes() if path.exists() else None) == before


def test_a_file_changed_since_the_export_keeps_its_change(bundled: Path):
    """The workbook remembers what it was exported with: a cell the editor left alone does not
    undo a change made in the file since, and a value changed in both is a conflict."""
    record = bundled / "content/heritage/roc-tung-go-da.yml"
    workbook = export(bundled)
    text = record.read_text(encoding="utf-8")
    text = text.replace('en: "Palaeolithic sites beside', 'en: "Old Stone Age sites beside')  # meanwhile, in a text editor
    text = text.replace("  - {level: provincial, year: 2018}\n", "  - {level: provincial, year: 2018, reference: \"123/QĐ-UBND\"}\n")
    record.write_text(text, encoding="utf-8")
    edit(workbook, "heritage", "roc-tung-go-da", {"name.en": "Rộc Tưng – Gò Đá Palaeolithic Sites"})
    result = in_project(bundled, "sheet", "import", str(workbook))
    assert result.status == 0, result.err
    after = record.read_text(encoding="utf-8")
    assert after == text.replace("Palaeolithic Archaeological Site", "Palaeolithic Sites")

    workbook = export(bundled)
    record.write_text(after.replace('en: "Old Stone Age sites', 'en: "Early Stone Age sites'), encoding="utf-8")
    edit(workbook, "heritage", "roc-tung-go-da", {"summary.en": "Palaeolithic sites by the Ba River."})
    before = sources_of(bundled)
    result = in_project(bundled, "sheet", "import", str(workbook))
    assert result.status == 1 and sources_of(bundled) == before
    book = openpyxl.load_workbook(workbook)
    keys = {cell.value: cell.column_letter for cell in book["heritage"][1]}
    row = next(r[0].row for r in book["heritage"].iter_rows(min_row=3) if r[0].value == "roc-tung-go-da")
    assert f"{workbook}:heritage!{keys['summary.en']}{row}: summary.en: this was changed in the workbook and also in" in result.err


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken"])
def test_a_damaged_workbook_is_refused_in_one_line(bundled: Path, content: bytes):
    path = bundled.parent / "broken.xlsx"
    path.write_bytes(content)
    before = sources_of(bundled)
    result = in_project(bundled, "sheet", "import", str(path))
    assert result.status == 1 and "cannot be read as an .xlsx workbook" in result.err and "Traceback" not in result.err
    assert sources_of(bundled) == before


def test_a_workbook_that_unpacks_into_too_much_is_refused(bundled: Path):
    path = bundled.parent / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (401 * 1024 * 1024))  # deflates to under a megabyte
    assert path.stat().st_size < 2 * 1024 * 1024
    result = in_project(bundled, "sheet", "import", str(path))
    assert result.status == 1 and "is larger than" in result.err


def test_a_file_written_on_windows_keeps_its_line_breaks(bundled: Path):
    """A record saved by a Windows editor (CRLF, a byte-order mark) changes in its one line only."""
    record = bundled / "content/heritage/roc-tung-go-da.yml"
    windows = b"\xef\xbb\xbf" + record.read_bytes().replace(b"\n", b"\r\n")
    record.write_bytes(windows)
    workbook = edit(export(bundled), "heritage", "roc-tung-go-da", {"name.en": "Rộc Tưng – Gò Đá Palaeolithic Sites"})
    assert in_project(bundled, "sheet", "import", str(workbook)).status == 0
    after = record.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\r\n") == windows.count(b"\r\n") and b"\n" not in after.replace(b"\r\n", b"")
    old_lines, new_lines = windows.split(b"\r\n"), after.split(b"\r\n")
    assert sum(a != b for a, b in zip(old_lines, new_lines)) == 1


def test_an_events_months_come_back_as_numbers(bundled: Path):
    record = bundled / "content/events/le-mung-lua-moi.yml"
    before = record.read_bytes()
    workbook = edit(export(bundled), "events", "le-mung-lua-moi", {"when.usually": "10, 11, 12"})
    result = in_project(bundled, "sheet", "import", str(workbook))
    assert result.status == 0, result.err
    assert changed_lines(before, record.read_bytes()) == ["-  usually: [11, 12, 1]", "+  usually: [10, 11, 12]"]
    assert in_project(bundled, "check").status == 0
