"""A visit's programme as an editable Word document, from the brochure's plan.

Offices circulate delegation programmes as Word files for last-minute edits.
This writes the part of the brochure that changes (the days, who is who, the
practical notes, the contacts) from the same `BrochurePlan` the PDF is rendered
from, with the same labels. Content is data: every text from the plan goes in
as a plain run, never as a field, markup or template. The bytes depend only on
the plan: the dates python-docx would stamp are fixed, so an unchanged visit
gives an unchanged file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from ..languages import LANGUAGES, language
from ..models.vocabulary import EMERGENCY_NUMBERS
from ..presentation.markdown import markdown_to_safe_html
from ..output import WORD_MARK
from ..presentation.text import Text
from .plan import BrochurePlan, Item
from .render import PAPER

FONT = "Noto Sans"  # the brochure's own; covers Latin with Vietnamese diacritics
EPOCH = dt.datetime(2000, 1, 1)  # the properties' dates: fixed, so that the bytes are too
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say
MARGIN = {"A4": 20, "A5": 14}  # mm
TIME_WIDTH = {"A4": 32, "A5": 27}  # mm: "08:30–09:30" on one line
# What XML 1.0 cannot hold (python-docx refuses it); \t and \n are kept: a tab and a line break in Word.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def programme_docx(plan: BrochurePlan) -> bytes:
    """The programme of `plan` as the bytes of a .docx file: the same plan always gives the same bytes."""
    doc = Document()
    _setup(doc, plan)
    t = plan.labels
    doc.add_heading(_clean(plan.audience if plan.days else t("brochure_catalogue")), 0)
    for line in (plan.dates, t("brochure_hosted_by", host=plan.host) if plan.host else ""):
        if line:
            _add(doc.add_paragraph(), line)
    if plan.days:
        doc.add_heading(t("brochure_itinerary"), 1)
    for n, day in enumerate(plan.days, 1):
        doc.add_heading(f"{t('brochure_day', n=n)} · {_clean(day.date)}", 2)
        if day.programme:
            _programme(doc, plan, day.programme)
        elif day.stops:
            number = _new_numbering(doc)  # each day counts its stops from 1
            for stop in day.stops:
                paragraph = doc.add_paragraph(style="List Number")
                paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = number
                _add(paragraph, stop.name, bold=True)
                if stop.name_vi:
                    _add(paragraph, f" ({stop.name_vi})", lang="vi")
    if plan.members or plan.hosts:
        doc.add_heading(t("brochure_people"), 1)
        for title, side in ((t("brochure_people_delegation"), plan.members),
                            (plan.host or t("brochure_people_hosts"), plan.hosts)):
            if side:
                doc.add_heading(_clean(title), 2)
            for person in side:
                paragraph = doc.add_paragraph(style="List Bullet")
                _add(paragraph, person.name, bold=True)
                _add(paragraph, "\n")
                _add(paragraph, person.role)
    if plan.practical:
        doc.add_heading(t("brochure_practical"), 1)
        for title, text in plan.practical:
            doc.add_heading(_clean(title.value), 2)
            for block in markdown_paragraphs(text.value):
                _add(doc.add_paragraph(), Text(block, text.lang, text.fallback))
    if plan.contacts or plan.days:
        doc.add_heading(t("brochure_contacts"), 1)
    for name, kind, role, phone, email in plan.contacts:
        paragraph = doc.add_paragraph()
        if kind:
            _add(paragraph, kind + "\n", italic=True)
        _add(paragraph, name, bold=True)
        _add(paragraph, "".join(f"{sep}{part}" for sep, part in ((", ", role), ("\n", phone), ("\n", email)) if part))
    if plan.days:  # only a visit takes place in Viet Nam; a catalogue booklet has no days
        doc.add_heading(t("brochure_emergency"), 2)
        paragraph = doc.add_paragraph()
        for i, (number, key) in enumerate(EMERGENCY_NUMBERS):
            _add(paragraph, " · " if i else "")
            _add(paragraph, number, bold=True)
            _add(paragraph, f" {t(key)}")
    return _fixed_zip(_save(doc, plan))


def markdown_paragraphs(markdown: str) -> list[str]:
    """Editors' Markdown as plain paragraphs: emphasis and links become their words, list items get a bullet."""
    parser = _Blocks()
    # The outputs' own reading of Markdown (raw HTML stays text); control characters go first, as everywhere
    # else here, or the whitespace folding below would turn some of them into spaces.
    parser.feed(markdown_to_safe_html(_clean(markdown)))
    parser.close()
    parser.flush()
    return parser.blocks


