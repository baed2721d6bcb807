"""The record formats as form fields: what the web editor draws and the workbook's columns come from.

A `FormField` says what a field holds, in words a form understands: a text, a
Markdown text, a text per language, a choice, a whole number, a number, a
pair of coordinates, a list of words or ids, a list of whole numbers, a group
of fields, or a list of such groups; with its description in Vietnamese and English and whether it is
required. It is read off the pydantic models, so a field added there appears
in the editor and the workbook by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from .catalogues import INTERFACE, strings
from .models.fields import LINE_LIMIT, Markdown, unwrap

TEXT, MARKDOWN, LOCALIZED, CHOICE, INTEGER, NUMBER, COORDINATES, WORDS, NUMBERS, GROUP, GROUPS, DATE = (
    "text", "markdown", "localized", "choice", "integer", "number", "coordinates", "words", "numbers", "group", "groups", "date")
PHOTOS, PHOTO_FILE = "images", "file"  # a record's photos, and the field of each that names its file under assets/images/
CHOICE_WORDS = ("kind", "level", "category")  # interface keys (kind.natural-heritage...) that name choices


@dataclass(frozen=True)
class FormField:
    name: str
    type: str
    label_vi: str
    label_en: str
    required: bool
    markdown: bool = False  # for a localized field: each language's text is Markdown
    long: bool = False  # a paragraph rather than a line (a summary, a caption): a text box of some lines
    choices: tuple[str, ...] = ()
    fields: tuple["FormField", ...] = ()  # a group's fields, or a list's item fields

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "label": {"vi": self.label_vi, "en": self.label_en},
                               "required": self.required}
        if self.markdown:
            out["markdown"] = True
        if self.long:
            out["long"] = True
        if self.choices:
            out["choices"] = list(self.choices)
        if self.fields:
            out["fields"] = [field.as_json() for field in self.fields]
        return out


def form_fields(model: type[BaseModel]) -> tuple[FormField, ...]:
    """The model's fields, in its order."""
    out = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        vi, en = str(extra.get("x-description-vi", "")), info.description or ""
        annotation = unwrap(info.annotation)
        origin = get_origin(annotation)
        key = info.alias or name
        common = {"name": key, "label_vi": vi, "label_en": en, "required": info.is_required()}
        if origin is dict:
            value = get_args(annotation)[1]
            long = _max_length(getattr(value, "__metadata__", ())) > LINE_LIMIT
            out.append(FormField(type=LOCALIZED, markdown=get_args(annotation)[1:] == (Markdown,), long=long, **common))
        elif origin is tuple:
            out.append(FormField(type=COORDINATES, **common))
        elif origin is list:
            item = unwrap(get_args(annotation)[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                out.append(FormField(type=GROUPS, fields=form_fields(item), **common))
            else:  # words or ids; or whole numbers (an event's months)
                out.append(FormField(type=NUMBERS if item is int else WORDS, **common))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out.append(FormField(type=GROUP, fields=form_fields(annotation), **common))
        elif origin is Literal:
            out.append(FormField(type=CHOICE, choices=tuple(get_args(annotation)), **common))
        elif annotation is int:
            out.append(FormField(type=INTEGER, **common))
        elif annotation is float:
            out.append(FormField(type=NUMBER, **common))
        elif annotation is dt.date:
            out.append(FormField(type=DATE, **common))
        elif annotation is str and get_args(info.annotation) and Markdown in get_args(info.annotation):
            out.append(FormField(type=MARKDOWN, **common))
        else:
            out.append(FormField(type=TEXT, long=_max_length(info.metadata) > LINE_LIMIT, **common))
    return tuple(out)


def choice_labels(lang: str) -> dict[str, str]:
    """The names that the sites give to kinds, levels and categories, for drop-down lists."""
    return {key.partition(".")[2]: text for key, text in strings(lang, INTERFACE).items()
            if key.partition(".")[0] in CHOICE_WORDS and "." in key}


def _max_length(metadata: Any) -> int:
    """The longest text a type allows, as its JSON Schema says (0 when it does not say)."""
    for item in metadata:
        schema = getattr(item, "json_schema", None)
        if isinstance(schema, dict) and "maxLength" in schema:
            return int(schema["maxLength"])
    return 0
