"""The bundled site in real headless Chromium, served on 127.0.0.1, every other host unreachable."""

from __future__ import annotations

import pytest

from conftest import AXE, NO_RESULTS, TILE_HOST, Visit

PAGES = ["", "map/", "heritage/", "heritage/roc-tung-go-da/", "products/", "products/mat-ong-phuong-di/", "kinds/historical-relic/",
         "levels/unesco/", "tags/", "about/"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pages_load_without_errors_or_outside_requests(site_url, visit, lang):
    v = visit()
    for path in PAGES:
        v.page.goto(f"{site_url}{lang}/{path}")
        v.page.wait_for_load_state("networkidle")
        assert v.page.locator("html").get_attribute("lang") == lang
    assert v.failed == [] and v.errors == []
    assert [url for url in v.outside if not url.startswith(TILE_HOST)] == []  # tiles are the only exception


def test_a_missing_page_shows_the_sites_404_page(site_url, visit):
    v = visit()
    v.page.goto(f"{site_url}en/no-such-page/")
    v.page.wait_for_load_state("networkidle")
    assert v.page.locator("h1").first.inner_text() == "Không tìm thấy trang"  # the default language's
    assert v.failed == [f"404 {site_url}en/no-such-page/"]  # the page itself, nothing it loads
    assert v.outside == []


def test_root_sends_the_visitor_to_their_language(site_url, browser):
    for locale, expected in (("en-GB", "en"), ("vi-VN", "vi"), ("fr-FR", "vi")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(site_url)
        page.wait_for_url(f"{site_url}{expected}/")
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_language_switch_keeps_the_record(site_url, visit, width):
    v = visit(width=width)
    v.page.goto(f"{site_url}en/heritage/roc-tung-go-da/")
    v.page.click(".md-header__option .md-select button")
    v.page.click("a.md-select__link[hreflang=vi]")
    v.page.wait_for_url(f"{site_url}vi/heritage/roc-tung-go-da/")
    assert v.page.locator("h1").first.inner_text() == "Di tích khảo cổ Rộc Tưng – Gò Đá"
    v.page.click(".md-header__option .md-select button")
    v.page.click("a.md-select__link[hreflang=en]")
    v.page.wait_for_url(f"{site_url}en/heritage/roc-tung-go-da/")
    assert v.errors == [] and v.failed == [] and v.outside == []


def _search(v: Visit, site_url: str, lang: str, query: str) -> list[str]:
    v.page.goto(f"{site_url}{lang}/")
    v.page.click("label.md-search__icon[for=__search]" if v.page.viewport_size["width"] < 960 else ".md-search__input")
    box = v.page.locator("input.md-search__input")
    box.press_sequentially(query, delay=15)
    meta = v.page.locator(".md-search-result__meta")
    v.page.wait_for_function(
        "([el, none]) => el.textContent.includes(none) || document.querySelectorAll('.md-search-result__item').length > 0",
        arg=[meta.element_handle(), NO_RESULTS[lang]],
        timeout=10_000,
    )
    return v.page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => new URL(e.href).pathname)")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("query, record", [
    ("cong chieng", "/heritage/khong-gian-van-hoa-cong-chieng/"),
    ("cồng chiêng", "/heritage/khong-gian-van-hoa-cong-chieng/"),
    ("Roc Tung", "/heritage/roc-tung-go-da/"),
    ("Kon Ha Nung", "/heritage/kon-ha-nung/"),
])
def test_search_forgives_missing_diacritics(site_url, visit, lang, query, record):
    v = visit(width=1280, height=900)
    results = _search(v, site_url, lang, query)
    assert f"/{lang}{record}" in results[:5], results
    assert v.errors == [] and v.failed == [] and v.outside == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_search_for_nonsense_finds_nothing(site_url, visit, lang):
    v = visit(width=1280, height=900)
    assert _search(v, site_url, lang, "xqzwvkj") == []


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", ["", "heritage/roc-tung-go-da/", "heritage/", "products/", "map/"])
def test_no_serious_accessibility_violations(site_url, visit, lang, path):
    assert AXE.is_file(), "axe-core is installed by scripts/setup"
    v = visit()
    v.page.goto(f"{site_url}{lang}/{path}")
    v.page.add_script_tag(path=str(AXE))
    violations = v.page.evaluate("async () => (await axe.run(document)).violations")
    serious = [(x["id"], x["impact"], [n["target"] for n in x["nodes"]][:3]) for x in violations if x["impact"] in ("serious", "critical")]
    assert serious == []