class _Blocks(HTMLParser):
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "tr", "td", "th", "dt", "dd",
              "ul", "ol", "table", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)  # &lt;w:t&gt; is the text <w:t>
        self.blocks: list[str] = []
        self.lines: list[str] = [""]  # the current block, split at <br>
        self.prefix = ""  # a list item's bullet or number, for its first block
        self.lists: list[list] = []  # the open lists: their tag and their items so far

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.lines.append("")
        elif tag in self.BLOCKS:
            self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            kind, count = self.lists[-1]
            self.prefix = "  " * (len(self.lists) - 1) + ("• " if kind == "ul" else f"{count}. ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.flush()
        if tag == "li":
            self.prefix = ""
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data):
        self.lines[-1] += data

    def flush(self):
        # Markdown's soft line breaks are spaces; a <br> is a line break.
        text = "\n".join(" ".join(line.split()) for line in self.lines).strip()
        if text:
            self.blocks.append(self.prefix + text)
            self.prefix = ""
        self.lines = [""]


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _tag(code: str) -> str:
    """A BCP 47 tag for Word's proofing language: en-GB, vi-VN, km-KH; an unregistered code as it is."""
    return LANGUAGES[code].locale.replace("_", "-") if code in LANGUAGES else code


def _add(paragraph: Paragraph, text: str | Text, bold: bool = False, italic: bool = False, lang: str = "") -> None:
    """`text` as one plain run; a text in another language than the document's says which, for spelling."""
    if isinstance(text, Text):
        text, lang = text.value, text.lang if text.fallback else lang
    if not text:
        return
    run = paragraph.add_run(_clean(text))  # \n and \t become Word's line break and tab, nothing else is read
    run.bold, run.italic = bold or None, italic or None
    if lang:
        element = OxmlElement("w:lang")
        element.set(qn("w:val"), _tag(lang))
        element.set(qn("w:bidi"), _tag(lang))  # Khmer and Lao are complex scripts in Word
        run._r.get_or_add_rPr().insert_element_before(element, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _programme(doc, plan: BrochurePlan, items: tuple[Item, ...]) -> None:
    table = doc.add_table(rows=1, cols=2, style="Table Grid")
    for cell, key in zip(table.rows[0].cells, ("brochure_time", "brochure_activity")):
        _add(cell.paragraphs[0], plan.labels(key), bold=True)
    header = OxmlElement("w:tblHeader")  # repeated at the top of each page the table runs onto
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for item in items:
        time, activity = table.add_row().cells
        _add(time.paragraphs[0], item.time)
        paragraph = activity.paragraphs[0]
        _add(paragraph, item.kind_label + " ", italic=True)
        _add(paragraph, item.what, bold=True)
        if item.venue:
            _add(paragraph, "\n")
            _add(paragraph, item.venue)
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
        defaults.find(qn("w:lang")).set(qn(f"w:{slot}"), _tag(plan.lang))


def _save(doc, plan: BrochurePlan) -> bytes:
    core = doc.core_properties
    core.title, core.author = _clean(plan.title)[:255], _clean(plan.province)[:255]  # 255: the format's limit
    core.subject, core.comments, core.last_modified_by = "", "", ""
    core.language = _tag(plan.lang)
    core.created = core.modified = EPOCH
    core.revision = 1
    core.identifier = WORD_MARK  # how `heritage brochure --out` knows a programme it may replace
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _fixed_zip(data: bytes) -> bytes:
    """The same members in the same order, stamped with a fixed time instead of now."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            fixed.compress_type, fixed.create_system, fixed.external_attr = zipfile.ZIP_DEFLATED, 0, 0
            target.writestr(fixed, source.read(member))
    return out.getvalue()
