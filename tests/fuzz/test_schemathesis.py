"""Schemathesis against every operation of every service's /v1/openapi.json, with valid tokens.

Each service runs in process (its real app and migrated database); the operations come from the document itself,
so endpoints added later are fuzzed too. For every operation, in positive mode (valid per the schema) and negative
mode (invalid), a fixed number of derandomized cases is sent as each of the service's callers, part of them with
ids of seeded records. Every response must:
- not be a server error (5xx);
- have a documented status code, content type (problem+json for errors) and headers;
- conform to the documented schema;
- and, for invalid input, be a 4xx.

`make test` runs FUZZ_EXAMPLES (default 4) cases per operation, mode and caller; `make fuzz` many more.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from journey_platform.testing.plugin import SERVICES, RunningService

from .conftest import TARGETS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
STREAMING = {"text/event-stream"}  # endless responses: an operation that only streams is left out


@dataclass
class Findings:
    failures: dict[str, str] = field(default_factory=dict)
    requests: int = 0
    nothing_to_negate: list[str] = field(default_factory=list)

    def report(self) -> str:
        return "\n\n".join(f"--- {where}\n{what}" for where, what in sorted(self.failures.items()))


def streams_only(operation: Any) -> bool:
    ok = [r for code, r in operation.definition.raw.get("responses", {}).items() if code.startswith("2")]
    types = {t for r in ok for t in r.get("content", {})}
    return bool(types) and types <= STREAMING


def fixed_path_parameters(operation: Any, seeded: dict[str, str]) -> dict[str, str] | None:
    names = [p.name for p in operation.path_parameters]
    if not names or any(n not in seeded for n in names):
        return None
    return {n: seeded[n] for n in names}


def as_sent(kwargs: dict[str, Any]) -> requests.PreparedRequest:
    """The request exactly as Schemathesis' own (requests) transport would put it on the wire."""
    kwargs = {k: v for k, v in kwargs.items() if k in {"method", "url", "headers", "params", "cookies", "json", "data", "files"}}
    return requests.Session().prepare_request(requests.Request(**kwargs))


def fuzz_operation(
    operation: Any, mode: GenerationMode, callers: list[dict[str, str]], seeded: dict[str, str],
    send: Callable[[requests.PreparedRequest], httpx.Response], findings: Findings, base_url: str,
) -> None:
    strategies = [operation.as_strategy(generation_mode=mode, headers=headers) for headers in callers]
    fixed = fixed_path_parameters(operation, seeded)
    if fixed is not None:
        strategies += [operation.as_strategy(generation_mode=mode, headers=h, path_parameters=fixed) for h in callers]

    @settings(
        max_examples=EXAMPLES * len(strategies), derandomize=True, database=None, deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(case=st.one_of(strategies))
    def run(case: Any) -> None:
        transport_kwargs = case.as_transport_kwargs(base_url=base_url)
        response = send(as_sent(transport_kwargs))
        findings.requests += 1
        case.validate_response(response, checks=CHECKS, transport_kwargs=transport_kwargs)

    try:
        run()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        findings.nothing_to_negate.append(operation.label)  # no parameters or body to make invalid
    except (Exception, BaseExceptionGroup) as exc:  # every operation is fuzzed; each one's first failure is reported
        findings.failures[f"{operation.label} ({mode.value})"] = str(exc)


@pytest.mark.fuzz
@pytest.mark.parametrize("service", SERVICES)
async def test_every_operation_survives_fuzzing(service: str, start_service: Any, auth: Any) -> None:
    target = TARGETS[service]
    running: RunningService = await start_service(service, **target.overrides)
    seeded = await target.seed(running, auth)
    document = running.app.state.api.openapi()
    schema = schemathesis.openapi.from_dict(document)
    callers = [auth(*caller) for caller in target.callers]
    loop = asyncio.get_running_loop()
    # Its own client: an unhandled error comes back as the 500 a caller would see, not as the exception.
    transport = httpx.ASGITransport(app=running.app, raise_app_exceptions=False)
    client = httpx.AsyncClient(transport=transport, base_url=f"http://{service}")

    def send(prepared: requests.PreparedRequest) -> httpx.Response:
        request = client.request(prepared.method or "GET", prepared.url or "", headers=dict(prepared.headers),
                                         content=prepared.body)
        return asyncio.run_coroutine_threadsafe(request, loop).result(timeout=60)

    findings = Findings()
    operations = [result.ok() for result in schema.get_all_operations()]
    fuzzed = [op for op in operations if not streams_only(op)]
    assert len(fuzzed) >= len(operations) - 1 and fuzzed, "the document names no operations to fuzz"

    def fuzz_all() -> None:
        for operation in fuzzed:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                fuzz_operation(operation, mode, callers, seeded, send, findings, f"http://{service}/v1")

    try:
        await asyncio.to_thread(fuzz_all)
    finally:
        await client.aclose()
    print(f"{service}: {findings.requests} requests to {len(fuzzed)} operations; no negative cases for {findings.nothing_to_negate}")
    assert findings.requests >= len(fuzzed) * 2, "an operation was not fuzzed"
    assert not findings.failures, f"{len(findings.failures)} operation(s) failed:\n\n{findings.report()}"
