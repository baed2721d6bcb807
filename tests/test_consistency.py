"""Prose against data: titles a record's texts name that its designations lack, and what the site does with titles."""

from __future__ import annotations

from builders import catalogue, record, site, texts
from conftest import run
from generator.consistency import Finding, findings
from generator.report import build_rows, render_csv
from generator.site.plan import plan_site


def _with(description_en: str, description_vi: str = "Mô tả.", **fields):
    return record("thap", description=texts(description_vi, description_en), **fields).record


def test_a_title_named_in_the_text_but_missing_from_the_designations_is_listed():
    prose = "Recognised as a National Treasure in 2023 by Decision 41/QĐ-TTg."
    assert findings(_with(prose), "en") == [
        Finding("prose_level_missing", "national-treasure", "2023"),
        Finding("prose_decision_missing", value="41/QĐ-TTg"),
    ]
    held = [{"level": "national-treasure", "year": 2023, "reference": "41/QĐ-TTg"}]
    assert findings(_with(prose, designations=held), "en") == []
    assert findings(_with(prose, designations=[{**held[0], "year": 2021}]), "en") == [
        Finding("prose_year_missing", "national-treasure", "2023"),
    ]


def test_the_text_in_each_language_is_read_in_its_own_words():
    vi = "Năm 2015, tháp được xếp hạng di tích quốc gia đặc biệt."
    assert findings(_with("The towers.", vi), "vi") == [Finding("prose_level_missing", "special-national", "2015")]
    assert findings(_with("The towers.", vi), "en") == []
    # "national relic" is not read inside "special national relic"
    assert [f.level for f in findings(_with("A special national relic since 2015."), "en")] == ["special-national"]


def test_a_title_listed_twice_is_listed():
    twice = [{"level": "unesco-intangible", "year": 2005}, {"level": "unesco-intangible", "year": 2008}]
    assert findings(_with("Gongs.", designations=twice), "en") == [Finding("designation_twice", "unesco-intangible", "2")]


def test_the_report_has_a_column_for_them_and_keeps_text_out_of_formulas():
    entry = record("thap", description=texts("Mô tả.", "=HYPERLINK() A provincial relic since 2019."))
    rows = build_rows(catalogue(entry), "en")
    english = next(row for row in rows if row.language == "en")
    assert english.designations == "the text names Provincial relic (2019), which the designations lack"
    assert next(row for row in rows if row.language == "vi").designations == "-"
    assert render_csv(rows).splitlines()[0].endswith(",designations")


def test_a_designation_without_a_year_is_printed_without_one_and_kept_at_says_where_to_see_it():
    designations = [
        {"level": "provincial"},
        {"level": "national-treasure", "year": 2023, "reference": "41/QĐ-TTg",
         "kept_at": {"vi": "Bảo tàng tỉnh Gia Lai", "en": "the Gia Lai Provincial Museum"}},
    ]
    entry = record("thap", designations=designations)
    plan = plan_site(catalogue(entry), site(), "en")
    page = next(p for p in plan.pages if p.path == "heritage/thap.md")
    facts = {fact.label: fact.values for fact in page.view["facts"]}
    assert facts["Recognition"] == (
        "National Treasure, 2023 (Decision 41/QĐ-TTg); kept at the Gia Lai Provincial Museum",
        "Provincial relic",
    )


def test_a_site_features_the_records_its_editors_choose_in_their_order():
    entries = [record(i, levels=((level, 2020),)) for i, level in (("a", "provincial"), ("b", "national"), ("c", "special-national"))]
    chosen = plan_site(catalogue(*entries, sites=(site(featured=["a", "b"]),)), site(featured=["a", "b"]), "en")
    automatic = plan_site(catalogue(*entries), site(), "en")
    home = {p.path: p for p in chosen.pages}["index.md"]
    assert [card.url for card in home.view["featured"]][:2] == ["heritage/a/", "heritage/b/"]
    assert [card.url for card in {p.path: p for p in automatic.pages}["index.md"].view["featured"]][0] == "heritage/c/"


def test_check_refuses_a_featured_record_the_site_does_not_show_or_that_is_a_product(project):
    town = project / "sites/town.yml"
    town.write_text(town.read_text(encoding="utf-8") + "featured: [nowhere, gong-culture, honey, go-da]\n", encoding="utf-8")
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.status == 1
    assert result.problem_lines == [
        "sites/town.yml:6: featured[1]: 'nowhere' is not a record in content/",
        "sites/town.yml:6: featured[2]: 'gong-culture' is not among the records that the site 'town' shows; "
        "add it to include, or feature another",
        "sites/town.yml:6: featured[3]: 'honey' is a product: the home page features heritage records; "
        "products are shown beside them by their stars",
    ]
