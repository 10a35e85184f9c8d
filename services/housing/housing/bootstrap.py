"""Wires housing. It follows placement's ready-to-leave and intake's prevention cases; the handlers
come with the housing issue."""

from __future__ import annotations

from housing.adapters.orm import messaging
from journey_platform.runtime import Container, Subscription, build_container, start_messaging
from journey_platform.settings import ServiceSettings

DESCRIPTION = "Housing stock, matching candidates to homes, offers, move-in and the warm handover."


def subscription() -> Subscription:
    return Subscription(name="housing", producers=("intake", "placement"), handlers={})


async def start(settings: ServiceSettings) -> Container:
    container = build_container(settings, messaging)
    await start_messaging(container, producing="housing", subscriptions=[subscription()])
    return container
