"""`heritage serve-config nginx` under a real nginx (Debian's), with Chromium counting CSP violations.

Every bundled site is served by the block the tool generates, each on a port of
its own, from the session's build. A page may load nothing from another host
(map tiles are refused by the test, as everywhere), and the Content-Security-
Policy must not block anything the pages do: search, the language switch, the
maps, the gallery, the events script.
"""

from __future__ import annotations

import contextlib
import http.client
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import in_project

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"  # Debian's libnginx-mod-http-brotli-static
SITES = {"gia-lai": ("vi", "en"), "an-khe": ("vi", "en"), "doi-tac": ("en", "vi", "km", "lo")}
# Page types in every language: home (with search results), a record (with its map), the map, the events, a missing page.
PAGES = ("", "heritage/roc-tung-go-da/", "map/", "events/", "no-such-page/")
# Catches what the console might not show: every violation of the page's policy.
CSP_WATCH = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(bundled_build: Path, tmp_path_factory):
    """nginx serving each bundled site with its generated block; {site: base URL}."""
    root = bundled_build.parent
    work = tmp_path_factory.mktemp("nginx")
    ports, blocks = {}, []
    for site in SITES:
        ports[site] = _free_port()
        out = work / f"{site}.conf"
        result = in_project(root, "serve-config", "nginx", "--site", site, "--listen", f"127.0.0.1:{ports[site]}",
                            "--brotli", "--out", str(out))
        assert result.status == 0, result.err
        blocks.append(f"    include {out};")
    with running_nginx(work, blocks, f"http://127.0.0.1:{ports['gia-lai']}/"):
        yield {site: f"http://127.0.0.1:{port}/" for site, port in ports.items()}


@contextlib.contextmanager
def running_nginx(work: Path, blocks: list[str], probe: str):
    """Debian's nginx with the `include` lines of `blocks`, in `work`, until the context ends; `probe` answers first."""
    user = "user root;" if subprocess.run(["id", "-u"], capture_output=True, text=True).stdout.strip() == "0" else ""
    (work / "nginx.conf").write_text("\n".join([
        user, "daemon off;", "worker_processes 1;", f"pid {work}/nginx.pid;", f"error_log {work}/error.log;",
        f"load_module {BROTLI};",
        "events { worker_connections 256; }",
        "http {", "    include /etc/nginx/mime.types;", "    default_type application/octet-stream;", "    access_log off;",
        *(f"    {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
        *blocks, "}", ""]), encoding="utf-8")
    server = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(probe, timeout=2)
            break
        except urllib.error.HTTPError:
            break  # an answer, even an error page, is nginx running
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log = work / "error.log"
                raise AssertionError(server.stderr.read().decode() + (log.read_text(errors="replace") if log.exists() else ""))
            time.sleep(0.2)
    try:
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_pages_carry_the_security_headers(nginx):
    answer = urllib.request.urlopen(nginx["gia-lai"] + "vi/", timeout=5)
    headers = answer.headers
    policy = headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0] and "unsafe-eval" not in policy
    assert "img-src 'self' data: blob: https://tile.openstreetmap.org" in policy and "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Strict-Transport-Security"] == "max-age=31536000"  # the site's url is https
    assert headers["Cache-Control"] == "no-cache" and "camera=()" in headers["Permissions-Policy"]


