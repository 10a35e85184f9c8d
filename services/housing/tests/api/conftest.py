from typing import Any

import pytest

from journey_platform.testing.plugin import RunningService

# Background matching and watching stay quiet; the tests run rounds and timers themselves.
QUIET = {"matching_interval_seconds": 3600, "watch_interval_seconds": 3600}


@pytest.fixture
async def housing(start_service: Any) -> RunningService:
    service: RunningService = await start_service("housing", **QUIET)
    return service


def unit(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "aanbiederType": "woningcorporatie",
        "type": "sociale-huur",
        "gemeente": "GM0160",
        "wijk": "centrum",
        "huur": 640.0,
        "kamers": 2,
        "beschikbaarVanaf": "2026-01-01",
    }
    body.update(overrides)
    return body
