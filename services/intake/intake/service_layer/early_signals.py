"""Early signals (vroegsignalering): a housing corporation, local team or central access point reports payment
arrears or a threatened eviction; a prevention case opens on the tenant's journey for the local team ("no eviction
without an offer of suitable housing", DOMAIN.md)."""

from __future__ import annotations

import uuid

from intake.adapters.orm import Preventiezaak
from intake.domain.states import PreventiezaakStatus
from intake.service_layer import commands as c
from intake.service_layer.context import IntakeContext
from intake.service_layer.handlers import open_or_join_journey
from intake.service_layer.persons import find_or_create_person
from intake.service_layer.views import PreventiezaakView
from journey_platform.contracts import intake as ev
from journey_platform.errors import InvalidInput
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import OrgType, Principal


async def meld_vroegsignaal(cmd: c.MeldVroegsignaal, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> PreventiezaakView:
    who.require(OrgType.woningcorporatie, OrgType.gemeente, OrgType.centrale_toegang)
    if not ctx.reference.is_known_municipality(cmd.gemeente):
        raise InvalidInput.field("gemeente", "not a municipality of a region served here", "unknown-municipality")
    now = ctx.clock()
    persoon = await find_or_create_person(uow.session, cmd.huurder, ctx.keyring, now)
    traject, _ = await open_or_join_journey(
        uow, persoon.id, cmd.gemeente, cmd.gemeente, ctx.reference.region_of(cmd.gemeente), now
    )
    zaak = Preventiezaak(
        id=uuid.uuid4(),
        traject_id=traject.id,
        persoon_id=persoon.id,
        gemeente=cmd.gemeente,
        woningcorporatie=who.org_id,
        signaal_type=cmd.signaal_type.value,
        huishouden_grootte=cmd.huishouden_grootte,
        woning_nodig=cmd.woning_nodig,
        toelichting=await ctx.keys(uow).seal(persoon.id, cmd.toelichting),
        status=PreventiezaakStatus.open,
        geopend_op=now,
    )
    uow.session.add(zaak)
    uow.publish(
        ev.PreventiezaakGeopend(
            traject_id=traject.id,
            client_id=persoon.id,
            preventiezaak_id=zaak.id,
            signaal_type=zaak.signaal_type,
            gemeente=cmd.gemeente,
            woningcorporatie=who.org_id,
            huishouden_grootte=cmd.huishouden_grootte,
            woning_nodig=cmd.woning_nodig,
        )
    )
    await uow.commit()
    return PreventiezaakView.model_validate(zaak).model_copy(update={"toelichting": cmd.toelichting})
