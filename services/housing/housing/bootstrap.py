"""Wires housing: it follows placement's ready-to-leave and intake's prevention cases, runs matching when
the pool changed, and watches offers and the three-month target. Called from the app's lifespan."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from housing.adapters.orm import Base, messaging, verwerkingen
from housing.adapters.unit_of_work import SqlUnitOfWork, unit_of_work
from housing.adapters.verwerkingen import SUBJECTS
from housing.service_layer import aftercare, candidates, consents
from housing.service_layer.context import HousingContext
from housing.service_layer.erasure import on_persoon_gewist
from housing.service_layer.history_import import remember_sources
from housing.service_layer.matching_round import round_due, run_round
from housing.service_layer.watch import signal_time
from housing.settings import HousingSettings
from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.identity import identity_handlers
from journey_platform.messaging.handlers import combine_handlers
from journey_platform.privacy.setup import install_processing_log
from journey_platform.runtime import Container, Subscription, build_container, start_messaging
from journey_platform.settings import ServiceSettings

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Housing stock registered by corporations and other suppliers; candidates ready to leave shelter or sheltered "
    "housing (and prevention cases that need a home); a globally optimal matching with a readable explanation per "
    "proposal; offers with expiry and stall timer; move-in and the warm handover to the local team; aftercare (nazorg) "
    "after the move: follow-ups, the overdue worklist and relapse signals."
)


def subscription(ctx: HousingContext) -> Subscription:
    erasure = {PersoonGewist.event_type(): on_persoon_gewist}
    identity = identity_handlers(Base.metadata)  # merges and splits of persons: candidates follow the surviving client
    return Subscription(
        name="housing",
        producers=("intake", "placement"),
        handlers=remember_sources(  # imported history (docs/import.md): its source ids kept
            combine_handlers(candidates.handlers(ctx), aftercare.handlers(ctx), consents.handlers(), erasure, identity)
        ),
    )


async def start(settings: ServiceSettings) -> Container:
    assert isinstance(settings, HousingSettings)
    container = build_container(settings, messaging, uow_class=SqlUnitOfWork)
    install_processing_log(container, "housing", verwerkingen, SUBJECTS)
    ctx = HousingContext(reference=container.reference, settings=settings, clock=lambda: datetime.now(UTC))
    container.extras["context"] = ctx
    await start_messaging(container, producing="housing", subscriptions=[subscription(ctx)])

    async def match_when_changed(uow: SqlUnitOfWork) -> None:
        if await round_due(uow):
            await run_round(uow, ctx, "automatisch")
            await uow.commit()

    async def watch(uow: SqlUnitOfWork) -> None:
        await signal_time(uow, ctx)

    container.supervise("matcher", lambda: _every(container, settings.matching_interval_seconds, match_when_changed))
    container.supervise("offer-and-target-watcher", lambda: _every(container, settings.watch_interval_seconds, watch))
    return container


async def _every(container: Container, seconds: float, job: Callable[[SqlUnitOfWork], Awaitable[None]]) -> None:
    while True:
        try:
            async with unit_of_work(container) as uow:
                await job(uow)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed; trying again next round", getattr(job, "__name__", "job"))
        await asyncio.sleep(seconds)
