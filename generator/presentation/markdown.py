"""Editors' Markdown as safe HTML, for every output.

Descriptions, welcome texts and narrative pages are Markdown. HTML written
into them is shown as the text it is (content is data), and the result goes
through an allowlist sanitiser (nh3), so that a `<script>`, an `onerror=` or a
`javascript:` link never reaches a page or a brochure. Turning a thousand
descriptions into safe HTML is most of a warm build's rendering time, so the
websites keep the results between builds (`MarkdownCache`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import markdown
import nh3

from ..models.markdown import LINK_SCHEMES

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "abbr", "code", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "hr", "a",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}, "h2": {"id"}, "h3": {"id"}}


def markdown_to_safe_html(text: str) -> str:
    """Editors' Markdown as HTML with nothing executable left in it.

    HTML written into the Markdown is shown as the text it is, not used as
    markup (content is data); the allowlist sanitiser behind it is a second
    wall, for what Markdown itself makes (links, above all).
    """
    converter = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    rendered = converter.convert(text)
    # A description's own headings sit below the page title.
    for level in (5, 4, 3, 2, 1):  # deepest first, so that no heading moves twice
        rendered = rendered.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener",
    ).strip()


class MarkdownCache:
    """Sanitised HTML of editors' Markdown, kept between builds in one file per site × language.

    Turning a thousand descriptions into safe HTML is most of a warm build's
    rendering time, and descriptions rarely change between two builds.
    """

    VERSION = "2"  # raised whenever markdown_to_safe_html changes its output

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, str] = {}

    def html(self, text: str) -> str:
        key = hashlib.sha256((self.VERSION + text).encode()).hexdigest()[:32]
        if key not in self.used:
            self.used[key] = self.known[key] if key in self.known else markdown_to_safe_html(text)
        return self.used[key]

    def save(self) -> None:
        if self.used != self.known:  # only what this build used: the file does not grow forever
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(self.path.name + ".partial")
            partial.write_text(json.dumps(self.used, ensure_ascii=False), encoding="utf-8")
            partial.replace(self.path)
