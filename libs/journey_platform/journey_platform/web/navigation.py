"""Navigable responses in the manner of the NL API Design Rules: `Location` on a 201, paging links on a list.

- A 201 gets `Location`: the body's `_links.self.href`, else the GET route that answers the same model by id
  (POST /opnames answers a VerblijfView → /v1/verblijven/{id}), else the collection's own GET by id
  (POST /abonnementen → /v1/abonnementen/{id}).
- A list (a JSON array answered to GET with `pagina` / `paginaGrootte`) gets `Link` (RFC 8288: first, prev,
  next, last), `X-Pagination-Page`, `X-Pagination-Limit`, and `X-Total-Count` when the route counted
  (`set_total`, or the service layer's `journey_platform.paging.page_of`). Without a count, `next` is given while
  a page comes back full.

The bodies stay as they were (an array), so no client breaks.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Response, routing
from fastapi.routing import APIRoute
from starlette._utils import get_route_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from journey_platform.links import Link, link
from journey_platform.paging import Tally, tally

__all__ = ["EXPOSED_HEADERS", "TOTAL_HEADER", "Link", "NavigationMiddleware", "link", "set_total"]

TOTAL_HEADER = "X-Total-Count"
EXPOSED_HEADERS = ["Location", "Link", TOTAL_HEADER, "X-Pagination-Page", "X-Pagination-Limit"]
_ONE_ID = re.compile(r"^(?P<base>.*)/\{[^/}]+\}$")


def set_total(response: Response, total: int) -> None:
    """A list route that counted its matches tells the paging links (and the caller) how many there are."""
    response.headers[TOTAL_HEADER] = str(total)


class NavigationMiddleware:
    """Pure ASGI on the /v1 sub-application; buffers only 201 bodies and list bodies."""

    def __init__(self, app: ASGIApp, api: FastAPI) -> None:
        self.app = app
        self.api = api
        self._created: dict[int, str] | None = None  # by id() of the POST route: the GET-by-id path
        self._sizes: dict[int, int] | None = None  # by id() of the list route: its default page size

    def _learn_routes(self) -> None:
        """Per route (FastAPI nests included routers; `scope["route"]` names the original APIRoute)."""
        routes = [
            (ctx.path, ctx.original_route)
            for ctx in routing.iter_route_contexts(self.api.routes)
            if isinstance(ctx.original_route, APIRoute)
        ]
        by_model: dict[Any, str] = {}
        by_collection: dict[str, str] = {}
        for path, r in routes:
            one = _ONE_ID.match(path or "")
            if path and one and "GET" in (r.methods or set()):
                by_collection.setdefault(one["base"], path)
                if r.response_model is not None:
                    by_model.setdefault(r.response_model, path)
        self._created = {}
        for path, r in routes:
            if "POST" in (r.methods or set()) and r.status_code == 201:
                # The GET that answers the same model by id, else the collection's own GET by id.
                found = by_model.get(r.response_model) or by_collection.get(path or "")
                if found:
                    self._created[id(r)] = found
        self._sizes = {
            id(r): param.default
            for _, r in routes
            for param in r.dependant.query_params
            if param.alias == "paginaGrootte" and isinstance(param.default, int)
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        if self._created is None:
            self._learn_routes()
        start: Message | None = None
        chunks: list[bytes] = []
        counted: Tally  # the request's tally, opened around the app below

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if not self._wanted(scope, message["status"]):
                    await send(message)
                    start = {"passthrough": True}
                    return
                start = message
                return
            if start is not None and start.get("passthrough"):
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            assert start is not None
            body = b"".join(chunks)
            headers = list(start.get("headers", []))
            headers += self._headers(scope, id(scope["route"]), start["status"], body, headers, counted.total)
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        with tally() as counted:  # a list counted with journey_platform.paging tells its total here
            await self.app(scope, receive, capture)

    def _headers(
        self, scope: Scope, route: int, status: int, body: bytes, headers: list[tuple[bytes, bytes]], counted: int | None
    ) -> list[tuple[bytes, bytes]]:
        try:
            payload = json.loads(body) if body else None
        except ValueError:
            return []
        if status == 201 and isinstance(payload, dict):
            location = _self_href(payload) or self._location(scope, route, payload)
            return [(b"location", location.encode())] if location else []
        if status == 200 and isinstance(payload, list):
            assert self._sizes is not None
            if route not in self._sizes:
                return []
            total = next((int(v) for k, v in headers if k.lower() == TOTAL_HEADER.lower().encode()), counted)
            extra = (
                []
                if counted is None or any(k.lower() == TOTAL_HEADER.lower().encode() for k, _ in headers)
                else [(TOTAL_HEADER.lower().encode(), str(counted).encode())]
            )
            return [*extra, *_paging(scope, self._sizes[route], len(payload), total)]
        return []

    def _wanted(self, scope: Scope, status: int) -> bool:
        """A 201, or a paged list (never a stream: only routes with `paginaGrootte` are buffered)."""
        route = scope.get("route")
        if not isinstance(route, APIRoute):
            return False
        assert self._sizes is not None
        return (scope["method"] == "POST" and status == 201) or (
            scope["method"] == "GET" and status == 200 and id(route) in self._sizes
        )

    def _location(self, scope: Scope, route: int, payload: dict[str, Any]) -> str | None:
        assert self._created is not None
        template = self._created.get(route)
        if template is None or "id" not in payload:
            return None
        base = _ONE_ID.match(template)
        assert base is not None
        return f"{scope.get('root_path', '')}{base['base']}/{payload['id']}"


def _self_href(payload: dict[str, Any]) -> str | None:
    links = payload.get("_links")
    if isinstance(links, dict) and isinstance(links.get("self"), dict):
        href = links["self"].get("href")
        return href if isinstance(href, str) else None
    return None


def _paging(scope: Scope, default_size: int, count: int, total: int | None) -> list[tuple[bytes, bytes]]:
    query = dict(parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True))
    try:
        page = int(query.get("pagina", 1))
        size = int(query.get("paginaGrootte", default_size))
    except ValueError:
        return []
    base = f"{scope.get('root_path', '')}{get_route_path(scope)}"

    def url(p: int) -> str:
        return f"{base}?{urlencode({**query, 'pagina': p, 'paginaGrootte': size})}"

    links = [f'<{url(1)}>; rel="first"']
    if page > 1:
        links.append(f'<{url(page - 1)}>; rel="prev"')
    more = page * size < total if total is not None else count == size
    if more:
        links.append(f'<{url(page + 1)}>; rel="next"')
    if total is not None:
        links.append(f'<{url(max(1, -(-total // size)))}>; rel="last"')
    headers = [(b"link", ", ".join(links).encode()), (b"x-pagination-page", str(page).encode())]
    return [*headers, (b"x-pagination-limit", str(size).encode())]
