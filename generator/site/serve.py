"""`heritage serve`: a preview on 127.0.0.1 that rebuilds itself when a file changes.

The site is built for the preview's own address into .cache/preview/ (never
into public/), with the same all-or-nothing build as `heritage build`: when a
change holds an error, the problems are printed and the last good preview
stays up. An edit of content/ then updates the preview in place, the language
being viewed first (preview_update.py); anything else is built afresh. Pages
get a small script that waits for their language's next update and reloads.
On SIGINT or SIGTERM the server stops, a rebuild under way is let finish (so
that its staging folder is removed), and the stop goes on to the command.
"""

from __future__ import annotations

import re
import shutil
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Protocol
from urllib.parse import parse_qs, urlsplit

from ..catalogue import CheckContext
from ..output import OutputRefused, read_manifest
from ..project import Project
from ..build import build_sites
from .preview_update import NeedsFullBuild, update_in_place

POLL_SECONDS = 0.25
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
WAIT_SECONDS = 25  # a waiting page asks again after this, so proxies do not time out

_RELOAD = """<script>
(function wait(version) {
  fetch("/__heritage_wait?lang=%s&version=" + version).then(function (r) { return r.text(); }).then(function (now) {
    if (now !== version) { location.reload(); } else { wait(version); }
  }, function () { setTimeout(function () { wait(version); }, 1000); });
})("%s");
</script>
"""

PACKAGE = Path(__file__).parent.parent


def watched_files(project: Project) -> dict[Path, tuple[int, int]]:
    """Everything a build reads: content, sites, assets, the base config, our templates."""
    folders = [project.content, project.sites, project.root / "assets", PACKAGE / "templates", PACKAGE / "theme"]
    state = {}
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else ():
            if path.is_file() and "_schema" not in path.parts:
                stat = path.stat()
                state[path] = (stat.st_mtime_ns, stat.st_size)
    config = project.root / "mkdocs.yml"
    if config.is_file():
        state[config] = (config.stat().st_mtime_ns, config.stat().st_size)
    return state


class Preview:
    """The preview's state: which build is current, what is being viewed, and who waits for the next.

    A page's version is "<full builds>.<updates of its language>" ("" for the
    files at the site's root): an update reloads the pages it changed the
    language of, and a full build every page.
    """

    def __init__(self, project: Project, site: str, url: str, out: Path, lang: str, report: Callable[[str], None]):
        self.project, self.site, self.url, self.out, self.report = project, site, url, out, report
        self.lang = lang  # the messages'
        self.builds = 0
        self.updates: dict[str, int] = {}
        self.viewing = ""  # the language of the last page served: updated first
        self.whole = False  # the preview on disk is a full build's, kept up to date since: updates may build on it
        self.records_read: dict = {}  # what updates read of the record files (reading.read_record_once)
        self.changed = threading.Condition()

    def version(self, lang: str) -> str:
        return f"{self.builds}.{self.updates.get(lang, 0)}"

    def build(self) -> bool:
        started = time.monotonic()
        self.whole = False
        self.records_read = {}  # a full build reads everything afresh, photos included: updates build on what it read
        try:
            ctx = CheckContext(self.project, records_read=self.records_read)
            result = build_sites(ctx, [self.site], self.out, url=self.url, brochures=False)
        except OutputRefused as refusal:  # another preview of the same project is building
            self.report(f"heritage: {refusal.message(self.lang)}")
            return False
        for problem in result.problems:
            self.report(problem.format(self.lang))
        if result.ok:
            self.whole = True
            with self.changed:
                self.builds += 1
                self.changed.notify_all()
            self.report(f"built {self.site} in {time.monotonic() - started:.1f} s: {self.url}")
        return result.ok

    def update(self, changed: set[Path]) -> bool:
        """After an edit of content/ only, the preview updated in place; else, or when that cannot be, a full build."""
        if not (self.whole and all(path.is_relative_to(self.project.content) for path in changed)):
            return self.build()
        started = time.monotonic()

        def ready(lang: str, pages: int) -> None:
            if lang:
                self.report(f"updated {self.site} ({lang}: {pages} pages) in {time.monotonic() - started:.1f} s")
            with self.changed:
                self.updates[lang] = self.updates.get(lang, 0) + 1
                self.changed.notify_all()

        self.whole = False  # until the update is over: a failure half-way leaves the preview to a full build
        try:
            ctx = CheckContext(self.project, records_read=self.records_read)
            result, written = update_in_place(ctx, self.site, self.url, self.out, self.viewing, ready)
        except NeedsFullBuild:
            return self.build()
        for problem in result.problems:
            self.report(problem.format(self.lang))
        self.whole = result.ok or not written
        return result.ok

    def wait(self, lang: str, version: str) -> str:
        with self.changed:
            self.changed.wait_for(lambda: self.version(lang) != version, timeout=WAIT_SECONDS)
            return self.version(lang)

    def watch(self, stop: threading.Event) -> None:
        seen = watched_files(self.project)
        while not stop.wait(POLL_SECONDS):
            now = watched_files(self.project)
            if now != seen:
                changed = {path for path in seen.keys() | now.keys() if seen.get(path) != now.get(path)}
                seen = now
                try:
                    self.update(changed)
                except Exception as exc:  # a bug must not stop the preview
                    self.whole = False
                    self.report(f"internal error: {exc!r}")


