"""Reading YAML: lines of every field, NFC text, duplicate keys, safety limits."""

from __future__ import annotations

import time
import unicodedata

from generator.loading import MAX_VALUES, format_field, parse_yaml
from generator.problems import Problems


def test_lines_of_nested_fields_and_list_items():
    text = "name:\n  vi: a\n  en: b\ndesignations:\n  - level: national\n    year: 2020\n  - {level: provincial, year: 2018}\n"
    doc = parse_yaml(text, "x.yml", Problems())
    assert doc.line_of(("name", "en")) == 3
    assert doc.line_of(("designations", 0, "year")) == 6
    assert doc.line_of(("designations", 1, "year")) == 7
    assert doc.line_of(("designations", 1, "missing")) == 7  # the nearest existing parent
    assert doc.line_of(("nowhere",)) == 1


def test_field_paths_count_list_items_from_one():
    assert format_field(("designations", 0, "year")) == "designations[1].year"
    assert format_field(("itinerary", 2, "stops", 0)) == "itinerary[3].stops[1]"


def test_text_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "name: {vi: Rộc Tưng – Gò Đá}\nÝ: Cồng chiêng\n")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    doc = parse_yaml(decomposed, "x.yml", Problems())
    assert doc.data == {"name": {"vi": "Rộc Tưng – Gò Đá"}, "Ý": "Cồng chiêng"}
    assert all(unicodedata.is_normalized("NFC", s) for s in ["Rộc Tưng – Gò Đá", *doc.data])


def test_duplicate_keys_keep_the_first_and_are_reported():
    problems = Problems()
    doc = parse_yaml("a: 1\nb: 2\na: 3\n", "x.yml", problems)
    assert doc.data == {"a": 1, "b": 2}
    assert [p.format() for p in problems] == ["x.yml:3: a: 'a' is given twice here (first on line 1); keep only one"]


def test_dates_numbers_and_booleans_keep_their_yaml_types():
    doc = parse_yaml("d: 2026-12-10\nn: 13.97\ni: 5\nb: true\ns: '5'\n", "x.yml", Problems())
    assert [type(v).__name__ for v in doc.data.values()] == ["date", "float", "int", "bool", "str"]


def test_alias_expansion_is_bounded_and_fast():
    levels = ["a: &a [" + ",".join(['"lol"'] * 10) + "]"]
    for n in range(1, 12):  # 10**12 values if expanded
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    problems = Problems()
    started = time.process_time()
    assert parse_yaml("\n".join(levels), "bomb.yml", problems) is None
    assert time.process_time() - started < 30  # a guard against hanging, not a benchmark
    assert [p.code for p in problems] == ["alias_bomb"]
    assert MAX_VALUES >= 10_000  # real records stay far below the bound


def test_recursive_aliases_fail_instead_of_looping():
    problems = Problems()
    assert parse_yaml("a: &a [*a]\n", "x.yml", problems) is None
    assert [p.code for p in problems] == ["alias_bomb"]


def test_ordinary_aliases_still_work():
    doc = parse_yaml("base: &b {vi: a, en: b}\nother: *b\n", "x.yml", Problems())
    assert doc.data["other"] == {"vi": "a", "en": "b"}


def test_a_parser_complaint_without_plain_words_keeps_its_english_out_of_vietnamese():
    import yaml

    from generator.loading import _syntax_problem

    mark = yaml.Mark("x.yml", 12, 1, 2, None, None)
    exc = yaml.MarkedYAMLError("while reading a novelty", mark, "found something new", mark)
    line, code, params = _syntax_problem(exc, "a: 1\nb: 2\n", 0)
    assert (line, code) == (2, "yaml_syntax")
    problems = Problems()
    problems.add("x.yml", line, "", code, **params)
    [problem] = list(problems)
    assert problem.format("en") == (
        "x.yml:2: the YAML cannot be read here; check the quotes, colons and indentation of this line and the one "
        "above (while reading a novelty found something new)")
    assert problem.format("vi") == (
        "x.yml:2: không đọc được YAML ở đây; hãy kiểm tra dấu ngoặc kép, dấu hai chấm và thụt lề của dòng này và "
        "dòng trên")
