"""One mistake, one message: a record file with errors still exists for the files that refer to it.

Telling a correct file that its link is wrong ("did you mean ...?") would make
an editor break a correct link; the broken file has its own messages, and
nothing is built while they remain.
"""

from __future__ import annotations

from pathlib import Path

from conftest import copy_bundled_project, run


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, text: str) -> int:
    """The number of the first line of `path` that starts with `text` (the bundled files change)."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


def test_only_the_broken_files_are_named_in_the_bundled_catalogue(tmp_path):
    root = copy_bundled_project(tmp_path / "project")
    # mat-ong-phuong-di is a related record of two others and a gift of the delegation;
    # tay-son-thuong-dao is related to others and chosen by a site
    _edit(root / "content/products/mat-ong-phuong-di.yml", "stars: 5", "stars: five")
    _edit(root / "content/heritage/tay-son-thuong-dao.yml", "\nsummary:", "\nsumary:")
    result = run("--project", str(root), "--messages", "en", "check")
    sumary = _line(root / "content/heritage/tay-son-thuong-dao.yml", "sumary:")
    stars = _line(root / "content/products/mat-ong-phuong-di.yml", "stars: five")
    errors = [line for line in result.problem_lines if ": warning: " not in line]  # the sites' placeholder addresses
    assert errors == [
        "content/heritage/tay-son-thuong-dao.yml:1: summary: this field is required but missing",
        f"content/heritage/tay-son-thuong-dao.yml:{sumary}: sumary: unknown field 'sumary'; did you mean 'summary'?",
        f"content/products/mat-ong-phuong-di.yml:{stars}: stars: expected a whole number, but found the text 'five'",
    ]
    assert result.status == 1


def test_a_file_that_cannot_be_read_still_counts(project):
    # gong-culture: related from go-da, a stop of the delegation's visit
    (project / "content/heritage/gong-culture.yml").write_text('kind: "intangible-heritage\n', encoding="utf-8")
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == ["content/heritage/gong-culture.yml:1: a quotation mark opened here is never closed"]


def test_a_broken_product_is_still_a_gift_and_on_its_sites(project):
    # honey: a gift of the visit, listed by id in the town site; go-da now relates to it too
    _edit(project / "content/products/honey.yml", "stars: 5", "stars: 6")
    _edit(project / "content/heritage/go-da.yml", "related: [gong-culture]", "related: [gong-culture, honey]")
    _edit(project / "sites/delegations/visit.yml", "stops: [go-da]", "stops: [go-da, honey]")
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == ["content/products/honey.yml:7: stars: OCOP stars must be 3, 4 or 5, but found 6"]


def test_the_tags_of_a_broken_record_still_exist_for_sites(project):
    # go-da is the only record tagged an-khe, which the town site includes
    _edit(project / "content/heritage/go-da.yml", "precision: exact", "precision: exactly")
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == [
        "content/heritage/go-da.yml:15: location.precision: 'exactly' is not allowed here; "
        "did you mean 'exact'? (one of: exact, approximate, area)"]


def test_a_broken_site_still_exists_for_its_delegations(project):
    _edit(project / "sites/main.yml", "languages: [vi, en]", "languages: vi, en")
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == [
        "sites/main.yml:4: languages: expected a list such as [a, b] or lines starting with '- ', "
        "but found the text 'vi, en'"]


def test_what_a_broken_file_states_plainly_still_counts(project):
    """A gift that says it is heritage is not a product; a visit stop its site excludes is not on it."""
    _edit(project / "content/heritage/gong-culture.yml", "summary:", "sumary:")
    _edit(project / "sites/delegations/visit.yml", "gifts: [honey]", "gifts: [honey, gong-culture]")
    _edit(project / "sites/main.yml", "include: {}", "include: {exclude: [gong-culture]}")
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == [
        "content/heritage/gong-culture.yml:1: summary: this field is required but missing",
        "content/heritage/gong-culture.yml:4: sumary: unknown field 'sumary'; did you mean 'summary'?",
        "sites/delegations/visit.yml:8: itinerary[2].stops[1]: 'gong-culture' is not on site 'main', so its QR code "
        "would lead nowhere; add it to the site's include",
        "sites/delegations/visit.yml:9: gifts[2]: 'gong-culture' is not an OCOP product (gifts come from content/products/)",
    ]


def test_a_misfiled_product_is_no_false_not_a_product(project):
    moved = project / "content/heritage/honey.yml"
    (project / "content/products/honey.yml").rename(moved)
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == [
        "content/heritage/honey.yml:2: kind: a record of kind 'ocop-product' belongs in content/products/, not here"]


def test_an_id_clash_with_a_broken_file_is_still_found(project):
    clash = project / "content/products/gong-culture.yml"
    clash.write_text((project / "content/products/honey.yml").read_text(encoding="utf-8"), encoding="utf-8")
    _edit(project / "content/heritage/gong-culture.yml", "summary:", "sumary:")
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == [
        "content/heritage/gong-culture.yml:1: summary: this field is required but missing",
        "content/heritage/gong-culture.yml:4: sumary: unknown field 'sumary'; did you mean 'summary'?",
        "content/products/gong-culture.yml:1: the id 'gong-culture' is also used by content/heritage/gong-culture.yml; "
        "ids must be unique across all collections",
    ]


def test_a_real_typo_still_gets_its_suggestion(project):
    _edit(project / "content/heritage/go-da.yml", "related: [gong-culture]", "related: [gong-cultur]")
    _edit(project / "content/heritage/gong-culture.yml", "summary:", "sumary:")  # broken, but it exists
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.problem_lines == [
        "content/heritage/go-da.yml:25: related[1]: 'gong-cultur' is not a record in content/; did you mean 'gong-culture'?",
        "content/heritage/gong-culture.yml:1: summary: this field is required but missing",
        "content/heritage/gong-culture.yml:4: sumary: unknown field 'sumary'; did you mean 'summary'?",
    ]
