"""The translation workflow: export to PO, a translator's edits, import back into the YAML.

Real PO files (polib, as Poedit writes them), the bundled project, the real CLI.
The promise tested: an import changes only the translated values (a character
diff of every file shows nothing else), a changed source shows the translation
as outdated, and a bad PO file changes nothing at all.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import subprocess
from pathlib import Path

import polib
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.yaml_edit import SpliceFailed, set_text

from conftest import in_project, sources_of

HOSTILE = ('<script>alert(1)</script> {{ 7*7 }} {% raw %} "quoted" \\ back: #x, {a: b} *alias &anchor '
           "- [ ] =SUM(A1) \u2028 end")



def digest(root: Path) -> str:
    return hashlib.sha256(repr(sorted(sources_of(root).items())).encode()).hexdigest()


def translate(po_path: Path, text=lambda entry: f"ລາວ {entry.msgid[:20]}", keep=lambda entry: True) -> polib.POFile:
    """Act as the translator: fill msgstr (and clear fuzzy) for the entries `keep` selects."""
    po = polib.pofile(str(po_path))
    for entry in po:
        if keep(entry):
            entry.msgstr = text(entry)
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
    po.save(str(po_path))
    return po


def only_insertions(old: str, new: str, lang: str) -> None:
    """`new` is `old` with new `lang:` entries added and nothing else changed, to the character."""
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        if tag == "insert":
            chunk = new[j1:j2]
            assert f"{lang}: " in chunk, chunk  # where the chunk starts is difflib's choice: '", lo: "x' or ', lo: "x"'


def report_rows(root: Path) -> list[dict[str, str]]:
    result = in_project(root, "report", "--format", "csv")
    return list(csv.DictReader(io.StringIO(result.out)))


def test_round_trip_changes_only_the_translated_values(bundled: Path):
    before = sources_of(bundled)
    out = bundled.parent / "po"
    result = in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out))
    assert result.status == 0, result.err
    po = translate(out / "lo.po", text=lambda e: HOSTILE + (" ລາວ\n\n**ສອງ**\n" if "\n" in e.msgid else " ລາວ"))
    assert len(po) > 20
    result = in_project(bundled, "translations", "import", str(out))
    assert result.status == 0, result.err
    after = sources_of(bundled)
    changed = {path for path in after if before.get(path) != after[path]}
    memory = "content/_translations/lo.yml"
    files = {entry.msgctxt.split(" ")[0] for entry in po}
    assert changed == files | {memory}
    for path in files:
        old, new = before[path].decode(), after[path].decode()
        only_insertions(old, new, "lo")
        data, expected = yaml.safe_load(new), yaml.safe_load(old)
        for entry in po:
            if entry.msgctxt.startswith(path + " "):
                field = entry.msgctxt.split(" ", 1)[1]
                node = data
                for part in field.replace("[", ".").replace("]", "").split("."):
                    node = node[int(part) - 1] if part.isdigit() else node[part]
                value = node.pop("lo")
                assert value.rstrip("\n") == entry.msgstr.rstrip("\n")
        assert data == expected  # with the new values taken out, the file reads as before
    assert in_project(bundled, "check").status == 0
    # Everything the partner site needs in Lao is now translated and up to date.
    again = in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out))
    assert again.status == 0 and not (out / "lo.po").exists(), again.err


def test_hostile_translations_reach_the_pages_as_text(bundled: Path):
    out = bundled.parent / "po"
    assert in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out)).status == 0
    translate(out / "lo.po", text=lambda e: HOSTILE, keep=lambda e: e.msgctxt.endswith("roc-tung-go-da.yml location.directions"))
    assert in_project(bundled, "translations", "import", str(out)).status == 0
    text = (bundled / "content/heritage/roc-tung-go-da.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["location"]["directions"]["lo"] == HOSTILE
    result = in_project(bundled, "build", "--site", "doi-tac")
    assert result.status == 0, result.err
    page = (bundled / "public/doi-tac/lo/heritage/roc-tung-go-da/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in page


def test_a_changed_source_shows_the_translation_as_outdated(bundled: Path):
    out = bundled.parent / "po"
    in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out))
    translate(out / "lo.po")
    assert in_project(bundled, "translations", "import", str(out)).status == 0
    record = bundled / "content/heritage/can-cu-khu-10.yml"
    old_en = yaml.safe_load(record.read_text(encoding="utf-8"))["summary"]["en"]
    record.write_text(record.read_text(encoding="utf-8").replace('en: "For the twenty years', 'en: "For twenty years'), encoding="utf-8")

    rows = {(row["record"], row["language"]): row for row in report_rows(bundled)}
    assert rows[("can-cu-khu-10", "lo")]["outdated_texts"] == "summary"
    assert rows[("can-cu-khu-10", "km")]["outdated_texts"] == "-"  # no import has recorded a Khmer source

    assert in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out)).status == 0
    po = polib.pofile(str(out / "lo.po"))
    [entry] = [e for e in po if e.msgctxt == "content/heritage/can-cu-khu-10.yml summary"]
    assert entry.fuzzy and entry.previous_msgid == old_en and entry.msgid.startswith("For twenty years")
    assert entry.msgstr == "ລາວ " + old_en[:20]  # the old translation, to be checked

    before = record.read_text(encoding="utf-8")
    entry.msgstr = "ລາວ ໃໝ່"
    entry.flags.remove("fuzzy")
    po.save(str(out / "lo.po"))
    assert in_project(bundled, "translations", "import", str(out)).status == 0
    after = record.read_text(encoding="utf-8")
    old_line = next(line for line in before.splitlines() if line.startswith("  lo: "))
    assert after == before.replace(old_line, '  lo: "ລາວ ໃໝ່"')
    rows = {(row["record"], row["language"]): row for row in report_rows(bundled)}
    assert rows[("can-cu-khu-10", "lo")]["outdated_texts"] == "-"


def test_a_source_changed_since_the_export_is_imported_as_outdated(bundled: Path):
    out = bundled.parent / "po"
    in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out))
    translate(out / "lo.po", keep=lambda e: e.msgctxt == "content/heritage/can-cu-khu-10.yml summary")
    record = bundled / "content/heritage/can-cu-khu-10.yml"
    record.write_text(record.read_text(encoding="utf-8").replace('en: "For the twenty years', 'en: "For twenty years'), encoding="utf-8")
    result = in_project(bundled, "translations", "import", str(out))
    assert result.status == 0
    assert "lo.po:" in result.err and "content/heritage/can-cu-khu-10.yml summary: warning: the source text has changed" in result.err
    rows = {(row["record"], row["language"]): row for row in report_rows(bundled)}
    assert rows[("can-cu-khu-10", "lo")]["outdated_texts"] == "summary"


def line_of(po_path: Path, context: str) -> int:
    return next(entry.linenum for entry in polib.pofile(str(po_path)) if entry.msgctxt == context)


def test_a_bad_po_file_changes_nothing_and_says_where(bundled: Path):
    out = bundled.parent / "po"
    in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out))
    po_path = out / "lo.po"
    too_long = "content/heritage/roc-tung-go-da.yml location.directions"
    unsafe = "content/heritage/roc-tung-go-da.yml description"

    def text(entry):
        if entry.msgctxt == too_long:
            return "ລ" * 1001
        if entry.msgctxt == unsafe:
            return "[ກົດ](javascript:alert(1))\n"
        return "ລາວ"

    po = translate(po_path, text=text)
    po.append(polib.POEntry(msgctxt="content/heritage/no-such-record.yml name", msgid="x", msgstr="y"))
    po.save(str(po_path))
    before = digest(bundled)
    result = in_project(bundled, "translations", "import", str(out))
    assert result.status == 1
    assert digest(bundled) == before and not (bundled / "content/_translations").exists()
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    shown = str(po_path)
    assert f"{shown}:{line_of(po_path, too_long)}: {too_long}: the text has 1,001 characters" in result.err, result.err
    assert any(line.startswith(f"{shown}:{line_of(po_path, unsafe)}: {unsafe}: ") and "javascript:" in line for line in lines)
    unknown = line_of(po_path, "content/heritage/no-such-record.yml name")
    assert f"{shown}:{unknown}: msgctxt: 'content/heritage/no-such-record.yml name' names no text of the project" in result.err


@pytest.mark.parametrize("header, message", [
    ("Language: vi", "every record is written in 'vi'"),
    ("Language: zz-not", "'zz' is not a language code"),
    ("", "does not say its language"),
])
def test_a_po_file_in_the_wrong_language_is_refused(bundled: Path, header: str, message: str):
    out = bundled.parent / "po"
    in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out))
    text = (out / "lo.po").read_text(encoding="utf-8").replace('"Language: lo\\n"\n', f'"{header}\\n"\n' if header else "")
    (out / "lo.po").write_text(text, encoding="utf-8")
    translate(out / "lo.po")
    before = digest(bundled)
    result = in_project(bundled, "translations", "import", str(out / "lo.po"))
    assert result.status == 1 and message in result.err, result.err
    assert digest(bundled) == before


def test_export_never_destroys_a_translators_work(bundled: Path, tmp_path: Path):
    out = tmp_path / "po"
    assert in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out)).status == 0
    first = (out / "lo.po").read_bytes()
    assert in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out)).status == 0
    assert (out / "lo.po").read_bytes() == first  # the same project gives the same bytes
    translate(out / "lo.po", keep=lambda e: e.msgctxt.endswith(" name"))
    worked = (out / "lo.po").read_bytes()
    result = in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out))
    assert result.status == 1 and "not yet imported" in result.err
    assert (out / "lo.po").read_bytes() == worked
    (out / "lo.po").write_text("my own notes\n", encoding="utf-8")
    result = in_project(bundled, "translations", "export", "--lang", "lo", "--out", str(out))
    assert result.status == 1 and "is not a PO file that heritage exported" in result.err
    assert (out / "lo.po").read_text(encoding="utf-8") == "my own notes\n"


@pytest.mark.parametrize("argv, message", [
    (("--lang", "vi"), "every record is written in 'vi'"),
    (("--lang", "ko"), "no site or visit is published in 'ko'"),
    (("--lang", "km", "--out", "content/po"), "among the project's own files"),
])
def test_export_refusals(bundled: Path, argv, message):
    argv = tuple(str(bundled / a) if a.startswith("content/") else a for a in argv)
    result = in_project(bundled, "translations", "export", *argv)
    assert result.status == 1 and message in result.err, result.err
    assert "Traceback" not in result.err


def test_pages_are_translated_paragraph_by_paragraph(bundled: Path):
    out = bundled.parent / "po"
    result = in_project(bundled, "translations", "export", "--lang", "ko", "--all", "--out", str(out))
    assert result.status == 0, result.err
    po = polib.pofile(str(out / "ko.po"))
    page = [e for e in po if e.msgctxt.startswith("content/pages/about.ko.md ")]
    source = (bundled / "content/pages/about.en.md").read_text(encoding="utf-8")
    assert [e.msgctxt.split(" ")[1] for e in page[:3]] == ["title", "summary", "body[1]"]
    assert all(e.msgid in source for e in page)

    # Half a page is not published: the page waits for the rest.
    translate(out / "ko.po", text=lambda e: f"한국어 {len(e.msgid)}", keep=lambda e: e.msgctxt.endswith(("title", "body[1]")))
    result = in_project(bundled, "translations", "import", str(out))
    assert result.status == 0 and "is written once the whole page is translated" in result.err
    assert not (bundled / "content/pages/about.ko.md").exists()

    translate(out / "ko.po", text=lambda e: f"한국어 {len(e.msgid)}")
    assert in_project(bundled, "translations", "import", str(out)).status == 0
    made = (bundled / "content/pages/about.ko.md").read_text(encoding="utf-8")
    assert made.count("\n\n") == source.count("\n\n")  # the same paragraphs, the same layout
    assert made.startswith('---\ntitle: "한국어 ') and "## " not in made
    assert in_project(bundled, "check").status == 0


def test_a_damaged_memory_file_is_named(bundled: Path):
    folder = bundled / "content/_translations"
    folder.mkdir()
    (folder / "lo.yml").write_text("content/heritage/roc-tung-go-da.yml:\n  name: [not, a, source]\n", encoding="utf-8")
    result = in_project(bundled, "check")
    assert result.status == 1
    assert "content/_translations/lo.yml:2: content/heritage/roc-tung-go-da.yml name: this entry should give the text" in result.err


# ---------------------------------------------------------------- writing one value into YAML text

LAYOUTS = [
    'name: {vi: "Tên", en: "Name"}  # a comment\nnext: 1\n',
    "summary:\n  vi: Một\n  # between\n  en: 'One'\nnext: 1\n",
    "description:\n  vi: |\n    Đoạn một.\n\n    Đoạn hai.\n\n  en: |\n    One.\n\n    Two.\n\n# trailing comment\nnext: 1\n",
    "images:\n  - file: a.jpg\n    alt:\n      vi: ảnh\n      en: photo\n    credit: me\n",
]
LOCS = [("name",), ("summary",), ("description",), ("images", 0, "alt")]
texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, len(LAYOUTS) - 1), value=texts, replace=st.booleans())
def test_set_text_writes_exactly_the_value(index: int, value: str, replace: bool):
    text, loc = LAYOUTS[index], LOCS[index]
    lang = "en" if replace else "km"
    new = set_text(text, loc + (lang,), value)  # any text at all fits these layouts: a refusal fails the test
    data, expected = yaml.safe_load(new), yaml.safe_load(text)
    node = expected
    for part in loc:
        node = node[part]
    node[lang] = value
    assert data == expected
    for line in text.splitlines():
        if line.lstrip().startswith("#") or line.startswith("next"):
            assert line in new.splitlines()  # comments and the lines around stay


def test_set_text_refuses_what_it_cannot_write_alone():
    with pytest.raises(SpliceFailed):  # a text where a mapping of languages should be
        set_text("name: Plain\n", ("name", "km"), "មួយ")
    with pytest.raises(SpliceFailed):  # a list
        set_text("name: [Một, One]\n", ("name", "km"), "មួយ")


def test_set_text_keeps_the_file_style():
    new = set_text(LAYOUTS[2], ("description", "km"), "មួយ។\n\nពីរ។\n")
    assert new.endswith("    Two.\n  km: |\n    មួយ។\n\n    ពីរ។\n\n# trailing comment\nnext: 1\n")
    new = set_text(LAYOUTS[0], ("name", "km"), "ឈ្មោះ")
    assert new == 'name: {vi: "Tên", en: "Name", km: "ឈ្មោះ"}  # a comment\nnext: 1\n'
    assert set_text(new, ("name", "km"), 'x "y"') == 'name: {vi: "Tên", en: "Name", km: "x \\"y\\""}  # a comment\nnext: 1\n'


def test_an_untouched_export_imports_as_nothing(bundled: Path):
    out = bundled.parent / "po"
    assert in_project(bundled, "translations", "export", "--lang", "km", "--out", str(out)).status == 0
    before = sources_of(bundled)
    result = in_project(bundled, "translations", "import", str(out))
    assert result.status == 0 and "imported 0 translations into 0 files" in result.err
    assert sources_of(bundled) == before  # not even an empty record of sources


def test_gnu_gettext_accepts_the_exported_and_the_translated_file(bundled: Path):
    out = bundled.parent / "po"
    in_project(bundled, "translations", "export", "--lang", "km", "--all", "--out", str(out))
    for _ in range(2):
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(out / "km.po")], capture_output=True, text=True)
        # The header's blanks (translator, team, date) are the translator's tool's to fill in.
        problems = [line for line in check.stderr.splitlines() if "still has the initial default value" not in line]
        assert check.returncode == 0 and not problems, check.stderr
        translate(out / "km.po", text=lambda e: "ខ្មែរ\n" if e.msgid.endswith("\n") else "ខ្មែរ")


def test_a_po_file_naming_another_file_is_read_as_text(bundled: Path, tmp_path: Path):
    secret = tmp_path / "secret.po"
    secret.write_text('msgid ""\nmsgstr ""\n"Language: lo\\n"\n\nmsgctxt "content/heritage/no.yml name"\nmsgid "x"\nmsgstr "y"\n', encoding="utf-8")
    returned = tmp_path / "po" / "lo.po"
    returned.parent.mkdir()
    returned.write_text(str(secret), encoding="utf-8")  # its whole text is another file's name
    result = in_project(bundled, "translations", "import", str(returned))
    assert result.status == 1 and "no.yml" not in result.err  # the other file was not read


def test_a_pages_problem_is_named_at_its_paragraphs_entry(bundled: Path):
    out = bundled.parent / "po"
    in_project(bundled, "translations", "export", "--lang", "ko", "--all", "--out", str(out))
    bad = "content/pages/about.ko.md body[2]"
    translate(out / "ko.po", text=lambda e: "[x](javascript:alert(1))" if e.msgctxt == bad else ("한국어\n" if e.msgid.endswith("\n") else "한국어"))
    before = sources_of(bundled)
    result = in_project(bundled, "translations", "import", str(out))
    assert result.status == 1 and sources_of(bundled) == before
    assert f"{out / 'ko.po'}:{line_of(out / 'ko.po', bad)}: {bad}: the link 'javascript:alert(1)'" in result.err
