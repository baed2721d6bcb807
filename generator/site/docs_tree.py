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
from .views import SitePlan
from .render import render_page, theme_text
from .sharing_image import write_site_card

OG_IMAGE = "assets/og.png"
KINDS_CSS = "kinds.css"


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


def write_job(project: Project, plan: SitePlan, job: Job, env: Environment, theme_dir: Path, cache: Path) -> None:
    docs = job.work / "docs"
    if job.work.exists():
        shutil.rmtree(job.work)
    docs.mkdir(parents=True)
    site = plan.site.site
    context = {"data_prefix": "../data/"}
    for page in plan.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_page(env, plan, page, context), encoding="utf-8")
    for name, content in plan.files:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(content)

    styles = docs / "assets" / "theme"
    styles.mkdir(parents=True, exist_ok=True)
    css = sorted((project.root / "assets" / "theme").glob("*.css"))
    for style in css:
        shutil.copyfile(style, styles / style.name)
    # The kinds' colours come from the vocabulary, like everything else about a kind.
    (styles / KINDS_CSS).write_text(marker_css(), encoding="utf-8")
    title = site.title.get(plan.lang) or site.title[site.languages[0]]
    write_site_card(title, plan.labels("message"), docs / OG_IMAGE, cache)

    sheets = [f"assets/theme/{c.name}" for c in css] + [f"assets/theme/{KINDS_CSS}"]
    config = mkdocs_config(project, plan, job, theme_dir, sheets, title)
    job.config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def mkdocs_config(project: Project, plan: SitePlan, job: Job, theme_dir: Path, css: list[str], title: str) -> dict[str, Any]:
    site, lang, labels = plan.site.site, plan.lang, plan.labels
    alternates = [
        {"name": LANGUAGE_NAMES.get(code, code), "link": f"{site.url}{code}/", "lang": code, "current": code == lang}
        for code in site.languages
    ]
    return {
        "INHERIT": str(project.root / "mkdocs.yml"),
        "site_name": theme_text(title),
        "site_url": f"{site.url}{lang}/",
        "docs_dir": "docs",
        "site_dir": str(job.site_dir),
        "use_directory_urls": True,
        "theme": {"name": "material", "custom_dir": str(theme_dir), "language": lang},
        "nav": [{theme_text(label): path} for label, path in plan.nav],
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
