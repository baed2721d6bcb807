"""The yearly report as a Word document, in the layout of Vietnamese administrative documents.

Decree 30/2020/NĐ-CP sets the layout that offices exchange: the issuing body
and the national motto side by side, the number and the place and date, the
title, the addressee, numbered sections, then the recipients and the signature
block, in Times New Roman on A4. What the data cannot say (the office's name,
the number, the date, its proposals, the signature) is left as dotted blanks
for the office to fill in: nothing is invented.
"""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..output import REPORT_MARK
from ..presentation.word import add_run, document_bytes, fixed_properties
from .collect import ActivityReport
from .wording import BLANK, Section, sections, title_lines

FONT = "Times New Roman"  # what the decree prescribes
SIZE = Pt(13)
HEADER_SIZE = Pt(12)
TEXT_WIDTH = 160  # mm: A4 less the margins


def report_docx(report: ActivityReport) -> bytes:
    doc = Document()
    _setup(doc)
    _header(doc, report)
    for line, bold in title_lines(report):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(paragraph, line, bold=bold)
    for section in sections(report):
        _section(doc, section)
    _signature(doc)
    fixed_properties(doc, f"Báo cáo công tác ngoại giao văn hóa năm {report.year}", "", "vi", REPORT_MARK)
    return document_bytes(doc)


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):  # the template's theme fonts would win over the defaults
        for slot in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{slot}"), None)
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name, style.font.size = FONT, SIZE
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for slot in ("val", "eastAsia", "bidi"):
        defaults.find(qn("w:lang")).set(qn(f"w:{slot}"), "vi-VN")


def _header(doc, report: ActivityReport) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(62), Mm(98)  # the motto fits on one line
    for cell, lines in ((left, ((BLANK, False), (BLANK, True), (f"Số: {BLANK}/BC-{BLANK}", False))),
                        (right, (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True),
                                 (f"{report.province or BLANK}, ngày {BLANK} tháng {BLANK} năm {BLANK}", False)))):
        for index, (line, bold) in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_run(paragraph, line, bold=bold, italic=cell is right and index == 2)
            for run in paragraph.runs:
                run.font.size = HEADER_SIZE
    doc.add_paragraph()


def _section(doc, section: Section) -> None:
    heading = doc.add_paragraph()
    add_run(heading, section.title, bold=True)
    for line in section.lines:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        add_run(paragraph, line)
    if section.table:
        header, rows = section.table
        table = doc.add_table(rows=1, cols=len(header), style="Table Grid")
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, header):
            add_run(cell.paragraphs[0], text, bold=True)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                add_run(cell.paragraphs[0], text)
        weights = section.weights or (1,) * len(header)
        widths = [Mm(TEXT_WIDTH * weight / sum(weights)) for weight in weights]
        for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            column.set(qn("w:w"), str(width.twips))  # LibreOffice reads the grid
        for row in table.rows:  # Word reads a column's width from its cells
            for cell, width in zip(row.cells, widths):
                cell.width = width
        doc.add_paragraph()


def _signature(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    paragraph = left.paragraphs[0]
    add_run(paragraph, "Nơi nhận:", bold=True, italic=True)
    for line in ("- Như trên;", "- Lưu: VT."):
        add_run(left.add_paragraph(), line)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(right.paragraphs[0], "THỦ TRƯỞNG CƠ QUAN", bold=True)
    paragraph = right.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True)
