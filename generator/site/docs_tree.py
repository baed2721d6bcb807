"""Writing one site × language: the docs folder and the mkdocs.yml that MkDocs builds.

MkDocs is reached only through these files (DESIGN.md): the generated config
INHERITs the project's mkdocs.yml and adds the site's name, address,
language, navigation and our theme folder.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment

from ..languages import language
from ..models.vocabulary import marker_css
from ..project import Project
from ..presentation.labels import LANGUAGE_NAMES
from .engines import MKDOCS, Engine
from .views import SitePlan
from .render import render_page, theme_text
from .sharing_image import write_site_card

OG_IMAGE = "assets/og.png"
STYLES = "assets/theme"
KINDS_CSS = "kinds.css"
PAGE_CONTEXT = {"data_prefix": "../data/"}  # what every page's template gets besides the plan


@dataclass(frozen=True)
class Job:
    """Where one site × language is prepared and built."""

    site: str
    lang: str
    work: Path  # holds docs/, theme/ (a link to the shared one) and mkdocs.yml
    site_dir: Path  # MkDocs' output: <staging>/<site>/<lang>

    @property
    def config_file(self) -> Path:
        return self.work / "mkdocs.yml"

    @property
    def mkdocs_search_index(self) -> Path:
        """The search index as MkDocs wrote it, before search_shape: what the preview's updates start from."""
        return self.work / "search_index.mkdocs.json"


def write_job(project: Project, plan: SitePlan, job: Job, env: Environment, theme_dir: Path, cache: Path,
              engine: Engine = MKDOCS) -> None:
    docs = job.work / "docs"
    if job.work.exists():
        shutil.rmtree(job.work)
    docs.mkdir(parents=True)
    for page in plan.pages:
        path = docs / engine.source(page.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_page(env, plan, page, PAGE_CONTEXT), encoding="utf-8")
    for name, content in plan.files:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(content)

    styles = docs / STYLES
    styles.mkdir(parents=True, exist_ok=True)
    for style in _style_sheets(project):
        shutil.copyfile(style, styles / style.name)
    # The kinds' colours come from the vocabulary, like everything else about a kind.
    (styles / KINDS_CSS).write_text(marker_css(), encoding="utf-8")
    write_site_card(plan.site.site.title_in(plan.lang), plan.labels("message"), docs / OG_IMAGE, cache)
    write_config(job, mkdocs_config(project, plan, job, theme_dir, engine))


def page_sources(plan: SitePlan) -> set[str]:
    """The files of a docs folder that come from the plan (the others are the style sheets and the sharing card)."""
    return {page.path for page in plan.pages} | {name for name, _ in plan.files}


def is_page_source(name: str) -> bool:
    return not (name.startswith(f"{STYLES}/") or name == OG_IMAGE)


def write_config(job: Job, config: dict[str, Any]) -> None:
    job.config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _style_sheets(project: Project) -> list[Path]:
    return sorted((project.root / "assets" / "theme").glob("*.css"))


def mkdocs_config(project: Project, plan: SitePlan, job: Job, theme_dir: Path, engine: Engine = MKDOCS) -> dict[str, Any]:
    site, lang, labels = plan.site.site, plan.lang, plan.labels
    title = plan.site.site.title_in(plan.lang)
    css = [f"{STYLES}/{c.name}" for c in _style_sheets(project)] + [f"{STYLES}/{KINDS_CSS}"]
    alternates = [
        {"name": LANGUAGE_NAMES.get(code, code), "link": f"{site.url}{code}/", "lang": code, "current": code == lang}
        for code in site.languages
    ]
    return {
        "INHERIT": str(project.root / "mkdocs.yml"),
        "site_name": theme_text(title),
        "site_url": f"{site.url}{lang}/",
        "docs_dir": "docs",
        "site_dir": engine.site_dir(job.site_dir),
        "use_directory_urls": True,
        "theme": {"name": "material", "custom_dir": str(theme_dir), "language": lang, **engine.theme_options},
        "nav": [{theme_text(label): engine.source(path)} for label, path in plan.nav],
        "plugins": [{"search": {"lang": [language(lang).search]}}],
        "extra_css": css,
        "extra": {
            "generator": False,
            "alternate": alternates,
            "heritage": {
                "site_url": site.url,
                "languages": list(site.languages),
                "alternates": alternates,
                "locale": language(lang).locale,
                "og_image": OG_IMAGE,
                "choose_language": labels("choose_language"),
                "not_found_title": labels("not_found_title"),
                "not_found_text": labels("not_found_text"),
                "back_home": labels("back_home"),
            },
        },
    }
