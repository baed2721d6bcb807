"""The vocabularies are defined once (generator/models/vocabulary.py) and everything derives from them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from generator.models import KINDS
from generator.models.events import EventKind
from generator.models.records import DesignationLevel, HeritageKind, ProductCategory, ProductKind
from generator.models.vocabulary import CATEGORIES, LEVELS, marker_css
from generator.presentation.cover_motifs import MOTIFS
from generator.presentation.labels import Labels

REPO = Path(__file__).parent.parent
VOCABULARY = REPO / "generator" / "models" / "vocabulary.py"
# Where a kind's or level's name may also be written: the vocabulary, and the label catalogues.
CATALOGUES = ("labels.py", ".po")


def test_the_models_allow_exactly_the_vocabulary_in_its_order():
    assert get_args(HeritageKind) + get_args(ProductKind) + get_args(EventKind) == tuple(kind.name for kind in KINDS)
    assert get_args(DesignationLevel) == tuple(level.name for level in LEVELS)
    assert get_args(ProductCategory) == tuple(category.name for category in CATEGORIES)


def test_names_and_colours_appear_in_one_place():
    """No module, template or style sheet retypes a kind, a level or an OCOP group, or a kind's colour rule."""
    words = [kind.name for kind in KINDS] + [level.name for level in LEVELS] + [c.name for c in CATEGORIES]
    files = [p for p in (REPO / "generator").rglob("*") if p.suffix in (".py", ".j2", ".html", ".js", ".css")]
    files += list((REPO / "assets" / "theme").rglob("*.css"))
    for path in files:
        if path == VOCABULARY or path.name.endswith(CATALOGUES):
            continue
        text = re.sub(r"examples=\[[^\]]*\]", "", path.read_text(encoding="utf-8"))  # the docs' examples may name one
        for word in words:
            # as a value ("ocop-product", `level: national`), not inside a longer word or a CSS class prefix
            assert not re.search(rf"[\"'`]{re.escape(word)}[\"'`]", text), (path, word)
        if path.suffix == ".css":  # the kinds' colour rules are generated (kinds.css)
            for kind in KINDS:
                assert f"--{kind.name}" not in text, (path, kind.name)


def test_every_entry_has_its_labels_and_its_motif():
    for lang in ("vi", "en"):
        labels = Labels(lang)
        for kind in KINDS:
            for key in (kind.label, kind.plural):
                assert labels(key) != key, (lang, key)
        for entry in (*LEVELS, *CATEGORIES):
            assert labels(entry.label) != entry.label, (lang, entry.label)
    assert {kind.motif for kind in KINDS} <= set(MOTIFS)


def test_the_theme_colours_come_from_the_vocabulary(bundled_build):
    css = (bundled_build / "gia-lai" / "en" / "assets" / "theme" / "kinds.css").read_text(encoding="utf-8")
    assert css == marker_css()
    for kind in KINDS:
        assert (f".hs-marker--{kind.name}" in css) == kind.located
        assert (kind.colour in css) == kind.located
    page = (bundled_build / "gia-lai" / "en" / "map" / "index.html").read_text(encoding="utf-8")
    assert 'href="../assets/theme/kinds.css"' in page
