"""The preview's update in place after an edit of content/: the same files, byte for byte, as a full build.

A full build is the reference. These tests build the preview of the partner
site (four languages, two of them segmented for search), edit it as an editor
does, update it in place, and compare every file with a full build of the same
edited project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_bundled_project
from generator.build import build_sites
from generator.catalogue import CheckContext
from generator.project import Project
from generator.site.preview_update import NeedsFullBuild, update_in_place

SITE = "doi-tac"
URL = "http://127.0.0.1:8000/"
RECORD = "content/heritage/roc-tung-go-da.yml"


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _preview(project: Path) -> Path:
    ctx = CheckContext(Project(project))
    result = build_sites(ctx, [SITE], Project(project).preview, url=URL, brochures=False)
    assert result.ok, [p.format("en") for p in result.problems.errors]
    return Project(project).preview / SITE


def _edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def _update(project: Path, first: str = "en") -> tuple[bool, bool, list[tuple[str, int]]]:
    ready: list[tuple[str, int]] = []
    result, written = update_in_place(CheckContext(Project(project)), SITE, URL, Project(project).preview, first,
                                      lambda lang, pages: ready.append((lang, pages)))
    return result.ok, written, ready


@pytest.fixture
def project(tmp_path):
    """The bundled project with its partner site's preview built."""
    project = copy_bundled_project(tmp_path / "project")
    _preview(project)
    return project


def test_an_edit_updates_the_preview_to_what_a_full_build_makes(project, tmp_path):
    _edit(project, RECORD, 'vi: "Di tích khảo cổ Rộc Tưng – Gò Đá"', 'vi: "Di tích <khảo cổ> Rộc Tưng & Gò Đá"')
    _edit(project, RECORD, 'km: "តំបន់បុរាណវិទ្យាសម័យថ្មចាស់ Rộc Tưng – Gò Đá"', 'km: "តំបន់បុរាណវិទ្យា Rộc Tưng"')
    _edit(project, "content/pages/about.en.md", "\n\n", "\n\nAn edited paragraph about cồng chiêng.\n\n")
    ok, written, ready = _update(project, first="lo")

    assert ok and written
    assert [lang for lang, _ in ready] == ["lo", "en", "vi", "km", ""]  # the language being viewed first, then the site's order
    pages = dict(ready)
    assert pages["vi"] > 1 and pages["km"] > 1 and pages["en"] >= 1  # the record, the lists that show it, the page
    total = sum(1 for _ in (project / ".cache/preview/doi-tac/vi").rglob("index.html"))
    assert pages["vi"] < total / 4  # not the whole site again

    reference = Path(shutil.copytree(project, tmp_path / "reference", ignore=shutil.ignore_patterns(".cache")))
    updated, built = _files(project / ".cache/preview" / SITE), _files(_preview(reference))
    assert sorted(updated) == sorted(built)
    assert [name for name in built if updated[name] != built[name]] == []
    assert "Di tích &lt;khảo cổ&gt; Rộc Tưng &amp; Gò Đá" in updated["vi/heritage/roc-tung-go-da/index.html"].decode()


def test_an_edit_beyond_pages_takes_a_full_build_and_writes_nothing(project):
    before = _files(project / ".cache/preview" / SITE)
    pages = [project / f"content/pages/contact.{lang}.md" for lang in ("vi", "en")]
    for page in pages:
        page.write_text('---\ntitle: "Contact"\n---\n\nThe culture department.\n', encoding="utf-8")  # a new page
    with pytest.raises(NeedsFullBuild):
        _update(project)
    for page in pages:
        page.unlink()
    _edit(project, "sites/doi-tac.yml", "\n", "\n# a comment changes no setting\n")  # the settings are compared, not the file
    assert _update(project)[:2] == (True, True)
    assert _files(project / ".cache/preview" / SITE) == before


def test_a_mistake_leaves_the_preview_as_it_was(project):
    before = _files(project / ".cache/preview" / SITE)
    _edit(project, RECORD, "kind: archaeological-site", "kind: archaeological-site\nsumary: {vi: x}")
    ok, written, ready = _update(project)
    assert (ok, written, ready) == (False, False, [])
    assert _files(project / ".cache/preview" / SITE) == before


def test_an_update_reads_again_only_the_record_files_that_changed(project):
    _edit(project, "content/heritage/can-cu-khu-9.yml", "commune: Xã Gào", "commune: Xã Ia Kênh")  # a former name: a warning
    memo: dict = {}
    ctx = CheckContext(Project(project), records_read=memo)
    assert update_in_place(ctx, SITE, URL, Project(project).preview, "en", lambda *_: None)[0].ok
    kept = dict(memo)
    assert len(kept) > 30 and all(entry for _, entry, _ in kept.values())
    _edit(project, RECORD, "kind: archaeological-site", "kind: archaeological-site\nsumary: {vi: x}")  # a mistake
    ctx = CheckContext(Project(project), records_read=memo)
    result, written = update_in_place(ctx, SITE, URL, Project(project).preview, "en", lambda *_: None)
    assert not written and [p.field for p in result.problems.errors] == ["sumary"]
    again = [path for path in memo if memo[path] is not kept[path]]
    assert [path.name for path in again] == ["roc-tung-go-da.yml"]  # the others were not read again
    # and what was found in a file the last time is reported again: the warnings of the others
    fresh = CheckContext(Project(project))
    update_in_place(fresh, SITE, URL, Project(project).preview, "en", lambda *_: None)
    assert sorted(map(str, result.problems.items)) == sorted(map(str, fresh.problems.items))
    assert "former_commune" in [p.code for p in result.problems.items]
