"""Make FastAPI's OpenAPI document follow the NL API Design Rules (see ../shared/adr)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from journey_platform.web.problems import Problem

CONTACT = {
    "name": "Opvangketen platformteam",
    "email": "platform@opvangketen.example.nl",
    "url": "https://opvangketen.example.nl",
}
VERSION_HEADER = {
    "API-Version": {
        "description": "The full semantic version of this API.",
        "required": True,
        "schema": {"type": "string"},
    }
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer", "minimum": 0},
    }
}
PAGING_HEADERS = {
    "Link": {
        "description": "Paging links (RFC 8288): first, prev, next and, when counted, last.",
        "schema": {"type": "string"},
    },
    "X-Pagination-Page": {"description": "This page's number.", "schema": {"type": "integer", "minimum": 1}},
    "X-Pagination-Limit": {"description": "Items per page.", "schema": {"type": "integer", "minimum": 1}},
    "X-Total-Count": {
        "description": "All items matching the query, on the lists that count them.",
        "schema": {"type": "integer", "minimum": 0},
    },
}
LOCATION_HEADER = {"Location": {"description": "Where the new resource is.", "schema": {"type": "string"}}}
_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_ERRORS = {
    "400": "Invalid input: every invalid field is listed in `invalidParams`.",
    "401": "Missing or invalid bearer token.",
    "403": "The caller's organisation may not see or do this.",
    "404": "Not found.",
    "409": "Conflicts with the current state.",
    "413": "The request body is too large.",
    "415": "The request body is not `application/json`.",
    "429": "Too many requests: retry after the `Retry-After` header's seconds.",
    "503": "Temporarily unavailable (e.g. the database): retry after the `Retry-After` header's seconds.",
}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {"schema": _PROBLEM_REF}}}


def _collapse_nullable(node: Any) -> Any:
    """`anyOf: [X, {type: null}]` → X with `type: [T, "null"]`, so formats stay on the property."""
    if isinstance(node, list):
        return [_collapse_nullable(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _collapse_nullable(v) for k, v in node.items()}
    any_of = node.get("anyOf")
    if isinstance(any_of, list) and len(any_of) == 2 and {"type": "null"} in any_of:
        other = next(s for s in any_of if s != {"type": "null"})
        if "type" in other and isinstance(other["type"], str):
            merged = {**other, **{k: v for k, v in node.items() if k != "anyOf"}}
            merged["type"] = [other["type"], "null"]
            return merged
        if "$ref" in other:
            rest = {k: v for k, v in node.items() if k != "anyOf"}
            return {**rest, "oneOf": [other, {"type": "null"}]}
    return node


def nl_openapi(app: FastAPI, description: str = "") -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=description or app.description,
        routes=app.routes,
        servers=[{"url": "/v1", "description": "This service, major version 1."}],
        contact=CONTACT,
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas.update(
        {
            name: sub
            for name, sub in Problem.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
            .get("$defs", {})
            .items()
        }
    )
    problem_schema = Problem.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
    problem_schema.pop("$defs", None)
    schemas["Problem"] = problem_schema
    secured = "securitySchemes" in components
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = op.setdefault("responses", {})
            responses.pop("422", None)
            has_params = bool(op.get("parameters")) or "requestBody" in op
            wanted = []
            if has_params or method in {"post", "put", "patch"}:
                wanted.append("400")
            if op.get("security") and secured:
                wanted += ["401", "403"]
            # A body names other records by id (a report, a facility…), which may not exist.
            if "{" in path or "requestBody" in op:
                wanted.append("404")
            if method in {"post", "put", "patch"} and op.get("security"):
                wanted.append("409")
            if "requestBody" in op:
                wanted += ["413", "415"]
            wanted += ["429", "503"]
            for code in wanted:
                responses.setdefault(code, _problem(_ERRORS[code]))
            paged = any(p.get("name") == "paginaGrootte" for p in op.get("parameters", []))
            if paged and "200" in responses:
                responses["200"].setdefault("headers", {}).update(PAGING_HEADERS)
            if method == "post" and "201" in responses:
                responses["201"].setdefault("headers", {}).update(LOCATION_HEADER)
            for code, response in responses.items():
                # Every response carries API-Version (APIVersionMiddleware), errors included.
                response.setdefault("headers", {}).update(VERSION_HEADER)
                if code in {"429", "503"}:
                    response["headers"].update(RETRY_AFTER)
            for code, response in responses.items():
                if code[0] in "45" and "content" in response:
                    response["content"] = {"application/problem+json": {"schema": _PROBLEM_REF}}
    collapsed: dict[str, Any] = _collapse_nullable(schema)
    app.openapi_schema = collapsed
    return collapsed
