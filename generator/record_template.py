"""`heritage new KIND ID`: a commented record template, generated from the models.

Fields that every record needs are written out with empty values, so that
`heritage check` asks once for each until it is filled in; optional fields are
shown commented out, with their description in English and Vietnamese. An
optional field left empty counts as not given (generator/validation.py), so a
fresh file gets nothing but "fill it in" messages.
"""

from __future__ import annotations

import json
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from .languages import record_languages
from .models import COLLECTIONS, KIND_COLLECTION, RESERVED_NAMES, is_located
from .models.fields import SLUG, slugify, unwrap
from .project import Project
from .schema import COLLECTION_SCHEMA, SCHEMA_COMMENT, SCHEMA_PATHS
from .yaml_edit import apply_data

# Optional fields that a good record still has: written out, not commented.
ASKED_FOR = {"location", "location.coordinates", "location.commune", "location.former_address", "tags", "related", "sources"}


def render_template(kind: str) -> str:
    collection = KIND_COLLECTION[kind]
    model = COLLECTIONS[collection]
    asked = set(ASKED_FOR)
    if not is_located(kind):  # province-wide: no coordinates to ask for
        asked -= {"location", "location.coordinates", "location.commune", "location.former_address"}
    lines = [
        SCHEMA_COMMENT.format(SCHEMA_PATHS[COLLECTION_SCHEMA[collection]]),
        f"# New record ({kind}). Fill in the empty values, then run `heritage check`.",
        f"# Bản ghi mới ({kind}). Điền các giá trị còn trống rồi chạy `heritage check`.",
        f"# Texts are per language: {', '.join(record_languages())}. For several paragraphs write `vi: |` and indent the text below it.",
        f"# Văn bản theo từng ngôn ngữ: {', '.join(record_languages())}. Nhiều đoạn thì viết `vi: |` rồi thụt lề văn bản ở các dòng dưới.",
        "# An optional field may stay empty; `heritage check` asks for each required one.",
        "# Trường không bắt buộc có thể để trống; `heritage check` sẽ nhắc từng trường bắt buộc.",
        "",
    ]
    lines += _fields(model, "", 0, False, asked, {"kind": kind})
    return "\n".join(lines) + "\n"


def _fields(
    model: type[BaseModel], prefix: str, indent: int, commented: bool, asked: set[str], fixed: dict, comments: bool = True
) -> list[str]:
    out = []
    pad = " " * indent
    for key in fixed:  # the kind leads the file
        out += [f"{pad}{key}: {fixed[key]}", ""]
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in fixed:
            continue
        path = prefix + key
        live = not commented and (info.is_required() or path in asked)
        hash_ = "" if live else "# "
        if comments:
            out += [f"{pad}# {line}" for line in _description(info)]
        annotation = unwrap(info.annotation)
        nested = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
        item = unwrap(get_args(annotation)[0]) if get_origin(annotation) is list else None
        if nested:
            out.append(f"{pad}{hash_}{key}:")
            out += _fields(nested, path + ".", indent + 2, not live, asked, {}, comments)
        elif isinstance(item, type) and issubclass(item, BaseModel):
            # one example item, its fields explained once above the list
            out += [f"{pad}#   {sub.alias or n}: {' / '.join(_description(sub))}" for n, sub in item.model_fields.items()]
            out.append(f"{pad}{hash_}{key}:")
            item_lines = _fields(item, path + "[].", indent + 4, not live, asked, {}, comments=False)
            first = item_lines[0]
            body = first[indent + 4 :]
            marker = "# - " if body.startswith("# ") else "- "
            out.append(" " * (indent + 2) + marker + body.removeprefix("# "))
            out += item_lines[1:]
        else:
            out.append(f"{pad}{hash_}{key}: {_placeholder(annotation, info.default, live)}".rstrip())
        if comments:
            out.append("")
    while out and out[-1] == "" and indent:
        out.pop()
    return out


def _description(info: Any) -> list[str]:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return [info.description or "", str(extra.get("x-description-vi", ""))]


def _placeholder(annotation: Any, default: Any, live: bool) -> str:
    origin = get_origin(annotation)
    if origin is dict:
        return "{" + ", ".join(f'{lang}: ""' for lang in record_languages()) + "}"
    if origin is tuple:
        return "[]  # [latitude, longitude]" if live else "[13.972, 108.6514]  # [latitude, longitude]"
    if origin is list:
        return "[]"
    if origin is Literal:
        choices = " | ".join(str(a) for a in get_args(annotation))
        if isinstance(default, str):
            return f"{default}  # {choices}"
        return f" # {choices}"
    if annotation is str:
        return '""'
    if isinstance(default, (bool, int)) and default is not None:
        return json.dumps(default)
    return ""


def record_text(collection: str, data: dict) -> str:
    """A new record file holding `data`, in the house style: the schema line, the kind first, then
    the fields in the format's order (as a template filled in by hand would read)."""
    header = SCHEMA_COMMENT.format(SCHEMA_PATHS[COLLECTION_SCHEMA[collection]]) + "\n"
    order = ["kind", *COLLECTIONS[collection].model_fields]
    data = dict(sorted(data.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))
    kind = data.get("kind")
    seed = header + (f"kind: {kind}\n" if isinstance(kind, str) and SLUG.match(kind) else "{}\n")
    return apply_data(seed, data)


def new_record_refusal(project: Project, collection: str, record_id: str) -> tuple[str, dict] | None:
    """Why a new record cannot have this id (a message code and its parameters), or None.
    `heritage new`, the workbook import and the web editor all ask this before a new file."""
    if not SLUG.match(record_id):
        return "bad_slug", {"value": record_id, "suggestion": slugify(record_id)}
    if record_id in RESERVED_NAMES:
        return "reserved_id", {"id": record_id}
    path = project.content / collection / f"{record_id}.yml"
    if path.exists():
        return "record_exists", {"path": project.rel(path)}
    for other in COLLECTIONS:  # ids are unique across collections
        taken = project.content / other / f"{record_id}.yml"
        if taken.exists():
            return "id_taken", {"id": record_id, "other": project.rel(taken)}
    return None