class Routes(Protocol):
    """More pages beside the preview (the web editor's): each method answers a request, or returns False."""

    def get(self, handler: SimpleHTTPRequestHandler) -> bool: ...

    def post(self, handler: SimpleHTTPRequestHandler) -> bool: ...


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview
    routes: Routes | None = None

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        if not (self.routes and self.routes.post(self)):
            self.send_error(405)

    def do_GET(self) -> None:
        if self.routes and self.routes.get(self):
            return
        if self.path.startswith("/__heritage_wait"):
            query = parse_qs(urlsplit(self.path).query)
            lang = self._language(query.get("lang", [""])[0])
            self._send(self.preview.wait(lang, query.get("version", [""])[0]).encode(), "text/plain")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            lang = self._language(urlsplit(self.path).path.strip("/").split("/")[0])
            if lang:
                self.preview.viewing = lang
            script = _RELOAD % (lang, self.preview.version(lang))
            body = path.read_bytes().replace(b"</body>", script.encode() + b"</body>", 1)
            self._send(body, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _language(self, segment: str) -> str:
        """`segment` when it is one of the site's languages (a folder of the preview), else ""."""
        is_code = LANGUAGE_CODE.fullmatch(segment)  # it goes into the page's script: letters and hyphens only
        return segment if is_code and (Path(self.directory) / segment / "index.html").is_file() else ""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send(page.read_bytes(), "text/html; charset=utf-8", status=404)  # as static hosts do

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(project: Project, site: str, port: int, lang: str = "en", report: Callable[[str], None] | None = None,
          routes: Callable[[str], Routes] | None = None) -> int:
    """Build and serve the preview until stopped; `routes(url)` adds pages of its own (the editor's)."""
    report = report or (lambda line: print(line, file=sys.stderr, flush=True))
    url = f"http://127.0.0.1:{port}/"
    out = project.preview
    out.mkdir(parents=True, exist_ok=True)
    stale = out / site
    if stale.is_dir() and not stale.is_symlink() and read_manifest(stale) is None:
        shutil.rmtree(stale)  # a preview made by a version of the tool that wrote no manifest: ours all the same
    preview = Preview(project, site, url, out, lang, report)
    if not preview.build() and not (out / site).is_dir():
        return 1
    handler = type("Handler", (_Handler,), {"preview": preview, "routes": routes(url) if routes else None})
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(out / site)))
    server.daemon_threads = True
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
        watcher.join()  # a rebuild under way ends and cleans up; a second Ctrl-C does not wait
    return 0
