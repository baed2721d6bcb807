"""The sites' editor on a Git host: Decap CMS configured from the record formats, and `heritage cms tidy`.

The hosted Git services cannot be reached here, so Decap runs in Chromium on
its own in-browser backend (test-repo) with the configuration that the build
generated; what Decap saves is then tidied as CI would tidy it.
"""

from __future__ import annotations

import functools
import json
import re
import shlex
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from conftest import REPO, in_project
from generator.cli import build_parser
from generator.cms import decap
from generator.cms.config import cms_config
from generator.forms import GROUP, GROUPS, LOCALIZED, form_fields
from generator.languages import LANGUAGES, record_languages
from generator.models import COLLECTIONS, Site

GITEA = {"host": "gitea", "repo": "so-vhttdl/di-san", "base_url": "https://git.gialai.example", "app_id": "a1b2c3"}


def _site(**editing) -> Site:
    return Site.model_validate({"title": {"vi": "Di sản", "en": "Heritage"}, "url": "https://heritage.gialai.vn/",
                                "languages": ["vi", "en"], "editing": editing})


def _with_editing(root: Path, editing: str) -> None:
    site = root / "sites" / "main.yml"
    site.write_text(site.read_text(encoding="utf-8") + editing, encoding="utf-8")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def _committed(root: Path) -> Path:
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "base")
    return root


# ---------------------------------------------------------------- the configuration


def _check_fields(fields, config_fields, required_above: bool, where: str) -> None:
    assert [f.name for f in fields] == [c["name"] for c in config_fields], where
    for field, made in zip(fields, config_fields):
        assert made["label"] and made["widget"], (where, field.name)
        assert made["required"] == (field.required and required_above), (where, field.name)
        if field.type == LOCALIZED:
            assert [c["name"] for c in made["fields"]] == list(LANGUAGES)
            for language in made["fields"]:
                assert language["required"] == (made["required"] and language["name"] in record_languages())
        elif field.type == GROUP:
            _check_fields(field.fields, made["fields"], made["required"], f"{where}.{field.name}")
        elif field.type == GROUPS:
            _check_fields(field.fields, made["fields"], True, f"{where}.{field.name}")


def test_every_field_of_every_collection_is_in_the_editor():
    config = cms_config(_site(**GITEA))
    assert [c["name"] for c in config["collections"]] == list(COLLECTIONS)
    for collection in config["collections"]:
        fields = sorted(form_fields(COLLECTIONS[collection["name"]]), key=lambda f: f.name != "kind")
        _check_fields(fields, collection["fields"], True, collection["name"])
        assert collection["folder"] == f"content/{collection['name']}" and collection["extension"] == "yml"
        images = next(f for f in collection["fields"] if f["name"] == "images")
        assert next(f for f in images["fields"] if f["name"] == "file")["widget"] == "image"
        assert collection["media_folder"] == "/assets/images/{{filename}}" and collection["public_folder"] == "{{filename}}"
    assert config["locale"] == "vi"
    heritage = config["collections"][0]
    assert heritage["label"] == "Di sản"
    kind = heritage["fields"][0]
    assert kind["name"] == "kind" and {"value": "archaeological-site", "label": "Di tích khảo cổ"} in kind["options"]


@pytest.mark.parametrize("editing, backend, editorial", [
    (GITEA, {"name": "gitea", "repo": "so-vhttdl/di-san", "branch": "main", "app_id": "a1b2c3",
             "base_url": "https://git.gialai.example", "api_root": "https://git.gialai.example/api/v1"}, False),
    ({"host": "gitlab", "repo": "so/sub/di-san", "app_id": "x", "branch": "publish"},
     {"name": "gitlab", "repo": "so/sub/di-san", "branch": "publish", "auth_type": "pkce", "app_id": "x",
      "base_url": "https://gitlab.com", "api_root": "https://gitlab.com/api/v4"}, True),
    ({"host": "github", "repo": "so/di-san", "base_url": "https://auth.gialai.example/"},
     {"name": "github", "repo": "so/di-san", "branch": "main", "base_url": "https://auth.gialai.example"}, True),
])
def test_each_git_host_gets_its_backend(editing, backend, editorial):
    config = cms_config(_site(**editing))
    assert config["backend"] == backend
    assert (config.get("publish_mode") == "editorial_workflow") == editorial


def test_check_names_each_editing_mistake_at_its_line(project: Path):
    _with_editing(project, "editing:\n  host: gitea\n  repo: \"di san\"\n")
    result = in_project(project, "check")
    assert result.status == 1
    lines = result.problem_lines
    assert any(re.match(r"sites/main\.yml:8: editing\.repo: 'di san' is not a repository", line) for line in lines), lines
    assert any(line.startswith("sites/main.yml:6: editing.base_url: an editor on gitea needs base_url") for line in lines), lines
    assert any(line.startswith("sites/main.yml:6: editing.app_id: an editor on gitea needs app_id") for line in lines), lines


# ---------------------------------------------------------------- the build


