"""Combining the handler maps of several parts of one service into the one map its consumer group applies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from journey_platform.messaging.consumer import Handler
from journey_platform.messaging.envelope import CloudEvent


def combine_handlers(*maps: Mapping[str, Handler]) -> dict[str, Handler]:
    """One map: where several parts follow the same event type, each of their handlers runs, in the order given,
    in the consumer's one transaction (so the inbox still makes the whole a no-op on redelivery)."""
    by_type: dict[str, list[Handler]] = {}
    for handlers in maps:
        for event_type, handler in handlers.items():
            by_type.setdefault(event_type, []).append(handler)
    return {event_type: found[0] if len(found) == 1 else _all_of(found) for event_type, found in by_type.items()}


def _all_of(handlers: list[Handler]) -> Handler:
    async def handle(event: CloudEvent, uow: Any) -> None:
        for handler in handlers:
            await handler(event, uow)

    return handle
