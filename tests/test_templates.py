"""`heritage new` for every kind, then `heritage check`: one "fill it in" per empty required field, nothing else."""

from __future__ import annotations

import re

import pytest

from conftest import run
from generator.models import KIND_COLLECTION, is_located

FILL_IN = {"en": "this field is still empty; fill it in", "vi": "trường này còn trống; hãy điền vào"}


def _line(text: str, field_line: str) -> int:
    """The line number of the first line that is exactly `field_line` up to its value (not a comment)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(field_line):
            return number
    raise AssertionError(f"{field_line!r} not in the template")


def _expected_fields(kind: str) -> list[tuple[str, str]]:
    """(the template's line that holds it, the field) of every required field of a fresh record."""
    fields = [("name:", "name"), ("summary:", "summary"), ("description:", "description")]
    if is_located(kind):
        fields += [("  coordinates:", "location.coordinates"), ("  province:", "location.province")]
    if kind == "ocop-product":
        fields += [("category:", "category"), ("stars:", "stars"), ("  name:", "producer.name")]
    if KIND_COLLECTION[kind] == "events":
        fields += [("when:", "when")]
    return fields


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("kind", sorted(KIND_COLLECTION))
def test_a_fresh_template_asks_once_for_each_required_field(project, kind, lang):
    made = run("--project", str(project), "--messages", lang, "new", kind, "ban-ghi-moi")
    assert made.status == 0, made.err
    rel = f"content/{KIND_COLLECTION[kind]}/ban-ghi-moi.yml"
    text = (project / rel).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=../_schema/")

    result = run("--project", str(project), "--messages", lang, "check")
    expected = [f"{rel}:{_line(text, start)}: {field}: {FILL_IN[lang]}" for start, field in _expected_fields(kind)]
    assert sorted(result.problem_lines) == sorted(expected)
    assert result.status == 1


FILLED = {
    "name": '{vi: "Tên", en: "Name"}',
    "summary": '{vi: "Tóm tắt.", en: "Summary."}',
    "description": '{vi: "Mô tả.", en: "Description."}',
    "coordinates": "[13.9720, 108.6514]",
    "commune": "Phường An Bình",
    "province": "Gia Lai",
    "former_address": '"Phường An Bình, thị xã An Khê, tỉnh Gia Lai"',
    "tags": "[an-khe]",
    "related": "[go-da]",
    "title": '"Báo Gia Lai"',
    "url": '"https://baogialai.com.vn/"',
    "category": "food",
    "stars": "4",
    "when": "{from: 2030-05-01}",
}


def _fill(text: str) -> str:
    """Every value the template leaves empty, filled in; comments and other lines untouched."""
    out = []
    for line in text.splitlines():
        match = re.match(r"^(\s*(?:- )?)(\w+):(.*)$", line)
        if match and match[2] in FILLED and match[3].split("  #")[0].strip() in ('{vi: "", en: ""}', "[]", '""', ""):
            indent, key = match[1], match[2]
            value = '"HTX Mật ong"' if (key, indent) == ("name", "  ") else FILLED[key]  # the producer's name
            line = f"{indent}{key}: {value}"
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("kind", sorted(KIND_COLLECTION))
def test_a_filled_in_template_passes_strict_check(project, kind):
    assert run("--project", str(project), "new", kind, "ban-ghi-moi").status == 0
    path = project / "content" / KIND_COLLECTION[kind] / "ban-ghi-moi.yml"
    template = path.read_text(encoding="utf-8")
    path.write_text(_fill(template), encoding="utf-8")
    comments = [line for line in template.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in path.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")] == comments
    result = run("--project", str(project), "--messages", "en", "check", "--strict")
    assert (result.status, result.err) == (0, "no problems found in 9 files\n")
