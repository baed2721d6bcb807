"""JSON Schemas and the field reference, both generated from the models.

Editors' tools read the JSON Schemas (each record's first line points to one);
people read docs/record-format.md. A test keeps both in step with the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from .models import Delegation, EventRecord, HeritageRecord, PageFrontMatter, ProductRecord, Site
from .models.fields import unwrap

# file stem -> (model, where files of this format live)
FORMATS: dict[str, tuple[type[BaseModel], str]] = {
    "heritage": (HeritageRecord, "content/heritage/<id>.yml"),
    "product": (ProductRecord, "content/products/<id>.yml"),
    "event": (EventRecord, "content/events/<id>.yml"),
    "page": (PageFrontMatter, "content/pages/<slug>.<lang>.md (front matter)"),
    "site": (Site, "sites/<name>.yml"),
    "delegation": (Delegation, "sites/delegations/<visit>.yml"),
}

# The comment that starts each YAML file, relative to the file's folder.
SCHEMA_COMMENT = "# yaml-language-server: $schema={}"
COLLECTION_SCHEMA = {"heritage": "heritage", "products": "product", "events": "event"}  # each collection's records' schema
SCHEMA_PATHS = {
    "heritage": "../_schema/heritage.schema.json",
    "product": "../_schema/product.schema.json",
    "event": "../_schema/event.schema.json",
    "site": "../content/_schema/site.schema.json",
    "delegation": "../../content/_schema/delegation.schema.json",
}


def json_schema(name: str) -> dict[str, Any]:
    model, where = FORMATS[name]
    schema = model.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        "title": f"{model.__name__}: {where}",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render_json_schema(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FORMATS:
        path = out / f"{name}.schema.json"
        path.write_text(render_json_schema(name), encoding="utf-8")
        written.append(path)
    return written


# ---------------------------------------------------------------- field reference


def field_rows(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str, bool, str, str]]:
    """(field path, type, required, English, Vietnamese) for a model and its nested models."""
    rows = []
    properties = model.model_json_schema(by_alias=True).get("properties", {})
    for name, info in model.model_fields.items():
        key = prefix + (info.alias or name)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        annotation = unwrap(info.annotation)
        type_name = _type_name(info.annotation) + _limits(properties.get(info.alias or name, {}))
        rows.append((key, type_name, info.is_required(), info.description or "", str(extra.get("x-description-vi", ""))))
        nested = _nested_model(annotation)
        if nested:
            suffix = "[]." if get_origin(annotation) is list else "."
            rows.extend(field_rows(nested, key + suffix))
    return rows


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    annotation = unwrap(annotation)
    if get_origin(annotation) is list:
        annotation = unwrap(get_args(annotation)[0])
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _limits(prop: dict[str, Any]) -> str:
    """', at most 300 characters' from a field's JSON Schema: the limits that `check` enforces."""
    for option in [prop, *prop.get("anyOf", [])]:
        each = option.get("additionalProperties") if isinstance(option.get("additionalProperties"), dict) else {}
        items = option.get("items") if isinstance(option.get("items"), dict) else {}
        if "maxItems" in option and "prefixItems" not in option:  # not the pair of coordinates
            return f", at most {option['maxItems']:,}"
        for where, suffix in ((option, ""), (each, " each"), (items, " each")):
            if "maxLength" in where:
                return f", at most {where['maxLength']:,} characters{suffix}"
    return ""


def _type_name(annotation: Any) -> str:
    inner = unwrap(annotation)
    origin = get_origin(inner)
    if origin is Literal:
        return " \\| ".join(str(a) for a in get_args(inner))
    if origin is list:
        item = unwrap(get_args(inner)[0])
        return f"list of {_type_name(item)}"
    if origin is dict:
        return "text per language"
    if origin is tuple:
        return "[latitude, longitude]"
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return "fields"
    names = {str: "text", int: "whole number", float: "number", bool: "true/false"}
    return names.get(inner, getattr(inner, "__name__", str(inner)))


def render_reference() -> str:
    lines = [
        "# Record formats",
        "",
        "Generated from the models by `heritage schema --docs docs/record-format.md`; do not edit by hand.",
        "Field paths use `.` for nested fields and `[]` for list items. Problems name fields the same way,",
        "with list items counted from 1 (`designations[2].year` is the year of the second designation).",
        "",
    ]
    for name, (model, where) in FORMATS.items():
        lines += [f"## {name}: `{where}`", "", (model.__doc__ or "").strip(), ""]
        lines += ["| field | type | required | description | mô tả |", "| --- | --- | --- | --- | --- |"]
        for key, type_name, required, en, vi in field_rows(model):
            lines.append(f"| `{key}` | {type_name} | {'yes' if required else ''} | {en} | {vi} |")
        lines.append("")
    return "\n".join(lines)
