"""Word documents that the outputs write: plain runs of text, fixed dates, the same bytes every time.

Content is data: every text goes in as a plain run (python-docx escapes it for
XML), never as a field, markup or template; what XML 1.0 cannot hold is dropped.
A document's zip entries and core properties carry fixed dates, so the same
input gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..languages import LANGUAGES
from .markdown import markdown_to_safe_html
from .text import Text

EPOCH = dt.datetime(2000, 1, 1)  # the properties' dates: fixed, so that the bytes are too
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say
# What XML 1.0 cannot hold (python-docx refuses it); \t and \n are kept: a tab and a line break in Word.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def word_tag(code: str) -> str:
    """A BCP 47 tag for Word's proofing language: en-GB, vi-VN, km-KH; an unregistered code as it is."""
    return LANGUAGES[code].locale.replace("_", "-") if code in LANGUAGES else code


def add_run(paragraph: Paragraph, text: str | Text, bold: bool = False, italic: bool = False, lang: str = "") -> None:
    """`text` as one plain run; a text in another language than the document's says which, for spelling."""
    if isinstance(text, Text):
        text, lang = text.value, text.lang if text.fallback else lang
    if not text:
        return
    run = paragraph.add_run(clean(text))  # \n and \t become Word's line break and tab, nothing else is read
    run.bold, run.italic = bold or None, italic or None
    if lang:
        element = OxmlElement("w:lang")
        element.set(qn("w:val"), word_tag(lang))
        element.set(qn("w:bidi"), word_tag(lang))  # Khmer and Lao are complex scripts in Word
        run._r.get_or_add_rPr().insert_element_before(element, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def markdown_paragraphs(markdown: str) -> list[str]:
    """Editors' Markdown as plain paragraphs: emphasis and links become their words, list items get a bullet."""
    parser = _Blocks()
    # The outputs' own reading of Markdown (raw HTML stays text); control characters go first, as everywhere
    # else here, or the whitespace folding below would turn some of them into spaces.
    parser.feed(markdown_to_safe_html(clean(markdown)))
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


def fixed_zip(data: bytes) -> bytes:
    """The same members in the same order, stamped with a fixed time instead of now."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            fixed.compress_type, fixed.create_system, fixed.external_attr = zipfile.ZIP_DEFLATED, 0, 0
            target.writestr(fixed, source.read(member))
    return out.getvalue()


def fixed_properties(doc, title: str, author: str, lang: str, identifier: str) -> None:
    """Core properties with fixed dates; `identifier` marks the file as the tool's (output.py reads it)."""
    core = doc.core_properties
    core.title, core.author = clean(title)[:255], clean(author)[:255]  # 255: the format's limit
    core.subject, core.comments, core.last_modified_by = "", "", ""
    core.language = word_tag(lang)
    core.created = core.modified = EPOCH
    core.revision = 1
    core.identifier = identifier


def document_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue())