EDITING = "editing: {host: gitea, repo: so-vhttdl/di-san, base_url: \"https://git.gialai.example\", app_id: a1b2c3}\n"


def test_a_build_without_decap_on_the_machine_says_how_to_get_it(project: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HERITAGE_CMS_DIR", str(tmp_path / "nowhere"))
    _with_editing(project, EDITING)
    result = in_project(project, "build")
    assert result.status == 1
    assert any(line.startswith("sites/main.yml:6: editing: this site's editor needs Decap CMS") and "heritage cms fetch" in line
               for line in result.err.splitlines()), result.err
    assert not (project / "public").exists()


def test_a_changed_archive_is_refused_before_anything_is_unpacked(tmp_path: Path):
    with pytest.raises(decap.FetchFailed):
        decap.unpack(b"\x1f\x8b not the release", tmp_path / "release")
    assert not (tmp_path / "release").exists() and not decap.is_fetched(tmp_path / "release")


@pytest.fixture(scope="module")
def built_editor(tmp_path_factory) -> Path:
    """The fixture project with an editor on Gitea, built; the project's root (git: one commit)."""
    import shutil

    from conftest import BASE

    root = tmp_path_factory.mktemp("cms") / "project"
    shutil.copytree(BASE, root)
    _with_editing(root, EDITING)
    result = in_project(root, "build")
    assert result.status == 0, result.err
    return _committed(root)


def test_the_build_publishes_the_editor_with_its_generated_configuration(built_editor: Path):
    admin = built_editor / "public" / "main" / "admin"
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page and '<script src="decap-cms.js"></script>' in page and "http" not in page
    config = (admin / "config.yml").read_text(encoding="utf-8")
    assert config.startswith("# Generated by `heritage build`")
    assert yaml.safe_load(config) == json.loads(json.dumps(cms_config(_site(**yaml.safe_load(EDITING)["editing"]))))


# ---------------------------------------------------------------- Decap in Chromium, then the tidy


class _Files(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def decap_on_test_repo(built_editor: Path, tmp_path: Path):
    """The built editor served as published, its backend swapped for Decap's in-browser one, holding
    the project's records as the Git host would."""
    import shutil

    served = tmp_path / "served"
    shutil.copytree(built_editor / "public" / "main", served)
    config = yaml.safe_load((served / "admin" / "config.yml").read_text(encoding="utf-8"))
    config["backend"] = {"name": "test-repo"}
    config.pop("publish_mode", None)
    (served / "admin" / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    records = {name: {path.name: {"content": path.read_text(encoding="utf-8")} for path in sorted((built_editor / "content" / name).glob("*.yml"))}
               for name in COLLECTIONS}
    page = (served / "admin" / "index.html").read_text(encoding="utf-8")
    repo = json.dumps({"content": records}).replace("<", "\\u003c")
    page = page.replace("<script src=", f"<script>window.repoFiles = {repo};</script>\n<script src=", 1)
    (served / "admin" / "index.html").write_text(page, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Files, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/admin/"
    server.shutdown()


def test_an_edit_in_decap_becomes_a_one_line_change_after_the_tidy(decap_on_test_repo: str, built_editor: Path, visit):
    v = visit(1280, 900)
    page = v.page
    page.goto(decap_on_test_repo)
    page.get_by_role("button").first.click()  # the test backend's "Đăng nhập"
    page.get_by_text("Nội dung").first.wait_for()
    assert "Sản phẩm OCOP" in page.inner_text("body")  # the collections, named in Vietnamese
    page.goto(decap_on_test_repo + "#/collections/heritage/entries/go-da")
    english = page.locator('textarea[id^="en-field"]').first  # the summary's English text
    english.wait_for()
    english.fill("Stone tools by the Ba River.")
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Đã công bố").first.wait_for()
    saved = page.evaluate("window.repoFiles.content.heritage['go-da.yml'].content")
    assert not v.errors and not v.outside, (v.errors, v.outside)

    record = built_editor / "content" / "heritage" / "go-da.yml"
    before = record.read_bytes()
    try:
        record.write_text(saved, encoding="utf-8")
        assert "# yaml-language-server" not in saved  # what Decap does to a file: the tidy's reason to be
        result = in_project(built_editor, "cms", "tidy", "--base", "HEAD")
        assert result.status == 0, result.err
        assert "content/heritage/go-da.yml: laid out again as it was" in result.err
        diff = _git(built_editor, "diff", "--unified=0", "--", "content")
        changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        assert len(changed) == 2 and 'en: "Stone tools by the Ba River."' in changed[1], diff
        assert in_project(built_editor, "check").status == 0
    finally:
        record.write_bytes(before)


def test_a_photo_uploaded_in_decap_goes_into_the_records_folder(decap_on_test_repo: str, built_editor: Path, visit, tmp_path: Path):
    from PIL import Image

    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (1200, 800), (180, 90, 40)).save(photo)
    v = visit(1280, 900)
    page = v.page
    page.goto(decap_on_test_repo)
    page.get_by_role("button").first.click()
    page.get_by_text("Nội dung").first.wait_for()
    page.goto(decap_on_test_repo + "#/collections/heritage/entries/go-da")
    page.get_by_role("button", name=re.compile("^Add ảnh")).click()
    page.get_by_role("button", name="Chọn một hình").click()
    page.locator("input[type=file]").first.set_input_files(photo)
    page.get_by_text("photo.jpg").wait_for()
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    for field, value in (("credit", "Sở VHTTDL Gia Lai"), ("licence", "CC BY 4.0")):
        page.locator(f'input[id^="{field}-field"]').last.fill(value)
    empty = page.evaluate("Array.from(document.querySelectorAll('textarea'))"
                          ".filter(e => !e.value && e.offsetParent && /^(vi|en)-field/.test(e.id)).map(e => e.id)")
    for box in empty[:2]:  # the new photo's description, in Vietnamese and English
        page.locator(f"#{box}").fill("Hố khai quật" if box.startswith("vi") else "The excavation pit")
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Đã công bố").first.wait_for()
    stored = page.evaluate("Object.keys(window.repoFiles.assets.images['go-da'])")
    saved = yaml.safe_load(page.evaluate("window.repoFiles.content.heritage['go-da.yml'].content"))
    assert not v.errors and not v.outside, (v.errors, v.outside)
    assert stored == ["photo.jpg"]
    assert saved["images"][-1] == {"file": "go-da/photo.jpg", "credit": "Sở VHTTDL Gia Lai", "licence": "CC BY 4.0",
                                   "alt": {"vi": "Hố khai quật", "en": "The excavation pit"}}


# ---------------------------------------------------------------- the tidy on its own


def _as_decap_writes(data: dict) -> str:
    """A record as Decap CMS saves one: no comments, keys in the form's order, texts re-wrapped."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)


def test_tidy_gives_a_rewritten_file_back_its_comments_and_lays_out_a_new_one(project: Path):
    _committed(project)
    go_da = project / "content" / "heritage" / "go-da.yml"
    before = go_da.read_bytes()
    data = yaml.safe_load(before)
    go_da.write_text(_as_decap_writes(data), encoding="utf-8")  # saved with no change at all
    honey = yaml.safe_load((project / "content" / "products" / "honey.yml").read_text(encoding="utf-8"))
    honey["name"] = {"vi": "Mật ong rừng", "en": "Forest honey"}
    new = project / "content" / "products" / "forest-honey.yml"
    new.write_text(_as_decap_writes(dict(reversed(list(honey.items())))), encoding="utf-8")
    broken = project / "content" / "products" / "broken.yml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")

    result = in_project(project, "cms", "tidy", "--base", "HEAD")
    assert result.status == 0, result.err
    assert go_da.read_bytes() == before  # nothing changed, so nothing differs
    text = new.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../_schema/product.schema.json\nkind: ocop-product\n")
    assert yaml.safe_load(text) == honey
    assert "content/products/broken.yml: left as the CMS wrote it" in result.err
    assert broken.read_text(encoding="utf-8") == "name: [unclosed\n"  # a tidy never guesses
    broken.unlink()
    assert in_project(project, "check").status == 0


def test_tidy_keeps_windows_line_breaks_and_refuses_an_unknown_base(project: Path):
    record = project / "content" / "heritage" / "gong-culture.yml"
    record.write_bytes(record.read_bytes().replace(b"\n", b"\r\n"))
    _committed(project)
    data = yaml.safe_load(record.read_bytes())
    data["tags"] = [*data.get("tags", []), "gongs"]
    record.write_text(_as_decap_writes(data), encoding="utf-8")
    assert in_project(project, "cms", "tidy", "--base", "HEAD").status == 0
    raw = record.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert yaml.safe_load(raw) == data
    refused = in_project(project, "cms", "tidy", "--base", "no-such-commit")
    assert refused.status == 1 and "'no-such-commit' is not a commit" in refused.err


# ---------------------------------------------------------------- the CI workflows


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_the_ready_workflows_call_real_commands(name: str):
    workflow = yaml.safe_load((REPO / "docs" / "git-host" / name).read_text(encoding="utf-8"))
    scripts = []

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("run", "script") and isinstance(value, (str, list)):
                    scripts.extend(line for item in (value if isinstance(value, list) else [value]) for line in item.splitlines())
                else:
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(workflow)
    calls = [shlex.split(line.split(".venv/bin/heritage ", 1)[1].split(";")[0]) for line in scripts if ".venv/bin/heritage " in line]
    assert [call[:2] for call in calls if call[0] in ("cms", "check", "build")][:1] == [["cms", "tidy"]], calls
    assert {"check", "build"} <= {call[0] for call in calls}, calls
    parser = build_parser()
    for call in calls:  # a wrong command or option ends the parse: the test fails
        parser.parse_args([re.sub(r"\$\{?\w+\}?", "x", word) for word in call])
    assert any("bash scripts/setup" in line for line in scripts)
