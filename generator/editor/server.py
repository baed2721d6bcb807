"""`heritage edit`: the preview plus the web editor at /admin/, on this machine only.

The editor is a page of ours (static/), drawn from the record formats
(forms.py), talking to a small JSON interface under /admin/api/. It works on
the project's files directly: no account, no outside host, nothing loaded from
elsewhere. What keeps other sites out, since the server answers on 127.0.0.1:
- a request must name this server as its Host (a page elsewhere that points
  its own name at 127.0.0.1 is refused: DNS rebinding);
- every change (POST) carries a token that only the editor's own page holds,
  so a page elsewhere cannot post to it blindly (cross-site request forgery).
"""

from __future__ import annotations

import json
import secrets
from http.server import SimpleHTTPRequestHandler
from importlib import resources
from urllib.parse import parse_qs, unquote, urlsplit

from ..catalogues import INTERFACE, strings
from ..forms import choice_labels
from ..languages import LANGUAGES
from ..messages import render_message
from ..project import Project
from .session import MAX_PHOTO_BYTES, Answer, EditorSession

MAX_JSON_BYTES = 4 * 1024 * 1024  # a record at its limits, in four languages
STATIC = {"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}
TOKEN_HEADER = "X-Heritage-Token"


class EditorRoutes:
    """The routes the preview server hands to the editor."""

    def __init__(self, project: Project, url: str, lang: str):
        self.session = EditorSession(project, lang)
        self.lang = lang
        split = urlsplit(url)
        self.hosts = {split.netloc, f"localhost:{split.port}"}
        self.token = secrets.token_urlsafe(24)  # a secret for this run, never written to a file

    # ------------------------------------------------------------ GET

    def get(self, handler: SimpleHTTPRequestHandler) -> bool:
        return self._guarded(self._get, handler)

    def post(self, handler: SimpleHTTPRequestHandler) -> bool:
        return self._guarded(self._post, handler)

    def _guarded(self, method, handler: SimpleHTTPRequestHandler) -> bool:
        """A bug answers with one line, as the command line does, and the preview goes on."""
        try:
            return method(handler)
        except Exception as exc:
            self._answer(handler, Answer(500, {"error": render_message("internal_error", {"detail": repr(exc)}, self.lang)}))
            return True

    def _get(self, handler: SimpleHTTPRequestHandler) -> bool:
        path = urlsplit(handler.path).path
        if not path.startswith("/admin"):
            return False
        if not self._host_ok(handler):
            return True
        if path in ("/admin", "/admin/"):
            lang = parse_qs(urlsplit(handler.path).query).get("lang", [self.lang])[0]
            self._send(handler, 200, self._page(lang if lang in LANGUAGES else self.lang), "text/html; charset=utf-8")
        elif path.startswith("/admin/static/") and path.rsplit("/", 1)[1] in STATIC:
            name = path.rsplit("/", 1)[1]
            self._send(handler, 200, (resources.files(__package__) / "static" / name).read_bytes(), STATIC[name])
        elif path == "/admin/api/records":
            self._answer(handler, self.session.records())
        elif path.startswith("/admin/api/records/"):
            parts = [unquote(part) for part in path.split("/")[4:]]
            answer = self.session.record(*parts) if len(parts) == 2 else Answer(404, {"error": "not found"})
            self._answer(handler, answer)
        else:
            self._answer(handler, Answer(404, {"error": "not found"}))
        return True

    # ------------------------------------------------------------ POST

    def _post(self, handler: SimpleHTTPRequestHandler) -> bool:
        path = urlsplit(handler.path).path
        if not path.startswith("/admin/api/"):
            return False
        if not self._host_ok(handler):
            return True
        if not secrets.compare_digest(handler.headers.get(TOKEN_HEADER, ""), self.token):
            self._answer(handler, Answer(403, {"error": "token"}))
            return True
        length = int(handler.headers.get("Content-Length") or 0)
        limit = MAX_PHOTO_BYTES if path.startswith("/admin/api/photos/") else MAX_JSON_BYTES
        if length < 0:
            self._answer(handler, Answer(400, {"error": "length"}))  # read(-1) would wait for the whole stream
            return True
        if length > limit:
            self._answer(handler, Answer(413, {"error": "too large"}))
            return True
        body = handler.rfile.read(length)
        parts = [unquote(part) for part in path.split("/")[4:]]
        if path.startswith("/admin/api/records/") and len(parts) == 2:
            try:
                payload = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                self._answer(handler, Answer(400, {"error": "json"}))
                return True
            if not isinstance(payload, dict):
                self._answer(handler, Answer(400, {"error": "json"}))
                return True
            version = payload.get("version") if isinstance(payload.get("version"), str) else None
            answer = self.session.save(parts[0], parts[1], payload.get("data"), bool(payload.get("new")), version)
        elif path.startswith("/admin/api/photos/") and len(parts) == 1:
            name = parse_qs(urlsplit(handler.path).query).get("name", [""])[0]
            answer = self.session.save_photo(parts[0], name, body)
        else:
            answer = Answer(404, {"error": "not found"})
        self._answer(handler, answer)
        return True

    # ------------------------------------------------------------ helpers

    def _host_ok(self, handler: SimpleHTTPRequestHandler) -> bool:
        if handler.headers.get("Host", "") in self.hosts:
            return True
        self._answer(handler, Answer(421, {"error": "host"}))
        return False

    def _page(self, lang: str) -> bytes:
        interface = strings(lang, INTERFACE)
        words = {key.removeprefix("editor."): text for key, text in interface.items() if key.startswith("editor.")}
        config = {"token": self.token, "lang": lang, "words": words, "choices": choice_labels(lang),
                  "languages": {code: LANGUAGES[code].name for code in LANGUAGES}, **self.session.forms()}
        data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")  # never '</script>' inside the script
        template = (resources.files(__package__) / "static" / "index.html").read_text(encoding="utf-8")
        return template.replace("{{lang}}", lang).replace("{{title}}", words["title"].replace("<", "&lt;")).replace(
            "{{config}}", data).encode("utf-8")

    def _answer(self, handler: SimpleHTTPRequestHandler, answer: Answer) -> None:
        self._send(handler, answer.status, json.dumps(answer.body, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    @staticmethod
    def _send(handler: SimpleHTTPRequestHandler, status: int, body: bytes, content_type: str) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Cache-Control", "no-store")
        handler.send_header("X-Content-Type-Options", "nosniff")
        handler.send_header("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
                            "connect-src 'self'; frame-ancestors 'none'")
        handler.end_headers()
        handler.wfile.write(body)

