"""A real HTTP server for the dashboard (Chromium needs a port), and headless Chromium itself."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from journey_platform.testing.browser import CHROMIUM_FLAGS, find_chromium
from journey_platform.testing.plugin import RunningService, free_port

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="session")
def chromium() -> str:
    return find_chromium()


@pytest.fixture
async def served_reporting(start_service: Any) -> AsyncIterator[tuple[RunningService, str]]:
    """Reporting's app (already started by the fixture) also served over HTTP on a free port, in this event loop."""
    service: RunningService = await start_service("reporting")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(service.app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event to await
        await asyncio.sleep(0.05)
    yield service, f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


async def run_chromium(chromium: str, profile: Path, *args: str) -> str:
    """Chromium as a subprocess of this event loop, so the server above keeps answering while it loads the page."""
    process = await asyncio.create_subprocess_exec(
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    return stdout.decode()
