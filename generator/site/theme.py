"""The theme folder of a build: Material, our overrides, and the project's.

MkDocs takes one `custom_dir`. It is assembled per build from:
- generator/theme/: the overrides every site needs (meta tags, language
  switch, 404, sitemap without dates);
- a search worker that folds diacritics, wrapped around Material's own;
- Leaflet and Leaflet.markercluster from their xstatic packages;
- language partials for site languages that Material has no translation for
  (Khmer, Lao...), so that <html lang> is right and labels fall back to English;
- Material's header and navigation partials, made from Material's own files
  with one change: they escape the site's name a second time (`| e`) where the
  generator has escaped it already, which would show "&amp;" to visitors;
- assets/theme/overrides/ of the project, if any, last, so a project can change any of it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import material
import xstatic.pkg.leaflet as xstatic_leaflet
import xstatic.pkg.leaflet_markercluster as xstatic_cluster

from ..catalogues import THEME, strings
from ..models.vocabulary import KINDS
from ..presentation.cover_motifs import cover_svg
from ..languages import language, script_class, segmented_scripts
from ..project import Project
from .search_segments import SEPARATOR

PACKAGE_THEME = Path(__file__).parent.parent / "theme"
MATERIAL = Path(material.__file__).parent / "templates"

# Material's search worker runs Lunr; this wrapper adds one step to both of
# Lunr's pipelines (indexing and query) so that "cong chieng" finds "cồng
# chiêng" and "Kon Ha Nung" finds "Kon Hà Nừng", while words typed with
# diacritics still match.
_SEARCH_WRAPPER = """\
function fold(text) {
  return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/\\u0111/g, "d").replace(/\\u0110/g, "D");
}
// Khmer and Lao queries typed without spaces are cut into words (the browser's ICU), as the
// index was at build time (search_segments.py); a browser without Intl.Segmenter searches them whole.
var SEGMENTED = /*SEGMENTED*/[];  // [character class of a script, a language written in it], from the registry
function words(text) {
  if (typeof Intl === "undefined" || !Intl.Segmenter || !SEGMENTED.length) return text;
  var runs = new RegExp("[" + SEGMENTED.map(function (s) { return s[0]; }).join("") + "]+", "g");
  return text.replace(runs, function (run) {
    var lang = SEGMENTED.find(function (s) { return new RegExp("[" + s[0] + "]").test(run); })[1];
    var parts = [];
    for (var part of new Intl.Segmenter(lang, {granularity: "word"}).segment(run)) parts.push(part.segment);
    return parts.join(" ");
  });
}
// Queries arrive as messages; Material adds wildcards to their terms, and
// Lunr skips its pipeline for those, so the query is folded before it.
var listen = self.addEventListener;
self.addEventListener = function (type, handler, options) {
  if (type !== "message") return listen.call(self, type, handler, options);
  return listen.call(self, type, function (event) {
    var message = event.data;
    if (message && typeof message.data === "string") {
      event = {data: {type: message.type, data: fold(words(message.data))}};
    }
    return handler(event);
  }, options);
};
// In a worker, importScripts loads at once; the offline edition's stand-in (site/offline.js) returns a promise.
Promise.resolve(importScripts("search.original.js")).then(function () {
  function foldToken(token) {
    return token.update(fold);
  }
  lunr.Pipeline.registerFunction(foldToken, "heritageFold");
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.heritageFold) {
      this.heritageFold = true;
      this.pipeline._stack.unshift(foldToken);
      this.searchPipeline._stack.unshift(foldToken);
    }
    return add.call(this, doc, attributes);
  };
});
"""


# Material prints the site name raw in most places and escaped in these; the generated
# mkdocs.yml holds it escaped once (render.theme_text), so it is printed as it is here too.
_ESCAPED_TWICE = ('title="{{ config.site_name | e }}"', 'title="{{ config.site_name }}"')


MATERIAL_ONLY = ("partials/search.html",)  # overrides of Material's own markup, for Material only
COVERS = "assets/covers"  # in every language's assets: one SVG per kind


def cover_file(kind: str) -> str:
    """A kind's cover, relative to a language's root."""
    return f"{COVERS}/{kind}.svg"


def material_languages() -> set[str]:
    return {p.stem for p in (MATERIAL / "partials" / "languages").glob("*.html")}


def language_partial(lang: str) -> str:
    """Material's words in a language it lacks, from our catalogue (msgctxt "theme"), as its partials hold them.

    Material's English fills any key we do not translate. The search splits
    words at spaces and hyphens, and, for a language written without spaces
    (Khmer, Lao), also at the zero-width spaces that segmentation puts into the
    search index between its words (search_segments.py).
    """
    words = {
        "language": lang, "direction": "ltr",
        "search.config.lang": language(lang).search, "search.config.pipeline": "stopWordFilter",
        "search.config.separator": SEPARATOR if language(lang).segmented else r"[\s\-]+",
        **strings(lang, THEME),
    }
    # json.dumps gives string literals that Jinja reads back as written: the words are data, never template.
    body = ",\n".join(f"  {json.dumps(key)}: {json.dumps(value)}" for key, value in words.items())
    return ("{#- Written by the heritage tool from its catalogue; Material's partials/languages/en.html fills the rest -#}\n"
            "{% macro t(key) %}{{ {\n" + body + "\n}[key] }}{% endmacro %}\n")


def prepare_theme(project: Project, languages: list[str], dest: Path, engine_templates: Path = MATERIAL) -> None:
    """Our theme folder for a build: the overrides, Material's search worker wrapped, the engine's header and
    navigation with the site name printed as it arrives (`engine_templates`: its theme's, engines.py), the
    words of languages the theme lacks, the kinds' covers, Leaflet."""
    shutil.copytree(PACKAGE_THEME, dest, dirs_exist_ok=True)

    workers = MATERIAL / "assets" / "javascripts" / "workers"
    worker = next(workers.glob("search.*.min.js"))
    target = dest / "assets" / "javascripts" / "workers"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(worker, target / "search.original.js")
    segmented = [[script_class(script), code] for script, code in segmented_scripts().items()]
    (target / worker.name).write_text(_SEARCH_WRAPPER.replace("/*SEGMENTED*/[]", json.dumps(segmented)), encoding="utf-8")

    if engine_templates != MATERIAL:  # Zensical's search is another dialog, which ours (Material's, named) would hide
        for name in MATERIAL_ONLY:
            (dest / name).unlink()
    for name in ("header.html", "nav.html"):
        partial = (engine_templates / "partials" / name).read_text(encoding="utf-8")
        (dest / "partials" / name).write_text(partial.replace(*_ESCAPED_TWICE), encoding="utf-8")

    for lang in sorted(set(languages) - material_languages()):
        (dest / "partials" / "languages").mkdir(parents=True, exist_ok=True)
        (dest / "partials" / "languages" / f"{lang}.html").write_text(language_partial(lang), encoding="utf-8")

    (dest / COVERS).mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        (dest / cover_file(kind.name)).write_text(cover_svg(kind), encoding="utf-8")

    # Leaflet and its cluster plugin, published with every site (never from a CDN).
    maps = dest / "assets" / "maps"
    maps.mkdir(parents=True, exist_ok=True)
    leaflet = Path(xstatic_leaflet.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(leaflet / name, maps / name)
    shutil.copytree(leaflet / "images", maps / "images", dirs_exist_ok=True)
    cluster = Path(xstatic_cluster.BASE_DIR)
    shutil.copyfile(cluster / "leaflet.markercluster.js", maps / "leaflet.markercluster.js")
    styles = [(cluster / name).read_text(encoding="utf-8") for name in ("MarkerCluster.css", "MarkerCluster.Default.css")]
    (maps / "MarkerCluster.css").write_text("\n".join(styles), encoding="utf-8")

    overrides = project.root / "assets" / "theme" / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, dest, dirs_exist_ok=True)
