"""The output folder is ours alone: where `--out` may point, and what a build may delete or replace."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from conftest import run
from generator.output import MANIFEST, is_our_pdf

REFUSED_IN_SOURCES = "heritage: cannot build into {path}: it is inside {folder}, where the project's own files are kept; use public/ or a new folder"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file (by content hash) and folder under `folder`: what "byte for byte" compares."""
    tree = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            tree[rel] = "link " + os.readlink(path)
        elif path.is_dir():
            tree[rel] = "folder"
        else:
            tree[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return tree


def build(project: Path, out: Path | str, *more: str):
    return run("--project", str(project), "--messages", "en", "build", "--out", str(out), *more)


def stagings(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".heritage-staging"))


# ---------------------------------------------------------------- where --out may point


def test_building_into_content_is_refused_even_for_a_site_named_like_a_collection(project):
    shutil.copyfile(project / "sites/main.yml", project / "sites/heritage.yml")
    before = snapshot(project)
    result = build(project, project / "content", "--site", "heritage")
    assert result.status == 1
    assert result.err.splitlines() == [REFUSED_IN_SOURCES.format(path="content", folder="content/")]
    assert snapshot(project) == before


@pytest.mark.parametrize("out, folder", [("content/heritage", "content/"), ("sites", "sites/"), ("assets/images/x", "assets/")])
def test_building_into_the_projects_own_files_is_refused(project, out, folder):
    before = snapshot(project)
    result = build(project, project / out)
    assert result.status == 1
    assert result.err.splitlines() == [REFUSED_IN_SOURCES.format(path=out, folder=folder)]
    assert snapshot(project) == before
    result = build(project, project / "content/heritage/go-da.yml")
    assert result.err.splitlines() == ["heritage: cannot build into content/heritage/go-da.yml: it is a file, not a folder"]
    assert snapshot(project) == before


def test_building_into_the_project_folder_or_what_holds_it_is_refused(project, monkeypatch):
    monkeypatch.chdir(project)
    before = snapshot(project.parent)
    for out, shown in ((".", "."), ("..", project.parent.as_posix()), ("/", "/")):
        result = build(project, out)
        assert result.status == 1, out
        assert result.err.splitlines() == [
            f"heritage: cannot build into {shown}: it is the project folder or a folder that holds it, and building there "
            "could replace the project's own files; use public/ or a new folder"
        ]
    vi = run("--project", str(project), "--messages", "vi", "build", "--out", ".")
    assert vi.err.splitlines() == [
        "heritage: không thể dựng vào .: đây là thư mục dự án hoặc thư mục chứa dự án, dựng vào đó có thể ghi đè "
        "các tệp của dự án; hãy dùng public/ hoặc một thư mục mới"
    ]
    assert snapshot(project.parent) == before


