"""`heritage serve` as an editor uses it: edit, save, see the page reload; a mistake keeps the last good preview."""

from __future__ import annotations

import time
import urllib.request

import pytest

from conftest import copy_bundled_project, heritage_server


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.fixture
def preview(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    with heritage_server(project, log, "--messages", "en", "serve", "--site", "gia-lai", ready="en/") as url:
        yield project, url, log
    assert not (project / "public").exists()  # previews never touch the published output


def _log(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()


def test_a_saved_edit_reloads_the_open_page(preview, visit):
    project, url, log = preview
    record = project / "content/heritage/roc-tung-go-da.yml"
    page_url = url + "en/heritage/roc-tung-go-da/"
    page = visit().page
    page.goto(page_url)
    assert page.locator("h1").first.inner_text() == "Rộc Tưng – Gò Đá Palaeolithic Archaeological Site"
    assert page.evaluate("document.querySelector('link[rel=canonical]').href") == page_url

    record.write_text(record.read_text(encoding="utf-8").replace(
        'en: "Rộc Tưng – Gò Đá Palaeolithic Archaeological Site"', 'en: "Rộc Tưng – Gò Đá (edited)"'), encoding="utf-8")
    saved = time.monotonic()
    # null-safe: the page may be between two documents when asked
    page.wait_for_function("(document.querySelector('h1') || {}).innerText === 'Rộc Tưng – Gò Đá (edited)'", timeout=30_000)
    print(f"edit visible after {time.monotonic() - saved:.2f} s")
    # updated in place, the language being viewed first (test_preview_update compares that with a full build)
    for _ in range(300):
        if "updated gia-lai (vi: " in _log(log):
            break
        time.sleep(0.1)
    assert _log(log).index("updated gia-lai (en: ") < _log(log).index("updated gia-lai (vi: ")


def test_a_mistake_keeps_the_last_good_preview(preview):
    project, url, log = preview
    record = project / "content/heritage/can-cu-khu-9.yml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good + "sumary: {vi: x, en: x}\n", encoding="utf-8")
    for _ in range(200):
        if "sumary: unknown field" in _log(log):
            break
        time.sleep(0.1)
    assert "content/heritage/can-cu-khu-9.yml:" in _log(log) and "Traceback" not in _log(log)
    assert "Zone 9" in _get(url + "en/heritage/can-cu-khu-9/")

    record.write_text(good.replace("Zone 9 Revolutionary Base", "Zone 9 Base (fixed)"), encoding="utf-8")
    for _ in range(300):
        if "Zone 9 Base (fixed)" in _get(url + "en/heritage/can-cu-khu-9/"):
            break
        time.sleep(0.1)
    assert "Zone 9 Base (fixed)" in _get(url + "en/heritage/can-cu-khu-9/")
