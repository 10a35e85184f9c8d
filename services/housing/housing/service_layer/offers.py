"""Offers: a proposal becomes an offer through the client's coordinator; accepted, declined, expired, moved into."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import ColumnElement, or_, select

from housing.adapters.orm import Aanbod, Base, Kandidaat, Voorstel, Woning
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain.explanation import explain
from housing.domain.states import AanbodStatus, KandidaatStatus, VoorstelStatus, WoningStatus
from housing.service_layer import commands as c
from housing.service_layer import policy, sharing
from housing.service_layer.context import HousingContext
from housing.service_layer.matching_round import run_round
from housing.service_layer.pool import capacity_left, lock_pool, mark_changed, to_candidate, to_unit
from housing.service_layer.views import AanbodView
from journey_platform.backdating import Recorder
from journey_platform.contracts import housing as ev
from journey_platform.errors import Conflict, Forbidden, InvalidInput, NotFound
from journey_platform.principal import Principal

Row = TypeVar("Row", bound=Base)


def aanbod_view(aanbod: Aanbod, *, with_case: bool) -> AanbodView:
    """A supplier sees the offer, not the client's needs in the explanation."""
    view = AanbodView.model_validate(aanbod)
    return view if with_case else view.model_copy(update={"uitleg": None})


async def get_or_404(uow: SqlUnitOfWork, model: type[Row], key: uuid.UUID, what: str, *, lock: bool = False) -> Row:
    query = select(model).where(model.id == key)  # type: ignore[attr-defined]  # every Row model has an `id` column
    found = await uow.session.scalar(query.with_for_update() if lock else query)
    if found is None:
        raise NotFound(f"no {what} {key}")
    return found


async def release_offer(uow: SqlUnitOfWork, aanbod: Aanbod, status: str, door: str, reden: str | None, now: datetime) -> None:
    """End an open offer; its client and unit return to the pool unless another offer holds them."""
    aanbod.status, aanbod.afgewezen_door, aanbod.reden_code, aanbod.afgehandeld_op = status, door, reden, now
    kandidaat = await uow.session.get(Kandidaat, aanbod.kandidaat_id)
    woning = await uow.session.get(Woning, aanbod.woning_id)
    assert kandidaat is not None and woning is not None
    if kandidaat.status == KandidaatStatus.aanbod and not await _open_offers(uow, Aanbod.kandidaat_id == kandidaat.id):
        kandidaat.status = KandidaatStatus.wachtend
    if woning.status == WoningStatus.aangeboden and not await _open_offers(uow, Aanbod.woning_id == woning.id):
        woning.status = WoningStatus.beschikbaar
    uow.publish(
        ev.AanbodAfgewezen(
            traject_id=kandidaat.traject_id,
            client_id=kandidaat.client_id,
            aanbod_id=aanbod.id,
            woning_id=woning.id,
            afgewezen_door=door,
            reden_code=reden,
            afgewezen_op=now,
        )
    )
    await mark_changed(uow, now)


async def _open_offers(uow: SqlUnitOfWork, condition: ColumnElement[bool]) -> list[Aanbod]:
    await uow.session.flush()
    return list(await uow.session.scalars(select(Aanbod).where(condition, Aanbod.status == AanbodStatus.gedaan)))