def test_building_into_the_home_folder_is_refused(project, tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    result = build(project, home)
    assert result.status == 1
    assert result.err == f"heritage: cannot build into {home}: it is the home folder or a folder that holds it; use public/ or a new folder\n"
    assert sorted(p.name for p in home.iterdir()) == ["Documents"]


def test_an_existing_folder_of_the_project_that_the_tool_did_not_make_is_refused(project):
    (project / "docs").mkdir()
    (project / "docs/guide.md").write_text("# Guide\n", encoding="utf-8")
    before = snapshot(project)
    result = build(project, project / "docs")
    assert result.status == 1
    assert result.err == ("heritage: cannot build into docs: this folder of the project already holds files that heritage "
                          "did not make; use public/ or a new folder\n")
    assert snapshot(project) == before


def test_a_new_folder_in_the_project_is_fine_and_stays_usable(project):
    assert build(project, project / "site-out", "--site", "town").status == 0
    assert build(project, project / "site-out", "--site", "town").status == 0  # made by us: not refused the second time
    assert (project / "site-out/town/en/index.html").is_file()


# ---------------------------------------------------------------- what a build replaces


def test_files_the_tool_did_not_write_survive_two_builds(project, tmp_path):
    out = tmp_path / "out"
    foreign = {
        "readme.txt": b"notes for the web team\n",
        ".staging/notes.txt": b"my own staging notes\n",
        "brochures/contract-2025.docx": b"PK\x03\x04 a contract",
    }
    for rel, data in foreign.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    assert build(project, out).status == 0
    later = {"main/my-draft.txt": b"draft\n", "main/en/drafts/idea.md": "ý tưởng\n".encode(), "town/.htaccess": b"Options -Indexes\n"}
    for rel, data in later.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    assert build(project, out).status == 0
    assert build(project, out).status == 0
    for rel, data in {**foreign, **later}.items():
        assert (out / rel).read_bytes() == data, rel
    assert (out / "main/en/heritage/go-da/index.html").is_file() and (out / "brochures/visit.pdf").is_file()
    assert stagings(out) == []
    assert sorted(p.name for p in out.iterdir()) == [".staging", "brochures", "main", "readme.txt", "town"]


def test_a_second_build_removes_what_only_the_first_made(project, tmp_path):
    out = tmp_path / "out"
    extra = project / "content/heritage/go-da-2.yml"
    extra.write_text((project / "content/heritage/go-da.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert build(project, out).status == 0
    page = out / "main/en/heritage/go-da-2"
    assert (page / "index.html").is_file()
    (page / "visitor-notes.txt").write_bytes(b"kept\n")  # a foreign file inside a folder the tool made

    extra.unlink()
    (project / "sites/delegations/visit.yml").unlink()
    assert build(project, out).status == 0
    assert not (page / "index.html").exists()
    assert sorted(p.name for p in page.iterdir()) == ["visitor-notes.txt"]
    assert (page / "visitor-notes.txt").read_bytes() == b"kept\n"
    assert not (out / "brochures/visit.pdf").exists() and not (out / "brochures/visit.docx").exists()
    assert "go-da-2" not in (out / "main" / MANIFEST).read_text(encoding="utf-8")


def test_building_one_site_keeps_the_brochures_of_the_others(project, tmp_path):
    out = tmp_path / "out"
    assert build(project, out).status == 0
    before = [(out / "brochures" / name).read_bytes() for name in ("visit.pdf", "visit.docx")]  # to the site 'main'
    assert build(project, out, "--site", "town").status == 0
    assert [(out / "brochures" / name).read_bytes() for name in ("visit.pdf", "visit.docx")] == before


def test_a_foreign_file_where_the_build_writes_is_refused_and_nothing_changes(project, tmp_path):
    out = tmp_path / "out"
    assert build(project, out).status == 0
    mine = out / "main/en/heritage/new-place/index.html"
    mine.parent.mkdir(parents=True)
    mine.write_text("<p>my page</p>\n", encoding="utf-8")
    shutil.copyfile(project / "content/heritage/go-da.yml", project / "content/heritage/new-place.yml")
    before = snapshot(out)
    result = build(project, out)
    assert result.status == 1
    assert result.err == (f"heritage: {mine} was not made by heritage, but the new build writes there; "
                          "move or rename it, then build again\n")
    assert snapshot(out) == before


def test_a_site_folder_the_tool_did_not_make_is_refused(project, tmp_path):
    out = tmp_path / "out"
    (out / "main").mkdir(parents=True)
    (out / "main/index.html").write_text("<h1>Our old site</h1>\n", encoding="utf-8")
    before = snapshot(out)
    result = build(project, out)
    assert result.status == 1
    assert result.err == (f"heritage: {out / 'main'} was not made by heritage (it has no .heritage-output.json file), so it is "
                          "not replaced; move it elsewhere, or build into another folder with --out\n")
    assert snapshot(out) == before


def test_a_killed_builds_staging_is_removed_and_what_it_had_moved_is_put_back(project, tmp_path):
    out = tmp_path / "out"
    assert build(project, out, "--site", "main").status == 0
    (out / "main/my-draft.txt").write_bytes(b"draft\n")
    # The state a build killed in the middle of publishing leaves: the old folder set aside in its
    # staging folder, the user's draft already moved into the new one.
    leftover = out / ".heritage-staging-killed"
    leftover.mkdir()
    (leftover / "heritage-staging.lock").touch()
    os.rename(out / "main", leftover / "old-main")
    (leftover / "main").mkdir()
    shutil.copyfile(leftover / "old-main" / MANIFEST, leftover / "main" / MANIFEST)
    os.rename(leftover / "old-main/my-draft.txt", leftover / "main/my-draft.txt")
    (out / ".staging").mkdir()  # the user's own, without our mark
    (out / ".staging/notes.txt").write_bytes(b"mine\n")

    assert build(project, out, "--site", "main").status == 0
    assert stagings(out) == []
    assert (out / "main/my-draft.txt").read_bytes() == b"draft\n"
    assert (out / ".staging/notes.txt").read_bytes() == b"mine\n"


def test_a_swap_that_fails_puts_everything_back(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert build(project, out, "--site", "main").status == 0
    (out / "main/my-draft.txt").write_bytes(b"draft\n")
    (out / "main/en/drafts").mkdir()
    (out / "main/en/drafts/idea.txt").write_bytes(b"idea\n")
    before = snapshot(out)
    rename = os.rename

    def failing(source, target):  # the old site cannot be set aside (a permission, a full disk)
        if Path(target).name.startswith("old-"):
            raise PermissionError(13, "Permission denied", str(target))
        rename(source, target)

    monkeypatch.setattr(os, "rename", failing)
    result = build(project, out, "--site", "main")
    monkeypatch.undo()
    assert result.status == 1 and "Permission denied" in result.err
    assert snapshot(out) == before


def test_a_build_running_in_the_same_folder_is_waited_for(project, tmp_path):
    out = tmp_path / "out"
    running = out / ".heritage-staging-running"
    running.mkdir(parents=True)
    with open(running / "heritage-staging.lock", "w") as mark:
        fcntl.flock(mark, fcntl.LOCK_EX)  # what a live build holds
        result = build(project, out)
    assert result.status == 1
    assert result.err == f"heritage: another heritage build is writing into {out}; wait until it ends, then try again\n"
    assert sorted(p.name for p in out.iterdir()) == [".heritage-staging-running"]


# ---------------------------------------------------------------- heritage brochure --out


def brochure(project: Path, out: Path | None = None, lang: str = "en"):
    extra = ("--out", str(out)) if out else ()
    return run("--project", str(project), "--messages", lang, "brochure", "visit", *extra)


def test_a_brochure_never_overwrites_a_record(project):
    record = project / "content/heritage/go-da.yml"
    before = snapshot(project)
    result = brochure(project, record)
    assert result.status == 1
    assert result.err == ("heritage: cannot write the brochure to content/heritage/go-da.yml: it is inside content/, where the "
                          "project's own files are kept; choose a file under public/ or outside the project\n")
    vi = brochure(project, record, lang="vi")
    assert vi.err == ("heritage: không thể ghi tờ giới thiệu vào content/heritage/go-da.yml: tệp này nằm trong content/, nơi lưu "
                      "các tệp của dự án; hãy chọn một tệp trong public/ hoặc ngoài dự án\n")
    assert snapshot(project) == before


def test_a_brochure_replaces_only_its_own_pdf(project, tmp_path):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n% a letter from the ministry\n%%EOF\n")
    result = brochure(project, letter)
    assert result.status == 1
    assert result.err == (f"heritage: cannot write the brochure to {letter}: that file exists and is not a brochure made by "
                          "heritage; choose another name, or move the file away\n")
    assert letter.read_bytes() == b"%PDF-1.4\n% a letter from the ministry\n%%EOF\n"

    notes = tmp_path / "notes.txt"
    result = brochure(project, notes)
    assert result.status == 1
    assert result.err == f"heritage: cannot write the brochure to {notes}: the file name must end in .pdf\n"
    assert not notes.exists()

    ours = tmp_path / "visit.pdf"
    assert brochure(project, ours).status == 0
    assert is_our_pdf(ours) and not is_our_pdf(letter)
    assert brochure(project, ours).status == 0  # our own PDF may be replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.pdf", "project", "visit.pdf"]  # no .partial left


def test_a_brochure_written_into_public_is_replaced_by_the_next_build(project):
    assert brochure(project).status == 0  # public/brochures/visit.pdf, before any build
    assert build(project, project / "public").status == 0
    assert is_our_pdf(project / "public/brochures/visit.pdf")
    assert brochure(project).status == 0  # and the other way round