def test_precompressed_files_and_caching_are_served(nginx, bundled_build: Path):
    site = bundled_build / "gia-lai"
    bundle = next((site / "en" / "assets" / "javascripts").glob("bundle.*.min.js"))
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        request = urllib.request.Request(nginx["gia-lai"] + f"en/assets/javascripts/{bundle.name}", headers={"Accept-Encoding": encoding})
        answer = urllib.request.urlopen(request, timeout=5)
        assert answer.headers["Content-Encoding"] == encoding
        assert answer.read() == (bundle.parent / (bundle.name + suffix)).read_bytes()
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    feed = urllib.request.urlopen(nginx["gia-lai"] + "en/events/calendar.ics", timeout=5)
    assert feed.headers["Content-Type"].startswith("text/calendar") and feed.headers["Content-Security-Policy"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(nginx["gia-lai"] + "en/no-such-page/", timeout=5)
    assert missing.value.code == 404 and b'lang="en"' in missing.value.read()
    assert missing.value.headers["Content-Security-Policy"]  # `always`: errors carry the headers too


@pytest.mark.parametrize("site", list(SITES))
def test_every_page_type_runs_under_the_policy(nginx, visit, site):
    for lang in SITES[site]:
        for path in PAGES:
            v = visit(1280, 900)
            v.page.add_init_script(CSP_WATCH)
            v.page.goto(f"{nginx[site]}{lang}/{path}")
            if path.startswith("heritage/"):  # the record's map loads when it scrolls into view
                v.page.locator(".hs-map--record").scroll_into_view_if_needed()
                v.page.wait_for_selector(".hs-map--record .leaflet-marker-icon")
            if path == "map/":
                v.page.wait_for_selector(".leaflet-marker-icon, .marker-cluster")
            if path == "":  # search results: the worker, the index and the result list
                v.page.click(".md-search__input")
                v.page.locator("input.md-search__input").press_sequentially("Gia Lai", delay=15)
                v.page.wait_for_selector(".md-search-result__item", timeout=10_000)  # wait_for_function would evaluate a string: the policy forbids it
            v.page.wait_for_timeout(300)
            violations = v.page.evaluate("window.__csp")
            assert violations == [], (site, lang, path, violations)
            errors = [e for e in v.errors if "404" not in e]  # the missing page answers 404, as it should
            assert errors == [], (site, lang, path, errors)
            v.close()


def test_search_and_the_language_switch_work_under_the_policy(nginx, visit):
    v = visit(1280, 900)
    v.page.add_init_script(CSP_WATCH)
    v.page.goto(nginx["gia-lai"] + "en/")
    v.page.click(".md-search__input")
    v.page.locator("input.md-search__input").press_sequentially("cong chieng", delay=15)
    v.page.wait_for_selector(".md-search-result__item", timeout=10_000)  # wait_for_function would evaluate a string: the policy forbids it
    v.page.goto(nginx["gia-lai"] + "en/heritage/roc-tung-go-da/")
    v.page.click(".md-header__option .md-select button")
    v.page.click("a.md-select__link[hreflang=vi]")
    v.page.wait_for_url(nginx["gia-lai"] + "vi/heritage/roc-tung-go-da/")
    assert v.page.evaluate("window.__csp") == [] and v.errors == []


def test_the_config_is_refused_before_a_build_and_written_only_where_it_may_be(project: Path, tmp_path: Path):
    refused = in_project(project, "serve-config", "nginx", "--site", "main")
    assert refused.status == 1 and "has not been built here" in refused.err
    assert in_project(project, "build", "--site", "main").status == 0
    mine = tmp_path / "site.conf"
    mine.write_text("server { }  # mine\n", encoding="utf-8")
    kept = in_project(project, "serve-config", "nginx", "--site", "main", "--out", str(mine))
    assert kept.status == 1 and "is not a configuration this tool wrote" in kept.err and mine.read_text(encoding="utf-8").endswith("# mine\n")
    inside = in_project(project, "serve-config", "nginx", "--site", "main", "--out", str(project / "sites" / "x.conf"))
    assert inside.status == 1 and not (project / "sites" / "x.conf").exists()
    printed = in_project(project, "serve-config", "nginx", "--site", "main", "--root", "/srv/heritage/main")
    assert printed.status == 0 and 'root "/srv/heritage/main";' in printed.out
    assert in_project(project, "serve-config", "nginx", "--site", "main", "--listen", "http").status == 2


def test_the_policy_allows_the_tile_host_and_only_scripts_that_run(tmp_path: Path):
    from generator.serving.nginx import inline_script_hashes, tile_source

    assert tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert tile_source("https://tiles.gialai.vn:8443/{z}/{x}/{y}.png?key=k") == "https://tiles.gialai.vn:8443"
    (tmp_path / "page.html").write_text(
        '<script type="application/ld+json">{"a": 1}</script><script id="c" type="application/json">{}</script>'
        '<script src="x.js"></script><script>run()</script><script type="text/javascript">run()</script>', encoding="utf-8")
    import base64
    import hashlib

    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b"run()").digest()).decode() + "'"
    assert inline_script_hashes(tmp_path) == [expected]  # data blocks never run; a script file is 'self'


def test_the_photo_gallery_and_the_git_hosts_editor_work_under_their_policies(project: Path, tmp_path: Path, visit):
    """The fixture's record with a photo shows it under the pages' policy (the bundled records have none);
    admin/ (Decap CMS) may talk to the Git host, and the site's pages keep their strict policy."""
    site = project / "sites" / "main.yml"
    site.write_text(site.read_text(encoding="utf-8") + "editing:\n  host: gitea\n  repo: so-vhttdl/di-san\n"
                    "  base_url: https://git.gialai.vn\n  app_id: a1b2c3\n", encoding="utf-8")
    assert in_project(project, "build", "--site", "main").status == 0
    port = _free_port()
    block = tmp_path / "main.conf"
    assert in_project(project, "serve-config", "nginx", "--site", "main", "--listen", f"127.0.0.1:{port}", "--out", str(block)).status == 0
    url = f"http://127.0.0.1:{port}/"
    with running_nginx(tmp_path, [f"    include {block};"], url):
        editor = urllib.request.urlopen(url + "admin/", timeout=5).headers["Content-Security-Policy"]
        pages = urllib.request.urlopen(url + "vi/", timeout=5).headers["Content-Security-Policy"]
        # Decap checks its configuration with Ajv, which compiles code: 'unsafe-eval' on the editor's page only.
        assert "connect-src 'self' https://git.gialai.vn;" in editor and "script-src 'self' 'unsafe-eval';" in editor
        assert "git.gialai.vn" not in pages and "unsafe-eval" not in pages
        v = visit(1280, 900)
        v.page.add_init_script(CSP_WATCH)
        v.page.goto(url + "admin/")
        v.page.wait_for_selector("button:has-text('Gitea')", timeout=20_000)  # Decap's sign-in screen
        assert v.page.evaluate("window.__csp") == [] and v.errors == [], (v.page.evaluate("window.__csp"), v.errors)
        photos = visit(390, 844)
        photos.page.add_init_script(CSP_WATCH)
        photos.page.goto(url + "en/heritage/go-da/")
        picture = photos.page.locator(".hs-gallery .hs-photo img").first
        picture.scroll_into_view_if_needed()
        for _ in range(100):  # not wait_for_function: it evaluates a string, which the policy forbids
            if picture.evaluate("image => image.complete && image.naturalWidth > 0"):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the photo did not load")
        assert "Test Photographer" in photos.page.locator(".hs-gallery figcaption").first.inner_text()
        assert photos.page.evaluate("window.__csp") == [] and photos.errors == [] and photos.failed == []


