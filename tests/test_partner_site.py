"""The partner provinces' site in English, Vietnamese, Khmer and Lao, built and served, read in Chromium."""

from __future__ import annotations

import functools
import json
import threading
from http.server import ThreadingHTTPServer

import pytest
import yaml

from conftest import AXE, REPO, _Quiet, copy_bundled_project, run
from generator.catalogues import strings
from generator.site.search_segments import UNSPACED, ZWSP, segment
from generator.site.theme import language_partial


SITE = "doi-tac"


@pytest.fixture(scope="module")
def partner(tmp_path_factory):
    """The partner site, built for the address it is served at, and served: (url, its folder)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    project = copy_bundled_project(tmp_path_factory.mktemp("partner") / "project", url=url)
    result = run("--project", str(project), "build", "--site", SITE)
    assert result.status == 0, result.err
    folder = project / "public" / SITE
    server.RequestHandlerClass = functools.partial(_Quiet, directory=str(folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, folder
    server.shutdown()


def test_segmentation_marks_khmer_and_lao_words_and_nothing_else():
    text = '<p title="a-b">ខេត្តទាំងពីររបស់យើង &amp; Gia Lai ຂໍຕ້ອນຮັບຄະນະຜູ້ແທນ</p>'
    marked = segment(text, "km")
    assert marked.replace(ZWSP, "") == text  # only marks are added
    assert "ខេត្ត\u200bទាំងពីរ" in marked and "ຂໍ\u200bຕ້ອນຮັບ" in marked
    assert '<p title="a-b">' in marked and "&amp; Gia Lai " in marked  # tags, entities and Latin words untouched


def test_the_theme_speaks_khmer_from_the_catalogue_and_holds_its_words_as_data():
    from jinja2 import DictLoader, Environment

    partial = language_partial("km")
    env = Environment(loader=DictLoader({"km.html": partial, "page": '{% import "km.html" as l %}{{ l.t(key) }}'}))
    page = env.get_template("page")
    assert page.render(key="search.placeholder") == strings("km", "theme")["search.placeholder"] == "ស្វែងរក"
    assert page.render(key="language") == "km" and page.render(key="search.config.separator") == r"[\s\-\u200b]+"
    assert page.render(key="blog.archive") == ""  # not ours to translate: Material's English fills it


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_khmer_and_lao_pages_say_their_language_and_what_is_not_yet_translated(partner, lang):
    _, folder = partner
    home = (folder / lang / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in home
    assert strings(lang, "theme")["search.placeholder"] in home  # Material's words, in the language
    for code in ("en", "vi", "km", "lo"):
        assert f'hreflang="{code}"' in home
    page = (folder / lang / "heritage" / "lang-stor" / "index.html").read_text(encoding="utf-8")
    if lang == "km":  # lang-stor has a draft Khmer name and summary, and its description in English
        record = yaml.safe_load((REPO / "content/heritage/lang-stor.yml").read_text(encoding="utf-8"))
        assert record["name"]["km"] in page and 'lang="en"' in page
    notice = strings(lang, "interface")["not_translated"].split("{")[0]
    assert notice.strip() and notice.strip()[:12] in page  # the notice, in the page's language
    index = json.loads((folder / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["separator"] == r"[\s\-\u200b]+"
    assert any(ZWSP in doc["text"] for doc in index["docs"])


def _middle_word(text: str, lang: str) -> str:
    """A word from the middle of `text` (Khmer or Lao), as segmentation finds them."""
    words = [w for w in segment(text, lang).split(ZWSP) if UNSPACED.search(w) and " " not in w.strip()]
    middle = words[len(words) // 3: 2 * len(words) // 3]
    return max(middle, key=len).strip()


def _two_words(text: str, lang: str) -> str:
    """Two adjacent words from the middle of `text`, written as the language does: without a space between them."""
    words = segment(text, lang).split(ZWSP)
    start = len(words) // 3
    pair = next(words[i] + words[i + 1] for i in range(start, len(words) - 1)
                if all(UNSPACED.search(w) and not w[:1].isspace() and not w[-1:].isspace() for w in words[i:i + 2])
                and len(words[i]) > 2 and len(words[i + 1]) > 2)
    assert pair in text
    return pair


@pytest.mark.parametrize("lang", ["km", "lo"])
@pytest.mark.parametrize("pick", [_middle_word, _two_words])
def test_a_word_from_the_middle_of_a_sentence_finds_its_page(partner, visit, lang, pick):
    url, _ = partner
    record = yaml.safe_load((REPO / "content/heritage/roc-tung-go-da.yml").read_text(encoding="utf-8"))
    word = pick(record["summary"][lang], lang)
    assert word and not record["summary"][lang].startswith(word)
    v = visit(width=1280, height=900)
    v.page.goto(f"{url}{lang}/")
    v.page.click(".md-search__input")
    ready = strings(lang, "theme")["search.result.placeholder"]  # the worker has built the index: typing now counts
    v.page.wait_for_function("ready => (document.querySelector('.md-search-result__meta') || {}).textContent === ready",
                             arg=ready, timeout=30_000)
    box = v.page.locator("input.md-search__input")
    # Playwright inserts letters it has no key for (Khmer, Lao) as bare text, without the key events that a real
    # keyboard sends and that Material's search listens to: one key press stands in for them.
    box.press_sequentially(word, delay=15)
    box.press("End")
    none = strings(lang, "theme")["search.result.none"]  # the search says it found nothing: fail, not time out
    v.page.wait_for_function(
        "none => document.querySelectorAll('.md-search-result__item').length > 0"
        " || (document.querySelector('.md-search-result__meta') || {}).textContent === none",
        arg=none, timeout=30_000,  # the worker builds the index first: slow on a busy machine
    )
    found = v.page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => new URL(e.href).pathname)")
    assert f"/{lang}/heritage/roc-tung-go-da/" in found, (word, found)
    assert v.errors == [] and v.failed == []


@pytest.mark.parametrize("lang", ["km", "lo"])
@pytest.mark.parametrize("path", ["", "heritage/roc-tung-go-da/"])
def test_no_serious_accessibility_violations_in_khmer_and_lao(partner, visit, lang, path):
    url, _ = partner
    v = visit()
    v.page.goto(f"{url}{lang}/{path}")
    v.page.add_script_tag(path=str(AXE))
    violations = v.page.evaluate("async () => (await axe.run(document)).violations")
    serious = [(x["id"], [n["target"] for n in x["nodes"]][:3]) for x in violations if x["impact"] in ("serious", "critical")]
    assert serious == []
