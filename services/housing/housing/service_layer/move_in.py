"""Move-in (verhuizing): the client moved into the offered home. The unit is let, the candidate housed, placement
ends the shelter stay on the `verhuisd` event, and the warm handover (handover.py) and aftercare start."""

from __future__ import annotations

import uuid

from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain import rules
from housing.domain.states import AanbodStatus, KandidaatStatus, WoningStatus
from housing.service_layer import aftercare, handover, policy
from housing.service_layer import commands as c
from housing.service_layer.context import HousingContext
from housing.service_layer.offers import offer_for
from housing.service_layer.views import OverdrachtView
from journey_platform.backdating import Recorder
from journey_platform.contracts import housing as ev
from journey_platform.errors import Conflict, Forbidden
from journey_platform.principal import Principal


async def meld_verhuizing(
    aanbod_id: uuid.UUID, cmd: c.MeldVerhuizing, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext
) -> OverdrachtView:
    aanbod, kandidaat, woning = await offer_for(uow, aanbod_id)
    if not (policy.is_coordinator(who, kandidaat, ctx.reference) or policy.owns_unit(who, woning)):
        raise Forbidden("only the client's coordinator or the unit's supplier reports a move-in")
    if aanbod.status != AanbodStatus.geaccepteerd:
        raise Conflict(f"offer is {aanbod.status}; a move-in follows an accepted offer")
    now = ctx.clock()
    moved = ctx.moment(
        cmd.verhuisd_op, "verhuisdOp", Recorder(uow, who, cmd.reden_late_registratie), aanbod.gedaan_op, "the offer was made"
    )
    # outside production a backdated move-in starts the handover then too; in production the local team hears of it now
    started = moved if ctx.late.free and cmd.verhuisd_op is not None else now
    aanbod.status, aanbod.verhuisd_op = AanbodStatus.verhuisd, moved
    kandidaat.status, kandidaat.gehuisvest_op = KandidaatStatus.gehuisvest, moved
    woning.status = WoningStatus.verhuurd
    overdracht = await handover.start_handover(uow, ctx, who, (aanbod, kandidaat, woning), cmd, started=started, now=now)
    origin = kandidaat.gemeente_van_herkomst
    uow.publish(
        ev.Verhuisd(
            traject_id=kandidaat.traject_id,
            client_id=kandidaat.client_id,
            woning_id=woning.id,
            woning_type=ev.WoningType(woning.type),
            housing_first=woning.type == ev.WoningType.housing_first,
            gemeente=woning.gemeente,
            wijk=woning.wijk,
            regio=ctx.reference.region_of(woning.gemeente),
            verhuisd_op=moved,
            dagen_sinds_uitstroomgereed=rules.days_waiting(kandidaat.uitstroomgereed_op, moved),
            gemeente_van_herkomst=origin,
            terug_naar_gemeente_van_herkomst=(woning.gemeente == origin) if origin else None,
            opvang_na_verhuizing=ev.OpvangNaVerhuizing(overdracht.opvang_na_verhuizing),
        )
    )
    uow.publish(handover.started_event(kandidaat, overdracht))
    # aftercare for the same local team, counted from the real move-in moment (docs/aftercare.md)
    await aftercare.open_plan(
        uow,
        ctx,
        traject_id=kandidaat.traject_id,
        client_id=kandidaat.client_id,
        bron=ev.NazorgBron.verhuizing,
        bron_id=overdracht.id,
        gemeente=woning.gemeente,
        started=moved,
        woning_id=woning.id,
        verhuurder=woning.geregistreerd_door,
        contactpersoon=cmd.nazorg_contactpersoon,
        aandachtspunten=cmd.nazorg_aandachtspunten,
    )
    await uow.commit()
    return OverdrachtView.model_validate(overdracht)
