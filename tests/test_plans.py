"""The pure planners, tested on small in-memory catalogues (tests/builders.py): milliseconds each.

The end-to-end builds (test_site_build.py, test_brochure.py) check that plans
become files; these check what the plans decide.
"""

from __future__ import annotations

from builders import catalogue, page, record, site, texts, visit
from generator.brochure.plan import plan_visit
from generator.site.plan import plan_site


def paths(plan) -> list[str]:
    return [p.path for p in plan.pages]


def by_path(plan, path: str):
    return next(p for p in plan.pages if p.path == path)


def test_a_site_has_a_page_per_record_kind_level_and_topic_and_nothing_else():
    cat = catalogue(
        record("thap", "historical-relic", levels=(("national", 2010),), tags=["an-khe"]),
        record("go-da", "archaeological-site", levels=(("provincial", 2018), ("special-national", 2022),)),
        record("cong-chieng", "intangible-heritage", levels=(("unesco-intangible", 2005),)),
        record("mat-ong", "ocop-product", tags=["an-khe"]),
    )
    plan = plan_site(cat, cat.sites["main"], "en")
    assert paths(plan) == [
        "index.md", "heritage/index.md",
        # kinds in the vocabulary's order, only those present
        "kinds/archaeological-site.md", "kinds/historical-relic.md", "kinds/intangible-heritage.md",
        # levels by the highest level each record holds, highest first
        "levels/unesco.md", "levels/special-national.md", "levels/national.md",
        "products/index.md", "tags/index.md", "tags/an-khe.md", "map.md",
        "heritage/cong-chieng.md", "heritage/go-da.md", "products/mat-ong.md", "heritage/thap.md",  # by id
    ]
    assert [title for title, _ in plan.nav] == ["Home", "Heritage", "OCOP products", "All topics", "Map"]


def test_record_pages_have_the_same_path_in_every_language():
    cat = catalogue(record("thap"), record("mat-ong", "ocop-product"))
    vi, en = (plan_site(cat, cat.sites["main"], lang) for lang in ("vi", "en"))
    assert [p.url for p in vi.pages] == [p.url for p in en.pages]
    assert by_path(vi, "heritage/thap.md").title == "Tên thap" and by_path(en, "heritage/thap.md").title == "Name thap"


def test_featured_heritage_is_the_highest_recognised_first():
    cat = catalogue(*(record(f"r{n}", levels=((level, 2000),)) for n, level in
                      enumerate(["provincial", "national", "unesco-world-heritage", "special-national", "national",
                                 "provincial", "national"])), record("none"))
    home = by_path(plan_site(cat, cat.sites["main"], "en"), "index.md")
    featured = [card.url for card in home.view["featured"]]
    assert featured == ["heritage/r2/", "heritage/r3/", "heritage/r1/", "heritage/r4/", "heritage/r6/", "heritage/r0/"]


def test_products_are_grouped_by_ocop_group_in_order_and_ranked_by_stars():
    cat = catalogue(
        record("tra", "ocop-product", category="beverage", stars=5, name=texts("Trà", "Tea")),
        record("mat-ong", "ocop-product", category="food", stars=3, name=texts("Mật ong", "Honey")),
        record("ca-phe", "ocop-product", category="beverage", stars=4, name=texts("Cà phê", "Coffee")),
        record("gao", "ocop-product", category="food", stars=5, name=texts("Gạo", "Rice")),
    )
    listing = by_path(plan_site(cat, cat.sites["main"], "en"), "products/index.md")
    groups = [(group.title, [card.url for card in group.cards]) for group in listing.view["groups"]]
    assert groups == [("Food", ["products/gao/", "products/mat-ong/"]), ("Beverages", ["products/tra/", "products/ca-phe/"])]


def test_a_site_shows_only_its_records_and_links_only_to_them():
    town = site("town", include={"tags": ["an-khe"]})
    cat = catalogue(record("thap", tags=["an-khe"], related=["go-da", "xa"]), record("go-da", tags=["an-khe"]),
                    record("xa"), sites=(town,))
    plan = plan_site(cat, town, "vi")
    assert "heritage/xa.md" not in paths(plan)
    related = by_path(plan, "heritage/thap.md").view["related"]
    assert [card.url for card in related] == ["heritage/go-da/"]


def test_an_untranslated_record_says_so_in_the_page_language_when_the_site_allows_fallback():
    fallback = site(translation_fallback=True)
    cat = catalogue(record("thap", name=texts("Tháp Bánh Ít"), summary=texts("Tháp Chăm."),
                           description=texts("Mô tả.")), sites=(fallback,))
    view = by_path(plan_site(cat, fallback, "en"), "heritage/thap.md").view
    assert view["name"].value == "Tháp Bánh Ít" and view["name"].fallback and view["description"].lang == "vi"
    assert view["note"] == "This text is not yet translated into English; it is shown in Vietnamese."


def test_the_map_page_lists_located_kinds_only():
    cat = catalogue(record("thap"), record("cong-chieng", "intangible-heritage"), record("mat-ong", "ocop-product"),
                    record("rung", "natural-heritage"))
    overview = by_path(plan_site(cat, cat.sites["main"], "en"), "map.md").view["overview"]
    assert [(layer.kind, len(layer.rows)) for layer in overview.layers] == [
        ("historical-relic", 1), ("natural-heritage", 1), ("ocop-product", 1)]


