"""Symbolic links never publish a file from elsewhere on the machine, nor tell whether one exists."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import run
from generator.problems import Problems
from generator.project import MAX_IMAGE_BYTES, Project, links_outside, report_links_outside, visible_files
from generator.presentation.images import ImageFailure, process_photo

RECORD = "content/heritage/go-da.yml"


def _use_image(project: Path, file: str) -> int:
    """Make go-da's photo `file`; the line of its `file:` field."""
    record = project / RECORD
    text = record.read_text(encoding="utf-8").replace("file: go-da/pit.jpg", f"file: {file}")
    record.write_text(text, encoding="utf-8")
    return next(number for number, line in enumerate(text.splitlines(), 1) if f"file: {file}" in line)


def _check(project: Path, lang: str = "en"):
    return run("--project", str(project), "--messages", lang, "check")


def test_an_image_linked_to_a_system_file_is_refused_without_telling_whether_it_exists(project):
    line = _use_image(project, "go-da/photo.jpg")
    link = project / "assets/images/go-da/photo.jpg"
    expected = (f"{RECORD}:{line}: images[1].file: the image 'go-da/photo.jpg' is a link to a file outside assets/; "
                "put the photo itself in assets/images/")
    os.symlink("/etc/passwd", link)
    present = _check(project)
    link.unlink()
    os.symlink("/etc/no-such-file-anywhere", link)
    absent = _check(project)
    assert present.status == absent.status == 1
    assert present.problem_lines == absent.problem_lines == [expected]
    assert _check(project, "vi").problem_lines == [
        f"{RECORD}:{line}: images[1].file: ảnh 'go-da/photo.jpg' là liên kết tới một tệp nằm ngoài thư mục assets/; "
        "hãy đặt chính tệp ảnh vào assets/images/"
    ]


def test_an_image_linked_to_a_real_photo_outside_the_project_is_not_published(project, tmp_path):
    outside = tmp_path / "elsewhere" / "private.jpg"
    outside.parent.mkdir()
    shutil.copyfile(project / "assets/images/go-da/pit.jpg", outside)
    line = _use_image(project, "go-da/private.jpg")
    os.symlink(outside, project / "assets/images/go-da/private.jpg")
    result = run("--project", str(project), "--messages", "en", "build", "--site", "main")
    assert result.status == 1
    assert result.problem_lines == [
        f"{RECORD}:{line}: images[1].file: the image 'go-da/private.jpg' is a link to a file outside assets/; "
        "put the photo itself in assets/images/"
    ]
    assert not (project / "public").exists()


def test_an_image_linked_inside_assets_is_published(project):
    shutil.move(project / "assets/images/go-da/pit.jpg", project / "assets/brand-photo.jpg")
    os.symlink("../../brand-photo.jpg", project / "assets/images/go-da/pit.jpg")
    result = run("--project", str(project), "build", "--site", "main")
    assert result.status == 0, result.err
    published = sorted(p.suffix for p in (project / "public/main/media/go-da").glob("pit-w*"))
    assert published == [".jpg", ".webp"]


def test_an_image_file_too_big_is_refused_before_it_is_read(project, tmp_path):
    line = _use_image(project, "go-da/scan.jpg")
    with open(project / "assets/images/go-da/scan.jpg", "wb") as handle:
        handle.truncate(150_000_000)  # sparse: costs no disk
    result = _check(project)
    assert result.problem_lines == [
        f"{RECORD}:{line}: images[1].file: 'go-da/scan.jpg' is 150 MB, more than the 100 MB a photo may have; export it smaller"
    ]
    assert _check(project, "vi").problem_lines == [
        f"{RECORD}:{line}: images[1].file: 'go-da/scan.jpg' nặng 150 MB, vượt quá 100 MB cho phép với một ảnh; "
        "hãy xuất lại ảnh với dung lượng nhỏ hơn"
    ]
    # The images stage checks the file it opens too (it may have grown since the check).
    failure = process_photo(str(project / "assets/images/go-da/scan.jpg"), str(tmp_path / "cache"))
    assert failure == ImageFailure("image_file_too_big", {"size": 150, "limit": MAX_IMAGE_BYTES // 1_000_000})
    assert not (tmp_path / "cache").exists()


def test_record_and_site_files_linked_outside_the_project_are_not_read(project, tmp_path):
    outside = tmp_path / "other-project"
    outside.mkdir()
    shutil.copyfile(project / RECORD, outside / "borrowed.yml")
    shutil.copyfile(project / "sites/town.yml", outside / "borrowed-site.yml")
    os.symlink(outside / "borrowed.yml", project / "content/heritage/borrowed.yml")
    os.symlink(outside / "borrowed-site.yml", project / "sites/borrowed-site.yml")
    os.symlink("/etc/no-such-file", project / "content/heritage/gone.yml")
    inside = project / "drafts"
    inside.mkdir()
    shutil.copyfile(project / RECORD, inside / "shared.yml")
    os.symlink("../../drafts/shared.yml", project / "content/heritage/shared.yml")  # stays in the project: read

    heritage = [p.name for p in visible_files(project / "content/heritage")]
    assert heritage == ["go-da.yml", "gong-culture.yml", "shared.yml"]
    assert [p.name for p in visible_files(project / "sites")] == ["main.yml", "town.yml"]
    assert [Project(project).rel(p) for p in links_outside(Project(project))] == [
        "content/heritage/borrowed.yml", "content/heritage/gone.yml", "sites/borrowed-site.yml",
    ]
    problems = Problems()
    report_links_outside(Project(project), problems)
    assert [p.format("en") for p in problems] == [
        f"content/heritage/{name}: this file is a link to a place outside the project (or lies in a linked folder), so it "
        "is not read; put the file itself here" for name in ("borrowed.yml", "gone.yml")
    ] + ["sites/borrowed-site.yml: this file is a link to a place outside the project (or lies in a linked folder), so it "
         "is not read; put the file itself here"]

    refused = run("--project", str(project), "build", "--site", "main")
    assert refused.status == 1 and "borrowed.yml: this file is a link to a place outside the project" in refused.err
    assert not (project / "public").exists()
    for name in ("content/heritage/borrowed.yml", "content/heritage/gone.yml", "sites/borrowed-site.yml"):
        (project / name).unlink()
    assert run("--project", str(project), "build", "--site", "main").status == 0
    site = project / "public/main/en/heritage"
    assert (site / "shared/index.html").is_file()
    assert not (site / "borrowed").exists() and not (project / "public/borrowed-site").exists()


def test_a_linked_collection_folder_outside_the_project_is_not_read(project, tmp_path):
    elsewhere = tmp_path / "elsewhere-products"
    shutil.move(project / "content/products", elsewhere)
    os.symlink(elsewhere, project / "content/products")
    assert visible_files(project / "content/products") == []
    assert [Project(project).rel(p) for p in links_outside(Project(project))] == ["content/products/honey.yml"]
