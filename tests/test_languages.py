"""Languages are one registry plus one gettext catalogue each, and nothing falls back silently.

Every registered language has a catalogue that parses, holding every key of
the English one, translated and not fuzzy, with the same placeholders, under
the English that translators see; the outputs take names, locales, search
rules, dates and address words from the registry and the catalogues.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from types import MappingProxyType

import pytest
from babel import Locale

from builders import catalogue, record, visit
from conftest import run
from generator import catalogues, languages
from generator.brochure.plan import plan_visit
from generator.catalogues import LOCALE_DIR, MESSAGE, catalogue_path, english_above, placeholders, read_catalogue
from generator.languages import LANGUAGES, LUNR_LANGUAGES, SOURCE_LANGUAGE, Language, UnknownLanguage, without_interface
from generator.messages import text
from generator.models.fields import LANGUAGE_CODE
from generator.presentation.labels import (
    LANGUAGE_NAMES, Labels, commune_name, format_date, format_date_range, province_name,
)
from generator.project import Project
from generator.site.docs_tree import Job, mkdocs_config
from generator.site.plan import plan_site

TRANSLATIONS = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def entries(code: str) -> dict:
    return {(m.context, m.id): m for m in read_catalogue(catalogue_path(code)) if m.id}


ENGLISH = entries(SOURCE_LANGUAGE)


# ---------------------------------------------------------------- the catalogues


def test_every_po_file_parses_and_every_registered_language_has_one():
    files = sorted(LOCALE_DIR.rglob("*.po"))
    for path in files:
        read_catalogue(path)  # abort_invalid: a broken entry fails here, with its line
    assert files == sorted(catalogue_path(code) for code in LANGUAGES), "one catalogue per registered language"


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_catalogue_has_every_english_key_translated(code):
    own = entries(code)
    missing = [f"{ctx}/{key}" for (ctx, key) in ENGLISH if not own.get((ctx, key)) or not own[ctx, key].string]
    fuzzy = [f"{ctx}/{key}" for (ctx, key), entry in own.items() if entry.fuzzy]
    unknown = [f"{ctx}/{key}" for (ctx, key) in own if (ctx, key) not in ENGLISH]
    assert (missing, fuzzy, unknown) == ([], [], []), f"{catalogue_path(code)}: untranslated, fuzzy, not in English"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_translations_keep_the_english_placeholders_and_format(code):
    own = entries(code)
    for key, english in ENGLISH.items():
        fields = placeholders(english.string)
        assert placeholders(own[key].string) == fields, key
        if fields or key[0] == MESSAGE:  # messages are always formatted; braces must be doubled
            own[key].string.format(**dict.fromkeys(fields, "x"))


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_translators_see_the_current_english(code):
    own = entries(code)
    stale = [key for key, english in ENGLISH.items() if english_above(own[key]) != " ".join(english.string.split())]
    assert stale == [], "run `python -m generator.catalogues` and review the entries it marks fuzzy"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_translations_are_not_the_english(code):
    own = entries(code)
    words = re.compile(r"\{[^{}]*\}|[^\w]")  # placeholders and punctuation say nothing about the language
    same = [key for key, english in ENGLISH.items() if own[key].string == english.string and words.sub("", english.string)]
    assert same == []


def test_sync_adds_new_keys_marks_changed_english_fuzzy_and_starts_a_new_language(tmp_path, monkeypatch):
    locale_dir = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale_dir)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", locale_dir)
    monkeypatch.setattr(languages, "LANGUAGES", MappingProxyType({
        **LANGUAGES, "th": Language("th", "ไทย", "th_TH", "Thai", ("Noto Sans Thai",), "th"),
    }))
    english = catalogue_path("en")
    source = english.read_text(encoding="utf-8")
    source = source.replace('msgstr "Home"', 'msgstr "Start"')
    source += '\nmsgctxt "interface"\nmsgid "brand_new"\nmsgstr "Brand new {thing}"\n'
    english.write_text(source, encoding="utf-8")

    written = catalogues.sync(["vi", "th"])

    assert written == [catalogue_path("vi"), catalogue_path("th")]
    vi = entries("vi")
    assert vi["interface", "home"].fuzzy and vi["interface", "home"].string == "Trang chủ"  # kept, to be reviewed
    assert english_above(vi["interface", "home"]) == "Start"
    assert vi["interface", "brand_new"].string == "" and english_above(vi["interface", "brand_new"]) == "Brand new {thing}"
    assert not vi["interface", "heritage"].fuzzy
    th = entries("th")
    assert set(th) == set(entries("en")) and not any(entry.string for entry in th.values())
    assert catalogues.sync(["vi", "th"]) == []  # in step: nothing to write


# ---------------------------------------------------------------- the registry


def _installed_fonts() -> str:
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig is not installed")
    return subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_registry_entry_is_complete_and_consistent(code):
    entry = LANGUAGES[code]
    locale = Locale.parse(entry.locale)
    assert entry.code == code and LANGUAGE_CODE.match(code)
    assert locale.language == code
    assert entry.name.casefold() == locale.get_language_name().casefold()  # CLDR's name of it, in itself
    assert re.fullmatch(r"[A-Z][a-z]{3}", entry.script)
    assert entry.search in LUNR_LANGUAGES
    families = set(_installed_fonts().replace(",", "\n").splitlines())
    assert entry.fonts and set(entry.fonts) <= families, "print fonts must be installed (scripts/setup)"


def test_the_tool_speaks_the_registered_languages_only():
    assert SOURCE_LANGUAGE in LANGUAGES
    assert without_interface(["vi", "ko", "en", "xx"]) == [(1, "ko"), (3, "xx")]
    with pytest.raises(UnknownLanguage):
        Labels("ko")
    with pytest.raises(UnknownLanguage):
        text("summary_clean", "xx", files=1)
    assert run("--messages", "ko", "check").status == 2  # argparse: not a choice


def test_the_language_switch_names_come_from_the_registry(tmp_path):
    cat = catalogue(record("thap"))
    plan = plan_site(cat, cat.sites["main"], "en")
    job = Job("main", "en", tmp_path / "work", tmp_path / "site")
    config = mkdocs_config(Project(tmp_path), plan, job, tmp_path / "theme")
    assert LANGUAGE_NAMES == {code: entry.name for code, entry in LANGUAGES.items()}
    assert [(a["lang"], a["name"]) for a in config["extra"]["alternate"]] == [("vi", "Tiếng Việt"), ("en", "English")]
    assert LANGUAGE_NAMES["km"] == "ខ្មែរ" and LANGUAGE_NAMES["lo"] == "ລາວ"
    assert config["extra"]["heritage"]["locale"] == LANGUAGES["en"].locale == "en_GB"
    assert config["plugins"] == [{"search": {"lang": [LANGUAGES["en"].search]}}]


def test_check_names_a_site_or_visit_language_that_has_no_interface(project):
    site = project / "sites/main.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("[vi, en]", "[vi, en, ko]") + "translation_fallback: true\n",
                    encoding="utf-8")
    visit_file = project / "sites/delegations/visit.yml"
    visit_file.write_text(visit_file.read_text(encoding="utf-8").replace("languages: [en, vi]", "languages: [ko, en, vi]")
                          .replace('{en: "Delegation"', '{ko: "Delegation", en: "Delegation"'), encoding="utf-8")
    en = run("--project", str(project), "--messages", "en", "check")
    vi = run("--project", str(project), "--messages", "vi", "check")
    assert en.status == vi.status == 1
    assert en.problem_lines == [
        "sites/delegations/visit.yml:3: languages[1]: 'ko' has no interface translation yet; available: vi, en, km, lo",
        "sites/main.yml:4: languages[3]: 'ko' has no interface translation yet; available: vi, en, km, lo",
    ]
    assert vi.problem_lines == [
        "sites/delegations/visit.yml:3: languages[1]: 'ko' chưa có bản dịch giao diện; hiện có: vi, en, km, lo",
        "sites/main.yml:4: languages[3]: 'ko' chưa có bản dịch giao diện; hiện có: vi, en, km, lo",
    ]


# ---------------------------------------------------------------- dates and addresses


THIN = "\u2009"  # CLDR's spacing around the interval's dash


@pytest.mark.parametrize(("lang", "days", "expected"), [
    ("en", ((2026, 12, 10), (2026, 12, 12)), f"10{THIN}–{THIN}12 December 2026"),
    ("vi", ((2026, 12, 10), (2026, 12, 12)), f"10{THIN}–{THIN}12 tháng 12, 2026"),
    ("en", ((2026, 11, 30), (2026, 12, 2)), f"30 November{THIN}–{THIN}2 December 2026"),
    ("vi", ((2026, 12, 30), (2027, 1, 2)), f"30 tháng 12, 2026{THIN}–{THIN}2 tháng 1, 2027"),
    ("en", ((2026, 12, 10), (2026, 12, 10)), "10 December 2026"),
])
def test_dates_are_one_interval_in_the_languages_words(lang, days, expected):
    start, end = (dt.date(*day) for day in days)
    assert format_date_range(start, end, lang) == expected


def test_a_visit_plan_words_its_dates_in_the_delegations_language():
    cat = catalogue(record("thap"), record("go-da"))
    for lang, dates, first_day in (("en", f"10{THIN}–{THIN}11 December 2026", "10 December 2026"),
                                   ("vi", f"10{THIN}–{THIN}11 tháng 12, 2026", "10 tháng 12, 2026")):
        plan = plan_visit(cat, visit([["thap"], ["go-da"]], languages=(lang, "vi" if lang == "en" else "en")), {})
        assert (plan.dates, plan.days[0].date) == (dates, first_day)
        assert format_date(dt.date(2026, 12, 10), lang) == first_day


def test_addresses_are_worded_from_the_catalogues():
    assert [commune_name(c, "en") for c in ("Phường An Bình", "Xã Krong", "Thị trấn Kbang", "Đặc khu Lý Sơn", "Plei Ku")] == [
        "An Bình Ward", "Krong Commune", "Kbang Township", "Lý Sơn Special Zone", "Plei Ku"]
    assert commune_name("Phường An Bình", "vi") == "Phường An Bình"
    assert (province_name("Gia Lai", "vi"), province_name("Gia Lai", "en")) == ("tỉnh Gia Lai", "Gia Lai Province")
    assert (province_name("Thành phố Huế", "vi"), province_name("Gia Lai Province", "en")) == ("Thành phố Huế", "Gia Lai Province")
