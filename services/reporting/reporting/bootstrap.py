"""Wires reporting: it follows every producing service and projects each event onto its journey."""

from __future__ import annotations

from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.contracts.identity import PersonenSamengevoegd, PersoonGesplitst
from journey_platform.contracts.versions import readable_types
from journey_platform.privacy.setup import install_processing_log
from journey_platform.runtime import Container, Subscription, build_container, start_messaging
from journey_platform.settings import ServiceSettings
from reporting.adapters.orm import messaging, verwerkingen
from reporting.adapters.verwerkingen import SUBJECTS
from reporting.domain.indicators.targets import load_doelen
from reporting.experience import bootstrap as experience
from reporting.service_layer.batch_projection import project_batch
from reporting.service_layer.erasure import on_persoon_gewist
from reporting.service_layer.identity import on_identity_changed
from reporting.service_layer.indicator_worker import Answers, InProcess, InThread
from reporting.service_layer.projector import project_event
from reporting.service_layer.rows_first import RowsFirst
from reporting.service_layer.stored_answers import StoredAnswers, fingerprint
from reporting.settings import ReportingSettings
from reporting.subscriptions import bootstrap as subscriptions

FOLLOWED_PRODUCERS = ("intake", "placement", "housing")


def subscription() -> Subscription:
    # Every version it can read, old ones included: they are stored as received and read as the newest.
    handlers = {t: project_event for t, c in readable_types().items() if c.producer in FOLLOWED_PRODUCERS}
    handlers[PersoonGewist.event_type()] = on_persoon_gewist  # makes the client unlinkable; not stored itself
    for changed in (PersonenSamengevoegd, PersoonGesplitst):  # journeys follow the person they are about; not stored
        handlers[changed.event_type()] = on_identity_changed
    # A batch's consecutive projected events in one call, one statement per table (an erasure or identity change
    # between them is applied on its own, in order); project_event stays the fallback when a batch fails.
    batch_handlers = {t: project_batch for t, h in handlers.items() if h is project_event}
    return Subscription(name="reporting", producers=FOLLOWED_PRODUCERS, handlers=handlers, batch_handlers=batch_handlers)


async def start(settings: ServiceSettings) -> Container:
    container = build_container(settings, messaging)
    install_processing_log(container, "reporting", verwerkingen, SUBJECTS)
    doelen = container.extras["doelen"] = load_doelen(getattr(settings, "doelen_file", None))
    answers: Answers = InThread(doelen, container.reference)
    if isinstance(settings, ReportingSettings) and settings.indicator_worker_mode() == "process":
        answers = InProcess(settings.database_url, doelen, container.reference, settings.indicator_worker_max_rss_mib)
    stored = StoredAnswers(answers, container.sessionmaker, fingerprint(doelen, container.reference))
    container.extras["indicator_answers"] = stored
    container.extras["rows_first"] = RowsFirst(doelen, container.reference, stored)  # SQL over the row read models, once built
    container.closers.append(stored.close)
    experience.start(container)
    await start_messaging(
        container,
        producing=None,
        subscriptions=[subscription(), subscriptions.subscription(container)],
        publishes_to=subscriptions.PUBLIC_TOPICS,
    )
    subscriptions.start_delivery(container)
    return container
