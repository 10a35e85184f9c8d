"""Admission to a shelter: a place or a recorded refusal; the short stay, the acute checklist, Bed & Break."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import NoReturn

from sqlalchemy import select

from journey_platform import backdating
from journey_platform.backdating import Recorder
from journey_platform.contracts import placement as ev
from journey_platform.errors import Conflict, InvalidInput, NotFound
from journey_platform.principal import Principal
from placement.adapters.orm import ChecklistPunt, Ondersteuningsplan, Traject, Verblijf, Voorziening, Weigering
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import stays as rules
from placement.domain.facilities import unsafe_groups
from placement.service_layer import commands as c
from placement.service_layer import policy
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import ACTIVE, active_stay_of, facility, journey, needs, profile, stay, stay_view
from placement.service_layer.stays import NoRoom, StayRequest, short_stay_over, start_stay
from placement.service_layer.views import VerblijfView, WeigeringView

# The reasons an admission is refused, each recorded as a refusal (opname-geweigerd) and answered with 409.
REFUSED_NO_ROOM = "geen-plaats"
REFUSED_UNSAFE = "niet-veilig-voor-doelgroep"
REFUSED_SHORT_STAY_OVER = "kort-verblijf-verstreken"
REFUSED_NO_SUPPORT = "bed-en-break-zonder-ondersteuning"


async def neem_op(cmd: c.NeemOp, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext) -> VerblijfView:
    ctx = ctx.at(ctx.moment(cmd.opgenomen_op, "opgenomenOp", Recorder(uow, who, cmd.reden_late_registratie)))
    traject = await journey(uow, cmd.traject_id)
    place = await facility(uow, cmd.voorziening_id, lock=True, field="voorzieningId")
    policy.ensure_runs_or_governs(who, ctx.reference, place)
    time_out = rules.is_time_out(place.type, cmd.bed_en_break)
    running = await active_stay_of(uow, traject.id)
    if time_out:
        if not await _support_running(uow, traject, running):
            await _refuse_and_raise(
                uow,
                ctx,
                who,
                traject,
                place,
                cmd.bij_weigering,
                REFUSED_NO_SUPPORT,
                "a Bed & Break stay keeps existing support running; this client has no stay or support plan",
            )
        await _ensure_no_time_out_yet(uow, traject)
    elif running is not None:
        raise Conflict(f"the client already stays in facility {running.voorziening_id}; transfer instead")
    unsafe = unsafe_groups(profile(place), needs(traject))
    if unsafe:
        await _refuse_and_raise(
            uow,
            ctx,
            who,
            traject,
            place,
            cmd.bij_weigering,
            REFUSED_UNSAFE,
            f"{place.naam} is not safe for {', '.join(unsafe)}",
        )
    if not time_out and short_stay_over(ctx, traject, place.gemeente, ctx.clock()):
        await _refuse_and_raise(
            uow,
            ctx,
            who,
            traject,
            place,
            cmd.bij_weigering,
            REFUSED_SHORT_STAY_OVER,
            "this client's out-of-region short stay has already ended",
        )
    request = StayRequest(soort="opname", time_out=time_out, running_stay=running.id if time_out and running else None)
    try:
        admitted = await start_stay(uow, ctx, traject, place, request)
    except NoRoom as full:
        await _refuse_and_raise(uow, ctx, who, traject, place, cmd.bij_weigering, REFUSED_NO_ROOM, full.detail)
    await uow.commit()
    return await stay_view(uow, admitted)


async def _support_running(uow: SqlUnitOfWork, traject: Traject, running: Verblijf | None) -> bool:
    """Bed & Break / time-out is next to the client's existing support, which keeps running."""
    has_plan = await uow.session.scalar(select(Ondersteuningsplan.id).where(Ondersteuningsplan.traject_id == traject.id))
    return running is not None or has_plan is not None


async def _ensure_no_time_out_yet(uow: SqlUnitOfWork, traject: Traject) -> None:
    time_out = await active_stay_of(uow, traject.id, time_out=True)
    if time_out is not None:
        raise Conflict("the client is already on a Bed & Break stay")


async def _refuse_and_raise(
    uow: SqlUnitOfWork,
    ctx: PlacementContext,
    who: Principal,
    traject: Traject,
    place: Voorziening,
    outcome: c.BijWeigering | None,
    reason: str,
    detail: str,
) -> NoReturn:
    """The refusal is recorded and committed (the regions count them); the caller gets 409 naming it.
    Nothing else was changed in this unit of work before."""
    refusal = _refusal(
        uow,
        ctx,
        who,
        traject,
        place.id,
        place.gemeente,
        reason,
        outcome.alternatief_code if outcome else None,
        outcome.bestemming_code if outcome else None,
    )
    await uow.commit()
    raise NoRoom(f"{detail}; refusal {refusal.id} recorded")


