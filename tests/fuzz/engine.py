"""Schemathesis against an in-process ASGI app whose lifespan runs on the test's event loop.

Schemathesis' own ASGI transport would run the app on a loop of its own (the database pools live on the test's);
so Hypothesis runs in a worker thread and each request is handed back to the test's loop through httpx.

Every operation of the document is fuzzed in positive mode (valid per the schema) and negative mode (invalid),
`examples` derandomized cases per caller (and as many again with seeded ids where the path takes them),
not shrunk (Schemathesis reports the failing request as a curl command).
Each response must pass CHECKS; each operation's first failure is kept, so one run reports them all."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
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

CHECKS = [
    not_a_server_error,  # no 5xx
    status_code_conformance,  # only documented status codes
    content_type_conformance,  # the documented content type (problem+json for errors)
    response_headers_conformance,  # documented headers present and valid (API-Version)
    response_schema_conformance,  # the body matches the documented schema
    negative_data_rejection,  # invalid input is refused with a 4xx
]
STREAMING = {"text/event-stream"}  # endless responses: an operation that only streams is left out
Send = Callable[[requests.PreparedRequest], httpx.Response]


@dataclass
class Findings:
    failures: dict[str, str] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    operations: int = 0
    streaming: list[str] = field(default_factory=list)
    nothing_to_negate: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def report(self) -> str:
        return "\n\n".join(f"--- {where}\n{what}" for where, what in sorted(self.failures.items()))

    def summary(self) -> str:
        return (
            f"{self.requests} requests to {self.operations} operations, statuses {dict(sorted(self.statuses.items()))}; "
            f"not fuzzed (streams): {self.streaming}; nothing to make invalid in {self.nothing_to_negate}"
        )


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
    wanted = {"method", "url", "headers", "params", "cookies", "json", "data", "files"}
    return requests.Session().prepare_request(requests.Request(**{k: v for k, v in kwargs.items() if k in wanted}))


def fuzz_operation(
    operation: Any,
    mode: GenerationMode,
    callers: list[dict[str, str]],
    seeded: dict[str, str],
    send: Send,
    findings: Findings,
    base_url: str,
    examples: int,
) -> None:
    strategies = [operation.as_strategy(generation_mode=mode, headers=headers) for headers in callers]
    fixed = fixed_path_parameters(operation, seeded)
    if fixed is not None:
        strategies += [operation.as_strategy(generation_mode=mode, headers=h, path_parameters=fixed) for h in callers]

    @settings(
        max_examples=examples * len(strategies),
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(case=st.one_of(strategies))
    def run(case: Any) -> None:
        transport_kwargs = case.as_transport_kwargs(base_url=base_url)
        response = send(as_sent(transport_kwargs))
        findings.statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS, transport_kwargs=transport_kwargs)

    try:
        run()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        findings.nothing_to_negate.append(operation.label)  # no parameter or body to make invalid
    except (Exception, BaseExceptionGroup) as exc:  # Schemathesis raises a FailureGroup
        findings.failures[f"{operation.label} ({mode.value})"] = str(exc)


def cover_operation(operation: Any, caller: dict[str, str], send: Send, findings: Findings, base_url: str) -> None:
    """Schemathesis' coverage phase: deterministic boundary and invalid values for every parameter and property
    (lengths at and past their limits, wrong types, missing required fields…), sent as one caller."""
    schema = operation.schema
    config = schema.config.generation_for(operation=operation, phase="coverage")
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    for case in schema.iter_coverage_cases(operation, generation_modes=modes, generation_config=config):
        case.headers = {**(case.headers or {}), **caller}  # the scheme's placeholder token → a valid one
        transport_kwargs = case.as_transport_kwargs(base_url=base_url)
        response = send(as_sent(transport_kwargs))
        findings.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, transport_kwargs=transport_kwargs)
        except (Exception, BaseExceptionGroup) as exc:
            findings.failures[f"{operation.label} (coverage)"] = str(exc)
            return


async def fuzz_app(
    app: Any,
    document: dict[str, Any],
    base_url: str,
    callers: list[dict[str, str]],
    seeded: dict[str, str],
    examples: int,
    coverage: bool = False,
) -> Findings:
    """Fuzz every operation of `document`, served by `app` (already started) under `base_url` (e.g. http://x/v1);
    with `coverage`, Schemathesis' coverage phase too (as the first caller)."""
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]  # our own documents are valid (the lint tests prove it)
    fuzzed = [op for op in operations if not streams_only(op)]
    loop = asyncio.get_running_loop()
    # A client of its own: an unhandled error comes back as the 500 a caller would see, not as the exception.
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False))
    findings = Findings(operations=len(fuzzed), streaming=[op.label for op in operations if streams_only(op)])

    stop = threading.Event()  # set when the test ends early (Ctrl-C): the worker must not wait on a stopped loop

    def send(prepared: requests.PreparedRequest) -> httpx.Response:
        if stop.is_set():
            raise RuntimeError("fuzzing stopped")
        request = client.request(
            prepared.method or "GET",
            prepared.url or "",
            headers={k: v if isinstance(v, str) else v.decode("latin-1") for k, v in prepared.headers.items()},
            content=prepared.body if isinstance(prepared.body, (str, bytes)) or prepared.body is None else bytes(prepared.body),  # type: ignore[arg-type]  # requests types a body loosely; Schemathesis sends bytes or str
        )
        return asyncio.run_coroutine_threadsafe(request, loop).result(timeout=60)

    def fuzz_all() -> None:
        for operation in fuzzed:
            if stop.is_set():
                return
            if coverage:
                cover_operation(operation, callers[0], send, findings, base_url)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                fuzz_operation(operation, mode, callers, seeded, send, findings, base_url, examples)

    try:
        await asyncio.to_thread(fuzz_all)
    finally:
        stop.set()
        await client.aclose()
    return findings
