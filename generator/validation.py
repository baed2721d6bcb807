"""From a parsed document and a model to either a valid model or plain-words problems."""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .loading import Loc, SourceDocument, format_field
from .messages import CATALOGUE, Found
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


def validate(doc: SourceDocument, model: type[M], problems: Problems) -> M | None:
    """The document as `model`, or None with every problem reported."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(part for part in err["loc"] if part != "[key]")
            code, params = _translate(err, model, loc)
            problems.add(doc.path, doc.line_of(loc), format_field(loc), code, **params)
        return None


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
    if kind in ("greater_than_equal", "greater_than"):
        return "too_small", {"limit": ctx.get("ge", ctx.get("gt")), "value": err.get("input")}
    if kind in ("less_than_equal", "less_than"):
        return "too_large", {"limit": ctx.get("le", ctx.get("lt")), "value": err.get("input")}
    if kind in _TYPE_CODES:
        return _TYPE_CODES[kind], ({} if kind == "missing" else {"found": Found(err.get("input"))})
    return "invalid_value", {"detail": err.get("msg", kind)}


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
