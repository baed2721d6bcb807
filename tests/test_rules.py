"""One small bad file per rule: the exact line `heritage check` prints for it.

Each case copies one file from tests/bad/ into a copy of the valid base
project, runs the real `heritage check`, and compares every problem line.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import BAD, run

H = "content/heritage/"
P = "content/products/"
D = "sites/delegations/"

# bad file, where it goes in the project, the exact lines printed (the summary line aside)
CASES = [
    # reading the file
    ("tab-indent.yml", H + "tab-indent.yml", [
        "content/heritage/tab-indent.yml:3: a tab character is used here; YAML allows only spaces for indentation"]),
    ("colon-in-value.yml", H + "colon-in-value.yml", [
        "content/heritage/colon-in-value.yml:3: a ':' stands where it is not allowed; put a value that contains ': ' in quotes"]),
    ("unclosed-flow.yml", H + "unclosed-flow.yml", [
        "content/heritage/unclosed-flow.yml:3: a list [...] or a group {...} is not closed properly; "
        "a value with a comma inside {...} must be in quotes"]),
    ("unclosed-quote.yml", H + "unclosed-quote.yml", [
        "content/heritage/unclosed-quote.yml:2: a quotation mark opened here is never closed"]),
    ("empty.yml", H + "empty.yml", [
        "content/heritage/empty.yml:1: the file is empty; fill it in from `heritage new`"]),
    ("only-comment.yml", H + "only-comment.yml", [
        "content/heritage/only-comment.yml:1: the file is empty; fill it in from `heritage new`"]),
    ("latin1.yml", H + "latin1.yml", [
        "content/heritage/latin1.yml:2: the file is not UTF-8 text (byte 0xE0 cannot be read); save it again as UTF-8"]),
    ("list.yml", H + "list.yml", [
        "content/heritage/list.yml:1: the file must hold fields written as 'name: value', but it holds a list"]),
    ("scalar.yml", H + "scalar.yml", [
        "content/heritage/scalar.yml:1: the file must hold fields written as 'name: value', "
        "but it holds the text 'just some words'"]),
    ("two-documents.yml", H + "two-documents.yml", [
        "content/heritage/two-documents.yml:2: the file holds more than one document ('---'); keep one record per file"]),
    ("python-tag.yml", H + "python-tag.yml", [
        "content/heritage/python-tag.yml:2: the tag '!!python/object/apply:os.system' is not allowed; "
        "records hold only text, numbers, dates, lists and fields"]),
    ("billion-laughs.yml", H + "billion-laughs.yml", [
        "content/heritage/billion-laughs.yml:1: the file expands to too many values "
        "(anchors '&' and aliases '*' nested too deep); write the values out"]),
    ("duplicate-key.yml", H + "duplicate-key.yml", [
        "content/heritage/duplicate-key.yml:5: name: 'name' is given twice here (first on line 2); keep only one"]),
    # every parser complaint in plain words (libyaml's words never reach an editor)
    ("yaml-escape.yml", H + "yaml-escape.yml", [
        "content/heritage/yaml-escape.yml:4: inside double quotes a backslash '\\' starts a code such as \\n; "
        "write '\\\\' for a backslash, or put the value in single quotes '...' instead"]),
    ("yaml-at-sign.yml", H + "yaml-at-sign.yml", [
        "content/heritage/yaml-at-sign.yml:6: a value cannot start with '@'; put the whole value in quotes"]),
    ("yaml-backtick.yml", H + "yaml-backtick.yml", [
        "content/heritage/yaml-backtick.yml:3: a value cannot start with '`'; put the whole value in quotes"]),
    ("yaml-tag-handle.yml", H + "yaml-tag-handle.yml", [
        "content/heritage/yaml-tag-handle.yml:3: '!' starts a YAML tag, which records do not use; "
        "put a value that starts with '!' in quotes"]),
    ("yaml-directive.yml", H + "yaml-directive.yml", [
        "content/heritage/yaml-directive.yml:1: a line that starts with '%' is a YAML directive, which records "
        "do not use; delete the line, or put the value in quotes"]),
    ("yaml-anchor.yml", H + "yaml-anchor.yml", [
        "content/heritage/yaml-anchor.yml:4: '&' and '*' must be followed by a name (they mark a value used again); "
        "put a value that starts with '&' or '*' in quotes"]),
    ("yaml-undefined-alias.yml", H + "yaml-undefined-alias.yml", [
        "content/heritage/yaml-undefined-alias.yml:4: '*free' refers to an anchor '&free' that does not exist"]),
    ("yaml-duplicate-anchor.yml", H + "yaml-duplicate-anchor.yml", [
        "content/heritage/yaml-duplicate-anchor.yml:4: the same anchor name ('&name') is given twice; "
        "give each anchor its own name"]),
    ("yaml-block-scalar.yml", H + "yaml-block-scalar.yml", [
        "content/heritage/yaml-block-scalar.yml:4: after '|' or '>' only a comment may follow on the same line; "
        "start the text on the next line, indented"]),
    ("yaml-document-end.yml", H + "yaml-document-end.yml", [
        "content/heritage/yaml-document-end.yml:4: text follows the end-of-file marker '...'; "
        "remove the marker or the text after it"]),
    ("yaml-missing-value.yml", H + "yaml-missing-value.yml", [
        "content/heritage/yaml-missing-value.yml:3: a value is missing here, or starts with a sign that cannot "
        "start one (such as ']', '}' or '-'); put the value in quotes"]),
    ("yaml-control-char.yml", H + "yaml-control-char.yml", [
        "content/heritage/yaml-control-char.yml:3: the file holds an invisible control character (U+000B) that "
        "YAML does not allow; delete it (it often comes with text copied from a PDF or a word processor)"]),
    ("yaml-missing-colon.yml", H + "yaml-missing-colon.yml", [
        "content/heritage/yaml-missing-colon.yml:3: this line is not a 'name: value' pair "
        "(a ':' is missing, or the indentation is off)"]),
    ("yaml-list-indent.yml", H + "yaml-list-indent.yml", [
        "content/heritage/yaml-list-indent.yml:5: this line is not a 'name: value' pair "
        "(a ':' is missing, or the indentation is off)"]),
    # fields
    ("unknown-field.yml", H + "unknown-field.yml", [
        "content/heritage/unknown-field.yml:3: sumary: unknown field 'sumary'; did you mean 'summary'?",
        "content/heritage/unknown-field.yml:7: sources[1].year: unknown field 'year'"]),
    ("missing-field.yml", H + "missing-field.yml", [
        "content/heritage/missing-field.yml:1: summary: this field is required but missing"]),
    ("missing-language.yml", H + "missing-language.yml", [
        "content/heritage/missing-language.yml:2: name: the 'en' text is missing; site 'main' is published in vi, en"]),
    ("plain-string-name.yml", H + "plain-string-name.yml", [
        "content/heritage/plain-string-name.yml:2: name: expected one text per language, such as {vi: ..., en: ...}, "
        "but found the text 'Cồng chiêng'"]),
    ("text-for-number.yml", P + "text-for-number.yml", [
        "content/products/text-for-number.yml:6: stars: expected a whole number, but found the text 'five'"]),
    ("unknown-choices.yml", H + "unknown-choices.yml", [
        "content/heritage/unknown-choices.yml:1: kind: 'historic-relic' is not allowed here; did you mean "
        "'historical-relic'? (one of: archaeological-site, historical-relic, intangible-heritage, natural-heritage)"]),
    ("unknown-level-precision.yml", H + "unknown-level-precision.yml", [
        "content/heritage/unknown-level-precision.yml:6: designations[1].level: 'nationnal' is not allowed here; "
        "did you mean 'national'? (one of: unesco-world-heritage, unesco-intangible, unesco-biosphere, "
        "asean-heritage-park, national-treasure, special-national, national, provincial)",
        "content/heritage/unknown-level-precision.yml:9: location.precision: 'exactly' is not allowed here; "
        "did you mean 'exact'? (one of: exact, approximate, area)"]),
    ("unknown-category.yml", P + "unknown-category.yml", [
        "content/products/unknown-category.yml:5: category: 'drinks' is not allowed here; "
        "use one of: food, beverage, herbal, handicraft, ornamental, rural-tourism"]),
    ("stars-range.yml", P + "stars-range.yml", [
        "content/products/stars-range.yml:6: stars: OCOP stars must be 3, 4 or 5, but found 6"]),
    ("wrong-collection.yml", H + "wrong-collection.yml", [
        "content/heritage/wrong-collection.yml:1: kind: a record of kind 'ocop-product' belongs in content/products/, not here"]),
    # places and dates
    ("latitude-range.yml", H + "latitude-range.yml", [
        "content/heritage/latitude-range.yml:6: location.coordinates: latitude 114.05 is outside -90..90"]),
    ("swapped-coordinates.yml", H + "swapped-coordinates.yml", [
        "content/heritage/swapped-coordinates.yml:6: location.coordinates: latitude 108.434 is outside -90..90; "
        "latitude and longitude look swapped (write [latitude, longitude])"]),
    ("outside-vietnam.yml", H + "outside-vietnam.yml", [
        "content/heritage/outside-vietnam.yml:6: location.coordinates: warning: the point [48.8566, 2.3522] lies outside Vietnam"]),
    ("far-from-commune.yml", H + "far-from-commune.yml", [
        "content/heritage/far-from-commune.yml:6: location.coordinates: warning: the point lies 70 km from the centre "
        "of Xã Krong; check the coordinates or the commune"]),
    ("missing-coordinates.yml", H + "missing-coordinates.yml", [
        "content/heritage/missing-coordinates.yml:5: location.coordinates: coordinates are required for "
        "historical-relic records (only intangible heritage may leave them out)"]),
    ("unofficial-commune.yml", H + "unofficial-commune.yml", [
        "content/heritage/unofficial-commune.yml:7: location.commune: warning: 'Xã Krông' is not an official commune "
        "or ward of Gia Lai since 1 July 2025; did you mean 'Xã Krong'?"]),
    ("commune-without-type.yml", H + "commune-without-type.yml", [
        "content/heritage/commune-without-type.yml:7: location.commune: warning: 'Krong' is not an official commune "
        "or ward of Gia Lai since 1 July 2025; did you mean 'Xã Krong'?"]),
    # a commune's name from before 1 July 2025: what it is part of now, as the address conversion says
    ("former-commune.yml", H + "former-commune.yml", [
        "content/heritage/former-commune.yml:7: location.commune: warning: 'Xã Ia Kênh' is a name from before "
        "1 July 2025; that place is now part of 'Xã Gào'"]),
    ("former-binh-dinh.yml", H + "former-binh-dinh.yml", [  # Bình Định has been part of Gia Lai since then
        "content/heritage/former-binh-dinh.yml:7: location.commune: warning: 'Phường Trần Phú' is a name from before "
        "1 July 2025; that place is now part of 'Phường Quy Nhơn'"]),
    ("former-commune-split.yml", H + "former-commune-split.yml", [
        "content/heritage/former-commune-split.yml:7: location.commune: warning: 'Xã An Nghĩa' is a name from before "
        "1 July 2025; that place is now part of one of 'Xã An Hòa', 'Xã An Toàn'; write the one it lies in"]),
    ("former-town-producer.yml", P + "former-town-producer.yml", [
        "content/products/former-town-producer.yml:7: producer.commune: warning: 'Thị trấn Chư Ty' is a name from "
        "before 1 July 2025; that place is now part of 'Xã Đức Cơ'"]),
    ("unofficial-province.yml", H + "unofficial-province.yml", [
        "content/heritage/unofficial-province.yml:8: location.province: warning: 'Gia Lay' is not one of the 34 "
        "provinces and cities since 1 July 2025; did you mean 'Gia Lai'?"]),
    ("future-year.yml", H + "future-year.yml", [
        "content/heritage/future-year.yml:7: designations[2].year: the year 2999 is in the future"]),
    ("bad-url.yml", H + "bad-url.yml", [
        "content/heritage/bad-url.yml:6: sources[1].url: 'htp://ich.unesco.org/' is not a web address; "
        "it must start with https:// or http:// and name a host",
        "content/heritage/bad-url.yml:7: sources[2].url: 'baogialai.com.vn' is not a web address; "
        "it must start with https:// or http:// and name a host"]),
    # ids and references
    ("Khu_10.yml", H + "Khu_10.yml", [
        "content/heritage/Khu_10.yml:1: the file name 'Khu_10' is not a valid id: use lower-case ASCII letters and "
        "digits joined by '-', such as 'khu-10'"]),
    ("id-clash.yml", P + "go-da.yml", [
        "content/products/go-da.yml:1: the id 'go-da' is also used by content/heritage/go-da.yml; "
        "ids must be unique across all collections"]),
    ("index.yml", H + "index.yml", [
        "content/heritage/index.yml:1: 'index' cannot be a record's id (its file name): the website uses that name "
        "for its own pages; choose another"]),
    ("reserved-tag.yml", H + "reserved-tag.yml", [
        "content/heritage/reserved-tag.yml:5: tags[2]: 'index' cannot be a tag: the website uses that name "
        "for its own pages; choose another"]),
    ("unknown-related.yml", H + "unknown-related.yml", [
        "content/heritage/unknown-related.yml:5: related[1]: 'go-daa' is not a record in content/; did you mean 'go-da'?",
        "content/heritage/unknown-related.yml:5: related[2]: 'nowhere-at-all' is not a record in content/"]),
    ("site-include.yml", "sites/extra.yml", [
        "sites/extra.yml:5: include.ids[2]: 'khu-10' is not a record in content/",
        "sites/extra.yml:6: include.tags[1]: no record has the tag 'pleiku'",
        "sites/extra.yml:7: include.exclude[1]: 'gong-cultur' is not a record in content/; did you mean 'gong-culture'?"]),
    ("site-include-kinds.yml", "sites/kinds.yml", [
        "sites/kinds.yml:4: include.kinds[2]: 'museum' is not allowed here; use one of: archaeological-site, "
        "historical-relic, intangible-heritage, natural-heritage, ocop-product, festival, ceremony, anniversary, exhibition, performance, fair"]),
    ("delegation-refs.yml", D + "refs.yml", [
        "sites/delegations/refs.yml:1: site: 'nowhere' is not a site; sites are the files in sites/: main, town",
        "sites/delegations/refs.yml:6: itinerary[1].stops[2]: 'khu-10' is not a record in content/",
        "sites/delegations/refs.yml:7: gifts[2]: 'gong-culture' is not an OCOP product (gifts come from content/products/)",
        "sites/delegations/refs.yml:7: gifts[3]: 'wine' is not a record in content/"]),
    ("visit-programme.yml", D + "visit-programme.yml", [
        "sites/delegations/visit-programme.yml:8: itinerary[1].programme: give the day's places either as stops or as "
        "visit items of its programme, not both",
        "sites/delegations/visit-programme.yml:9: itinerary[1].programme[1]: a visit names the record visited: "
        "add 'record: <id>'",
        "sites/delegations/visit-programme.yml:10: itinerary[1].programme[2].what: the 'vi' text is missing; "
        "this brochure is in en, vi",
        "sites/delegations/visit-programme.yml:10: itinerary[1].programme[2].time: 09:00 comes after 10:00 in the list; "
        "list the day's items in time order",
        "sites/delegations/visit-programme.yml:10: itinerary[1].programme[2].end: the item ends (08:30) before it starts (09:00)",
        "sites/delegations/visit-programme.yml:11: itinerary[1].programme[3]: say what happens: "
        "add 'what: {en: ..., vi: ...}'",
        "sites/delegations/visit-programme.yml:12: itinerary[2]: the day has neither stops nor a programme; give one of them"]),
    ("visit-time.yml", D + "visit-time.yml", [
        "sites/delegations/visit-time.yml:8: itinerary[1].programme[1].time: '8h30' is not a time; write it as HH:MM "
        "on a 24-hour clock, such as \"08:30\" or \"14:00\""]),
    ("visit-days.yml", D + "visit-days.yml", [
        "sites/delegations/visit-days.yml:2: languages[1]: 'kh' is not a language code but a country's; "
        "did you mean 'km', its language?",
        "sites/delegations/visit-days.yml:2: languages[3]: 'xx' is not a language code (ISO 639), such as vi, en, km or lo",
        "sites/delegations/visit-days.yml:7: itinerary[2].day: the day 2026-12-10 comes after 2026-12-11 in the list; "
        "list the days in date order",
        "sites/delegations/visit-days.yml:8: itinerary[3].day: the day 2026-12-11 is already listed as day 1; "
        "put that day's stops together under one entry"]),
    ("dates-backwards.yml", D + "backwards.yml", [
        "sites/delegations/backwards.yml:4: dates.to: the visit ends (2026-12-10) before it starts (2026-12-12)"]),
    ("day-outside.yml", D + "outside.yml", [
        "sites/delegations/outside.yml:6: itinerary[1].day: the day 2026-12-14 is outside the visit, 2026-12-10 to 2026-12-11",
        "sites/delegations/outside.yml:6: itinerary[1].stops[1]: 'gong-culture' is not on site 'town', so its QR code "
        "would lead nowhere; add it to the site's include"]),
    # images
    ("images-bad-paths.yml", H + "images-bad-paths.yml", [
        "content/heritage/images-bad-paths.yml:6: images[1].file: the image file 'gongs/missing.jpg' does not exist in assets/images/",
        "content/heritage/images-bad-paths.yml:10: images[2].file: the image path '../../secrets.jpg' must stay inside "
        "assets/images/ (no '..', no absolute path)"]),
    ("empty-required.yml", P + "empty-required.yml", [
        "content/products/empty-required.yml:3: summary: this field is still empty; fill it in",
        "content/products/empty-required.yml:6: stars: this field is still empty; fill it in",
        "content/products/empty-required.yml:7: producer.name: this field is still empty; fill it in",
        "content/products/empty-required.yml:9: location.coordinates: this field is still empty; fill it in",
        "content/products/empty-required.yml:14: sources[1].url: this field is still empty; fill it in"]),
    # empty optional values count as not given; an empty language is a translation still to make
    ("empty-values.yml", P + "empty-values.yml", [
        "content/products/empty-values.yml:2: name: the 'en' text is missing; site 'main' is published in vi, en"]),
    ("images-missing-fields.yml", H + "images-missing-fields.yml", [
        "content/heritage/images-missing-fields.yml:6: images[1].alt: this field is required but missing",
        "content/heritage/images-missing-fields.yml:6: images[1].credit: this field is required but missing",
        "content/heritage/images-missing-fields.yml:6: images[1].licence: this field is required but missing"]),
    # pages
    ("unsafe-link.yml", H + "unsafe-link.yml", [
        "content/heritage/unsafe-link.yml:6: description.en: the link 'javascript:alert(1)' cannot be published: "
        "a link's address must start with https://, http://, mailto: or tel:"]),
    ("unsafe-link.en.md", "content/pages/about.en.md", [
        "content/pages/about.en.md:7: the link 'JaVa&#115;cript:alert(1)' cannot be published: "
        "a link's address must start with https://, http://, mailto: or tel:"]),
    ("no-front-matter.en.md", "content/pages/no-front-matter.en.md", [
        "content/pages/no-front-matter.en.md:1: a page starts with a block between two '---' lines that gives at least 'title:'"]),
    ("heritage.en.md", "content/pages/heritage.en.md", [
        "content/pages/heritage.en.md: the page name 'heritage' is taken by the site itself; choose another "
        "(taken: assets, data, events, heritage, index, kinds, levels, map, products, search, tags)"]),
    ("index.en.md", "content/pages/index.en.md", [
        "content/pages/index.en.md: the page name 'index' is taken by the site itself; choose another "
        "(taken: assets, data, events, heritage, index, kinds, levels, map, products, search, tags)"]),
    ("About_Us.md", "content/pages/About_Us.md", [
        "content/pages/About_Us.md: page files are named <slug>.<language>.md, for example about.en.md"]),
]


@pytest.mark.parametrize("bad, dest, expected", CASES, ids=[case[0] for case in CASES])
def test_rule(project, bad, dest, expected):
    target = project / dest
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BAD / bad, target)
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == expected
    errors = [line for line in expected if ": warning: " not in line]
    assert result.status == (1 if errors else 0)
    assert "Traceback" not in result.err


def test_every_bad_file_has_a_case():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(case[0] for case in CASES)


def test_bom_and_crlf_are_fine(project):
    raw = b"\xef\xbb\xbf" + (
        'kind: intangible-heritage\r\nname: {vi: "Cồng", en: "Gongs"}\r\nsummary: {vi: "a", en: "b"}\r\n'
        'description: {vi: "a", en: "b"}\r\nsources:\r\n  - {title: "UNESCO", url: "https://ich.unesco.org/"}\r\n'
    ).encode()
    (project / "content/heritage/bom-crlf.yml").write_bytes(raw)
    result = run("--project", str(project), "check", "--strict")
    assert result.status == 0, result.err
    assert result.err == "no problems found in 9 files\n"


def test_every_problem_of_every_file_in_one_run(project):
    for bad, dest, _ in CASES[:6]:
        shutil.copyfile(BAD / bad, project / dest)
    result = run("--project", str(project), "--messages", "en", "check")
    expected = sorted(line for _, _, lines in CASES[:6] for line in lines)
    assert sorted(result.problem_lines) == expected
    assert result.err.splitlines()[-1] == "6 error(s), 0 warning(s) in 14 files"


# Reading problems: the parser's own English must never reach the reader.
PARSER_CASES = [case for case in CASES if case[0].startswith("yaml-") or case[0] in {
    "tab-indent.yml", "colon-in-value.yml", "unclosed-flow.yml", "unclosed-quote.yml", "two-documents.yml"}]
PARSER_WORDS = ("while ", "found", "expected", "token", "scanning", "parsing", "stream", "scalar", "indicator",
                "character that", "not allowed")


def test_parser_problems_read_in_vietnamese(project):
    for bad, dest, _ in PARSER_CASES:
        shutil.copyfile(BAD / bad, project / dest)
    english = run("--project", str(project), "--messages", "en", "check").problem_lines
    vietnamese = run("--project", str(project), "--messages", "vi", "check")
    assert sorted(english) == sorted(line for _, _, lines in PARSER_CASES for line in lines)
    assert [line.split(": ")[0] for line in vietnamese.problem_lines] == [line.split(": ")[0] for line in english]
    for line in vietnamese.problem_lines:
        message = line.split(": ", 1)[1]
        assert not any(word in message.lower() for word in PARSER_WORDS), line
    assert vietnamese.err.splitlines()[-1].endswith("cảnh báo trong 27 tệp")


@pytest.mark.parametrize("bad, dest, expected", PARSER_CASES, ids=[case[0] for case in PARSER_CASES])
def test_the_pure_python_parser_is_put_in_the_same_words(project, monkeypatch, bad, dest, expected):
    """Without libyaml, PyYAML's own parser words its complaints differently: the same message comes out."""
    import yaml

    monkeypatch.setattr("generator.loading._Loader", yaml.SafeLoader)
    shutil.copyfile(BAD / bad, project / dest)
    assert run("--project", str(project), "--messages", "en", "check").problem_lines == expected


def test_former_communes_in_vietnamese(project):
    for bad, dest, _ in CASES:
        if bad.startswith("former-"):
            shutil.copyfile(BAD / bad, project / dest)
    result = run("--project", str(project), "--messages", "vi", "check")
    assert result.problem_lines == [
        "content/heritage/former-binh-dinh.yml:7: location.commune: cảnh báo: 'Phường Trần Phú' là tên gọi trước "
        "ngày 1/7/2025; địa bàn này nay thuộc 'Phường Quy Nhơn'",
        "content/heritage/former-commune-split.yml:7: location.commune: cảnh báo: 'Xã An Nghĩa' là tên gọi trước "
        "ngày 1/7/2025; địa bàn này nay thuộc một trong các đơn vị 'Xã An Hòa', 'Xã An Toàn'; "
        "hãy ghi đơn vị nơi có địa điểm",
        "content/heritage/former-commune.yml:7: location.commune: cảnh báo: 'Xã Ia Kênh' là tên gọi trước "
        "ngày 1/7/2025; địa bàn này nay thuộc 'Xã Gào'",
        "content/products/former-town-producer.yml:7: producer.commune: cảnh báo: 'Thị trấn Chư Ty' là tên gọi "
        "trước ngày 1/7/2025; địa bàn này nay thuộc 'Xã Đức Cơ'",
    ]
    assert result.status == 0
    assert result.err.splitlines()[-1] == "0 lỗi, 4 cảnh báo trong 12 tệp"
