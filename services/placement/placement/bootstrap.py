"""Wires placement. It follows intake's decisions; the handlers come with the placement issue."""

from __future__ import annotations

from placement.adapters.orm import messaging
from journey_platform.runtime import Container, Subscription, build_container, start_messaging
from journey_platform.settings import ServiceSettings

DESCRIPTION = "Shelters and sheltered housing: admissions, the central waiting list, support plans and outflow."


def subscription() -> Subscription:
    return Subscription(name="placement", producers=("intake",), handlers={})


async def start(settings: ServiceSettings) -> Container:
    container = build_container(settings, messaging)
    await start_messaging(container, producing="placement", subscriptions=[subscription()])
    return container
