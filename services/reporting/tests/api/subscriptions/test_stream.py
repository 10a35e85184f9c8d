"""The live stream over real HTTP: only the caller's residents, resumable with Last-Event-ID."""

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from journey_platform.testing.plugin import RunningService
from reporting.subscriptions.testing import serving

from .conftest import consume, melding, onderzoek

STREAM = "/v1/gebeurtenissen/stream"


async def read_events(base: str, headers: dict[str, str], count: int) -> list[dict[str, Any]]:
    """The first `count` events of the stream (id and CloudEvent), then hang up."""
    events: list[dict[str, Any]] = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client, client.stream("GET", STREAM, headers=headers) as response:
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["x-content-type-options"] == "nosniff"  # the security headers do not stop the stream
        async for event in _parse(response.aiter_lines()):
            events.append(event)
            if len(events) == count:
                break
    return events


async def _parse(lines: AsyncIterator[str]) -> AsyncIterator[dict[str, Any]]:
    current: dict[str, Any] = {}
    async for line in lines:
        if not line:
            if "data" in current:
                yield {"id": current["id"], "event": json.loads(current["data"])}
            current = {}
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            current[name] = value.removeprefix(" ")


async def test_stream_shows_own_residents_and_resumes_after_last_event_id(reporting: RunningService, auth: Any) -> None:
    zwolle = melding("GM0193")
    await consume(reporting, zwolle)
    await consume(reporting, melding("GM0150"))  # Deventer's resident: never in Zwolle's stream
    await consume(reporting, onderzoek(zwolle))
    headers = auth("gemeente", "GM0193")
    async with serving(reporting.app) as base:
        first, second = await read_events(base, {**headers, "Last-Event-ID": "0"}, 2)
        assert [e["event"]["data"]["gebeurtenis"].rsplit(".", 2)[-2] for e in (first, second)] == [
            "melding-geregistreerd",
            "onderzoek-gestart",
        ]
        assert int(second["id"]) > int(first["id"])
        [resumed] = await read_events(base, {**headers, "Last-Event-ID": first["id"]}, 1)
        assert resumed == second

        # Waiting at the end of the stream, it sees what happens next.
        live = asyncio.create_task(read_events(base, {**headers, "Last-Event-ID": second["id"]}, 1))
        later = melding("GM0193")
        await consume(reporting, later)
        [event] = await asyncio.wait_for(live, timeout=30)
        assert event["event"]["subject"] == str(later.traject_id)


async def test_stream_refuses_other_organisations_and_bad_resume_points(reporting: RunningService, auth: Any) -> None:
    provider = await reporting.client.get(STREAM, headers=auth("zorgaanbieder", "leger-des-heils"))
    assert provider.status_code == 403
    bad = await reporting.client.get(STREAM, headers={**auth("gemeente", "GM0193"), "Last-Event-ID": "abc"})
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "Last-Event-ID"
