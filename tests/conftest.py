"""Shared builders: a small valid project copied per test, and the CLI run in-process."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main

TESTS = Path(__file__).parent
REPO = TESTS.parent
BASE = TESTS / "fixtures" / "base"
BAD = TESTS / "bad"


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def problem_lines(self) -> list[str]:
        """stderr without the closing summary line."""
        return self.err.splitlines()[:-1]


def run(*argv: str) -> Result:
    """Run `heritage` in this process, capturing what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            status = exc.code
    return Result(status, out.getvalue(), err.getvalue())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/base: valid, with no warnings."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def copy_bundled_project(dest: Path, url: str | None = None) -> Path:
    """The repository's own project (content, sites, assets, mkdocs.yml), optionally served at `url`."""
    for name in ("content", "sites", "assets"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    if url:
        for site in (dest / "sites").glob("*.yml"):
            text = site.read_text(encoding="utf-8")
            lines = [f'url: "{url}"' if line.startswith("url:") else line for line in text.splitlines()]
            site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the repository's own project, for a test that changes it."""
    return copy_bundled_project(tmp_path / "project")


def in_project(root: Path, *argv: str) -> Result:
    """`heritage --project ROOT ...`, in this process."""
    return run("--project", str(root), *argv)


def sources_of(root: Path) -> dict[str, bytes]:
    """Every file of a project's content/ and sites/, by path: what an import may change."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for folder in ("content", "sites") for path in sorted((root / folder).rglob("*")) if path.is_file()}


@contextlib.contextmanager
def heritage_server(project: Path, log, *command: str, ready: str):
    """`heritage --project PROJECT COMMAND... --port N` running as editors start it, on a free port;
    yields its address once `ready` (a path under it) answers, and stops it afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "heritage"), "--project", str(project), *command, "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + ready, timeout=10).read()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory) -> Path:
    """The bundled sites, built once for the session; returns the output folder."""
    root = copy_bundled_project(tmp_path_factory.mktemp("bundled") / "project")
    result = run("--project", str(root), "build")
    assert result.status == 0, result.err
    return root / "public"


# ---------------------------------------------------------------- browser tests
# The bundled Gia Lai site built for the address it is served at, real headless
# Chromium from Debian, every host but 127.0.0.1 unreachable.

TILE_HOST = "https://tile.openstreetmap.org/"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
# axe-core, as shipped inside a PyPI package of the test extra: no Node needed.
AXE = Path(str(resources.files("axe_playwright_python") / "axe.min.js"))
NO_RESULTS = {"vi": "Không tìm thấy tài liệu liên quan", "en": "No matching documents"}


class _Quiet(SimpleHTTPRequestHandler):
    """A static host: quiet, and answering a missing page with the site's 404.html, as hosts do."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The Gia Lai site, built for the address it is served at, and served."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)  # the port is known before the build
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    project = copy_bundled_project(tmp_path_factory.mktemp("served") / "project", url=url)
    assert run("--project", str(project), "build", "--site", "gia-lai").status == 0
    server.RequestHandlerClass = functools.partial(_Quiet, directory=str(project / "public" / "gia-lai"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def _local(url: str) -> bool:
    return url.startswith("data:") or urlsplit(url).hostname in ("127.0.0.1", None)


class Visit:
    """A page with everything that went wrong recorded: script errors, failed and outside requests."""

    def __init__(self, browser, width=390, height=844):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", self._console)
        self.page.on("requestfailed", lambda req: self.failed.append(req.url) if _local(req.url) else None)
        self.page.on("response", lambda res: self.failed.append(f"{res.status} {res.url}") if res.status >= 400 else None)
        self.page.route("**/*", self._only_local)

    def _console(self, message):
        # A refused outside request (a tile) is already in self.outside.
        if message.type == "error" and _local(message.location.get("url", "")):
            self.errors.append(message.text)

    def _only_local(self, route):
        if _local(route.request.url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_(width=390, height=844):
        v = Visit(browser, width, height)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


