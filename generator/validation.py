"""From a parsed document and a model to either a valid model or plain-words problems.

Before pydantic sees a document, empty values are taken out (`_drop_blanks`):
`""`, `[]`, `{}`, nothing, or a group of those, such as the `{vi: "", en: ""}`
that `heritage new` writes. An empty optional field counts as not given; an
empty required one gets a single "fill it in", however many languages or
sub-fields it has.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .loading import Loc, SourceDocument, format_field
from .messages import CATALOGUE, EnglishOnly, Found, Number
from .models.fields import unwrap
from .problems import Problems

M = TypeVar("M", bound=BaseModel)

# pydantic's error types -> our message codes, for errors that we do not raise ourselves
_TYPE_CODES = {
    "missing": "missing_field",
    "string_type": "expected_text",
    "int_type": "expected_integer",
    "int_parsing": "expected_integer",
    "int_from_float": "expected_integer",
    "float_type": "expected_number",
    "float_parsing": "expected_number",
    "finite_number": "expected_number",  # .inf or .nan
    "int_parsing_size": "expected_integer",
    "bool_type": "expected_bool",
    "bool_parsing": "expected_bool",
    "list_type": "expected_list",
    "tuple_type": "expected_list",
    "dict_type": "expected_mapping",
    "model_type": "expected_mapping",
    "model_attributes_type": "expected_mapping",
    "date_type": "expected_date",
    "date_parsing": "expected_date",
    "date_from_datetime_parsing": "expected_date",
    "date_from_datetime_inexact": "expected_date",
    "date_future": "expected_date",
}


def validate(doc: SourceDocument, model: type[M], problems: Problems, required: frozenset[Loc] = frozenset()) -> M | None:
    """The document as `model`, or None with every problem reported.

    `required`: fields that are optional in the format but required here (a
    located kind's coordinates); only their emptiness is checked here.
    """
    empty: list[Loc] = []
    data = _drop_blanks(doc.data, model, (), required, empty)
    for loc in empty:
        problems.add(doc.path, doc.line_of(loc), format_field(loc), "fill_in")
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(part for part in err["loc"] if part != "[key]")
            if err["type"] == "missing" and loc in empty:
                continue  # already asked to fill it in
            code, params = _translate(err, model, loc)
            problems.add(doc.path, doc.line_of(loc), format_field(loc), code, **params)
        return None
    return None if empty else value


def is_blank(value: Any) -> bool:
    """Nothing, blank text, or a list or group of nothing but those."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return all(is_blank(v) for v in (value.values() if isinstance(value, dict) else value))
    return False


def _drop_blanks(value: Any, annotation: Any, loc: Loc, required: frozenset[Loc], empty: list[Loc]) -> Any:
    """`value` without its blank optional parts; blank required fields are added to `empty`."""
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, dict):
        fields = {info.alias or name: info for name, info in annotation.model_fields.items()}
        out = {}
        for key, item in value.items():
            info = fields.get(key)
            if info is None:  # unknown: left for pydantic to name
                out[key] = item
                continue
            here = loc + (key,)
            needed = info.is_required() or here in required
            inner = unwrap(info.annotation)
            group = isinstance(inner, type) and issubclass(inner, BaseModel) and isinstance(item, dict) and bool(item)
            # A required group such as `location:` with empty sub-fields: ask for each required one.
            if is_blank(item) and not (needed and group):
                if needed:
                    empty.append(here)
                continue
            out[key] = _drop_blanks(item, info.annotation, here, required, empty)
        return out
    if get_origin(annotation) is list and isinstance(value, list):
        item_type = get_args(annotation)[0]
        return [_drop_blanks(item, item_type, loc + (i,), required, empty) for i, item in enumerate(value)]
    if get_origin(annotation) is dict and isinstance(value, dict):
        # A language left empty is a translation not made yet, not an empty text.
        return {key: item for key, item in value.items() if not is_blank(item)}
    return value


def _translate(err: dict[str, Any], model: type[BaseModel], loc: Loc) -> tuple[str, dict[str, Any]]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in CATALOGUE:  # raised by our own validators, with their parameters
        return kind, dict(ctx)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        suggestion = _closest(key, fields_at(model, loc[:-1]))
        if suggestion:
            return "unknown_field_suggest", {"key": key, "suggestion": suggestion}
        return "unknown_field", {"key": key}
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        value = err.get("input")
        suggestion = _closest(str(value), choices)
        params = {"value": value, "choices": ", ".join(choices)}
        if suggestion:
            return "unknown_choice_suggest", {**params, "suggestion": suggestion}
        return "unknown_choice", params
    if kind == "too_short":
        return "empty_list", {}
    if kind == "too_long":
        return "too_many_items", {"count": Number(ctx.get("actual_length", 0)), "limit": Number(ctx.get("max_length", 0))}
    if kind in ("greater_than_equal", "greater_than"):
        return "too_small", {"limit": ctx.get("ge", ctx.get("gt")), "value": err.get("input")}
    if kind in ("less_than_equal", "less_than"):
        return "too_large", {"limit": ctx.get("le", ctx.get("lt")), "value": err.get("input")}
    if kind in _TYPE_CODES:
        return _TYPE_CODES[kind], ({} if kind == "missing" else {"found": Found(err.get("input"))})
    return "invalid_value", {"detail": EnglishOnly(err.get("msg", kind))}


def _closest(word: str, options: list[str]) -> str | None:
    match = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    return match[0] if match else None


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names that are allowed at `loc` inside `model` (for suggestions)."""
    current: Any = model
    for part in loc:
        current = unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {info.alias or name: info for name, info in current.model_fields.items()}
            if part not in fields:
                return []
            current = fields[part].annotation
        elif get_origin(current) is list and isinstance(part, int):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return []
    current = unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []
