"""Move-in and the warm handover to the local team of the municipality where the home is."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from housing.adapters.orm import Kandidaat, Overdracht
from housing.domain import rules
from housing.service_layer import aftercare, policy, sharing
from housing.service_layer import commands as c
from housing.service_layer.context import HousingContext
from housing.service_layer.offers import get_or_404, offer_for
from housing.service_layer.views import OverdrachtView
from journey_platform.backdating import Recorder
from journey_platform.contracts import housing as ev
from journey_platform.errors import Conflict, Forbidden
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.paging import page_of
from journey_platform.principal import Principal


async def meld_verhuizing(
    aanbod_id: uuid.UUID, cmd: c.MeldVerhuizing, uow: UnitOfWork, who: Principal, ctx: HousingContext
) -> OverdrachtView:
    aanbod, kandidaat, woning = await offer_for(uow, aanbod_id)
    if not (policy.is_coordinator(who, kandidaat, ctx.reference) or policy.owns_unit(who, woning)):
        raise Forbidden("only the client's coordinator or the unit's supplier reports a move-in")
    if aanbod.status != "geaccepteerd":
        raise Conflict(f"offer is {aanbod.status}; a move-in follows an accepted offer")
    now = ctx.clock()
    moved = ctx.moment(
        cmd.verhuisd_op, "verhuisdOp", Recorder(uow, who, cmd.reden_late_registratie), aanbod.gedaan_op, "the offer was made"
    )
    # outside production a backdated move-in starts the handover then too; in production the local team hears of it now
    started = moved if ctx.late.free and cmd.verhuisd_op is not None else now
    aanbod.status, aanbod.verhuisd_op = "verhuisd", moved
    kandidaat.status, kandidaat.gehuisvest_op = "gehuisvest", moved
    woning.status = "verhuurd"
    overdracht = Overdracht(
        id=uuid.uuid4(),
        aanbod_id=aanbod.id,
        kandidaat_id=kandidaat.id,
        traject_id=kandidaat.traject_id,
        gemeente=woning.gemeente,
        vorige_gemeente=kandidaat.verantwoordelijke_gemeente,
        te_regelen=rules.to_arrange(
            woning.gemeente,
            kandidaat.verantwoordelijke_gemeente,
            debt_counselling=cmd.lopende_schuldhulpverlening,
            furnished=woning.gemeubileerd,
            ran_in=dict(kandidaat.lopend_in or {}),
        ),
        opvang_na_verhuizing=(
            ev.OpvangNaVerhuizing.bw_loopt_door_als_ambulant
            if cmd.bw_loopt_door_als_ambulant
            else ev.OpvangNaVerhuizing.beeindigd
        ).value,
        status="gestart",
        gestart_op=started,
        bevestigd_op=None,
        bevestigd_door=None,
    )
    uow.session.add(overdracht)
    if not policy.is_coordinator(who, kandidaat, ctx.reference) and (to := sharing.recipient(who)):
        await sharing.share(uow, kandidaat, to, "overdracht", overdracht.id, now)
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
    uow.publish(
        ev.WarmeOverdrachtGestart(
            traject_id=kandidaat.traject_id,
            client_id=kandidaat.client_id,
            overdracht_id=overdracht.id,
            gemeente=woning.gemeente,
            te_regelen=[ev.TeRegelen(t) for t in overdracht.te_regelen],
            gestart_op=started,
        )
    )
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
        ervaringsdeskundige=cmd.nazorg_ervaringsdeskundige,
    )
    await uow.commit()
    return OverdrachtView.model_validate(overdracht)


async def bevestig_overdracht(
    overdracht_id: uuid.UUID, cmd: c.BevestigOverdracht, uow: UnitOfWork, who: Principal, ctx: HousingContext
) -> OverdrachtView:
    """The receiving local team acknowledges the handover."""
    overdracht: Overdracht = await get_or_404(uow, Overdracht, overdracht_id, "handover", lock=True)
    if not (who.is_local_team and who.org_id == overdracht.gemeente):
        raise Forbidden("only the local team of the municipality where the home is acknowledges the handover")
    if overdracht.status != "gestart":
        raise Conflict(f"handover is already {overdracht.status}")
    kandidaat = await uow.session.get(Kandidaat, overdracht.kandidaat_id)
    assert kandidaat is not None
    now = ctx.moment(
        cmd.bevestigd_op,
        "bevestigdOp",
        Recorder(uow, who, cmd.reden_late_registratie),
        overdracht.gestart_op,
        "the handover started",
    )
    overdracht.status, overdracht.bevestigd_op, overdracht.bevestigd_door = "bevestigd", now, who.org_id
    uow.publish(
        ev.WarmeOverdrachtBevestigd(
            traject_id=kandidaat.traject_id,
            client_id=kandidaat.client_id,
            overdracht_id=overdracht.id,
            gemeente=overdracht.gemeente,
            bevestigd_op=now,
        )
    )
    await uow.commit()
    return OverdrachtView.model_validate(overdracht)


async def list_overdrachten(
    uow: UnitOfWork, who: Principal, ctx: HousingContext, *, status: str | None, page: int, size: int
) -> list[OverdrachtView]:
    query = select(Overdracht).where(policy.overdracht_filter(who, ctx.reference))
    if status:
        query = query.where(Overdracht.status == status)
    query = query.order_by(Overdracht.gestart_op.desc(), Overdracht.id)
    return [OverdrachtView.model_validate(o) for o in await page_of(uow.session, query, page, size)]


async def get_overdracht(overdracht_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: HousingContext) -> OverdrachtView:
    overdracht: Overdracht = await get_or_404(uow, Overdracht, overdracht_id, "handover")
    kandidaat = await uow.session.get(Kandidaat, overdracht.kandidaat_id)
    assert kandidaat is not None
    if not policy.may_see_overdracht(who, overdracht, kandidaat, ctx.reference):
        raise Forbidden("this handover is not for your organisation")
    return OverdrachtView.model_validate(overdracht)
