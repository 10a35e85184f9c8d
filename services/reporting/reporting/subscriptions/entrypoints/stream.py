"""The live stream (Server-Sent Events) of the same events a webhook would receive, resumable with Last-Event-ID."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from journey_platform.auth import Principal, PrincipalDep
from journey_platform.reference import ReferenceData
from journey_platform.runtime import Container
from journey_platform.web.deps import GemeenteFilter, ReferenceDep
from journey_platform.web.problems import InvalidInput
from reporting.subscriptions.domain.channels import Kanaal
from reporting.subscriptions.domain.delivery import Filter
from reporting.subscriptions.service_layer import stream
from reporting.subscriptions.service_layer.policy import may_subscribe

router = APIRouter(tags=["abonnementen"])

_STREAM_RESPONSE = {
    200: {
        "description": "`text/event-stream`: one event per public CloudEvent; `id` is its sequence number.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


@router.get(
    "/gebeurtenissen/stream",
    response_class=EventSourceResponse,
    responses=_STREAM_RESPONSE,  # type: ignore[arg-type]  # FastAPI types responses narrower than the OpenAPI it accepts
    operation_id="volgGebeurtenissen",
    summary="Live stream (Server-Sent Events) of your residents' journey events; resume with Last-Event-ID",
)
async def volg_gebeurtenissen(
    request: Request,
    who: PrincipalDep,
    reference: ReferenceDep,
    kanalen: Annotated[list[Kanaal] | None, Query(description="Only these channels (default: all).")] = None,
    gemeente: GemeenteFilter = None,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", description="Resume after this event.")] = None,
) -> EventSourceResponse:
    may_subscribe(who, gemeente, reference)
    container = request.app.state.container
    after = _resume_point(last_event_id)
    if after is None:
        after = await stream.latest_sequence(container.sessionmaker)
    wanted = Filter(frozenset(k.value for k in (kanalen or list(Kanaal))), gemeente)
    settings = container.settings
    return EventSourceResponse(
        _events(container, who, reference, wanted, after, settings.stream_poll_interval_seconds),
        ping=settings.stream_ping_seconds,
    )


def _resume_point(last_event_id: str | None) -> int | None:
    if last_event_id is None:
        return None  # a new listener starts at the live end
    if not (last_event_id.isascii() and last_event_id.isdigit() and len(last_event_id) <= 18):  # "²" is a digit too
        raise InvalidInput.field("Last-Event-ID", "must be the id of an event from this stream (a sequence number)")
    return int(last_event_id)


async def _events(
    container: Container,
    who: Principal,
    reference: ReferenceData,
    wanted: Filter,
    after: int,
    poll_interval: float,
) -> AsyncIterator[ServerSentEvent]:
    cursor = after
    while True:
        cursor, items = await stream.events_after(container.sessionmaker, cursor, who, reference, wanted)
        for item in items:
            yield ServerSentEvent(json.dumps(item.cloudevent, separators=(",", ":")), event="cloudevent", id=str(item.volgnummer))
        if not items:
            await asyncio.sleep(poll_interval)
