"""Consent (toestemming): a case worker records the client's consent to share data with another organisation,
with its scope and period, and records its revocation. Housing and placement follow the events."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, model_validator
from sqlalchemy import ColumnElement, false, or_, select

from intake.adapters.orm import Toestemming, Traject
from intake.service_layer import policy
from intake.service_layer.context import IntakeContext
from intake.service_layer.views import View
from journey_platform import sharing
from journey_platform.contracts import consent as ev
from journey_platform.errors import Conflict, Forbidden, InvalidInput, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.paging import page_of
from journey_platform.principal import Principal
from journey_platform.web.commands import Command

OrganisatieId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,59}$", examples=["dewoonplaats"])]


class LegToestemmingVast(Command):
    traject_id: uuid.UUID = Field(description="The journey in which the client gave consent.")
    ontvanger_type: sharing.OntvangerType = Field(description="The kind of organisation that may receive the data.")
    ontvanger_id: OrganisatieId | None = Field(
        None, description="The organisation that may receive the data; omitted: every organisation of ontvangerType."
    )
    doelen: list[sharing.Doel] = Field(min_length=1, max_length=len(sharing.Doel), description="Purposes covered.")
    geldig_van: date | None = Field(None, description="First day of validity (Dutch time); today when omitted.")
    geldig_tot: date = Field(description="Last day of validity, inclusive (Dutch time).")

    @model_validator(mode="after")
    def _period(self) -> LegToestemmingVast:
        if self.geldig_van is not None and self.geldig_tot < self.geldig_van:
            raise ValueError("geldigTot lies before geldigVan")
        return self


class TrekToestemmingIn(Command):
    reden_code: str | None = Field(None, pattern=r"^[a-z0-9-]{2,60}$", examples=["op-verzoek-client"])


class ToestemmingView(View):
    id: uuid.UUID
    traject_id: uuid.UUID
    client_id: uuid.UUID
    ontvanger_type: str
    ontvanger_id: str | None
    doelen: list[str]
    geldig_van: date
    geldig_tot: date
    status: sharing.ConsentStatus
    vastgelegd_door: str
    vastgelegd_op: datetime
    ingetrokken_op: datetime | None
    ingetrokken_door: str | None
    reden_intrekking: str | None


def _rule(t: Toestemming) -> sharing.Consent:
    return sharing.Consent(
        id=t.id,
        ontvanger_type=t.ontvanger_type,
        ontvanger_id=t.ontvanger_id,
        doelen=frozenset(t.doelen),
        geldig_van=t.geldig_van,
        geldig_tot=t.geldig_tot,
        ingetrokken_op=t.ingetrokken_op,
    )


def toestemming_view(t: Toestemming, now: datetime) -> ToestemmingView:
    return ToestemmingView(
        id=t.id,
        traject_id=t.traject_id,
        client_id=t.persoon_id,
        ontvanger_type=t.ontvanger_type,
        ontvanger_id=t.ontvanger_id,
        doelen=t.doelen,
        geldig_van=t.geldig_van,
        geldig_tot=t.geldig_tot,
        status=sharing.status(_rule(t), now),
        vastgelegd_door=t.vastgelegd_door,
        vastgelegd_op=t.vastgelegd_op,
        ingetrokken_op=t.ingetrokken_op,
        ingetrokken_door=t.ingetrokken_door,
        reden_intrekking=t.reden_intrekking,
    )


def _ensure_may_act_for(who: Principal, traject: Traject, ctx: IntakeContext) -> None:
    if not who.may_see_municipalities({traject.gemeente_melding, traject.verantwoordelijke_gemeente}, ctx.reference):
        raise Forbidden("this journey belongs to a municipality outside your organisation's reach")


def journey_filter(who: Principal, ctx: IntakeContext) -> ColumnElement[bool]:
    """The journeys a case worker acts for: the list-query form of `_ensure_may_act_for`."""
    if who.is_local_team:
        return or_(Traject.gemeente_melding == who.org_id, Traject.verantwoordelijke_gemeente == who.org_id)
    if who.is_central_access:
        codes = policy.region_municipalities(ctx.reference, who.region)
        return or_(Traject.gemeente_melding.in_(codes), Traject.verantwoordelijke_gemeente.in_(codes))
    return false()


def _publish(uow: UnitOfWork, t: Toestemming, contract: type[ev.ToestemmingVerleend | ev.ToestemmingIngetrokken]) -> None:
    scope = {
        "traject_id": t.traject_id,
        "client_id": t.persoon_id,
        "toestemming_id": t.id,
        "ontvanger_type": sharing.OntvangerType(t.ontvanger_type),
        "ontvanger_id": t.ontvanger_id,
        "doelen": [sharing.Doel(d) for d in t.doelen],
        "geldig_van": t.geldig_van,
        "geldig_tot": t.geldig_tot,
    }
    if contract is ev.ToestemmingVerleend:
        uow.publish(ev.ToestemmingVerleend(**scope, vastgelegd_door=t.vastgelegd_door))
    else:
        assert t.ingetrokken_op is not None and t.ingetrokken_door is not None
        uow.publish(ev.ToestemmingIngetrokken(**scope, ingetrokken_op=t.ingetrokken_op, ingetrokken_door=t.ingetrokken_door))


async def leg_toestemming_vast(cmd: LegToestemmingVast, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> ToestemmingView:
    policy.ensure_case_worker(who)
    traject = await uow.session.get(Traject, cmd.traject_id)
    if traject is None:
        raise InvalidInput.field("trajectId", "no such journey", "unknown-journey")
    _ensure_may_act_for(who, traject, ctx)
    today, now = ctx.today(), ctx.clock()
    if cmd.geldig_tot < today:
        raise InvalidInput.field("geldigTot", "lies in the past", "past")
    toestemming = Toestemming(
        id=uuid.uuid4(),
        traject_id=traject.id,
        persoon_id=traject.persoon_id,
        ontvanger_type=cmd.ontvanger_type.value,
        ontvanger_id=cmd.ontvanger_id,
        doelen=sorted({d.value for d in cmd.doelen}),
        geldig_van=cmd.geldig_van or today,
        geldig_tot=cmd.geldig_tot,
        vastgelegd_door=who.org_id,
        vastgelegd_op=now,
        ingetrokken_op=None,
        ingetrokken_door=None,
        reden_intrekking=None,
    )
    uow.session.add(toestemming)
    _publish(uow, toestemming, ev.ToestemmingVerleend)
    await uow.commit()
    return toestemming_view(toestemming, now)


async def _toestemming_for(
    uow: UnitOfWork, toestemming_id: uuid.UUID, who: Principal, ctx: IntakeContext, *, lock: bool = False
) -> Toestemming:
    policy.ensure_case_worker(who)
    query = select(Toestemming).where(Toestemming.id == toestemming_id)
    toestemming = await uow.session.scalar(query.with_for_update() if lock else query)
    if toestemming is None:
        raise NotFound(f"no consent {toestemming_id}")
    traject = await uow.session.get(Traject, toestemming.traject_id)
    assert traject is not None
    _ensure_may_act_for(who, traject, ctx)
    return toestemming


async def trek_toestemming_in(
    toestemming_id: uuid.UUID, cmd: TrekToestemmingIn, uow: UnitOfWork, who: Principal, ctx: IntakeContext
) -> ToestemmingView:
    toestemming = await _toestemming_for(uow, toestemming_id, who, ctx, lock=True)
    if toestemming.ingetrokken_op is not None:
        raise Conflict("this consent is already revoked")
    now = ctx.clock()
    toestemming.ingetrokken_op, toestemming.ingetrokken_door, toestemming.reden_intrekking = now, who.org_id, cmd.reden_code
    _publish(uow, toestemming, ev.ToestemmingIngetrokken)
    await uow.commit()
    return toestemming_view(toestemming, now)


async def get_toestemming(toestemming_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> ToestemmingView:
    return toestemming_view(await _toestemming_for(uow, toestemming_id, who, ctx), ctx.clock())


async def list_toestemmingen(
    uow: UnitOfWork,
    who: Principal,
    ctx: IntakeContext,
    *,
    client_id: uuid.UUID | None,
    traject_id: uuid.UUID | None,
    page: int,
    size: int,
) -> list[ToestemmingView]:
    policy.ensure_case_worker(who)
    query = select(Toestemming).join(Traject, Traject.id == Toestemming.traject_id).where(journey_filter(who, ctx))
    if client_id:
        query = query.where(Toestemming.persoon_id == client_id)
    if traject_id:
        query = query.where(Toestemming.traject_id == traject_id)
    query = query.order_by(Toestemming.vastgelegd_op.desc(), Toestemming.id)
    now = ctx.clock()
    return [toestemming_view(t, now) for t in await page_of(uow.session, query, page, size)]
