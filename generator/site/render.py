"""Rendering planned pages into the Markdown files that MkDocs builds.

Each page is YAML front matter (written here, escaped for the theme's
templates, which print it without escaping) and an HTML body from our Jinja2
templates (which escape every value). Editors' Markdown (descriptions,
narrative pages) is turned into HTML and sanitised with an allowlist, so that
a `<script>`, an `onerror=` or a `javascript:` link never reaches a page.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..models.markdown import LINK_SCHEMES
from .maps import render_overview
from .plan import PlannedPage, SitePlan
from .urls import relative_url

TEMPLATES = Path(__file__).parent.parent / "templates" / "site"

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "abbr", "code", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "hr", "a",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}, "h2": {"id"}, "h3": {"id"}}


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
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener",
    ).strip()


def theme_text(value: str) -> str:
    """Escape a value that Material's templates print as they are (titles, descriptions)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


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


def make_environment(markdown: MarkdownCache | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["href"] = relative_url
    env.filters["overview_map"] = render_overview
    env.filters["safe_markdown"] = markdown.html if markdown else markdown_to_safe_html
    return env


def render_page(env: Environment, plan: SitePlan, page: PlannedPage, site_context: dict[str, Any]) -> str:
    front: dict[str, Any] = {
        "title": theme_text(page.title),
        "description": theme_text(page.description),
        "heritage": {"og_type": page.og_type},
    }
    # Records are reached through browse pages, not a sidebar menu: the tabs
    # carry the navigation, and the page gets the full width.
    front["hide"] = ["navigation", "toc"]
    if page.jsonld:
        front["heritage"]["jsonld"] = page.jsonld
    if page.og_image:
        front["heritage"]["og_image"] = page.og_image
    body = env.get_template(page.template).render(
        page=page, view=page.view, t=plan.labels, lang=plan.lang, site=site_context
    )
    # The whole body is one HTML block: blank lines would end it early for Markdown.
    body = "\n".join(line for line in body.splitlines() if line.strip())
    # JSON is YAML too, and json.dumps is some fifty times faster than PyYAML's emitter.
    return "---\n" + json.dumps(front, ensure_ascii=False, sort_keys=True) + "\n---\n\n" + body + "\n"
