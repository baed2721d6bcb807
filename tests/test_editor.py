"""`heritage edit`: the web editor at /admin/, driven in Chromium against a real project.

The editor is started as editors start it (the command, on a free port), its
forms are filled in as a person would (Vietnamese interface), and the files are
read back: a new record passes `heritage check`, an edited field changes its
own line only, an invalid value is refused with its message beside the field,
and no request leaves the machine.
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request

import pytest
from PIL import Image

from conftest import copy_bundled_project, heritage_server, run


@pytest.fixture
def editor(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    log = open(tmp_path / "edit.log", "w+", encoding="utf-8")
    with heritage_server(project, log, "edit", "--site", "an-khe", ready="admin/") as url:
        yield project, url


def fill(page, path: str, value: str) -> None:
    page.locator(f'[data-path="{path}"]:is(input, textarea)').fill(value)


def unfold(page, path: str) -> None:
    """Open an optional field that the form shows folded, as a person clicks its title."""
    page.locator(f'.field[data-path="{path}"] > details > summary').click()


def test_a_new_record_with_a_photo_made_in_the_forms_passes_check(editor, visit):
    project, url = editor
    v = visit(1280, 900)
    page = v.page
    page.goto(url + "admin/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.title() == "Biên tập danh mục di sản"
    page.select_option("#new-kind", "historical-relic")
    page.fill("#new-id", "nha-rong-kon-klor")
    page.click("#new-button")
    fill(page, "name.vi", "Nhà rông làng Kon Klor")
    fill(page, "name.en", "Kon Klor communal house")
    fill(page, "summary.vi", "Nhà rông của người Bahnar bên sông Đăk Bla.")
    fill(page, "summary.en", "A Bahnar communal house beside the Đăk Bla river.")
    fill(page, "description.vi", "Đoạn một.\n\nĐoạn hai.")
    fill(page, "description.en", "One.\n\nTwo.")
    unfold(page, "location")
    unfold(page, "location.coordinates")
    fill(page, "location.coordinates.0", "13.96")
    fill(page, "location.coordinates.1", "108.66")
    page.select_option('select[data-path="location.precision"]', "approximate")
    fill(page, "location.commune", "Phường An Bình")
    fill(page, "location.province", "Gia Lai")
    fill(page, "tags", "bahnar, communal-house")
    page.locator('.field[data-path="sources"] .item-actions .add').click()
    fill(page, "sources.0.title", "Báo Gia Lai")
    fill(page, "sources.0.url", "https://baogialai.com.vn/")

    photo = io.BytesIO()
    Image.new("RGB", (1200, 800), (120, 80, 40)).save(photo, "JPEG")
    page.set_input_files("#photo-upload", files=[{"name": "Nhà rông.JPG", "mimeType": "image/jpeg", "buffer": photo.getvalue()}])
    page.wait_for_selector('input[data-path="images.0.file"]')
    assert page.locator('input[data-path="images.0.file"]').input_value() == "nha-rong-kon-klor/nha-rong.jpg"
    assert (project / "assets/images/nha-rong-kon-klor/nha-rong.jpg").read_bytes() == photo.getvalue()
    fill(page, "images.0.alt.vi", "Nhà rông mái cao")
    fill(page, "images.0.alt.en", "The communal house and its tall roof")
    fill(page, "images.0.credit", "Sở Văn hoá")
    fill(page, "images.0.licence", "CC BY 4.0")
    page.click("#save")
    page.wait_for_selector("#status:has-text('Đã lưu')")  # (the page's CSP refuses wait_for_function's eval)

    text = (project / "content/heritage/nha-rong-kon-klor.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../_schema/heritage.schema.json\nkind: historical-relic\n")
    assert "  vi: |\n    Đoạn một.\n\n    Đoạn hai.\n" in text
    result = run("--project", str(project), "check")
    assert result.status == 0, result.err
    assert not v.errors and not v.outside and not v.failed


def test_an_edited_field_changes_its_own_line(editor, visit):
    project, url = editor
    record = project / "content/heritage/roc-tung-go-da.yml"
    before = record.read_text(encoding="utf-8")
    v = visit(1280, 900)
    page = v.page
    page.goto(url + "admin/")
    page.click("text=roc-tung-go-da")
    page.wait_for_selector('[data-path="name.en"]')
    fill(page, "name.en", "Rộc Tưng – Gò Đá Palaeolithic Sites")
    page.click("#save")
    page.wait_for_selector("#status:has-text('Đã lưu')")  # (the page's CSP refuses wait_for_function's eval)
    after = record.read_text(encoding="utf-8")
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines()) if old != new]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 1
    assert changed[0][1] == changed[0][0].replace("Palaeolithic Archaeological Site", "Palaeolithic Sites")
    assert not v.errors and not v.outside


def test_an_invalid_value_is_refused_with_its_message_beside_the_field(editor, visit):
    project, url = editor
    record = project / "content/heritage/roc-tung-go-da.yml"
    before = record.read_bytes()
    v = visit(390, 844)
    page = v.page
    page.goto(url + "admin/")
    page.click("text=roc-tung-go-da")
    fill(page, "designations.0.year", "1500")
    fill(page, "sources.0.url", "javascript:alert(1)")
    page.click("#save")
    page.wait_for_selector("#status:has-text('Chưa lưu')")
    year = page.locator('.field[data-path="designations.0.year"] .error')
    assert "1900" in year.text_content()
    assert page.locator('[data-path="designations.0.year"]:is(input)').get_attribute("aria-invalid") == "true"
    assert "javascript:alert(1)" in page.locator('.field[data-path="sources.0.url"] .error').text_content()
    assert record.read_bytes() == before
    assert not [error for error in v.errors if "422" not in error] and not v.outside  # the refusal itself is a 422


def _post(url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_only_the_editors_own_page_can_change_files(editor):
    project, url = editor
    record = project / "content/heritage/roc-tung-go-da.yml"
    before = record.read_bytes()
    body = json.dumps({"data": {"kind": "historical-relic"}, "new": False}).encode()
    target = url + "admin/api/records/heritage/roc-tung-go-da"
    assert _post(target, body, {"Content-Type": "application/json"}) == 403  # no token: a page elsewhere
    page = urllib.request.urlopen(url + "admin/").read().decode()
    token = json.loads(page.split('id="config">', 1)[1].split("</script>", 1)[0])["token"]
    assert _post(target, body, {"X-Heritage-Token": token, "Host": f"rebound.example:{url.rsplit(':', 1)[1].strip('/')}"}) == 421
    assert _post(url + "admin/api/photos/roc-tung-go-da?name=x.jpg", b"not a photo", {"X-Heritage-Token": token}) == 415
    assert record.read_bytes() == before
    assert not (project / "assets/images/roc-tung-go-da").exists()


def test_a_file_changed_since_the_form_opened_is_not_overwritten(editor, visit):
    project, url = editor
    record = project / "content/heritage/roc-tung-go-da.yml"
    v = visit(1280, 900)
    page = v.page
    page.goto(url + "admin/")
    page.click("text=roc-tung-go-da")
    page.wait_for_selector('input[data-path="name.en"]')
    changed = record.read_text(encoding="utf-8").replace("Palaeolithic sites beside the Ba River", "Old Stone Age sites beside the Ba River")
    record.write_text(changed, encoding="utf-8")  # meanwhile, in a text editor
    fill(page, "name.en", "Rộc Tưng – Gò Đá Palaeolithic Sites")
    page.click("#save")
    page.wait_for_selector("#status:has-text('đã thay đổi từ khi mở')")
    assert record.read_text(encoding="utf-8") == changed


def test_a_save_keeps_the_files_blank_fields(bundled):
    """A form has no way to show `related: []`; saving another field leaves it as the file has it."""
    from generator.editor.session import EditorSession
    from generator.project import Project

    record = bundled / "content/heritage/roc-tung-go-da.yml"
    text = record.read_text(encoding="utf-8").replace("related: [tay-son-thuong-dao, kon-ha-nung]", "related: []")
    record.write_text(text, encoding="utf-8")
    session = EditorSession(Project(bundled), "vi")
    opened = session.record("heritage", "roc-tung-go-da").body
    form = {key: value for key, value in opened["data"].items() if key != "related"}  # what the form sends back
    form["name"] = {**form["name"], "en": "Rộc Tưng – Gò Đá Palaeolithic Sites"}
    answer = session.save("heritage", "roc-tung-go-da", form, False, opened["version"])
    assert answer.status == 200, answer.body
    assert record.read_text(encoding="utf-8") == text.replace("Palaeolithic Archaeological Site", "Palaeolithic Sites")


HOSTILE = '<img src=x onerror="document.title=\'owned\'"></textarea><script>document.title="owned"</script>{{ 7*7 }}'


def test_hostile_text_in_a_record_stays_text_in_the_editor(editor, visit):
    project, url = editor
    record = project / "content/heritage/roc-tung-go-da.yml"
    text = record.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith('  en: "Palaeolithic sites'))
    record.write_text(text.replace(summary, "  en: " + json.dumps(HOSTILE, ensure_ascii=False)), encoding="utf-8")
    v = visit(1280, 900)
    page = v.page
    page.goto(url + "admin/")
    page.click("text=roc-tung-go-da")
    page.wait_for_selector('textarea[data-path="summary.en"]')
    assert page.locator('textarea[data-path="summary.en"]').input_value() == HOSTILE
    assert page.title() == "Biên tập danh mục di sản"  # nothing ran
    assert page.locator("#fields img, #fields script").count() == 0
    assert not v.errors and not v.outside


def test_leaving_a_record_with_unsaved_changes_asks_first(editor, visit):
    project, url = editor
    v = visit(1280, 900)
    page = v.page
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.goto(url + "admin/")
    page.click("text=roc-tung-go-da")
    fill(page, "name.en", "Something else")
    page.click("text=bai-choi")
    assert asked == ["Bản ghi này còn thay đổi chưa lưu. Vẫn rời đi?"]
    assert page.locator("#record-title").text_content() == "roc-tung-go-da"  # it stayed
    assert page.locator('input[data-path="name.en"]').input_value() == "Something else"
