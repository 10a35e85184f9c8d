"""Referrals (verwijzingen) between organisations: a report sent to another local team or access point, accepted or
declined there (DOMAIN.md, "referral")."""

from __future__ import annotations

import uuid
from datetime import datetime

from intake.adapters.orm import (
    Melding,
    Verwijzing,
)
from intake.adapters.unit_of_work import SqlUnitOfWork
from intake.domain.states import VerwijzingStatus
from intake.service_layer import commands as c
from intake.service_layer import policy
from intake.service_layer.context import IntakeContext
from intake.service_layer.handlers import OPEN_STATES, _melding_for, _parse_id
from intake.service_layer.persons import PersonKeys
from intake.service_layer.unit_of_work import IntakeUnitOfWork
from intake.service_layer.views import (
    VerwijzingView,
)
from journey_platform.contracts import intake as ev
from journey_platform.errors import Conflict, Forbidden, InvalidInput, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal


async def maak_verwijzing(cmd: c.MaakVerwijzing, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> VerwijzingView:
    policy.ensure_case_worker(who)
    melding = await _melding_for(uow, _parse_id(cmd.melding_id, "meldingId"), who, ctx)
    target = cmd.naar_organisatie
    if target.startswith("GM"):
        if not ctx.reference.is_known_municipality(target):
            raise InvalidInput.field("naarOrganisatie", "unknown municipality", "unknown-organisation")
    elif ctx.reference.central_access_region(target) is None:
        raise InvalidInput.field("naarOrganisatie", "unknown central access point", "unknown-organisation")
    if target == who.org_id:
        raise InvalidInput.field("naarOrganisatie", "cannot refer to your own organisation", "self-referral")
    if melding.status not in OPEN_STATES:
        raise Conflict(f"report is {melding.status}")
    verwijzing = Verwijzing(
        id=uuid.uuid4(),
        melding_id=melding.id,
        van_organisatie=who.org_id,
        naar_organisatie=target,
        status=VerwijzingStatus.open,
        toelichting=await ctx.keys(uow).seal(melding.persoon_id, cmd.toelichting),
        aangemaakt_op=ctx.clock(),
        beoordeeld_op=None,
    )
    uow.session.add(verwijzing)
    uow.publish(
        ev.VerwijzingAangemaakt(
            traject_id=melding.traject_id,
            client_id=melding.persoon_id,
            verwijzing_id=verwijzing.id,
            melding_id=melding.id,
            van_organisatie=who.org_id,
            naar_organisatie=target,
        )
    )
    await uow.commit()
    return VerwijzingView.model_validate(verwijzing).model_copy(update={"toelichting": cmd.toelichting})


async def beoordeel_verwijzing(
    verwijzing_id: uuid.UUID, cmd: c.BeoordeelVerwijzing, uow: SqlUnitOfWork, who: Principal, ctx: IntakeContext
) -> VerwijzingView:
    verwijzing, melding = await beoordeel(verwijzing_id, cmd, uow, who, ctx.clock())
    return await verwijzing_view(verwijzing, melding.persoon_id, ctx.keys(uow))


async def beoordeel(
    verwijzing_id: uuid.UUID, cmd: c.BeoordeelVerwijzing, uow: IntakeUnitOfWork, who: Principal, now: datetime
) -> tuple[Verwijzing, Melding]:
    """The receiving organisation accepts or refuses an open referral, once; `VerwijzingBeoordeeld` says which."""
    verwijzing = await uow.referrals.get(verwijzing_id, lock=True)
    if verwijzing is None:
        raise NotFound(f"no referral {verwijzing_id}")
    if verwijzing.naar_organisatie != who.org_id:
        raise Forbidden("only the receiving organisation accepts or refuses a referral")
    if verwijzing.status != VerwijzingStatus.open:
        raise Conflict(f"referral is already {verwijzing.status}")
    melding = await uow.reports.get(verwijzing.melding_id)
    assert melding is not None
    verwijzing.status = VerwijzingStatus.geaccepteerd if cmd.geaccepteerd else VerwijzingStatus.afgewezen
    verwijzing.beoordeeld_op = now
    uow.publish(
        ev.VerwijzingBeoordeeld(
            traject_id=melding.traject_id,
            client_id=melding.persoon_id,
            verwijzing_id=verwijzing.id,
            melding_id=melding.id,
            naar_organisatie=verwijzing.naar_organisatie,
            geaccepteerd=cmd.geaccepteerd,
        )
    )
    await uow.commit()
    return verwijzing, melding


async def verwijzing_view(verwijzing: Verwijzing, persoon_id: uuid.UUID, keys: PersonKeys) -> VerwijzingView:
    toelichting = await keys.open(persoon_id, verwijzing.toelichting)
    return VerwijzingView.model_validate(verwijzing).model_copy(update={"toelichting": toelichting})


async def get_verwijzing(verwijzing_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> VerwijzingView:
    verwijzing = await uow.session.get(Verwijzing, verwijzing_id)
    if verwijzing is None:
        raise NotFound(f"no referral {verwijzing_id}")
    melding = await _melding_for(uow, verwijzing.melding_id, who, ctx)
    return await verwijzing_view(verwijzing, melding.persoon_id, ctx.keys(uow))
