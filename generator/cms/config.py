"""The Decap CMS configuration of a site's Git-host editor, generated from the record formats.

Decap CMS draws its forms from a `config.yml`. Ours is never written by hand:
each collection's fields come from forms.py (the same place as `heritage edit`
and the workbook), so a field added to the models appears here by itself.
What the mapping keeps in mind:
- a text per language is a group with one field per language of the registry;
  the languages every record is written in are required when the text is;
- a field inside an optional group is never required by the form (the record
  format says when it is, and `heritage check` runs on every change anyway);
- a photo's `file` is Decap's image widget, uploading into
  `assets/images/<record id>/` as `heritage edit` does (`{{filename}}` is the
  record file's name: its id);
- Decap names a new file after the record's English name (lower-case ASCII
  words joined by '-', which is what an id is).
"""

from __future__ import annotations

import re
from typing import Any

from ..catalogues import INTERFACE, strings
from ..forms import (
    CHOICE,
    COORDINATES,
    DATE,
    GROUP,
    GROUPS,
    INTEGER,
    LOCALIZED,
    MARKDOWN,
    NUMBER,
    NUMBERS,
    PHOTO_FILE,
    PHOTOS,
    WORDS,
    FormField,
    choice_labels,
    form_fields,
)
from ..languages import LANGUAGES, record_languages
from ..models import COLLECTIONS
from ..models.publications import GitHostEditing, Site



def backend(editing: GitHostEditing) -> dict[str, Any]:
    """Decap's `backend` block for the office's Git host."""
    out: dict[str, Any] = {"name": editing.host, "repo": editing.repo, "branch": editing.branch}
    base = (editing.base_url or "").rstrip("/")
    if editing.host == "github":
        # GitHub's sign-in needs a small OAuth server of the office's (base_url); GitHub Enterprise
        # answers its API under /api/v3 of its own address.
        if editing.base_url:
            out["base_url"] = base
        if editing.api_root:
            out["api_root"] = editing.api_root.rstrip("/")
    elif editing.host == "gitlab":
        out.update({"auth_type": "pkce", "app_id": editing.app_id, "base_url": base or "https://gitlab.com",
                    "api_root": (editing.api_root or f"{base or 'https://gitlab.com'}/api/v4").rstrip("/")})
    else:  # gitea, and Forgejo, which answers the same API
        out.update({"app_id": editing.app_id, "base_url": base, "api_root": (editing.api_root or f"{base}/api/v1").rstrip("/")})
    return out


def cms_config(site: Site) -> dict[str, Any]:
    """The whole `config.yml` of one site's editor (the site must have `editing`)."""
    editing = site.editing
    assert editing is not None
    lang = editing.interface
    words = strings(lang, INTERFACE)
    config: dict[str, Any] = {
        "backend": backend(editing),
        "locale": lang,
        "site_url": site.url,
        "display_url": site.url,
        "media_folder": "assets/images",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_collection(name, model, lang, words) for name, model in COLLECTIONS.items()],
    }
    if editing.host != "gitea":  # Decap's Gitea backend has no editorial workflow
        # Changes wait as pull requests, so CI checks them before anything is published.
        config["publish_mode"] = "editorial_workflow"
    return config


def _collection(name: str, model, lang: str, words) -> dict[str, Any]:
    fields = sorted(form_fields(model), key=lambda f: f.name != "kind")  # what a record is comes first
    return {
        "name": name,
        "label": words.get(name, name),
        "editor": {"preview": False},  # the preview is the site itself, built by CI
        "folder": f"content/{name}",
        "extension": "yml",
        "format": "yaml",
        "create": True,
        "identifier_field": "name.en",
        "slug": "{{name.en}}",
        "summary": "{{name.%s}}" % ("vi" if "vi" in record_languages() else record_languages()[0]),
        # A photo goes into the record's own folder under assets/images/, named in the record as <id>/<file>.
        "media_folder": "/assets/images/{{filename}}",
        "public_folder": "{{filename}}",
        "fields": [_field(field, lang, words, True) for field in fields],
    }


def _short(description: str) -> str:
    """A label from a description: up to its first colon, semicolon, bracket or full stop ('Tên, theo
    từng ngôn ngữ.' -> 'Tên, theo từng ngôn ngữ'). Decap shows a label in capitals above its field;
    the whole description goes under the field as a hint."""
    return re.split(r": |; | \(|\. ", description.strip(), maxsplit=1)[0].rstrip(".") or description


def _field(field: FormField, lang: str, words, parent_required: bool, parent: str = "") -> dict[str, Any]:
    required = field.required and parent_required
    said = (field.label_vi if lang == "vi" else field.label_en) or field.name
    other = field.label_en if lang == "vi" else field.label_vi
    label = _short(said)
    out: dict[str, Any] = {"name": field.name, "label": label, "required": required}
    hint = " · ".join(text for text in (said if said.rstrip(".") != label else "", other) if text)
    if hint:
        out["hint"] = hint
    kind = field.type
    if parent == PHOTOS and field.name == PHOTO_FILE:
        out.update({"widget": "image", "choose_url": False, "media_library": {"config": {"multiple": False}}})
    elif kind == LOCALIZED:
        out.update({"widget": "object", "collapsed": False, "fields": [
            {"name": code, "label": entry.name, "required": required and entry.records,
             "widget": "markdown" if field.markdown else ("text" if field.long else "string")}
            for code, entry in LANGUAGES.items()]})
    elif kind == MARKDOWN:
        out["widget"] = "markdown"
    elif kind == CHOICE:
        named = choice_labels(lang)
        out.update({"widget": "select", "options": [{"value": c, "label": named.get(c, c)} for c in field.choices]})
    elif kind in (INTEGER, NUMBER):
        out.update({"widget": "number", "value_type": "int" if kind == INTEGER else "float"})
    elif kind == DATE:
        out.update({"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False})
    elif kind == COORDINATES:
        out.update({"widget": "list", "min": 2, "max": 2, "field": {"name": "value", "label": label, "widget": "number",
                                                                    "value_type": "float"}})
    elif kind == WORDS:
        out["widget"] = "list"
    elif kind == NUMBERS:
        out.update({"widget": "list", "field": {"name": "value", "label": label, "widget": "number", "value_type": "int"}})
    elif kind == GROUP:
        out.update({"widget": "object", "collapsed": not required,
                    "fields": [_field(f, lang, words, required, field.name) for f in field.fields]})
    elif kind == GROUPS:
        # A list item's fields are required within the item, whatever the list is.
        out.update({"widget": "list", "collapsed": True, "label_singular": label.split(", ")[0],
                    "fields": [_field(f, lang, words, True, field.name) for f in field.fields]})
    else:
        out["widget"] = "text" if field.long else "string"
    return out
