from typing import Any

import pytest

from journey_platform.testing.plugin import RunningService


@pytest.fixture
async def reporting(start_service: Any) -> RunningService:
    service: RunningService = await start_service("reporting")
    return service
