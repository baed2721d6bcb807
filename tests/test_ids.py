"""Ids are unique across collections and never take a name the site itself uses, in `new` as in `check`."""

from __future__ import annotations

import pytest

from conftest import run
from generator.models import RESERVED_NAMES


def test_new_refuses_an_id_that_another_collection_has(project):
    result = run("--project", str(project), "--messages", "en", "new", "ocop-product", "go-da")
    assert (result.status, result.err) == (
        1, "heritage: content/heritage/go-da.yml already has the id 'go-da'; ids must be unique across all "
           "collections, so choose another\n")
    assert not (project / "content/products/go-da.yml").exists()
    vi = run("--project", str(project), "--messages", "vi", "new", "ocop-product", "go-da")
    assert vi.err == ("heritage: content/heritage/go-da.yml đã dùng mã 'go-da'; mã phải là duy nhất trong mọi bộ "
                      "sưu tập, hãy chọn mã khác\n")


@pytest.mark.parametrize("name", sorted(RESERVED_NAMES))
def test_a_name_the_site_uses_is_refused_by_new_and_by_check(project, name):
    result = run("--project", str(project), "--messages", "en", "new", "historical-relic", name)
    assert (result.status, result.err) == (
        1, f"heritage: '{name}' cannot be a record's id (its file name): the website uses that name for its own "
           "pages; choose another\n")
    assert not (project / f"content/heritage/{name}.yml").exists()

    # the same name given by hand: `check` refuses it, in both languages, naming the file and line 1
    (project / f"content/products/{name}.yml").write_text(
        (project / "content/products/honey.yml").read_text(encoding="utf-8"), encoding="utf-8")
    en = run("--project", str(project), "--messages", "en", "check")
    vi = run("--project", str(project), "--messages", "vi", "check")
    assert en.problem_lines == [
        f"content/products/{name}.yml:1: '{name}' cannot be a record's id (its file name): the website uses that "
        "name for its own pages; choose another"]
    assert vi.problem_lines == [
        f"content/products/{name}.yml:1: '{name}' không thể làm mã bản ghi (tên tệp): trang web dùng tên này cho "
        "các trang của chính nó; hãy chọn tên khác"]
    assert en.status == vi.status == 1
