"""Request validation errors in words a client can act on: each bad field by name, with the form expected.

- invalid JSON: where (line and column) and what the parser expected, never a byte offset posing as a field name;
- a validator's own message without pydantic's "Value error, " prefix;
- a date or date-time that does not parse names the expected format;
- a discriminated union's tag (e.g. `toekenning` in `body.toekenning.soort`) is no field: the name is `soort`;
  an unknown tag is named by its field (custom_error_type "tag:<field>" of a callable Discriminator);
- a body that is not JSON at all (wrong content type) is told apart, so the caller answers 415.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

DATE_FORM = "expected form: a date as YYYY-MM-DD (ISO 8601), e.g. 2026-03-01"
DATETIME_FORM = "expected form: a date and time as YYYY-MM-DDThh:mm:ss with offset (ISO 8601), e.g. 2026-03-01T09:30:00+01:00"
JSON_MEDIA_TYPES = ("application/json",)


def is_json_media_type(content_type: str | None) -> bool:
    """application/json or any application/*+json; no header at all is read as JSON (curl -d without -H)."""
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media in JSON_MEDIA_TYPES or (media.startswith("application/") and media.endswith("+json"))


def wrong_content_type(errors: Sequence[dict[str, Any]], content_type: str | None) -> bool:
    """The body was not read as JSON because the request said it was something else."""
    if is_json_media_type(content_type):
        return False
    return any(tuple(e.get("loc", ())) == ("body",) and e.get("type") in _NOT_AN_OBJECT for e in errors)


_NOT_AN_OBJECT = {"model_attributes_type", "dict_type", "model_type", "union_tag_not_found", "list_type"}


TAG_ERROR_PREFIX = "tag:"  # custom_error_type of a callable Discriminator: "tag:<field>" names the field


def field_name(loc: Sequence[Any], body: Any, kind: str = "") -> str:
    if kind == "json_invalid":
        return "body"  # pydantic's loc ends in a character offset, not a field
    parts = list(loc)
    if kind.startswith(TAG_ERROR_PREFIX):
        parts.append(kind.removeprefix(TAG_ERROR_PREFIX))
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    names: list[str] = []
    node = body
    for part in parts:
        if isinstance(node, dict) and isinstance(part, str) and part not in node and _is_tag(node, part):
            continue  # a discriminated union's tag, not a field of the body
        names.append(str(part))
        node = _child(node, part)
    return ".".join(names) or "body"


def _is_tag(node: dict[str, Any], part: str) -> bool:
    return any(isinstance(v, str) and v == part for v in node.values())


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def code(error: dict[str, Any]) -> str:
    kind = str(error.get("type", "invalid"))
    return "union_tag_invalid" if kind.startswith(TAG_ERROR_PREFIX) else kind


def reason(error: dict[str, Any], raw_body: bytes | None) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    message = str(error.get("msg", ""))
    if kind.startswith(TAG_ERROR_PREFIX):
        return message
    if kind == "json_invalid":
        return _json_reason(error, raw_body, str(ctx.get("error", "not valid JSON")))
    if kind == "value_error":
        return str(ctx.get("error", message.removeprefix("Value error, ")))
    if kind == "assertion_error":
        return message.removeprefix("Assertion failed, ")
    if kind.startswith("datetime_") or kind == "timezone_aware":
        return f"{message}; {DATETIME_FORM}"
    if kind.startswith("date_"):
        return f"{message}; {DATE_FORM}"
    return message


def _json_reason(error: dict[str, Any], raw_body: bytes | None, parser_error: str) -> str:
    loc = tuple(error.get("loc", ()))
    position = loc[-1] if loc and isinstance(loc[-1], int) else None
    if raw_body is None or position is None:
        return f"the body is not valid JSON: {parser_error}"
    try:
        json.loads(raw_body)
    except json.JSONDecodeError as exc:
        return f"the body is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except UnicodeDecodeError:
        return "the body is not valid JSON: it is not UTF-8 text"
    return f"the body is not valid JSON: {parser_error}"
