"""Runs one service's matrix: every operation as every principal, compared with tests/privacy/matrix.py.

Each service's test module gives, per operationId, a `Call`: how to build the request for a principal (path,
body, query) from the world it set up. Reads run first, against the shared world; writes build what they act on
afresh for each principal (a new report, stay, offer ...), so each call sees the same state and its status is
exactly the one in the matrix. All mismatches are reported together, as a table a reviewer can read.

Adding an operation (e.g. a processing-log read `zoekVerwerkingen` in intake, an erasure, a consent):
1. tests/privacy/matrix.py: a row in the service's table, one cell per principal: a status for a single read or
   write, the item labels (`A`, `A+B`, `-`) or `403` for a list. Decide it from DOMAIN.md's actors, not from what
   the code happens to do today.
2. tests/privacy/test_matrix_<service>.py: an entry in CALLS, e.g.
       "zoekVerwerkingen": Call("GET", fixed("/verwerkingen", params={"trajectId": ...}), label="trajectId"),
   `fixed("/path/{name}")` fills `{name}` from the world's ids; a write that changes what it acts on gets a builder
   `async def build(world, principal) -> Request` that creates a fresh target first (see the existing ones).
   Give the items your list returns a label: `world.add(name, id, "A")` in `world()`.
3. `.venv/bin/python tests/privacy/matrix.py` regenerates docs/privacy/authorisation.md (a test compares them).
test_matrix_coverage.py fails until 1 and 2 exist for every operation in the service's OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI

from .matrix import MATRIX, PRINCIPALS, Expect


@dataclass
class Request:
    path: str
    json: Any = None
    params: dict[str, Any] | None = None


@dataclass
class World:
    """What a service's test set up: ids by name, and the label of each item a list may show."""

    ids: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, item_id: Any, label: str | None = None) -> Any:
        self.ids[name] = item_id
        if label:
            self.labels[str(item_id)] = label
        return item_id

    def __getitem__(self, name: str) -> Any:
        return self.ids[name]


Builder = Callable[[World, str], Awaitable[Request]]
# A custom fetch (e.g. the event stream): (client, headers, request) -> (status, labels or None)
Fetch = Callable[[httpx.AsyncClient, dict[str, str], Request, World], Awaitable[tuple[int, frozenset[str] | None]]]


@dataclass
class Call:
    method: str
    build: Builder
    label: str | None = None  # for a list: the field of an item whose value names it in `World.labels`
    fetch: Fetch | None = None


def fixed(path: str, **kwargs: Any) -> Builder:
    """A request that is the same for every principal; `{name}` in the path is filled from the world's ids."""

    async def build(world: World, principal: str) -> Request:
        return Request(path.format(**{k: str(v) for k, v in world.ids.items()}), **kwargs)

    return build


HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def operations(app: FastAPI) -> dict[str, str]:
    """operationId → "METHOD /path" of every operation in a service's OpenAPI document (its /v1 API)."""
    document = app.state.api.openapi()
    return {
        operation.get("operationId") or f"{method.upper()} {path}": f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


def check_coverage(service: str, app: FastAPI, calls: dict[str, Call]) -> None:
    """Every operation has a matrix row and a call; nothing in the matrix that the app lacks."""
    have = set(operations(app))
    rows = set(MATRIX[service])
    assert not have - rows, f"{service}: operations without a row in tests/privacy/matrix.py: {sorted(have - rows)}"
    assert not rows - have, f"{service}: rows for operations the app does not have: {sorted(rows - have)}"
    assert set(calls) == have, f"{service}: calls missing {sorted(have - set(calls))}, extra {sorted(set(calls) - have)}"


async def _observe(
    client: httpx.AsyncClient, call: Call, request: Request, headers: dict[str, str], world: World
) -> tuple[Expect, str]:
    if call.fetch is not None:
        status, labels = await call.fetch(client, headers, request, world)
        return Expect(status, labels if status == 200 else None), ""
    response = await client.request(call.method, f"/v1{request.path}", json=request.json, params=request.params, headers=headers)
    if call.label is not None and response.status_code == 200:
        items = response.json()
        return Expect(200, frozenset(world.labels.get(str(i[call.label]), f"?{i[call.label]}") for i in items)), ""
    return Expect(response.status_code), response.text[:300]


async def run_matrix(
    service: str, client: httpx.AsyncClient, auth: Callable[..., dict[str, str]], world: World, calls: dict[str, Call]
) -> None:
    expected = MATRIX[service]
    reads = [op for op, call in calls.items() if call.method == "GET"]
    writes = [op for op, call in calls.items() if call.method != "GET"]
    mismatches = []
    for operation in reads + writes:
        call = calls[operation]
        for principal, (org_type, org_id) in PRINCIPALS.items():
            request = await call.build(world, principal)
            got, body = await _observe(client, call, request, auth(org_type, org_id), world)
            want = expected[operation][principal]
            if got != want:
                mismatches.append(f"{operation:<32} {principal:<11} expected {want!s:<8} got {got!s:<8} {body}")
        got, body = await _observe(client, call, await call.build(world, "anonymous"), {}, world)
        if got != Expect(401):  # no token, no answer: every operation
            mismatches.append(f"{operation:<32} {'no token':<11} expected 401      got {got!s:<8} {body}")
    assert not mismatches, f"{service}: {len(mismatches)} cells differ from the matrix:\n" + "\n".join(mismatches)
