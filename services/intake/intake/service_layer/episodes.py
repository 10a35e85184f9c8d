"""Episodes (trajecten) and their lifecycle: opening (a return when the person's last episode closed), activity, and
closing with a reason, published as `traject-afgesloten`. Intake owns the episode; every other service follows it.

The rules are in domain/episode.py; the seed sentences they follow in docs/episodes.md.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from intake.adapters.orm import Beschikking, Melding, Traject
from intake.domain import episode
from intake.domain.episode import Afsluitreden
from intake.domain.states import MeldingStatus
from journey_platform.contracts import intake as ev
from journey_platform.messaging.uow import UnitOfWork

REPORT_OPEN_STATES = (MeldingStatus.open, MeldingStatus.in_onderzoek)


@dataclass(frozen=True)
class EpisodeSettings:
    aftercare_days: int = episode.DEFAULT_AFTERCARE_DAYS
    inactivity_days: int = episode.DEFAULT_INACTIVITY_DAYS


async def open_or_join(
    uow: UnitOfWork,
    persoon_id: uuid.UUID,
    gemeente: str,
    responsible: str,
    region: str | None,
    now: datetime,
    reported_on: date,
    *,
    new_person: bool = False,
    flush: bool = True,
) -> tuple[Traject, bool]:
    """A person has at most one open episode: a new report joins it. Without one a new episode opens; when the person
        had one before (closed), the new one is a return and names it, with the days since it closed. `new_person`: created
        in this transaction, so without any episode (not looked up). `flush=False`: the caller adds only rows whose mapping
    orders them after the episode (adapters/orm.py, insert_after), so the episode waits for the unit of work's flush."""
    traject = None
    if not new_person:
        traject = await uow.session.scalar(
            select(Traject).where(Traject.persoon_id == persoon_id, Traject.status == episode.OPEN).limit(1).with_for_update()
        )
    if traject is not None:
        note_activity(traject, now)
        return traject, False
    previous = None
    if not new_person:
        previous = await uow.session.scalar(
            select(Traject)
            .where(Traject.persoon_id == persoon_id, Traject.status == episode.CLOSED, Traject.gesloten_op.is_not(None))
            .order_by(Traject.gesloten_op.desc())
            .limit(1)
        )
    traject = Traject(
        id=uuid.uuid4(),
        persoon_id=persoon_id,
        status=episode.OPEN,
        gemeente_melding=gemeente,
        verantwoordelijke_gemeente=responsible,
        regio=region,
        geopend_op=now,
        laatste_activiteit_op=now,
        lopend=[],
    )
    if previous is not None and previous.gesloten_op is not None:
        traject.vorig_traject_id = previous.id
        traject.dagen_sinds_vorig_traject = episode.days_since_closed(previous.gesloten_op, reported_on)
    uow.session.add(traject)
    uow.journey_opened(traject.id)
    if flush:
        await uow.session.flush()  # rows that refer to the episode are inserted after it
    return traject, True


def note_activity(traject: Traject, moment: datetime) -> None:
    if traject.laatste_activiteit_op is None or moment > traject.laatste_activiteit_op:
        traject.laatste_activiteit_op = moment


def activity_of(traject: Traject) -> episode.EpisodeActivity:
    return episode.EpisodeActivity(
        last_activity=traject.laatste_activiteit_op or traject.geopend_op, running=bool(traject.lopend)
    )


def close(uow: UnitOfWork, traject: Traject, reason: Afsluitreden, moment: datetime) -> bool:
    """Close an open episode with its reason and moment, and publish it. False when it was already closed."""
    if traject.status != episode.OPEN:
        return False
    traject.status, traject.afsluitreden, traject.gesloten_op = episode.CLOSED, reason.value, moment
    _publish_closing(uow, traject, reason, moment)
    return True


