"""Placement from the waiting list or directly, transfers and discharge (ready to leave: ready_to_leave.py)."""

from __future__ import annotations

import uuid
from datetime import datetime

from journey_platform.backdating import Recorder
from journey_platform.errors import Conflict, Forbidden, InvalidInput
from journey_platform.principal import Principal
from placement.adapters.orm import Traject, Verblijf, Voorziening, WachtlijstAanmelding
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain.facilities import waiting_list_kind
from placement.domain.states import VerblijfStatus
from placement.service_layer import commands as c
from placement.service_layer import policy, sharing
from placement.service_layer.admissions import own_stay
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import active_stay_of, facility, journey, lock_facilities, stay, stay_view
from placement.service_layer.stays import Ending, StayRequest, end_stay, plan_first_check_in, start_stay
from placement.service_layer.views import VerblijfView
from placement.service_layer.waitlist import OFFERED, WAITING, leave, lock_entry


async def plaats(cmd: c.Plaats, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext) -> VerblijfView:
    """The central access point places a client: in the place offered from the list, or directly."""
    policy.ensure_central_access(who)
    ctx = ctx.at(ctx.moment(cmd.geplaatst_op, "geplaatstOp", Recorder(uow, who, cmd.reden_late_registratie)))
    seen = await uow.session.get(WachtlijstAanmelding, cmd.wachtlijst_aanmelding_id) if cmd.wachtlijst_aanmelding_id else None
    if cmd.wachtlijst_aanmelding_id and seen is None:
        raise InvalidInput.field("wachtlijstAanmeldingId", "no such waiting-list entry", "unknown-entry")
    traject = await journey(uow, seen.traject_id if seen else cmd.traject_id)  # type: ignore[arg-type]  # the command's validator requires trajectId when no waiting-list entry is given
    await policy.ensure_may_see_journey(uow, who, ctx.reference, traject.id)
    target_id = cmd.voorziening_id or (seen.aanbod_voorziening_id if seen else None)
    if target_id is None:
        raise InvalidInput.field("voorzieningId", "this client has no open offer; name the facility", "required")
    target = await facility(uow, target_id, field="voorzieningId")
    policy.ensure_governs(who, ctx.reference, target.gemeente)
    current = await active_stay_of(uow, traject.id, lock=True)
    _not_before_stay(cmd.geplaatst_op, "geplaatstOp", current)
    await lock_facilities(uow, [target.id, *([current.voorziening_id] if current else [])])
    entry = await _entry(uow, who, seen.id) if seen else None
    if entry and entry.status == OFFERED and target.id != entry.aanbod_voorziening_id:
        raise InvalidInput.field("voorzieningId", "differs from the place offered; decline the offer first", "not-offered")
    if entry and waiting_list_kind(target.type) != entry.voorziening:
        raise InvalidInput.field("voorzieningId", f"not a {entry.voorziening} facility", "wrong-kind")
    placed = await _move_in(uow, ctx, who, traject, target, entry, current)
    await uow.commit()
    return await stay_view(uow, placed)


async def _entry(uow: SqlUnitOfWork, who: Principal, entry_id: uuid.UUID) -> WachtlijstAanmelding:
    entry = await lock_entry(uow, entry_id)
    assert entry is not None
    if entry.regio != who.region:
        raise Forbidden("this waiting-list entry belongs to another region")
    if entry.status not in (WAITING, OFFERED):
        raise Conflict(f"this client is no longer waiting ({entry.status})")
    return entry


async def _move_in(
    uow: SqlUnitOfWork,
    ctx: PlacementContext,
    who: Principal,
    traject: Traject,
    place: Voorziening,
    from_entry: WachtlijstAanmelding | None,
    current: Verblijf | None,
) -> Verblijf:
    """A placement; a client who already stays somewhere moves (a transfer), so nobody holds two places.
    The caller holds the locks: the current stay, then the facilities, then the entry."""
    if current is not None and current.voorziening_id == place.id:
        raise Conflict("the client already stays in this facility")
    request = StayRequest(
        soort="plaatsing", from_waiting_list=from_entry.id if from_entry else None, transfer_of=current.id if current else None
    )
    placed = await start_stay(uow, ctx, traject, place, request)
    if from_entry is not None:
        from_entry.aanbod_voorziening_id = None
        leave(uow, ctx, from_entry, "geplaatst", ctx.clock())
    if current is not None:
        await end_stay(uow, ctx, current, Ending(status=VerblijfStatus.overgeplaatst, reden="overplaatsing"))
    await plan_first_check_in(uow, ctx, traject.id, who.org_id)
    return placed


async def plaats_over(
    verblijf_id: uuid.UUID, cmd: c.PlaatsOver, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> VerblijfView:
    current = await own_stay(uow, who, ctx, verblijf_id)
    policy.ensure_central_access(who)
    ctx = ctx.at(
        ctx.moment(
            cmd.geplaatst_op,
            "geplaatstOp",
            Recorder(uow, who, cmd.reden_late_registratie),
            current.opgenomen_op,
            "the current stay began",
        )
    )
    if current.bed_en_break:
        raise Conflict("a Bed & Break stay is not transferred; end it")
    target = await facility(uow, cmd.naar_voorziening_id, field="naarVoorzieningId")
    policy.ensure_governs(who, ctx.reference, target.gemeente)
    await lock_facilities(uow, [target.id, current.voorziening_id])
    traject = await journey(uow, current.traject_id)
    placed = await _move_in(uow, ctx, who, traject, target, None, current)
    await uow.commit()
    return await stay_view(uow, placed)


async def stroom_uit(
    verblijf_id: uuid.UUID, cmd: c.StroomUit, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> VerblijfView:
    current = await own_stay(uow, who, ctx, verblijf_id)
    ctx = ctx.at(
        ctx.moment(
            cmd.uitgestroomd_op,
            "uitgestroomdOp",
            Recorder(uow, who, cmd.reden_late_registratie),
            current.opgenomen_op,
            "the stay began",
        )
    )
    traject = await journey(uow, current.traject_id)
    ending = Ending(
        status=VerblijfStatus.uitgestroomd,
        bestemming=cmd.bestemming,
        naar_gemeente=cmd.naar_gemeente,
        reden=cmd.reden_code,
        origin=traject.gemeente_van_herkomst,
    )
    await end_stay(uow, ctx, current, ending)
    await uow.commit()
    return await stay_view(uow, current)


def _not_before_stay(value: datetime | None, field: str, current: Verblijf | None) -> None:
    if value is not None and current is not None and value < current.opgenomen_op:
        raise InvalidInput.field(field, "lies before the current stay began", "too-early")


async def get_verblijf(verblijf_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext) -> VerblijfView:
    found = await stay(uow, verblijf_id)
    await policy.ensure_may_see_stay(uow, who, ctx.reference, found)
    view = await stay_view(uow, found)
    await sharing.share_stays(uow, who, [found], ctx.clock())
    return view
