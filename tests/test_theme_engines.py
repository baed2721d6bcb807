"""Our theme overrides stay in the Jinja that both Jinja2 (MkDocs) and MiniJinja (Zensical) render.

Material for MkDocs is to end in 2027; Zensical, its successor, renders the
same theme with MiniJinja, which has no Python methods on strings or lists
(issue 19). Each override is rendered here with both engines, MiniJinja
without its Python compatibility layer, as Zensical runs it, over stand-ins
for Material's base template and the context either tool gives; the two
results must say the same thing, and what they say is checked too.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2
import minijinja
import pytest

from generator.site.search_segments import SEPARATOR
from generator.site.theme import language_partial

THEME = Path(__file__).resolve().parent.parent / "generator" / "theme"

# Material's base template, reduced to the blocks and partials that ours fill or replace.
STAND_INS = {
    "base.html": ('{% import "partials/language.html" as lang with context %}'
                  "<head>{% block site_meta %}{% endblock %}</head><header>{% include 'partials/alternate.html' %}"
                  "{% include 'partials/search.html' %}</header>{% block announce %}ANNOUNCE{% endblock %}"
                  "<main>{% block content %}{% endblock %}</main>{% block libs %}<script src=libs.js></script>{% endblock %}"),
    "partials/language.html": "{% macro t(key) %}[{{ key }}]{% endmacro %}",
    ".icons/material/translate.svg": "<svg>translate</svg>",
    ".icons/material/magnify.svg": "<svg>magnify</svg>",
    ".icons/material/arrow-left.svg": "<svg>arrow</svg>",
    ".icons/material/close.svg": "<svg>close</svg>",
}

ALTERNATES = [{"name": "Tiếng Việt", "link": "https://x.example/vi/", "lang": "vi", "current": False},
              {"name": "English", "link": "https://x.example/en/", "lang": "en", "current": True}]
CONFIG = {
    "site_name": "Heritage &lt;&amp;&gt; &quot;quoted&quot;", "site_url": "https://x.example/en/",  # escaped (theme_text)
    "theme": {"favicon": "assets/favicon.png", "icon": {}},
    "extra": {"alternate": ALTERNATES, "heritage": {
        "site_url": "https://x.example/", "languages": ["vi", "en"], "alternates": ALTERNATES, "locale": "en_GB",
        "og_image": "assets/og.png", "choose_language": "Choose a language", "not_found_title": "Not found",
        "not_found_text": "No page here.", "back_home": "Home"}},
}
PAGE = {
    "url": "heritage/go-da/", "title": "Gò Đá &amp; Rộc Tưng", "canonical_url": "https://x.example/en/heritage/go-da/",
    "meta": {"description": "Stone tools &lt;800,000 years&gt;", "heritage": {
        "og_type": "article", "og_image": "https://x.example/media/cards/en/archaeological-site.jpg",
        "og_image_width": 1200, "og_image_height": 630,
        "jsonld": {"@type": "TouristAttraction", "name": "Gò Đá </script><script>alert(1)</script>"}}},
}
CONTEXTS = {
    "main.html": {"config": CONFIG, "page": PAGE, "base_url": "../..", "features": []},
    "404.html": {"config": CONFIG, "page": {**PAGE, "url": "404.html", "canonical_url": None, "meta": {}},
                 "base_url": "/en/", "features": []},
}


def _jinja2(name: str, context: dict) -> str:
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([jinja2.DictLoader(STAND_INS), jinja2.FileSystemLoader(str(THEME))]),
                             autoescape=False)  # as MkDocs: titles and texts arrive escaped (site/render.py)
    env.filters["url"] = lambda value: value
    return env.get_template(name).render(**context)


def _minijinja(name: str, context: dict) -> str:
    def load(template: str) -> str | None:
        if template in STAND_INS:
            return STAND_INS[template]
        path = THEME / template
        return path.read_text(encoding="utf-8") if path.is_file() else None

    env = minijinja.Environment(loader=load)
    env.pycompat = False  # Zensical's MiniJinja has no str.rstrip, list.append...
    env.auto_escape_callback = lambda name: False  # nor does it escape again what arrives escaped
    env.add_filter("url", lambda value: value)
    return env.render_template(name, **context)


JSONLD = re.compile(r'(<script type="application/ld\+json">)(.*?)(</script>)', re.S)


def _said(markup: str) -> str:
    """What a page says, whatever each engine escapes ('/' is &#x2f; to MiniJinja, 'ò' \\u00f2 to Jinja2's
    tojson) and however it spaces."""
    markup = JSONLD.sub(lambda m: m[1] + json.dumps(json.loads(m[2]), sort_keys=True) + m[3], markup)
    return " ".join(html.unescape(markup).split())


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_each_page_override_renders_the_same_with_jinja2_and_minijinja(name):
    by_jinja2, by_minijinja = _jinja2(name, CONTEXTS[name]), _minijinja(name, CONTEXTS[name])
    assert _said(by_jinja2) == _said(by_minijinja)
    for markup in (by_jinja2, by_minijinja):
        assert "<script>alert(1)" not in markup and "<&>" not in markup  # data stays data in both
        assert "ANNOUNCE" not in markup and "libs.js" in markup


def test_the_overrides_say_what_the_pages_need_in_both_engines():
    for render in (_jinja2, _minijinja):
        said = _said(render("main.html", CONTEXTS["main.html"]))
        assert '<link rel="canonical" href="https://x.example/en/heritage/go-da/">' in said
        assert '<link rel="alternate" hreflang="vi" href="https://x.example/vi/heritage/go-da/">' in said
        assert '<a href="../../../vi/heritage/go-da/" hreflang="vi"' in said  # the switch: this page in Vietnamese
        assert '<meta property="og:title" content="Gò Đá & Rộc Tưng">' in said
        jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', render("main.html", CONTEXTS["main.html"]))
        assert json.loads(jsonld.group(1))["name"] == "Gò Đá </script><script>alert(1)</script>"
        not_found = _said(render("404.html", CONTEXTS["404.html"]))
        assert '<a href="/en/../vi/" hreflang="vi"' in not_found and "Not found" in not_found


def test_the_sitemap_lists_mkdocs_files_and_zensical_pages_alike():
    pages = [{"canonical_url": "https://x.example/en/"}, {"canonical_url": "https://x.example/en/a&b/"}]
    as_files = {"pages": [{"page": page} for page in pages]}  # MkDocs gives files, each with its page
    for render, context in ((_jinja2, as_files), (_minijinja, as_files), (_minijinja, {"pages": pages})):
        said = _said(render("sitemap.xml", context))
        assert said.count("<url>") == 2 and "<loc>https://x.example/en/a&b/</loc>" in said


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_the_words_written_for_a_language_material_lacks_read_the_same_in_both(lang):
    partial = language_partial(lang)
    probe = '{% import "words.html" as words %}{{ words.t("search.config.separator") }}|{{ words.t("language") }}'
    jinja = jinja2.Environment(loader=jinja2.DictLoader({"words.html": partial, "probe": probe}), autoescape=False)
    mini = minijinja.Environment(templates={"words.html": partial, "probe": probe})
    mini.pycompat = False
    assert jinja.get_template("probe").render() == mini.render_template("probe") == SEPARATOR + "|" + lang
