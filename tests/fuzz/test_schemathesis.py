"""Schemathesis against every operation of every service's /v1/openapi.json, with valid tokens.

Each service runs in process (its real app and migrated database) with a few seeded records; the operations come
from the document itself, so endpoints added later are fuzzed too. See engine.py for the checks.

`make test` runs Schemathesis' coverage phase (deterministic boundary values, some 4,000 requests; FUZZ_COVERAGE=0
leaves it out) and FUZZ_EXAMPLES (default 4) derandomized cases per operation, mode and caller; `make fuzz` many more.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from journey_platform.testing.plugin import SERVICES, RunningService

from .conftest import TARGETS
from .engine import fuzz_app

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
COVERAGE = os.environ.get("FUZZ_COVERAGE", "1") != "0"
METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.mark.fuzz
@pytest.mark.parametrize("service", SERVICES)
async def test_every_operation_survives_fuzzing(service: str, start_service: Any, auth: Any) -> None:
    target = TARGETS[service]
    running: RunningService = await start_service(service, **target.overrides)
    seeded = await target.seed(running, auth)
    document = running.app.state.api.openapi()

    findings = await fuzz_app(
        running.app, document, f"http://{service}/v1", [auth(*c) for c in target.callers], seeded, EXAMPLES, COVERAGE
    )

    print(f"{service}: {findings.summary()}")
    documented = sum(1 for item in document["paths"].values() for method in item if method in METHODS)
    assert findings.operations + len(findings.streaming) == documented > 0
    assert findings.requests >= 2 * findings.operations
    assert any(200 <= s < 300 for s in findings.statuses), "no request got through: tokens or seeds are wrong"
    assert not findings.failures, f"{len(findings.failures)} operation(s) failed:\n\n{findings.report()}"
