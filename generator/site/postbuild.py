"""What a site needs beyond its language builds: the files at its root.

- index.html sends visitors to their browser's language, or the default one;
- sitemap.xml lists every page with its hreflang alternates (x-default too);
- robots.txt points to it; 404.html is the default language's;
- data/ holds the open-data exports.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from jinja2 import Environment

from ..catalogue import Catalogue, SiteEntry
from .exports import write_exports
from ..presentation.labels import LANGUAGE_NAMES
from ..presentation.urls import page_url
from .views import SitePlan


def write_site_root(env: Environment, catalogue: Catalogue, site: SiteEntry, plans: list[SitePlan], out: Path) -> None:
    languages = list(site.site.languages)
    default = languages[0]
    title = site.site.title.get(default) or next(iter(site.site.title.values()))
    (out / "index.html").write_text(
        env.get_template("redirect.html.j2").render(
            languages=[(code, LANGUAGE_NAMES.get(code, code)) for code in languages],
            default=default,
            title=title,
            site_url=site.site.url,
        ),
        encoding="utf-8",
    )
    (out / "sitemap.xml").write_text(sitemap(site, plans), encoding="utf-8")
    (out / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site.site.url}sitemap.xml\n", encoding="utf-8")
    shutil.copyfile(out / default / "404.html", out / "404.html")
    write_exports(catalogue, site, out / "data")


def sitemap(site: SiteEntry, plans: list[SitePlan]) -> str:
    """Every page of every language, each with links to all its versions."""
    languages = [plan.lang for plan in plans]
    urls_by_lang = {plan.lang: [page.url for page in plan.pages] for plan in plans}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for lang in languages:
        for url in urls_by_lang[lang]:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(page_url(site.site, lang, url))}</loc>")
            for other in languages:
                if url in urls_by_lang[other]:
                    href = quoteattr(page_url(site.site, other, url))
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" href={href}/>')
            default = quoteattr(page_url(site.site, languages[0], url))
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={default}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