def test_narrative_pages_fall_back_to_the_default_language():
    cat = catalogue(record("thap"), pages=(page("about", "vi", "Giới thiệu"), page("about", "en", "About", order=1),
                                           page("credits", "vi", "Ghi công", order=2)))
    en = plan_site(cat, cat.sites["main"], "en")
    assert [(p.path, p.title, p.view["fallback"]) for p in en.pages if p.template == "narrative.md.j2"] == [
        ("about.md", "About", False), ("credits.md", "Ghi công", True)]


# ---------------------------------------------------------------- brochures


def test_a_visit_numbers_the_stops_that_have_a_place_in_visiting_order():
    cat = catalogue(record("thap"), record("cong-chieng", "intangible-heritage"), record("go-da", "archaeological-site"),
                    record("mat-ong", "ocop-product"))
    plan = plan_visit(cat, visit([["thap", "cong-chieng"], ["go-da"]], gifts=["mat-ong"]), {})
    assert [[(stop.id, stop.number) for stop in day.stops] for day in plan.days] == [
        [("thap", 1), ("cong-chieng", 0)], [("go-da", 2)]]
    assert [gift.name.value for gift in plan.gifts] == ["Name mat-ong"]
    assert plan.stops[0].url == "https://heritage.example/en/heritage/thap/"


def test_a_brochure_in_another_language_prints_the_vietnamese_name_beside_it():
    cat = catalogue(record("thap", name=texts("Tháp Bánh Ít", "Bánh Ít Towers")))
    stop = plan_visit(cat, visit([["thap"]]), {}).stops[0]
    assert (stop.name.value, stop.name_vi, stop.note) == ("Bánh Ít Towers", "Tháp Bánh Ít", "")
    in_vietnamese = plan_visit(cat, visit([["thap"]], languages=("vi", "en")), {}).stops[0]
    assert (in_vietnamese.name.value, in_vietnamese.name_vi) == ("Tháp Bánh Ít", "")


def test_a_text_missing_in_the_brochures_language_is_printed_in_another_and_says_so():
    cat = catalogue(record("thap", name={"en": "Name thap"}), sites=(site(translation_fallback=True),))
    stop = plan_visit(cat, visit([["thap"]], languages=("vi", "en")), {}).stops[0]
    assert stop.name.value == "Name thap" and stop.name.lang == "en"
    assert stop.note == "Nội dung này chưa được dịch sang Tiếng Việt; đang hiển thị bằng Tiếng Anh."


def test_a_khmer_name_over_an_english_description_says_which_language_each_is_in():
    cat = catalogue(record("thap", name={"vi": "Tháp", "en": "Towers", "km": "ប្រាសាទ"},
                           summary={"vi": "Tóm tắt.", "en": "Summary.", "km": "សេចក្តីសង្ខេប។"}))
    stop = plan_visit(cat, visit([["thap"]], languages=("km", "vi", "en"), delegation={"km": "គណៈ", "vi": "Đoàn", "en": "D"}),
                      {}).stops[0]
    assert (stop.name.lang, stop.summary.lang, stop.description_lang) == ("km", "km", "en")
    assert stop.name_vi == "Tháp" and stop.note  # the description's fallback is said, in Khmer


def test_a_timed_programme_names_its_items_and_numbers_its_visits():
    cat = catalogue(record("thap"), record("cong-chieng", "intangible-heritage"), record("go-da", "archaeological-site"))
    programme = [
        {"time": "08:30", "end": "09:30", "kind": "arrival", "what": {"en": "Welcome", "vi": "Đón đoàn"}},
        {"time": "10:00", "kind": "visit", "record": "thap", "venue": {"en": "Quy Nhơn", "vi": "Quy Nhơn"}},
        {"time": "19:00", "kind": "performance", "record": "cong-chieng", "what": {"en": "Gong evening", "vi": "Đêm cồng chiêng"}},
    ]
    plan = plan_visit(cat, visit([[], ["go-da"]], itinerary=[{"day": "2026-12-10", "programme": programme},
                                                             {"day": "2026-12-11", "stops": ["go-da"]}]), {})
    first, second = plan.days
    assert [(i.time, i.kind_label, i.what.value, i.venue.value if i.venue else "", i.number) for i in first.programme] == [
        ("08:30–09:30", "Arrival", "Welcome", "", 0),
        ("10:00", "Visit", "Name thap", "Quy Nhơn", 1),
        ("19:00", "Performance", "Gong evening", "", 0),  # the gongs have no place on the map
    ]
    assert [stop.id for stop in first.stops] == ["thap", "cong-chieng"] and second.programme == ()
    assert [stop.number for stop in plan.stops] == [1, 0, 2]


def test_who_is_who_and_the_contacts_in_the_brochures_language():
    cat = catalogue(record("thap"))
    people = {"delegation": [{"name": "Sok Dara", "role": {"en": "Head of the delegation", "vi": "Trưởng đoàn"}}],
              "host": [{"name": "Nguyễn Văn A", "role": {"en": "Vice-Chairman", "vi": "Phó Chủ tịch"}}]}
    contacts = [{"name": "Trần Thị B", "kind": "interpreter", "role": {"en": "Khmer", "vi": "tiếng Khmer"}, "phone": "+84 90 000 0000"}]
    plan = plan_visit(cat, visit([["thap"]], host={"en": "People's Committee", "vi": "Ủy ban nhân dân"}, people=people,
                                 contacts=contacts), {})
    assert plan.host == "People's Committee"
    assert [(p.name, p.role.value) for p in plan.members] == [("Sok Dara", "Head of the delegation")]
    assert [(p.name, p.role.value) for p in plan.hosts] == [("Nguyễn Văn A", "Vice-Chairman")]
    assert plan.contacts == (("Trần Thị B", "Interpreter", "Khmer", "+84 90 000 0000", ""),)