def _publish_closing(uow: UnitOfWork, traject: Traject, reason: Afsluitreden, moment: datetime) -> None:
    traject.afsluiting_gepubliceerd = True
    uow.publish(
        ev.TrajectAfgesloten(
            traject_id=traject.id,
            client_id=traject.persoon_id,
            reden_code=reason,
            afgesloten_op=moment,
            verantwoordelijke_gemeente=traject.verantwoordelijke_gemeente,
        )
    )


async def close_after_report_outcome(uow: UnitOfWork, melding: Melding, moment: datetime, *, no_support: bool) -> None:
    """A report closed without follow-up, or a decision of no support: the episode ends unless something else runs."""
    traject = await uow.session.get(Traject, melding.traject_id, with_for_update=True)
    if traject is None or traject.status != episode.OPEN:
        return
    others = list(
        await uow.session.scalars(select(Melding.status).where(Melding.traject_id == traject.id, Melding.id != melding.id))
    )
    granted = await uow.session.scalar(
        select(Beschikking.id)
        .where(
            Beschikking.traject_id == traject.id,
            Beschikking.melding_id != melding.id,
            Beschikking.besluit != ev.Besluit.geen_ondersteuning.value,
        )
        .limit(1)
    )
    if not episode.ends_with_report_outcome(
        other_open_reports=any(s in REPORT_OPEN_STATES for s in others),
        support_granted=granted is not None,
        running=bool(traject.lopend),
    ):
        return
    close(uow, traject, episode.reason_for_report_outcome([*others, melding.status], no_support), moment)


async def close_due(uow: UnitOfWork, settings: EpisodeSettings, now: datetime, limit: int = 2000) -> list[uuid.UUID]:
    """The periodic job: episodes whose aftercare is over, and episodes in which nothing happened for the inactivity
    period (no stay, contact or decision). One transaction; returns the closed episodes."""
    closed: list[uuid.UUID] = []
    unpublished = await uow.session.scalars(
        select(Traject)
        .where(Traject.status == episode.CLOSED, Traject.afsluiting_gepubliceerd.is_(False))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    for traject in unpublished:  # closed before episodes were published (migration 0005_episodes)
        traject.afsluiting_gepubliceerd = True
        if traject.gesloten_op is not None:
            _publish_closing(uow, traject, Afsluitreden(traject.afsluitreden or "geen-ondersteuning"), traject.gesloten_op)
    handed_over = await uow.session.scalars(
        select(Traject)
        .where(Traject.status == episode.OPEN, Traject.overdracht_bevestigd_op.is_not(None))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    for traject in handed_over:
        assert traject.overdracht_bevestigd_op is not None
        ends = episode.aftercare_ends(traject.overdracht_bevestigd_op, settings.aftercare_days)
        if ends <= now and close(uow, traject, Afsluitreden.gehuisvest_overgedragen, ends):
            closed.append(traject.id)
    quiet_since = now - timedelta(days=max(settings.inactivity_days - 1, 0))
    candidates = await uow.session.scalars(
        select(Traject)
        .where(Traject.status == episode.OPEN, Traject.id.not_in(closed), Traject.laatste_activiteit_op <= quiet_since)
        .order_by(Traject.laatste_activiteit_op)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    for traject in candidates:
        activity = activity_of(traject)
        if episode.is_inactive(activity, settings.inactivity_days, now):
            moment = episode.inactivity_closing_moment(activity, settings.inactivity_days)
            if close(uow, traject, Afsluitreden.inactief, moment):
                closed.append(traject.id)
    await uow.commit()
    return closed


async def handover_confirmed(uow: UnitOfWork, traject: Traject, confirmed_at: datetime, settings: EpisodeSettings) -> None:
    """Housed and the warm handover confirmed (housing's event): the episode ends after the aftercare period; with no
    aftercare at once, otherwise the periodic job closes it."""
    traject.overdracht_bevestigd_op = confirmed_at
    ends = episode.aftercare_ends(confirmed_at, settings.aftercare_days)
    if settings.aftercare_days <= 0:
        close(uow, traject, Afsluitreden.gehuisvest_overgedragen, ends)
