"""Inviting a client to the questionnaire, opening the one-time link, and storing the answers apart from identity.

The invitation knows the journey (to check who may invite, and the region, municipality and phase it carries); the
answer knows only region, municipality, moment, phase and month. When the link is used, the invitation is marked used
and its journey erased, so afterwards nothing leads from an answer to a person (docs/experience.md)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select, update

from journey_platform import journeys
from journey_platform.db import utcnow
from journey_platform.dutch_calendar import dutch_date
from journey_platform.errors import Forbidden, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal
from journey_platform.reference import ReferenceData
from reporting.adapters.orm import Traject
from reporting.experience.adapters.orm import Ervaringsantwoord, Ervaringsuitnodiging
from reporting.experience.domain import questionnaire, tokens
from reporting.experience.domain.questionnaire import Moment, Vragenlijst
from reporting.experience.domain.tokens import Geldigheid
from reporting.experience.service_layer.views import UitnodigingView
from reporting.service_layer.policy import owner_facts_known

PAGE = "/v1/vragenlijst/{token}"


@dataclass(frozen=True)
class ExperienceContext:
    reference: ReferenceData
    vragenlijst: Vragenlijst
    link_valid_days: float


async def nodig_uit(
    traject_id: uuid.UUID, moment: Moment, uow: UnitOfWork, who: Principal, ctx: ExperienceContext
) -> UitnodigingView:
    """Central access or the journey's local team invites its client (issue 17: "the client can be invited")."""
    if not (who.is_local_team or who.is_central_access):
        raise Forbidden("only the central access point or the journey's local team invites a client to the questionnaire")
    traject = await uow.session.scalar(select(Traject).where(Traject.id == traject_id, owner_facts_known()))
    if traject is None:
        raise NotFound(f"journey {traject_id} not found")
    if not journeys.may_see_journey(who, traject.gemeente_melding, traject.verantwoordelijke_gemeente, ctx.reference):
        raise Forbidden("this journey belongs to a municipality outside your organisation's reach")
    gemeente = traject.verantwoordelijke_gemeente or traject.gemeente_melding or ""
    token, now = tokens.new_token(), utcnow()
    uitnodiging = Ervaringsuitnodiging(
        id=uuid.uuid4(),
        token_hash=tokens.token_hash(token),
        traject_id=traject.id,
        moment=moment.value,
        regio=ctx.reference.region_of(gemeente) or traject.regio,
        gemeente=gemeente,
        fase=traject.fase,
        uitgenodigd_door=who.org_id,
        aangemaakt_op=now,
        verloopt_op=tokens.expiry(now, ctx.link_valid_days),
    )
    uow.session.add(uitnodiging)
    await uow.commit()
    return UitnodigingView(
        id=uitnodiging.id,
        moment=moment.value,
        verloopt_op=uitnodiging.verloopt_op,
        link=PAGE.format(token=token),
        traject_id=traject.id,
    )


async def _find(token: str, uow: UnitOfWork) -> Ervaringsuitnodiging | None:
    if not tokens.well_formed(token):
        return None
    found: Ervaringsuitnodiging | None = await uow.session.scalar(
        select(Ervaringsuitnodiging).where(Ervaringsuitnodiging.token_hash == tokens.token_hash(token))
    )
    return found


async def open_link(token: str, uow: UnitOfWork) -> tuple[Geldigheid, Moment | None]:
    """Whether the link can be used, and at which moment of the journey it was given."""
    found = await _find(token, uow)
    state = tokens.geldigheid(
        found is not None, found.verloopt_op if found else None, found.gebruikt_op if found else None, utcnow()
    )
    return state, Moment(found.moment) if found is not None and state is Geldigheid.geldig else None


async def beantwoord(token: str, form: dict[str, str], uow: UnitOfWork, ctx: ExperienceContext) -> Geldigheid:
    """Stores the answers once; a second use, an expired or unknown link changes nothing and says why."""
    found = await _find(token, uow)
    now = utcnow()
    state = tokens.geldigheid(found is not None, found.verloopt_op if found else None, found.gebruikt_op if found else None, now)
    if found is None or state is not Geldigheid.geldig:
        return state
    ingevuld = questionnaire.read(Moment(found.moment), form, ctx.vragenlijst)  # refuses a tampered form, naming fields
    # Used once: only the request that marks it unused → used stores answers (two tabs submitting at once).
    marked = await uow.session.execute(
        update(Ervaringsuitnodiging)
        .where(Ervaringsuitnodiging.id == found.id, Ervaringsuitnodiging.gebruikt_op.is_(None))
        .values(gebruikt_op=now, traject_id=None)
    )
    if marked.rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE's CursorResult has rowcount
        await uow.rollback()
        return Geldigheid.gebruikt
    day = dutch_date(now)
    uow.session.add(
        Ervaringsantwoord(
            id=uuid.uuid4(),
            regio=found.regio,
            gemeente=found.gemeente,
            moment=found.moment,
            fase=found.fase,
            periode=f"{day.year:04d}-{day.month:02d}",
            vragenlijst_versie=ctx.vragenlijst.versie,
            scores=ingevuld.scores,
            verhaal=ingevuld.verhaal,
        )
    )
    await uow.commit()
    return Geldigheid.geldig
