"""Wires intake: container, messaging, the deadline watcher, the retention job. Called from the app's lifespan."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from intake.adapters.crypto import KeyRing
from intake.adapters.orm import messaging, verwerkingen
from intake.adapters.unit_of_work import SqlUnitOfWork
from intake.adapters.verwerkingen import SUBJECTS
from intake.service_layer import followed, relapse
from intake.service_layer.bw_use import HANDLERS as BW_USE_HANDLERS
from intake.service_layer.context import IntakeContext
from intake.service_layer.decision_term import signaleer_termijnen
from intake.service_layer.episodes import EpisodeSettings, close_due
from intake.service_layer.retention import erase_expired
from intake.settings import IntakeSettings
from journey_platform.backdating import LatePolicy
from journey_platform.messaging.handlers import combine_handlers
from journey_platform.privacy.setup import install_processing_log
from journey_platform.reference import ReferenceData
from journey_platform.runtime import Container, Subscription, build_container, start_messaging
from journey_platform.settings import ServiceSettings

log = logging.getLogger(__name__)


def subscription(episode_settings: EpisodeSettings, reference: ReferenceData) -> Subscription:
    """Intake follows placement's and housing's events for the episode's lifecycle (service_layer/followed.py) and
    placement's BW stays for the BW new-client rule (service_layer/bw_use.py), and opens prevention on housing's relapse
    signals during aftercare (service_layer/relapse.py); it owns everything else it knows."""
    return Subscription(
        name="intake",
        producers=("placement", "housing"),
        handlers=combine_handlers(followed.handlers(episode_settings), BW_USE_HANDLERS, relapse.handlers(reference)),
    )


def build(settings: IntakeSettings) -> Container:
    container = build_container(settings, messaging, uow_class=SqlUnitOfWork)
    install_processing_log(container, "intake", verwerkingen, SUBJECTS)
    container.extras["context"] = IntakeContext(
        reference=container.reference,
        keyring=KeyRing(settings.bsn_keys, settings.bsn_index_key),
        clock=lambda: datetime.now(UTC),
        late=LatePolicy.from_settings(settings),
    )
    return container


async def start(settings: ServiceSettings) -> Container:
    assert isinstance(settings, IntakeSettings)
    container = build(settings)
    await start_messaging(
        container, producing="intake", subscriptions=[subscription(settings.episode_settings(), container.reference)]
    )
    if settings.episode_job_enabled:
        container.supervise("episode-job", lambda: _close_episodes(container, settings))
    if settings.deadline_watcher_enabled:
        container.supervise("deadline-watcher", lambda: _watch_deadlines(container, settings))
    if settings.retention_job_enabled:
        container.supervise("retention-job", lambda: _enforce_retention(container, settings))
    return container


async def _watch_deadlines(container: Container, settings: IntakeSettings) -> None:
    context: IntakeContext = container.extras["context"]
    while True:
        await asyncio.sleep(settings.deadline_check_interval_seconds)
        try:
            async with container.uow() as uow:
                await signaleer_termijnen(uow, context.today())
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("deadline watcher failed; trying again next round")


async def _enforce_retention(container: Container, settings: IntakeSettings) -> None:
    periods = settings.retention_periods()
    while True:
        await asyncio.sleep(settings.retention_check_interval_seconds)
        context: IntakeContext = container.extras["context"]  # each round: its clock is the service's
        try:
            erased = await erase_expired(container.uow, periods, context.clock())
            if erased:
                log.info("retention job erased %d person(s)", len(erased))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("retention job failed; trying again next round")


async def _close_episodes(container: Container, settings: IntakeSettings) -> None:
    """Supervised periodic job: closes episodes whose aftercare is over and episodes inactive for the set period."""
    episode_settings = settings.episode_settings()
    while True:
        await asyncio.sleep(settings.episode_check_interval_seconds)
        context: IntakeContext = container.extras["context"]
        try:
            async with container.uow() as uow:
                closed = await close_due(uow, episode_settings, context.clock())
            if closed:
                log.info("episode job closed %d journey(s)", len(closed))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("episode job failed; trying again next round")
