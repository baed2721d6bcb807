"""Rendering planned pages into the Markdown files that MkDocs builds.

Each page is YAML front matter (written here, escaped for the theme's
templates, which print it without escaping) and an HTML body from our Jinja2
templates (which escape every value). Editors' Markdown (descriptions,
narrative pages) becomes sanitised HTML through presentation/markdown.py.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..presentation.markdown import MarkdownCache, markdown_to_safe_html
from ..presentation.urls import relative_url
from .maps import render_overview
from .search_shape import indexed_by_mkdocs
from .views import PlannedPage, SitePlan

TEMPLATES = Path(__file__).parent.parent / "templates" / "site"

def theme_text(value: str) -> str:
    """Escape a value that Material's templates print as they are (titles, descriptions)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


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
    if not indexed_by_mkdocs(page):
        front["search"] = {"exclude": True}  # its search entry comes from the plan (search_shape.py)
    if page.jsonld:
        front["heritage"]["jsonld"] = page.jsonld
    if page.og_image:
        front["heritage"]["og_image"] = page.og_image
        front["heritage"]["og_image_width"], front["heritage"]["og_image_height"] = page.og_image_size
    body = env.get_template(page.template).render(
        page=page, view=page.view, t=plan.labels, lang=plan.lang, site=site_context
    )
    # The whole body is one HTML block: blank lines would end it early for Markdown.
    body = "\n".join(line for line in body.splitlines() if line.strip())
    # JSON is YAML too, and json.dumps is some fifty times faster than PyYAML's emitter.
    return "---\n" + json.dumps(front, ensure_ascii=False, sort_keys=True) + "\n---\n\n" + body + "\n"
