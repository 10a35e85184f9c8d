"""Housing stock: suppliers register and withdraw units, one at a time or in bulk."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from housing.adapters.orm import Aanbod, Voorstel, Woning
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain.states import AanbodStatus, VoorstelStatus, WoningStatus
from housing.service_layer import commands as c
from housing.service_layer import policy
from housing.service_layer.context import HousingContext
from housing.service_layer.offers import release_offer
from housing.service_layer.pool import lock_pool, mark_changed
from housing.service_layer.views import WoningView
from journey_platform.contracts import housing as ev
from journey_platform.errors import Conflict, Forbidden, InvalidInput, InvalidParam, NotFound
from journey_platform.paging import page_of
from journey_platform.principal import OrgType, Principal

WITHDRAWABLE = (WoningStatus.beschikbaar, WoningStatus.aangeboden)


def _invalid(cmd: c.RegistreerWoning, who: Principal, ctx: HousingContext) -> list[tuple[str, str, str]]:
    """(field, reason, code) of every field that cannot be right, whoever registers."""
    found = []
    if not ctx.reference.is_known_municipality(cmd.gemeente):
        found.append(("gemeente", "not a municipality of a region served here", "unknown-municipality"))
    if cmd.aanbieder is None and who.org_type not in policy.SUPPLIERS and cmd.aanbieder_type is not ev.Aanbieder.gemeente:
        found.append(("aanbieder", "name the supplier you register this unit for", "required"))
    return found


def _ensure_may_register(cmd: c.RegistreerWoning, who: Principal, ctx: HousingContext) -> None:
    own_type = policy.OWN_SUPPLIER_TYPE.get(who.org_type)
    if own_type is not None:
        if cmd.aanbieder_type is not own_type or cmd.aanbieder not in (None, who.org_id):
            raise Forbidden(f"a {who.org_type.value} registers only its own units")
    elif who.org_type in (OrgType.gemeente, OrgType.centrale_toegang):
        if not who.may_see_municipalities({cmd.gemeente}, ctx.reference):
            raise Forbidden(f"{cmd.gemeente} lies outside your organisation's municipalities")
    else:
        raise Forbidden("your organisation does not supply housing")


def _new_unit(cmd: c.RegistreerWoning, who: Principal, ctx: HousingContext) -> Woning:
    return Woning(
        id=uuid.uuid4(),
        aanbieder_type=cmd.aanbieder_type.value,
        aanbieder=cmd.aanbieder or who.org_id,
        geregistreerd_door=who.org_id,
        type=cmd.type.value,
        gemeente=cmd.gemeente,
        wijk=cmd.wijk,
        huur=cmd.huur,
        kamers=cmd.kamers,
        max_bewoners=cmd.max_bewoners or cmd.kamers,
        rolstoeltoegankelijk=cmd.rolstoeltoegankelijk,
        huisdieren_toegestaan=cmd.huisdieren_toegestaan,
        geschikt_voor=[g.value for g in cmd.geschikt_voor],
        begeleiding_in_de_buurt=cmd.begeleiding_in_de_buurt,
        gemeubileerd=cmd.gemeubileerd,
        beschikbaar_vanaf=cmd.beschikbaar_vanaf,
        beschikbaar_tot=cmd.beschikbaar_tot,
        status=WoningStatus.beschikbaar,
        geregistreerd_op=ctx.clock(),
        ingetrokken_op=None,
    )


async def registreer_woningen(
    cmds: list[c.RegistreerWoning], uow: SqlUnitOfWork, who: Principal, ctx: HousingContext, *, prefix: str = "woningen"
) -> list[WoningView]:
    """All or nothing: a refusal of any unit names every refused field and registers none."""
    params = [
        InvalidParam(name=f"{prefix}.{i}.{field}" if prefix else field, code=code, reason=reason)
        for i, cmd in enumerate(cmds)
        for field, reason, code in _invalid(cmd, who, ctx)
    ]
    if params:
        raise InvalidInput("; ".join(f"{p.name}: {p.reason}" for p in params), params)
    for cmd in cmds:
        _ensure_may_register(cmd, who, ctx)
    woningen = [_new_unit(cmd, who, ctx) for cmd in cmds]
    uow.session.add_all(woningen)
    for w in woningen:
        uow.publish(
            ev.WoningBeschikbaar(
                woning_id=w.id,
                aanbieder_type=ev.Aanbieder(w.aanbieder_type),
                aanbieder=w.aanbieder,
                type=ev.WoningType(w.type),
                gemeente=w.gemeente,
                wijk=w.wijk,
                huur=w.huur,
                kamers=w.kamers,
                beschikbaar_vanaf=w.beschikbaar_vanaf,
            )
        )
    await mark_changed(uow, ctx.clock())
    await uow.commit()
    return [WoningView.model_validate(w) for w in woningen]


async def registreer_woning(cmd: c.RegistreerWoning, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> WoningView:
    return (await registreer_woningen([cmd], uow, who, ctx, prefix=""))[0]


async def trek_woningen_in(ids: list[uuid.UUID], uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> list[WoningView]:
    """Withdraw units: open proposals and offers on them lapse. All or nothing."""
    await lock_pool(uow)
    found = {w.id: w for w in await uow.session.scalars(select(Woning).where(Woning.id.in_(ids)).with_for_update())}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise NotFound(f"no unit {', '.join(missing)}")
    now = ctx.clock()
    for woning in found.values():
        policy.ensure_may_manage_unit(who, woning, ctx.reference)
        if woning.status not in WITHDRAWABLE:
            raise Conflict(f"unit {woning.id} is {woning.status}; only an available or offered unit can be withdrawn")
    for woning in found.values():
        woning.status = WoningStatus.ingetrokken
        woning.ingetrokken_op = now
        for voorstel in await uow.session.scalars(
            select(Voorstel).where(Voorstel.woning_id == woning.id, Voorstel.status == VoorstelStatus.voorgesteld)
        ):
            voorstel.status = VoorstelStatus.vervallen
        for aanbod in await uow.session.scalars(
            select(Aanbod).where(Aanbod.woning_id == woning.id, Aanbod.status == AanbodStatus.gedaan)
        ):
            await release_offer(uow, aanbod, AanbodStatus.vervallen, "aanbieder", "woning-ingetrokken", now)
        uow.publish(ev.WoningIngetrokken(woning_id=woning.id, ingetrokken_op=now))
    await mark_changed(uow, now)
    await uow.commit()
    return [WoningView.model_validate(found[i]) for i in dict.fromkeys(ids)]


async def get_woning(woning_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> WoningView:
    woning = await uow.session.get(Woning, woning_id)
    if woning is None:
        raise NotFound(f"no unit {woning_id}")
    policy.ensure_may_manage_unit(who, woning, ctx.reference)
    return WoningView.model_validate(woning)


async def list_woningen(
    uow: SqlUnitOfWork, who: Principal, ctx: HousingContext, *, gemeente: str | None, status: str | None, page: int, size: int
) -> list[WoningView]:
    query = select(Woning).where(policy.woning_filter(who, ctx.reference))
    if gemeente:
        query = query.where(Woning.gemeente == gemeente)
    if status:
        query = query.where(Woning.status == status)
    query = query.order_by(Woning.geregistreerd_op.desc(), Woning.id)
    return [WoningView.model_validate(w) for w in await page_of(uow.session, query, page, size)]
