"""Limits on the size of texts, lists and files: clear messages instead of huge pages or memory."""

from __future__ import annotations

import pytest

from conftest import run
from generator.schema import json_schema, render_reference

GONGS = """kind: intangible-heritage
name: {{vi: "{name}", en: "Gongs"}}
summary: {{vi: "a", en: "b"}}
description:
  vi: "a"
  en: "{description}"
tags: [{tags}]
sources:
  - {{title: "UNESCO", url: "https://ich.unesco.org/"}}
"""


def _check(project, lang="en", name="Cồng chiêng", description="b", tags="gongs"):
    path = project / "content/heritage/gongs.yml"
    path.write_text(GONGS.format(name=name, description=description, tags=tags), encoding="utf-8")
    return run("--project", str(project), "--messages", lang, "check")


def test_texts_up_to_their_limit_pass(project):
    result = _check(project, name="N" * 300, description="d" * 100_000, tags=", ".join(f"t{n}" for n in range(30)))
    assert result.status == 0, result.err


@pytest.mark.parametrize("lang, expected", [
    ("en", ["content/heritage/gongs.yml:2: name.vi: the text has 301 characters, more than the 300 allowed here",
            "content/heritage/gongs.yml:6: description.en: the text has 100,001 characters, more than the 100,000 "
            "allowed here",
            "content/heritage/gongs.yml:7: tags: the list has 31 entries, more than the 30 allowed here"]),
    ("vi", ["content/heritage/gongs.yml:2: name.vi: văn bản có 301 ký tự, vượt quá 300 ký tự cho phép ở đây",
            "content/heritage/gongs.yml:6: description.en: văn bản có 100.001 ký tự, vượt quá 100.000 ký tự cho "
            "phép ở đây",
            "content/heritage/gongs.yml:7: tags: danh sách có 31 mục, vượt quá 30 mục cho phép ở đây"]),
])
def test_texts_and_lists_over_their_limit(project, lang, expected):
    result = _check(project, lang, name="N" * 301, description="d" * 100_001, tags=", ".join(f"t{n}" for n in range(31)))
    assert result.problem_lines == expected
    assert result.status == 1


@pytest.mark.parametrize("lang, expected", [
    ("en", "the file is 2.9 MB, more than the 1 MB a content file may have; it probably holds pasted data by mistake"),
    ("vi", "tệp có dung lượng 2,9 MB, vượt quá mức 1 MB cho phép của một tệp nội dung; có lẽ đã dán nhầm dữ liệu "
           "vào tệp"),
])
def test_a_file_over_a_megabyte_is_refused_before_it_is_read(project, lang, expected):
    # not even valid YAML: the size is the only thing said, so it was never parsed
    (project / "content/heritage/big.yml").write_text("kind: [" + "x" * 3_000_000, encoding="utf-8")
    (project / "content/pages/big.en.md").write_text("---\ntitle: Big\n---\n" + "x" * 3_000_000, encoding="utf-8")
    result = run("--project", str(project), "--messages", lang, "check")
    assert result.problem_lines == [f"content/heritage/big.yml:1: {expected}", f"content/pages/big.en.md:1: {expected}"]


def test_the_json_schema_carries_the_limits():
    heritage = json_schema("heritage")["properties"]
    assert heritage["tags"]["maxItems"] == 30
    assert heritage["tags"]["items"]["maxLength"] == 100
    assert heritage["tags"]["items"]["not"] == {"enum": ["index"]}
    assert heritage["description"]["additionalProperties"]["maxLength"] == 100_000
    assert heritage["name"]["additionalProperties"]["maxLength"] == 300
    assert heritage["summary"]["additionalProperties"]["maxLength"] == 1_000
    assert heritage["sources"]["maxItems"] == 100
    assert json_schema("delegation")["properties"]["welcome"]["anyOf"][0]["additionalProperties"]["maxLength"] == 100_000


def test_the_field_reference_shows_the_limits():
    reference = render_reference()
    assert "| `tags` | list of text, at most 30 |  | Topics, as lower-case slugs (at most 30)" in reference
    assert "| `description` | text per language, at most 100,000 characters each | yes |" in reference
