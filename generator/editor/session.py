"""What the web editor can do to a project: list, read and save records, add photos.

No HTTP here (server.py is that). A save is what an editor expects of a careful
colleague: the record is checked as `heritage check` would check it; with an
error nothing is written and each problem comes back with its field, in the
editor's language; otherwise only what changed is written into the file
(yaml_edit.py), so comments, order and untouched lines stay as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from typing import Any

import yaml
from PIL import Image, UnidentifiedImageError

from ..catalogue import CheckContext
from ..changes import check_changed_records
from ..form_data import as_saved
from ..forms import form_fields
from ..messages import render_message
from ..models import COLLECTIONS, KIND_COLLECTION, RESERVED_NAMES
from ..models.fields import SLUG, slugify
from ..output import editors_text, replace_editors_file, replace_file
from ..project import Project
from ..reading import load_catalogue
from ..record_template import new_record_refusal, record_text
from ..yaml_edit import SpliceFailed, apply_data

MAX_PHOTO_BYTES = 20 * 1024 * 1024  # what a phone's photo weighs, with room to spare
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


@dataclass(frozen=True)
class Answer:
    """What a request gets: an HTTP status and a JSON body."""

    status: int
    body: dict[str, Any]


def _version(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:20]


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


class EditorSession:
    def __init__(self, project: Project, lang: str):
        self.project, self.lang = project, lang

    def forms(self) -> dict[str, Any]:
        return {
            # What a record is comes first, as in `heritage new` and the workbook.
            "collections": {name: [field.as_json() for field in sorted(form_fields(model), key=lambda f: f.name != "kind")]
                            for name, model in COLLECTIONS.items()},
            "kinds": {kind: collection for kind, collection in KIND_COLLECTION.items()},
        }

    def records(self) -> Answer:
        ctx = CheckContext(self.project)
        catalogue = load_catalogue(ctx)
        listed = [{"id": entry.id, "collection": entry.collection, "kind": entry.kind,
                   "name": entry.record.name.get(self.lang) or next(iter(entry.record.name.values())), "ok": True}
                  for entry in catalogue.records.values()]
        listed += [{"id": failed.id, "collection": failed.collection, "kind": failed.kind, "name": failed.id, "ok": False,
                    "path": failed.path} for failed in catalogue.failed.values()]
        return Answer(200, {"records": sorted(listed, key=lambda item: (item["collection"] or "", item["id"]))})

    def record(self, collection: str, record_id: str) -> Answer:
        path = self._path(collection, record_id)
        if path is None or not path.is_file():
            return Answer(404, {"error": render_message("editor_no_record", {"id": record_id}, self.lang)})
        content = path.read_bytes()
        try:
            data = yaml.safe_load(editors_text(content))
        except (yaml.YAMLError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict):
            return Answer(409, {"error": render_message("editor_fix_in_file", {"path": self.project.rel(path)}, self.lang)})
        return Answer(200, {"collection": collection, "id": record_id, "data": _json_safe(data), "path": self.project.rel(path),
                            "version": _version(content)})

    def save(self, collection: str, record_id: str, data: Any, new: bool, version: str | None = None) -> Answer:
        """Check and write a record. `version` is the file as the form was opened on: a file changed
        since (in a text editor, by an import) is not overwritten with the form's older values."""
        if not isinstance(data, dict) or collection not in COLLECTIONS or not isinstance(record_id, str):
            return Answer(400, {"error": "data"})
        if new:
            refusal = new_record_refusal(self.project, collection, record_id)  # as `heritage new` asks
            if refusal:
                return Answer(422, {"problems": [{"field": "id", "message": render_message(*refusal, self.lang)}]})
        path = self._path(collection, record_id)
        if path is None or not (new or path.is_file()):
            return Answer(404, {"error": render_message("editor_no_record", {"id": record_id}, self.lang)})
        rel = self.project.rel(path)
        raw = b"" if new else path.read_bytes()
        current = editors_text(raw)
        if not new and version != _version(raw):
            return Answer(409, {"error": render_message("editor_changed_since", {"path": rel}, self.lang)})
        old = (yaml.safe_load(current) or {}) if current else {}
        data = as_saved(data, old)
        try:
            text = record_text(collection, data) if new else apply_data(current, data)
        except SpliceFailed:
            return Answer(409, {"error": render_message("editor_fix_in_file", {"path": rel}, self.lang)})
        ctx = CheckContext(self.project)
        catalogue = load_catalogue(ctx)
        problems = check_changed_records(ctx, catalogue, {rel: text})
        listed = [{"field": problem.field, "message": problem.message(self.lang), "warning": problem.severity.value == "warning",
                   **({"lang": dict(problem.params)["lang"]} if isinstance(dict(problem.params).get("lang"), str) else {})}
                  for problem in problems]
        if problems.errors:
            return Answer(422, {"problems": listed})
        replace_editors_file(path, text)
        return Answer(200, {"saved": rel, "problems": listed, "version": _version(path.read_bytes())})

    def save_photo(self, record_id: str, name: str, content: bytes) -> Answer:
        if not SLUG.match(record_id):
            return Answer(400, {"error": "id"})
        if len(content) > MAX_PHOTO_BYTES:
            return Answer(413, {"error": render_message("editor_photo_too_big", {"limit": MAX_PHOTO_BYTES // 1024 // 1024}, self.lang)})
        try:
            with Image.open(io.BytesIO(content)) as image:
                kind = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            kind = None
        if kind not in PHOTO_FORMATS:
            return Answer(415, {"error": render_message("editor_photo_format", {}, self.lang)})
        folder = self.project.images / record_id
        stem = slugify(re.sub(r"\.[A-Za-z0-9]+$", "", name or "")) or "photo"
        suffix = PHOTO_FORMATS[kind]
        target = folder / f"{stem}{suffix}"
        number = 1
        while target.exists() and target.read_bytes() != content:  # never over another photo
            number += 1
            target = folder / f"{stem}-{number}{suffix}"
        if not target.exists():
            replace_file(target, content)
        return Answer(200, {"file": f"{record_id}/{target.name}"})

    def _path(self, collection: str, record_id: str):
        if collection not in COLLECTIONS or not isinstance(record_id, str) or not SLUG.match(record_id) or record_id in RESERVED_NAMES:
            return None
        return self.project.content / collection / f"{record_id}.yml"
