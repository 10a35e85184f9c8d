"""Wires placement: container, context, the consumer of intake's and housing's events, the watcher. Called from the lifespan."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, datetime

from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.identity import identity_handlers
from journey_platform.privacy.setup import install_processing_log
from journey_platform.runtime import Container, Subscription, build_container, start_messaging
from journey_platform.settings import ServiceSettings
from placement.adapters.orm import Base, messaging, verwerkingen
from placement.adapters.unit_of_work import SqlUnitOfWork, unit_of_work
from placement.adapters.verwerkingen import SUBJECTS
from placement.service_layer.context import PlacementContext
from placement.service_layer.erasure import on_persoon_gewist
from placement.service_layer.history_import import remember_sources
from placement.service_layer.move_in import handlers as move_in_handlers
from placement.service_layer.projection import handlers
from placement.service_layer.watch import bewaak
from placement.settings import PlacementSettings

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Shelters and sheltered housing: facilities and their capacity, admissions and refusals, the out-of-region short "
    "stay, the 8-week acute stay and its checklist, support plans, the central waiting list for BW and beschut wonen, "
    "placements and transfers, trajectory monitoring, ready to leave, discharge, provider failure and Bed & Break."
)


def subscription(context: PlacementContext) -> Subscription:
    erasure = {PersoonGewist.event_type(): on_persoon_gewist}
    identity = identity_handlers(Base.metadata)  # merges and splits of persons: journeys follow the surviving client
    history = replace(context, offers=False)
    return Subscription(
        name="placement",
        producers=("intake", "housing"),
        handlers={
            **remember_sources(  # imported history (docs/import.md): no waiting-list offers, its source ids kept
                {**handlers(context), **move_in_handlers(context)},
                {**handlers(history), **move_in_handlers(history)},
            ),
            **erasure,
            **identity,
        },
    )


def build(settings: PlacementSettings) -> Container:
    container = build_container(settings, messaging, uow_class=SqlUnitOfWork)
    install_processing_log(container, "placement", verwerkingen, SUBJECTS)
    container.extras["context"] = PlacementContext.from_settings(settings, container.reference, lambda: datetime.now(UTC))
    return container


async def start(settings: ServiceSettings) -> Container:
    assert isinstance(settings, PlacementSettings)
    container = build(settings)
    await start_messaging(container, producing="placement", subscriptions=[subscription(container.extras["context"])])
    container.supervise("stay-watcher", lambda: _watch(container, settings))
    return container


async def _watch(container: Container, settings: PlacementSettings) -> None:
    context: PlacementContext = container.extras["context"]
    while True:
        try:
            async with unit_of_work(container) as uow:
                await bewaak(uow, context, context.clock())
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("stay watcher failed; trying again next round")
        await asyncio.sleep(settings.watch_interval_seconds)