async def doe_aanbod(cmd: c.DoeAanbod, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> AanbodView:
    ctx = ctx.at(ctx.moment(cmd.gedaan_op, "gedaanOp", Recorder(uow, who, cmd.reden_late_registratie)))
    await lock_pool(uow)
    now = ctx.clock()
    voorstel: Voorstel | None = None
    if cmd.voorstel_id is not None:
        voorstel = await get_or_404(uow, Voorstel, cmd.voorstel_id, "proposal", lock=True)
        kandidaat_id, woning_id = voorstel.kandidaat_id, voorstel.woning_id
    else:
        kandidaat_id, woning_id = cmd.kandidaat_id, cmd.woning_id  # type: ignore[assignment]  # the command's validator requires both ids when no proposal is given
    kandidaat: Kandidaat = await get_or_404(uow, Kandidaat, kandidaat_id, "candidate", lock=True)
    policy.ensure_coordinator(who, kandidaat, ctx.reference)
    woning: Woning = await get_or_404(uow, Woning, woning_id, "unit", lock=True)
    if voorstel is not None and voorstel.status != VoorstelStatus.voorgesteld:
        raise Conflict(f"proposal is {voorstel.status}; a newer matching round replaced it or it became an offer")
    if kandidaat.status not in (KandidaatStatus.wachtend, KandidaatStatus.aanbod):
        raise Conflict(f"candidate is {kandidaat.status}")
    if woning.status not in (WoningStatus.beschikbaar, WoningStatus.aangeboden):
        raise Conflict(f"unit is {woning.status}")
    if await _open_offers(uow, (Aanbod.kandidaat_id == kandidaat.id) & (Aanbod.woning_id == woning.id)):
        raise Conflict("this unit is already offered to this client")
    verloopt_op = cmd.verloopt_op or now + timedelta(days=ctx.settings.offer_expiry_days)
    if verloopt_op <= now:
        raise InvalidInput.field("verlooptOp", "lies in the past", "past")
    area = (woning.gemeente, woning.wijk)
    explanation = explain(
        to_candidate(kandidaat, now), to_unit(woning), ctx.policy, (await capacity_left(uow, ctx, {area}))[area]
    )
    if not explanation.eligible:
        raise Conflict(f"this unit does not suit this client: {explanation.summary()}")
    supplier = sharing.recipient_of_unit(woning)  # the offer goes to it: only on the client's valid consent
    consent = await sharing.require_basis(uow, kandidaat.client_id, supplier, now) if supplier else None
    aanbod = Aanbod(
        id=uuid.uuid4(),
        voorstel_id=voorstel.id if voorstel else None,
        kandidaat_id=kandidaat.id,
        woning_id=woning.id,
        gedaan_door=who.org_id,
        uitleg=explanation.as_dict(),
        status=AanbodStatus.gedaan,
        gedaan_op=now,
        verloopt_op=verloopt_op,
        vastgelopen_op=None,
        geaccepteerd_op=None,
        afgewezen_door=None,
        reden_code=None,
        afgehandeld_op=None,
        verhuisd_op=None,
    )
    uow.session.add(aanbod)
    if voorstel is not None:
        voorstel.status = VoorstelStatus.aanbod
    if supplier and consent:
        sharing.record(uow, kandidaat, supplier, "aanbod", aanbod.id, consent, now)
    kandidaat.status, woning.status = KandidaatStatus.aanbod, WoningStatus.aangeboden
    uow.publish(
        ev.AanbodGedaan(
            traject_id=kandidaat.traject_id,
            client_id=kandidaat.client_id,
            aanbod_id=aanbod.id,
            woning_id=woning.id,
            gemeente=woning.gemeente,
            gedaan_op=now,
            verloopt_op=verloopt_op,
        )
    )
    await mark_changed(uow, now)
    await uow.commit()
    return aanbod_view(aanbod, with_case=True)


async def offer_for(uow: SqlUnitOfWork, aanbod_id: uuid.UUID) -> tuple[Aanbod, Kandidaat, Woning]:
    await lock_pool(uow)
    aanbod: Aanbod = await get_or_404(uow, Aanbod, aanbod_id, "offer", lock=True)
    kandidaat: Kandidaat = await get_or_404(uow, Kandidaat, aanbod.kandidaat_id, "candidate", lock=True)
    woning: Woning = await get_or_404(uow, Woning, aanbod.woning_id, "unit", lock=True)
    return aanbod, kandidaat, woning


async def accepteer_aanbod(
    aanbod_id: uuid.UUID, cmd: c.AccepteerAanbod, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext
) -> AanbodView:
    """The client accepts: competing offers for this client and for this unit lapse."""
    aanbod, kandidaat, woning = await offer_for(uow, aanbod_id)
    policy.ensure_coordinator(who, kandidaat, ctx.reference)
    now = ctx.moment(
        cmd.geaccepteerd_op,
        "geaccepteerdOp",
        Recorder(uow, who, cmd.reden_late_registratie),
        aanbod.gedaan_op,
        "the offer was made",
    )
    if aanbod.status != AanbodStatus.gedaan:
        raise Conflict(f"offer is {aanbod.status}")
    if aanbod.verloopt_op <= now:
        raise Conflict("offer has expired")
    aanbod.status, aanbod.geaccepteerd_op, aanbod.afgehandeld_op = AanbodStatus.geaccepteerd, now, now
    kandidaat.status, woning.status = KandidaatStatus.toegewezen, WoningStatus.toegewezen
    competing = await _open_offers(uow, or_(Aanbod.kandidaat_id == kandidaat.id, Aanbod.woning_id == woning.id))
    for other in competing:
        await release_offer(uow, other, AanbodStatus.vervallen, "vervallen", "ander-aanbod-geaccepteerd", now)
    open_proposals = await uow.session.scalars(
        select(Voorstel).where(
            Voorstel.status == VoorstelStatus.voorgesteld,
            or_(Voorstel.kandidaat_id == kandidaat.id, Voorstel.woning_id == woning.id),
        )
    )
    for voorstel in open_proposals:
        voorstel.status = VoorstelStatus.vervallen
    uow.publish(
        ev.AanbodGeaccepteerd(
            traject_id=kandidaat.traject_id,
            client_id=kandidaat.client_id,
            aanbod_id=aanbod.id,
            woning_id=woning.id,
            geaccepteerd_op=now,
        )
    )
    await uow.commit()
    return aanbod_view(aanbod, with_case=True)


async def wijs_aanbod_af(
    aanbod_id: uuid.UUID, cmd: c.WijsAanbodAf, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext
) -> AanbodView:
    """Declined by the client (through the coordinator) or by the supplier; the unit returns to the pool and
    matching runs again at once (the declined pair is never proposed again)."""
    aanbod, kandidaat, woning = await offer_for(uow, aanbod_id)
    coordinator = policy.is_coordinator(who, kandidaat, ctx.reference)
    supplier = policy.owns_unit(who, woning) and cmd.afgewezen_door is c.AfgewezenDoor.aanbieder
    if not (coordinator or supplier):
        raise Forbidden("only the client's coordinator, or the unit's supplier for its own refusal, declines an offer")
    if aanbod.status != AanbodStatus.gedaan:
        raise Conflict(f"offer is {aanbod.status}")
    if not coordinator and (to := sharing.recipient(who)):
        await sharing.share(uow, kandidaat, to, "aanbod", aanbod.id, ctx.clock())
    await release_offer(uow, aanbod, AanbodStatus.afgewezen, cmd.afgewezen_door.value, cmd.reden_code, ctx.clock())
    await run_round(uow, ctx, "afwijzing")
    await uow.commit()
    return aanbod_view(aanbod, with_case=coordinator)