def _refusal(
    uow: SqlUnitOfWork,
    ctx: PlacementContext,
    who: Principal,
    traject: Traject,
    voorziening_id: uuid.UUID | None,
    municipality: str,
    reason: str,
    alternative: str | None,
    destination: str | None,
) -> Weigering:
    now = ctx.clock()
    refusal = Weigering(
        id=uuid.uuid4(),
        traject_id=traject.id,
        voorziening_id=voorziening_id,
        gemeente=municipality,
        regio=ctx.reference.region_of(municipality),
        reden_code=reason,
        alternatief_code=alternative,
        bestemming_code=destination,
        geweigerd_door=who.org_id,
        geweigerd_op=now,
    )
    uow.session.add(refusal)
    uow.publish(
        ev.OpnameGeweigerd(
            traject_id=traject.id,
            client_id=traject.client_id,
            weigering_id=refusal.id,
            voorziening_id=voorziening_id,
            gemeente=municipality,
            regio=refusal.regio,
            reden_code=reason,
            alternatief_code=alternative,
            bestemming_code=destination,
            geweigerd_op=now,
        )
    )
    return refusal


async def registreer_weigering(
    cmd: c.RegistreerWeigering, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> WeigeringView:
    traject = await journey(uow, cmd.traject_id)
    municipality = cmd.gemeente
    if cmd.voorziening_id is not None:
        place = await facility(uow, cmd.voorziening_id, field="voorzieningId")
        policy.ensure_runs_or_governs(who, ctx.reference, place)
        municipality = municipality or place.gemeente
    elif not ctx.reference.is_known_municipality(str(municipality)):
        raise InvalidInput.field("gemeente", "not a municipality of a region served here", "unknown-municipality")
    else:
        policy.ensure_governs(who, ctx.reference, str(municipality))
    refusal = _refusal(
        uow, ctx, who, traject, cmd.voorziening_id, str(municipality), cmd.reden_code, cmd.alternatief_code, cmd.bestemming_code
    )
    await uow.commit()
    return WeigeringView.model_validate(refusal)


async def own_stay(uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext, verblijf_id: uuid.UUID) -> Verblijf:
    """A stay the caller acts on: the facility's provider, or the central access point of its region or the client's."""
    found = await stay(uow, verblijf_id, lock=True)
    place = await facility(uow, found.voorziening_id)
    if not policy.runs_or_governs(who, ctx.reference, place):
        policy.ensure_central_access(who)
        await policy.ensure_may_see_stay(uow, who, ctx.reference, found)
    if found.status != ACTIVE:
        raise Conflict(f"this stay is {found.status}")
    return found


async def verleng_kort_verblijf(
    verblijf_id: uuid.UUID, cmd: c.VerlengKortVerblijf, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> VerblijfView:
    found = await own_stay(uow, who, ctx, verblijf_id)
    if not found.kort_verblijf_buiten_regio:
        raise Conflict("only an out-of-region short stay is extended")
    if cmd.tot.tzinfo is None:
        raise InvalidInput.field("tot", "give a timezone", "timezone")
    if found.uiterlijk_tot is not None and cmd.tot <= found.uiterlijk_tot:
        raise InvalidInput.field("tot", "must lie after the current end of the stay", "not-later")
    found.uiterlijk_tot, found.verlenging_reden = cmd.tot, cmd.reden_code
    uow.publish(
        ev.KortVerblijfVerlengd(
            traject_id=found.traject_id,
            client_id=found.client_id,
            opname_id=found.id,
            verlengd_tot=cmd.tot,
            reden_code=cmd.reden_code,
        )
    )
    await uow.commit()
    return await stay_view(uow, found)


async def rond_checklist_item_af(
    verblijf_id: uuid.UUID,
    item: ev.ChecklistItem,
    cmd: c.RondChecklistItemAf,
    uow: SqlUnitOfWork,
    who: Principal,
    ctx: PlacementContext,
) -> VerblijfView:
    found = await own_stay(uow, who, ctx, verblijf_id)
    point = await uow.session.scalar(
        select(ChecklistPunt).where(ChecklistPunt.verblijf_id == found.id, ChecklistPunt.item == item.value)
    )
    if point is None:
        raise NotFound("this stay has no checklist (only the acute stay has one)")
    if point.afgerond_op is not None:
        raise Conflict(f"{item.value} was already arranged")
    done_on = cmd.afgerond_datum or ctx.today()
    if done_on > ctx.today() or done_on < rules.local_day(found.opgenomen_op):
        raise InvalidInput.field("afgerondDatum", "lies in the future or before the admission", "out-of-range")
    recorder = Recorder(uow, who, cmd.reden_late_registratie, found.traject_id)
    backdating.day(cmd.afgerond_datum, "afgerondDatum", now=ctx.clock(), policy=ctx.late, recorder=recorder)
    point.afgerond_op = ctx.clock() if cmd.afgerond_datum is None else datetime.combine(done_on, time(12, 0), tzinfo=rules.NL)
    point.op_tijd = rules.done_on_time(point.uiterlijk_op, done_on)
    uow.publish(
        ev.ChecklistItemAfgerond(
            traject_id=found.traject_id,
            client_id=found.client_id,
            opname_id=found.id,
            item=item,
            afgerond_op=point.afgerond_op,
            op_tijd=point.op_tijd,
        )
    )
    await uow.commit()
    return await stay_view(uow, found)