def test_https_is_served_by_the_block_and_plain_http_sends_visitors_there(project: Path, tmp_path: Path):
    """With --certificate, the block serves TLS itself, so that a deployment writing it again keeps https."""
    key, certificate = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=heritage.gialai.vn",
                    "-keyout", str(key), "-out", str(certificate)], check=True, capture_output=True)
    assert in_project(project, "build", "--site", "main").status == 0
    secure, plain = _free_port(), _free_port()
    block = tmp_path / "main.conf"
    half = in_project(project, "serve-config", "nginx", "--site", "main", "--certificate", str(certificate))
    assert half.status == 2 and "--certificate-key" in half.err
    made = in_project(project, "serve-config", "nginx", "--site", "main", "--listen", f"127.0.0.1:{secure}", "--certificate",
                      str(certificate), "--certificate-key", str(key), "--redirect-from", f"127.0.0.1:{plain}", "--out", str(block))
    assert made.status == 0, made.err
    with running_nginx(tmp_path, [f"    include {block};"], f"http://127.0.0.1:{plain}/.well-known/acme-challenge/"):
        context = ssl.create_default_context(cafile=str(certificate))
        context.check_hostname = False  # the test reaches it as 127.0.0.1
        answer = urllib.request.urlopen(f"https://127.0.0.1:{secure}/vi/", timeout=5, context=context)
        assert answer.status == 200 and answer.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert "upgrade-insecure-requests" in answer.headers["Content-Security-Policy"]
        connection = http.client.HTTPConnection("127.0.0.1", plain, timeout=5)
        connection.request("GET", "/vi/heritage/go-da/?q=1")
        moved = connection.getresponse()
        assert moved.status == 301 and moved.headers["Location"] == "https://heritage.gialai.vn/vi/heritage/go-da/?q=1"


SEARCH_BUDGET = 500 * 1024  # bytes that a phone downloads for its first search, per language (issue 18: at 3,000 records)


def test_the_first_search_on_a_large_catalogue_downloads_under_the_budget(tmp_path: Path, visit):
    """1,000 synthetic records, served as the office serves them: the index, the worker and Lunr's language support,
    compressed, stay under the budget, and a query without diacritics still finds the records."""
    from bench.synthetic import write_project

    project = write_project(1000, tmp_path / "project")
    assert in_project(project, "build").status == 0
    port = _free_port()
    block = tmp_path / "bench.conf"
    assert in_project(project, "serve-config", "nginx", "--site", "bench", "--listen", f"127.0.0.1:{port}", "--brotli",
                      "--out", str(block)).status == 0
    url = f"http://127.0.0.1:{port}/"
    with running_nginx(tmp_path, [f"    include {block};"], url):
        v = visit(390, 844)
        downloads: dict[str, int] = {}
        v.page.on("requestfinished", lambda request: downloads.__setitem__(request.url, request.sizes()["responseBodySize"]))
        v.page.goto(url + "vi/")
        v.page.click("label.md-header__button[for=__search]")
        v.page.locator("input.md-search__input").press_sequentially("cong chieng", delay=15)
        v.page.wait_for_selector(".md-search-result__item", timeout=20_000)
        first = v.page.locator(".md-search-result__item").first.inner_text().lower()
        assert "cồng" in first and "chiêng" in first  # typed without diacritics, found with them
        search = {address: size for address, size in downloads.items() if "/search/" in address or "/lunr/" in address
                  or "/workers/" in address}
        assert any(address.endswith("search_index.json") for address in search), downloads
        assert sum(search.values()) < SEARCH_BUDGET, search
        assert v.errors == [] and v.failed == []
