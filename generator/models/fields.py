"""Field types shared by every record format, with the errors they raise.

Each validator raises a `PydanticCustomError` whose type is a code of
`generator.messages`, so that a problem reads the same in every format and in
both message languages.
"""

from __future__ import annotations

import re
import types
import unicodedata
from typing import Annotated, Any, Union, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..messages import Found, Number
from .markdown import unsafe_link

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{5,}[0-9]$")
NOT_IN_URL = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]')
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")

# Every model refuses unknown fields: a misspelt field must not vanish silently.
STRICT = ConfigDict(extra="forbid", frozen=True)

# Lengths, in characters. Generous for real content (the longest bundled name
# has 68, summary 194, description 1,585), small enough that pasted data is
# caught before it becomes a page of many megabytes: every text is printed on
# every page of its record, in cards, in the search index and in the exports.
LINE_LIMIT = 300  # a name, a credit, a decision number, a commune
PARAGRAPH_LIMIT = 1_000  # a summary, a caption, directions: one paragraph
MARKDOWN_LIMIT = 100_000  # a description: some 40 printed pages
SLUG_LIMIT = 100  # an id or a tag: part of a page's address
URL_LIMIT = 2_000  # what browsers and servers reliably accept


def error(code: str, /, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, context)


def describe(en: str, vi: str, **extra: Any) -> dict[str, Any]:
    """Field() arguments: the English description, the Vietnamese one beside it."""
    return {"description": en, "json_schema_extra": {"x-description-vi": vi, **extra}}


def slugify(value: str) -> str:
    """'Rộc Tưng – Gò Đá' -> 'roc-tung-go-da' (a suggestion for bad ids)."""
    value = value.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "my-record"


def _text(value: Any, limit: int = LINE_LIMIT) -> str:
    if not isinstance(value, str):
        raise error("expected_text", found=Found(value))
    if not value.strip():
        raise error("empty_text")
    if len(value) > limit:
        raise error("text_too_long", length=Number(len(value)), limit=Number(limit))
    return value


def _limited(limit: int):
    return lambda value: _text(value, limit)


def _language(value: Any) -> str:
    if not isinstance(value, str) or not LANGUAGE_CODE.match(value):
        raise error("bad_language_code", code=value)
    return value


def _localized(value: Any) -> Any:
    if not isinstance(value, dict):
        raise error("expected_localized", found=Found(value))
    return value


def _slug(value: Any) -> str:
    value = _text(value, SLUG_LIMIT)
    if not SLUG.match(value):
        raise error("bad_slug", value=value, suggestion=slugify(value))
    return value


def is_web_address(value: str) -> bool:
    """An http(s) address with a host and none of the characters RFC 3986 never allows: those
    would end an HTML attribute (the theme prints addresses unescaped) or hide part of the address."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and "." in parts.netloc and not NOT_IN_URL.search(value)


# Hosts that RFC 2606 and RFC 6761 keep for examples and tests: no one can own them.
PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example(\.(com|net|org))?|invalid|test|localhost)$")


def is_placeholder_address(value: str) -> bool:
    """Whether a web address is a placeholder (https://disan.gialai.example/) that leads nowhere."""
    return bool(PLACEHOLDER_HOSTS.search((urlsplit(value).hostname or "").rstrip(".")))


def _url(value: Any) -> str:
    value = _text(value, URL_LIMIT).strip()
    if not is_web_address(value):
        raise error("bad_url", value=value)
    return value


def _email(value: Any) -> str:
    value = _text(value).strip()
    if not EMAIL.match(value):
        raise error("bad_email", value=value)
    return value


def _phone(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # an unquoted number in YAML
    value = _text(value).strip()
    if not PHONE.match(value):
        raise error("bad_phone", value=value)
    return value


def _coordinates(value: Any) -> tuple[float, float]:
    numbers = (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    )
    if not numbers:
        raise error("coords_shape", found=Found(value))
    lat, lon = float(value[0]), float(value[1])
    if not -90 <= lat <= 90:
        if -90 <= lon <= 90:  # [longitude, latitude], as GeoJSON and some GIS tools write it
            raise error("latitude_range_swapped", value=value[0])
        raise error("latitude_range", value=value[0])
    if not -180 <= lon <= 180:
        raise error("longitude_range", value=value[1])
    return (lat, lon)


def _unique(values: list) -> list:
    seen = set()
    for value in values:
        if value in seen:
            raise error("duplicate_in_list", value=value)
        seen.add(value)
    return values


def _text_type(limit: int) -> Any:
    return Annotated[
        str, BeforeValidator(_limited(limit)), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit})
    ]


def _markdown(value: Any) -> str:
    value = _text(value, MARKDOWN_LIMIT)
    link = unsafe_link(value)
    if link:
        raise error("unsafe_link", link=link)
    return value


Markdown = Annotated[
    str,
    BeforeValidator(_markdown),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MARKDOWN_LIMIT, "contentMediaType": "text/markdown"}),
]


def _localized_type(limit: int, text: Any = None) -> Any:
    return Annotated[
        dict[LanguageCode, text or _text_type(limit)],
        BeforeValidator(_localized),
        WithJsonSchema(
            {
                "type": "object",
                "description": "One text per language code, e.g. {vi: ..., en: ...}",
                "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
                "additionalProperties": {"type": "string", "minLength": 1, "maxLength": limit},
                "minProperties": 1,
            }
        ),
    ]


def _country(value: Any) -> str:
    from babel import Locale  # loads CLDR's territory names only when a file names a country

    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value) or value not in Locale("en").territories:
        raise error("bad_country", value=value)
    return value


CountryCode = Annotated[str, BeforeValidator(_country), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]
LanguageCode = Annotated[
    str, BeforeValidator(_language), WithJsonSchema({"type": "string", "pattern": LANGUAGE_CODE.pattern})
]
Text = _text_type(LINE_LIMIT)  # one line: a name, a credit
Paragraph = _text_type(PARAGRAPH_LIMIT)
LocalizedName = _localized_type(LINE_LIMIT)
LocalizedText = _localized_type(PARAGRAPH_LIMIT)
LocalizedMarkdown = _localized_type(MARKDOWN_LIMIT, Markdown)
Slug = Annotated[
    str, BeforeValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG.pattern, "maxLength": SLUG_LIMIT})
]
Url = Annotated[
    str,
    BeforeValidator(_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": URL_LIMIT}),
]
Email = Annotated[str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
Phone = Annotated[str, BeforeValidator(_phone), WithJsonSchema({"type": "string", "pattern": PHONE.pattern})]
Coordinates = Annotated[
    tuple[float, float],
    BeforeValidator(_coordinates),
    WithJsonSchema(
        {
            "type": "array",
            "prefixItems": [
                {"type": "number", "minimum": -90, "maximum": 90, "description": "latitude"},
                {"type": "number", "minimum": -180, "maximum": 180, "description": "longitude"},
            ],
            "minItems": 2,
            "maxItems": 2,
        }
    ),
]


def UniqueList(item: Any, *, min_length: int = 0, max_length: int | None = None) -> Any:
    """A list whose entries may not repeat (ids, tags, languages)."""
    return Annotated[list[item], Field(min_length=min_length, max_length=max_length), AfterValidator(_unique)]


def unwrap(annotation: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation
