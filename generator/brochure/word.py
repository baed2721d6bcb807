"""A visit's programme as an editable Word document, from the brochure's plan.

Offices circulate delegation programmes as Word files for last-minute edits.
This writes the part of the brochure that changes (the days, who is who, the
practical notes, the contacts) from the same `BrochurePlan` the PDF is rendered
from, with the same labels. Content is data: every text from the plan goes in
as a plain run, never as a field, markup or template. The bytes depend only on
the plan: the dates python-docx would stamp are fixed, so an unchanged visit
gives an unchanged file (presentation/word.py).
"""

from __future__ import annotations

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from ..languages import language
from ..models.vocabulary import EMERGENCY_NUMBERS
from ..output import WORD_MARK
from ..presentation.text import Text
from ..presentation.word import add_run, clean, document_bytes, fixed_properties, markdown_paragraphs, word_tag
from .plan import BrochurePlan, Item
from .render import PAPER

FONT = "Noto Sans"  # the brochure's own; covers Latin with Vietnamese diacritics
MARGIN = {"A4": 20, "A5": 14}  # mm
TIME_WIDTH = {"A4": 32, "A5": 27}  # mm: "08:30–09:30" on one line


def programme_docx(plan: BrochurePlan) -> bytes:
    """The programme of `plan` as the bytes of a .docx file: the same plan always gives the same bytes."""
    doc = Document()
    _setup(doc, plan)
    t = plan.labels
    doc.add_heading(clean(plan.audience if plan.days else t("brochure_catalogue")), 0)
    for line in (plan.dates, t("brochure_hosted_by", host=plan.host) if plan.host else ""):
        if line:
            add_run(doc.add_paragraph(), line)
    if plan.days:
        doc.add_heading(t("brochure_itinerary"), 1)
    for n, day in enumerate(plan.days, 1):
        doc.add_heading(f"{t('brochure_day', n=n)} · {clean(day.date)}", 2)
        if day.programme:
            _programme(doc, plan, day.programme)
        elif day.stops:
            number = _new_numbering(doc)  # each day counts its stops from 1
            for stop in day.stops:
                paragraph = doc.add_paragraph(style="List Number")
                paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = number
                add_run(paragraph, stop.name, bold=True)
                if stop.name_vi:
                    add_run(paragraph, f" ({stop.name_vi})", lang="vi")
    if plan.members or plan.hosts:
        doc.add_heading(t("brochure_people"), 1)
        for title, side in ((t("brochure_people_delegation"), plan.members),
                            (plan.host or t("brochure_people_hosts"), plan.hosts)):
            if side:
                doc.add_heading(clean(title), 2)
            for person in side:
                paragraph = doc.add_paragraph(style="List Bullet")
                add_run(paragraph, person.name, bold=True)
                add_run(paragraph, "\n")
                add_run(paragraph, person.role)
    if plan.practical:
        doc.add_heading(t("brochure_practical"), 1)
        for title, text in plan.practical:
            doc.add_heading(clean(title.value), 2)
            for block in markdown_paragraphs(text.value):
                add_run(doc.add_paragraph(), Text(block, text.lang, text.fallback))
    if plan.contacts or plan.days:
        doc.add_heading(t("brochure_contacts"), 1)
    for name, kind, role, phone, email in plan.contacts:
        paragraph = doc.add_paragraph()
        if kind:
            add_run(paragraph, kind + "\n", italic=True)
        add_run(paragraph, name, bold=True)
        add_run(paragraph, "".join(f"{sep}{part}" for sep, part in ((", ", role), ("\n", phone), ("\n", email)) if part))
    if plan.days:  # only a visit takes place in Viet Nam; a catalogue booklet has no days
        doc.add_heading(t("brochure_emergency"), 2)
        paragraph = doc.add_paragraph()
        for i, (number, key) in enumerate(EMERGENCY_NUMBERS):
            add_run(paragraph, " · " if i else "")
            add_run(paragraph, number, bold=True)
            add_run(paragraph, f" {t(key)}")
    return _save(doc, plan)


def _programme(doc, plan: BrochurePlan, items: tuple[Item, ...]) -> None:
    table = doc.add_table(rows=1, cols=2, style="Table Grid")
    for cell, key in zip(table.rows[0].cells, ("brochure_time", "brochure_activity")):
        add_run(cell.paragraphs[0], plan.labels(key), bold=True)
    header = OxmlElement("w:tblHeader")  # repeated at the top of each page the table runs onto
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for item in items:
        time, activity = table.add_row().cells
        add_run(time.paragraphs[0], item.time)
        paragraph = activity.paragraphs[0]
        add_run(paragraph, item.kind_label + " ", italic=True)
        add_run(paragraph, item.what, bold=True)
        if item.venue:
            add_run(paragraph, "\n")
            add_run(paragraph, item.venue)
    width = PAPER[plan.paper][0]
    widths = (Mm(TIME_WIDTH[plan.paper]), Mm(width - 2 * MARGIN[plan.paper] - TIME_WIDTH[plan.paper]))
    for row in table.rows:  # Word reads a column's width from its cells
        for cell, cell_width in zip(row.cells, widths):
            cell.width = cell_width


def _new_numbering(doc) -> int:
    """A new numbering of the "List Number" style's kind that starts at 1 (the style's own runs on across lists)."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    num = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
    num.add_lvlOverride(0).add_startOverride(1)
    return num.numId


def _setup(doc, plan: BrochurePlan) -> None:
    """Paper, margins, language and fonts, on the document's defaults: what an office adds inherits them."""
    section = doc.sections[0]
    width, height = PAPER[plan.paper]
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN[plan.paper]))
    styles = doc.styles.element
    # The template's styles name theme fonts (Calibri, Cambria), which would win over the defaults: unname them.
    for fonts in styles.iter(qn("w:rFonts")):
        for slot in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{slot}"), None)
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    script_font = language(plan.lang).fonts[0]  # Noto Sans Khmer, Noto Sans Lao...
    fonts = defaults.find(qn("w:rFonts"))
    for slot, font in (("ascii", FONT), ("hAnsi", FONT), ("eastAsia", script_font), ("cs", script_font)):
        fonts.set(qn(f"w:{slot}"), font)
    for slot in ("val", "eastAsia", "bidi"):
        defaults.find(qn("w:lang")).set(qn(f"w:{slot}"), word_tag(plan.lang))


def _save(doc, plan: BrochurePlan) -> bytes:
    # WORD_MARK: how `heritage brochure --out` knows a programme it may replace
    fixed_properties(doc, plan.title, plan.province, plan.lang, WORD_MARK)
    return document_bytes(doc)
